"""Migration 0010: stored dates converted to ISO 8601 in UTC (the value before kept in
published_at_raw), duplicate_of and the MinHash bands table added in place (the full-text
triggers on articles survive) and dropped again; and every date the store writes parses."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import inspect, text

from archive.store import db
from archive.store.writer import Store
from tests.helpers import make_extraction

OLD_DATES = {
    1: "2024-03-02T10:30:00",  # naive: taken as UTC
    2: "2024-03-02T23:30:00-05:00",  # an offset: the next day in UTC
    3: "2024-03-02",
    4: "2024-03-02T09:00:00Z",
    5: "someday",
}
NEW_DATES = {
    1: "2024-03-02T10:30:00+00:00",
    2: "2024-03-03T04:30:00+00:00",
    3: "2024-03-02",
    4: "2024-03-02T09:00:00+00:00",
    5: None,
}


def _fill(engine) -> None:
    with engine.begin() as conn:
        for i, value in OLD_DATES.items():
            conn.execute(
                text(
                    "INSERT INTO articles (id, body, raw_text, content_sha256, word_count, "
                    "extractor_version, ingested_at, published_at) VALUES (:i, 'b', 'b', :h, 1, "
                    "'x', '2026-01-01 00:00:00', :p)"
                ),
                {"i": i, "h": f"h{i}", "p": value},
            )


def _triggers(engine) -> set[str]:
    if engine.dialect.name != "sqlite":
        return set()
    with engine.connect() as conn:
        return set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )


def test_0010_converts_dates_and_round_trips(tmp_path):
    check_round_trip(db.make_engine(str(tmp_path / "a.db")))


def test_0010_on_postgres(pg_url):
    check_round_trip(db.make_engine(pg_url))


def check_round_trip(engine) -> None:
    db.upgrade(engine, "0009")
    _fill(engine)
    triggers = _triggers(engine)
    db.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, published_at, published_at_raw FROM articles")).all()
        conn.execute(text("UPDATE articles SET duplicate_of = 1 WHERE id = 2"))
        conn.commit()
    assert {i: p for i, p, _ in rows} == NEW_DATES
    assert {i: r for i, _, r in rows} == OLD_DATES
    assert _triggers(engine) == triggers  # no batch copy of articles
    columns = {c["name"] for c in inspect(engine).get_columns("articles")}
    assert {"duplicate_of", "published_at_raw"} <= columns
    assert "article_minhash_bands" in inspect(engine).get_table_names()
    db.downgrade(engine, "0009")
    columns = {c["name"] for c in inspect(engine).get_columns("articles")}
    assert "duplicate_of" not in columns and "published_at_raw" not in columns
    assert "article_minhash_bands" not in inspect(engine).get_table_names()
    assert _triggers(engine) == triggers
    db.upgrade(engine)
    engine.dispose()


def test_every_stored_date_parses_as_iso_8601(tmp_path):
    engine = db.make_engine(str(tmp_path / "b.db"))
    db.upgrade(engine)
    store = Store(engine)
    inputs = ["2024-05-01T08:00:00", "2024-05-01T08:00:00+02:00", "1 May 2024", "2024-05-01", "x"]
    for i, value in enumerate(inputs):
        body = f"Story number {i} about the harbour works and what the council decided."
        store.save(make_extraction(body, path=f"{i}.txt", published_at=value))
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT published_at, published_at_raw FROM articles")).all()
    stored = [p for p, _ in rows]
    assert stored == [
        "2024-05-01T08:00:00+00:00",
        "2024-05-01T06:00:00+00:00",
        "2024-05-01",
        "2024-05-01",
        None,
    ]
    assert [r for _, r in rows] == inputs
    for value in filter(None, stored):
        (datetime.fromisoformat if "T" in value else date.fromisoformat)(value)
    engine.dispose()
