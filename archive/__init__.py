"""archive: a database-backed news archive (who said what, where, reported by which outlet)."""

__version__ = "0.1.0"
# Bumped whenever extraction rules change in a way that changes stored results.
EXTRACTOR_VERSION = "1"
