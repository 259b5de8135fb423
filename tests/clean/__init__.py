"""Tests of :mod:`archive.clean`."""
