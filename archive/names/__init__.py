"""Personal names, the one notion shared by the extractors, the store and the queries: titles,
particles, folding, and the identity keys that join forms of one name."""
