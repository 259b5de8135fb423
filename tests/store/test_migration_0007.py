"""Migration 0007 (quotes.confidence): up and down on an archive that holds data, on SQLite and
PostgreSQL; the CHECK refuses values outside [0, 1]; the quote_attributions view gains the column
and loses it again; on SQLite the full-text triggers on quotes survive (no batch copy)."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from archive.store import db

OLD_VIEW_COLUMNS = [
    "quote_id",
    "quote",
    "quote_kind",
    "speaker",
    "speaker_kind",
    "speaker_id",
    "cue",
    "medium",
    "statement_id",
    "outlet",
    "wire",
    "article_id",
    "article_title",
    "published_at",
    "file_name",
]
NEW_VIEW_COLUMNS = [*OLD_VIEW_COLUMNS[:6], "confidence", *OLD_VIEW_COLUMNS[6:]]


def _fill(engine) -> None:
    """One article with one quote, written as an archive of revision 0006 holds them."""
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO sources (id, name, kind) VALUES (1, 'Daily Bugle', 'outlet')")
        )
        conn.execute(
            text(
                "INSERT INTO articles (id, source_id, body, raw_text, content_sha256, word_count, "
                "extractor_version, ingested_at) VALUES (1, 1, 'b', 'b', 'abc', 1, 'x', "
                "'2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO quotes (id, article_id, speaker_kind, text, kind, start_char, "
                "end_char) VALUES (1, 1, 'none', 'the old quote', 'full', 0, 1)"
            )
        )


def _insert_quote(conn, qid: int, confidence, words: str = "a new quote") -> None:
    conn.execute(
        text(
            "INSERT INTO quotes (id, article_id, speaker_kind, text, kind, start_char, end_char, "
            "confidence) VALUES (:id, 1, 'none', :words, 'full', 0, 1, :c)"
        ),
        {"id": qid, "words": words, "c": confidence},
    )


def _view_columns(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT * FROM quote_attributions")).keys())


def _quote_columns(engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("quotes")}


def _sqlite_triggers(engine) -> set[str]:
    with engine.connect() as conn:
        return set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )


def _round_trip(engine) -> None:
    """0006 with data -> head -> 0006 -> head, checking the column, its CHECK, the view."""
    db.upgrade(engine, "0006")
    _fill(engine)
    assert _view_columns(engine) == OLD_VIEW_COLUMNS
    db.upgrade(engine, "0007")
    assert "confidence" in _quote_columns(engine)
    assert _view_columns(engine) == NEW_VIEW_COLUMNS
    names = {ix["name"] for ix in inspect(engine).get_indexes("quotes")}
    assert "ix_quotes_speaker_id_confidence" in names
    with engine.connect() as conn:  # the quote written before keeps its row, with no confidence
        assert conn.execute(text("SELECT text, confidence FROM quotes")).all() == [
            ("the old quote", None)
        ]
    for bad in (1.5, -0.1):
        with pytest.raises(IntegrityError, match="ck_quotes_confidence"):
            with engine.begin() as conn:
                _insert_quote(conn, 2, bad)
    with engine.begin() as conn:
        for qid, ok in ((2, 0.0), (3, 1.0), (4, 0.875), (5, None)):
            _insert_quote(conn, qid, ok)
    with engine.connect() as conn:
        assert conn.execute(
            text("SELECT quote_id, confidence FROM quote_attributions ORDER BY quote_id")
        ).all() == [(1, None), (2, 0.0), (3, 1.0), (4, 0.875), (5, None)]
    db.downgrade(engine, "0006")
    assert "confidence" not in _quote_columns(engine)
    assert _view_columns(engine) == OLD_VIEW_COLUMNS
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM quote_attributions")).scalar() == 5
    with engine.begin() as conn:  # and without the column, no CHECK is left behind
        conn.execute(
            text(
                "INSERT INTO quotes (id, article_id, speaker_kind, text, kind, start_char, "
                "end_char) VALUES (6, 1, 'none', 'after the downgrade', 'full', 0, 1)"
            )
        )
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision(engine)
    assert _view_columns(engine) == NEW_VIEW_COLUMNS


def test_round_trip_on_sqlite(tmp_path):
    engine = db.make_engine(str(tmp_path / "a.db"))
    db.upgrade(engine, "0006")
    triggers = _sqlite_triggers(engine)
    assert {"quotes_fts_ai", "quotes_fts_ad", "quotes_fts_au"} <= triggers
    engine.dispose()
    engine = db.make_engine(str(tmp_path / "b.db"))
    _round_trip(engine)
    # the column was added in place: the full-text triggers on quotes are still there and work
    assert _sqlite_triggers(engine) == triggers
    with engine.begin() as conn:
        _insert_quote(conn, 7, 0.5, words="zanzibar marmalade")
    with engine.connect() as conn:
        hits = conn.execute(
            text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'marmalade'")
        ).scalars()
        assert list(hits) == [7]
        # the CHECK is named by the naming convention, in the table's SQL
        sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'quotes'")).scalar()
    assert "CONSTRAINT ck_quotes_confidence CHECK" in sql
    engine.dispose()


def test_round_trip_on_postgres(pg_url):
    engine = db.make_engine(pg_url)
    _round_trip(engine)
    checks = {c["name"] for c in inspect(engine).get_check_constraints("quotes")}
    assert "ck_quotes_confidence" in checks
    db.downgrade(engine, "base")
    engine.dispose()
