"""Extractors: pure functions over an article's text (no database), one subpackage per kind of
fact: people, places, quotes."""
