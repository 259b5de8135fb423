"""Tests of :mod:`archive.extract`."""
