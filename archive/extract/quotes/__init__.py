"""Quotes in one article: quotation marks, reporting cues, speaker resolution, follow-up quotes,
statement identity."""
