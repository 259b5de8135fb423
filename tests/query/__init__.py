"""Tests of :mod:`archive.query`."""
