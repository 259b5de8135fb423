"""Tests of :mod:`archive.serve`: the archive's pages in Datasette (its test client) and in a
real browser (headless Chromium)."""

from __future__ import annotations

import asyncio

# the sample's Zelensky quote in the BBC article gets a confidence, to be shown
CONFIDENT_QUOTE = 0.973


def write_sample_archive(path: str) -> str:
    """The handmade sample archive (``tests.helpers.sample_extractions``) written to the SQLite
    file PATH, one BBC quote with a confidence; returns PATH, no engine left open."""
    from sqlalchemy import text

    from archive.store import db
    from archive.store.writer import Store
    from tests.helpers import sample_extractions

    engine = db.make_engine(path)
    try:
        db.upgrade(engine)
        store = Store(engine)
        for ex in sample_extractions():
            assert store.save(ex).status == "added"
        with engine.begin() as conn:
            conn.execute(
                text(
                    "UPDATE quotes SET confidence = :c WHERE speaker_text = 'Zelensky' "
                    "AND article_id = (SELECT id FROM articles WHERE path LIKE 'bbc/%')"
                ),
                {"c": CONFIDENT_QUOTE},
            )
    finally:
        engine.dispose()
    return path


def get(datasette, path: str):
    """GET PATH from DATASETTE's test client (no server, no network)."""
    return asyncio.run(datasette.client.get(path))
