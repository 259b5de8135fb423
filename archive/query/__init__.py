"""The read side: one module per question the CLI answers (people, quotes, articles, places,
search, sql, stats, export, catalog). Functions take an engine and return rows."""
