"""Tests of :mod:`archive.names`."""
