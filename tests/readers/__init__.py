"""Tests of :mod:`archive.readers`."""
