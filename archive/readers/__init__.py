"""Readers: files, folders and stdin in, :class:`archive.records.RawDocument` out (format detection,
decoding)."""
