"""``archive stats`` counts the tables itself (archive.query.stats.table_counts) rather than
importing the writer for its summary: both count the same tables, in the same order."""

from __future__ import annotations

from archive.query.stats import stats, table_counts
from archive.store.writer import counts


def test_the_same_counts_as_the_writers(sample_archive):
    mine = table_counts(sample_archive)
    assert list(mine.items()) == list(counts(sample_archive).items())
    assert mine["quotes"] == 7 and stats(sample_archive)["counts"] == mine
