"""Tests of :mod:`archive.cli` and of the documentation of its commands."""
