"""The pipeline: extraction of a batch of documents (in worker processes) and ingest, which writes
each article through the store."""
