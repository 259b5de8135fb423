"""The store: the ORM models, the engine and its write lock, and the writer that puts one article
into the database in one transaction (people, places, sources, statements across articles)."""
