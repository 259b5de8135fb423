"""Tests of :mod:`archive.store`."""
