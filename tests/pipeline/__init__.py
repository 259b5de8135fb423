"""Tests of :mod:`archive.pipeline`."""
