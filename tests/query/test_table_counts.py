"""``archive stats`` counts the tables itself (archive.query.stats.table_counts, which the
store's summary archive.store.writer.counts is too) rather than importing the writer."""

from __future__ import annotations

from sqlalchemy import text

from archive.query.stats import COUNTED_TABLES, stats, table_counts


def test_every_main_table_counted_in_order(sample_archive):
    mine = table_counts(sample_archive)
    assert list(mine) == list(COUNTED_TABLES)
    with sample_archive.connect() as conn:
        for name, n in mine.items():
            assert n == conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one(), name
    assert mine["quotes"] == 7 and stats(sample_archive)["counts"] == mine
