"""Corrections in the web UI: the start page lists them, the pages of a corrected person or
quote mark the value; a database without the corrections table shows none."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from archive.store import models
from tests.serve import get

needs_corrections = pytest.mark.skipif(
    not hasattr(models, "Correction"), reason="no corrections table (migration 0008) yet"
)


def _correct(path: str, **values) -> None:
    row = {
        "kind": "person_rename",
        "status": "active",
        "target_table": "people",
        "field": "name",
        "subject": "{}",
        "created_at": "2026-12-02 10:00:00",
        "note": None,
        **values,
    }
    with sqlite3.connect(path) as conn:
        conn.execute(
            f"INSERT INTO corrections ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )


def _site(path: str):
    from archive.serve.site import make_datasette

    datasette = make_datasette(path, tiles="none")
    asyncio.run(datasette.invoke_startup())
    return datasette


@needs_corrections
def test_no_corrections_yet(site):
    page = get(site, "/").text
    assert "<h2>Corrections</h2>" in page and "No corrections made by hand yet" in page
    assert 'class="corrected"' not in get(site, "/person/1").text


@needs_corrections
def test_corrected_person_and_quote_are_marked(archive_file):
    with sqlite3.connect(archive_file) as conn:
        pid = conn.execute("SELECT id FROM people WHERE name = 'Dmitry Peskov'").fetchone()[0]
        qid = conn.execute("SELECT id FROM quotes WHERE speaker_id = ?", (pid,)).fetchone()[0]
    _correct(
        archive_file,
        target_id=pid,
        old_value="Dmitri Peskov",
        new_value="Dmitry Peskov",
        note="spelling",
    )
    _correct(
        archive_file,
        kind="quote_speaker",
        target_table="quotes",
        target_id=qid,
        field="speaker",
        old_value="Vladimir Putin",
        new_value="Dmitry Peskov",
    )
    _correct(
        archive_file,
        status="undone",
        target_id=pid,
        old_value="Peskov",
        new_value="D. Peskov",
        undone_at="2026-12-02 11:00:00",
    )
    site = _site(archive_file)
    start = get(site, "/").text
    assert "3 corrections</a> made by hand (2 in force)" in start
    assert f'<a href="/person/{pid}">people {pid}</a>' in start
    assert f'<a href="/quote/{qid}">quotes {qid}</a>' in start
    person = get(site, f"/person/{pid}").text
    assert 'class="corrected" title="corrected by hand: was Dmitri Peskov (spelling)"' in person
    assert "<del>Dmitri Peskov</del> → <ins>Dmitry Peskov</ins>" in person
    assert 'class="undone"' in person  # the undone one is listed, not marked
    quote = get(site, f"/quote/{qid}").text
    speaker = quote[quote.index('<dd class="speaker">') :].split("</dd>")[0]
    assert 'class="corrected" title="corrected by hand: was Vladimir Putin"' in speaker
    assert get(site, "/archive/corrections.json").json()["filtered_table_rows_count"] == 3


def test_database_without_the_corrections_table(archive_file):
    with sqlite3.connect(archive_file) as conn:
        conn.execute("DROP TABLE IF EXISTS correction_keys")
        conn.execute("DROP TABLE IF EXISTS corrections")
    site = _site(archive_file)
    assert "<h2>Corrections</h2>" not in get(site, "/").text
    assert get(site, "/person/1").status_code == 200
    assert get(site, "/quote/1").status_code == 200


@needs_corrections
def test_corrections_made_by_the_store_are_shown(archive_file):
    """`archive people rename` and `archive quote speaker`, as the store makes them."""
    from archive.kinds import SpeakerKind
    from archive.store.correct_people import make_rename
    from archive.store.correct_quotes import make_speaker
    from archive.store.corrections import correct
    from archive.store.db import make_engine

    with sqlite3.connect(archive_file) as conn:
        pid = conn.execute("SELECT id FROM people WHERE name = 'Dmitry Peskov'").fetchone()[0]
        qid = conn.execute("SELECT id FROM quotes WHERE text LIKE '%DROP TABLE%'").fetchone()[0]
    engine = make_engine(archive_file)
    try:
        correct(engine, make_rename, pid, "Dmitry S. Peskov", "his full name")
        correct(engine, make_speaker, qid, SpeakerKind.PERSON, pid, None)
    finally:
        engine.dispose()
    site = _site(archive_file)
    person = get(site, f"/person/{pid}").text
    assert "Dmitry S. Peskov" in person
    assert 'title="corrected by hand: was Dmitry Peskov (his full name)"' in person
    assert 'title="the speaker of this quote was set by hand"' in person  # the slogan, now his
    quote = get(site, f"/quote/{qid}").text
    speaker = quote[quote.index('<dd class="speaker">') :].split("</dd>")[0]
    assert f'<a href="/person/{pid}">Dmitry S. Peskov</a>' in speaker
    assert 'class="corrected"' in speaker
    start = get(site, "/").text
    assert "2 corrections</a> made by hand (2 in force)" in start
