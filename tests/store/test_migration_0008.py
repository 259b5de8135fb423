"""Migration 0008 (corrections, correction_keys): up and down on an archive that holds data, on
SQLite and PostgreSQL; the CHECKs refuse an unknown kind or status; a correction's keys go with
it; the rows written before are untouched."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from archive.store import db


def _fill(engine) -> None:
    """One article with one quote, as an archive of revision 0007 holds them."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (id, body, raw_text, content_sha256, word_count, "
                "extractor_version, ingested_at) VALUES (1, 'b', 'b', 'abc', 1, 'x', "
                "'2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO quotes (id, article_id, speaker_kind, text, kind, start_char, "
                "end_char) VALUES (1, 1, 'none', 'the old quote', 'full', 0, 1)"
            )
        )


def _insert(conn, cid: int, kind: str = "quote_speaker", status: str = "active") -> None:
    conn.execute(
        text(
            "INSERT INTO corrections (id, kind, status, target_table, target_id, field, "
            "old_value, new_value, subject, created_at) VALUES (:id, :kind, :status, 'quotes', 1, "
            "'speaker', 'no speaker', 'an aide (unnamed)', :subject, '2026-12-02 10:00:00')"
        ),
        {"id": cid, "kind": kind, "status": status, "subject": json.dumps({"text": "q"})},
    )


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def _round_trip(engine) -> None:
    db.upgrade(engine, "0007")
    _fill(engine)
    assert not {"corrections", "correction_keys"} & _tables(engine)
    db.upgrade(engine, "0008")
    assert {"corrections", "correction_keys"} <= _tables(engine)
    indexes = {ix["name"] for ix in inspect(engine).get_indexes("corrections")}
    assert "ix_corrections_target_table_target_id" in indexes
    with engine.begin() as conn:
        _insert(conn, 1)
        conn.execute(
            text("INSERT INTO correction_keys (correction_id, key) VALUES (1, 'article:path:/a')")
        )
    for bad in ({"kind": "guess"}, {"status": "maybe"}):
        with pytest.raises(IntegrityError, match="ck_corrections_"):
            with engine.begin() as conn:
                _insert(conn, 2, **bad)
    with pytest.raises(IntegrityError):  # one key per correction once
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO correction_keys (correction_id, key) VALUES (1, 'article:path:/a')"
                )
            )
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM corrections WHERE id = 1"))
        assert conn.execute(text("SELECT COUNT(*) FROM correction_keys")).scalar() == 0
        _insert(conn, 3)
    db.downgrade(engine, "0007")
    assert not {"corrections", "correction_keys"} & _tables(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT text FROM quotes")).scalars().all() == ["the old quote"]
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM corrections")).scalar() == 0


def test_round_trip_on_sqlite(tmp_path):
    engine = db.make_engine(str(tmp_path / "a.db"))
    _round_trip(engine)
    engine.dispose()


def test_round_trip_on_postgres(pg_url):
    engine = db.make_engine(pg_url)
    _round_trip(engine)
    db.downgrade(engine, "base")
    engine.dispose()
