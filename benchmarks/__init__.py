"""Benchmarks for archive: run with `.venv/bin/python benchmarks/run.py` (see README.md)."""
