"""Cleaning: a raw document becomes a :class:`archive.records.CleanArticle` (page header and body,
bylines and credits, dates, outlets and wire agencies)."""
