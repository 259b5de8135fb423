"""Places in one article: candidates from the text, resolved against the offline gazetteer."""
