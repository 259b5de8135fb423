"""quotes.confidence on the read side: the store writes it, the export, ``quotes``, ``person`` and
``article`` show it, and ``--min-confidence`` keeps the quotes at least that likely to name the
right speaker (the same rows whichever plan runs; the partial index serves only that filter)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import event, text
from typer.testing import CliRunner

from archive.cli.app import app
from archive.query import articles, people, profile, quotes
from archive.query.export import article_records
from archive.store.writer import Store
from tests.helpers import PESKOV_SAID, PUTIN_SAID, SQL_QUOTE, ZELENSKY_SAID, sample_extractions

# the confidence of each quote of sample_extractions(), by article path and quoted words
CONFIDENCE = {
    ("kyiv/zelenskyy.txt", ZELENSKY_SAID): 0.95,
    ("bbc/zelensky-putin.txt", ZELENSKY_SAID): 0.55,
    ("bbc/zelensky-putin.txt", PUTIN_SAID): 0.81234,  # stored to 3 decimals: 0.812
    ("guardian/peskov.txt", ZELENSKY_SAID): 0.9,
    ("guardian/peskov.txt", PESKOV_SAID): 0.6,
    ("guardian/peskov.txt", SQL_QUOTE): 0.3,
    ("tass/putin.txt", PUTIN_SAID): None,  # not computed
}

runner = CliRunner()


@pytest.fixture
def confident_archive(archive_engine):
    """The sample archive with a confidence on each quote (CONFIDENCE)."""
    store = Store(archive_engine)
    for ex in sample_extractions():
        for q in ex.quotes:
            q.confidence = CONFIDENCE[(ex.doc.path, q.text)]
        assert store.save(ex).status == "added"
    return archive_engine


def _run(engine, *args):
    return runner.invoke(app, [*args, "--db", engine.url.database])


def _json(engine, *args):
    result = _run(engine, *args, "--format", "json")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def _pairs(rows) -> list[tuple[str, float | None]]:
    return sorted(((r["quote"], r["confidence"]) for r in rows), key=lambda p: (p[0], p[1] or 0))


def test_store_writes_the_confidence_to_three_decimals(confident_archive):
    with confident_archive.connect() as conn:
        stored = conn.execute(
            text(
                "SELECT a.path, q.text, q.confidence FROM quotes q "
                "JOIN articles a ON a.id = q.article_id"
            )
        ).all()
    expected = {k: None if v is None else round(v, 3) for k, v in CONFIDENCE.items()}
    assert {(path, words): c for path, words, c in stored} == expected
    assert expected[("bbc/zelensky-putin.txt", PUTIN_SAID)] == 0.812


def test_export_carries_the_confidence(confident_archive):
    got = {
        (rec["path"], q["text"]): q["confidence"]
        for rec in article_records(confident_archive)
        for q in rec["quotes"]
    }
    assert got == {k: None if v is None else round(v, 3) for k, v in CONFIDENCE.items()}
    line = _run(confident_archive, "export", "--format", "jsonl").stdout.splitlines()[0]
    assert all("confidence" in q for q in json.loads(line)["quotes"])


def test_quotes_show_the_confidence_and_filter_by_it(confident_archive):
    every = quotes.quotes(confident_archive, limit=None)
    assert len(every) == 7 and {r["confidence"] for r in every} >= {0.95, 0.3, None}
    assert _pairs(quotes.quotes(confident_archive, min_confidence=0.8, limit=None)) == [
        (PUTIN_SAID, 0.812),
        (ZELENSKY_SAID, 0.9),
        (ZELENSKY_SAID, 0.95),
    ]
    # the bound is inclusive; a quote without a confidence is left out even by 0
    assert [r["confidence"] for r in quotes.quotes(confident_archive, min_confidence=0.9)] == [
        0.9,
        0.95,
    ]
    assert len(quotes.quotes(confident_archive, min_confidence=0.0, limit=None)) == 6
    assert quotes.quotes(confident_archive, min_confidence=1.0) == []
    # with the other filters
    assert _pairs(quotes.quotes(confident_archive, speaker="Putin", min_confidence=0.5)) == [
        (PUTIN_SAID, 0.812)
    ]
    assert _pairs(quotes.quotes(confident_archive, source="Guardian", min_confidence=0.5)) == [
        (PESKOV_SAID, 0.6),
        (ZELENSKY_SAID, 0.9),
    ]
    assert quotes.quotes(confident_archive, search="DROP TABLE", min_confidence=0.5) == []
    assert _pairs(quotes.quotes(confident_archive, place="Kyiv", min_confidence=0.9)) == [
        (ZELENSKY_SAID, 0.95)
    ]


@pytest.fixture
def both_plans(monkeypatch):
    """Run a call with the newest-first walk forced on and off."""

    def run(call):
        out = []
        for walk in (True, False):
            for module in (articles, quotes, profile):
                monkeypatch.setattr(module, "newest_first_is_cheaper", lambda *a, walk=walk: walk)
            out.append(call())
        return out

    return run


@pytest.mark.parametrize("speaker", ["Zelenskyy", "Mr Putin", "Peskov"])
@pytest.mark.parametrize("least", [0.0, 0.56, 0.9, 0.99])
def test_min_confidence_gives_the_same_rows_with_either_plan(
    confident_archive, both_plans, speaker, least
):
    for limit in (1, 2, 100):
        walked, sorted_ = both_plans(
            lambda: quotes.quotes(
                confident_archive, speaker=speaker, min_confidence=least, limit=limit
            )
        )
        assert walked == sorted_
        assert all(r["confidence"] >= least for r in walked)
    every = quotes.quotes(confident_archive, speaker=speaker, limit=None)
    assert _pairs(walked) == _pairs(
        r for r in every if r["confidence"] is not None and r["confidence"] >= least
    )


@pytest.mark.parametrize("least", [0.0, 0.56, 0.9, 0.99, 1.0])
def test_min_confidence_alone_walks_to_the_same_rows(confident_archive, least):
    """Without a speaker, the newest articles with a confident quote are walked (limit given);
    the rows are those of the one sorted statement (no limit)."""
    every = quotes.quotes(confident_archive, min_confidence=least, limit=None)
    assert all(r["confidence"] >= least for r in every)
    for limit in (1, 2, 3, 100):
        assert quotes.quotes(confident_archive, min_confidence=least, limit=limit) == every[:limit]


def _plans(engine, call) -> str:
    """EXPLAIN QUERY PLAN of every SELECT that CALL runs, as one text."""
    seen = []

    def capture(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    with engine.connect() as conn:
        return "\n".join(
            str(row[-1])
            for statement, params in seen
            for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
        )


def test_the_confidence_index_serves_only_the_confidence_filter(confident_archive, monkeypatch):
    """The partial index on (speaker_id, confidence) leaves the plans without the filter as they
    were (``quotes --speaker``, ``person``), is kept out of the look-ups by article of the
    newest-first walk, and serves the count and the read of a speaker's confident quotes."""
    index = "ix_quotes_speaker_id_confidence"
    pid = people.resolve_person(confident_archive, "Zelenskyy")[0]["person_id"]
    by_speaker = _plans(  # the plan choice itself: an index-only count
        confident_archive,
        lambda: quotes.quotes(confident_archive, speaker="Zelenskyy", min_confidence=0.9),
    )
    assert f"COVERING INDEX {index} (speaker_id=? AND confidence>?)" in by_speaker
    for walk in (True, False):
        for module in (quotes, profile):
            monkeypatch.setattr(module, "newest_first_is_cheaper", lambda *a, walk=walk: walk)
        plain = _plans(
            confident_archive,
            lambda: (
                quotes.quotes(confident_archive, speaker="Zelenskyy", limit=2),
                profile.person_profile(confident_archive, pid, window=1),
                profile.person_profile(confident_archive, pid, window=1, min_confidence=0.5),
            ),
        )
        assert index not in plain
        filtered = _plans(
            confident_archive,
            lambda: quotes.quotes(
                confident_archive, speaker="Zelenskyy", min_confidence=0.5, limit=2
            ),
        )
        if walk:  # the newest articles' quotes: by article, not every confident quote
            assert index not in filtered
            assert "ix_quotes_article_id_speaker_id (article_id=? AND speaker_id=?)" in filtered
        else:  # few: read from the index
            assert f"INDEX {index} (speaker_id=? AND confidence>?)" in filtered


def test_person_shows_the_confidence_and_filters_statements_by_it(confident_archive):
    pid = people.resolve_person(confident_archive, "Mr Putin")[0]["person_id"]
    prof = profile.person_profile(confident_archive, pid)
    (st,) = prof["statements"]
    assert [q["confidence"] for q in st["quotes"]] == [None, 0.812]  # TASS (Feb 20), then BBC
    assert st["confidence"] == 0.812 and prof["min_confidence"] is None
    filtered = profile.person_profile(confident_archive, pid, min_confidence=0.8)
    (st,) = filtered["statements"]
    assert [(q["outlet"], q["confidence"]) for q in st["quotes"]] == [("BBC News", 0.812)]
    assert st["outlets"] == ["BBC News"] and st["outlet_count"] == st["quote_count"] == 1
    assert filtered["outlets"] == [{"outlet": "BBC News", "quotes": 1, "statements": 1}]
    assert filtered["quote_count"] == prof["quote_count"] == 2  # counts: over all quotes
    none = profile.person_profile(confident_archive, pid, min_confidence=0.9)
    assert none["statements"] == [] and none["outlets"] == []

    rec = _json(confident_archive, "person", "Mr Putin", "--min-confidence", "0.8")
    assert rec["min_confidence"] == 0.8
    assert [q["confidence"] for s in rec["statements"] for q in s["quotes"]] == [0.812]
    rows = list(
        csv.DictReader(
            io.StringIO(_run(confident_archive, "person", "Zelenskyy", "--format", "csv").stdout)
        )
    )
    assert sorted(r["confidence"] for r in rows) == ["0.55", "0.9", "0.95"]
    table = _run(confident_archive, "person", "Zelenskyy", "--min-confidence", "0.9").stdout
    assert "confidence" in table and "0.95" in table
    assert "confidence >= 0.9 only" in table
    result = _run(confident_archive, "person", "Zelenskyy", "--min-confidence", "2")
    assert result.exit_code == 2 and "--min-confidence" in result.output


def test_article_shows_each_quotes_confidence(confident_archive):
    (guardian,) = [a["article_id"] for a in articles.articles(confident_archive, source="Guardian")]
    rec = articles.article(confident_archive, guardian)
    assert [(q["quote"], q["confidence"]) for q in rec["quotes"]] == [
        (ZELENSKY_SAID, 0.9),
        (PESKOV_SAID, 0.6),
        (SQL_QUOTE, 0.3),
    ]
    rows = list(
        csv.DictReader(
            io.StringIO(_run(confident_archive, "article", str(guardian), "--format", "csv").stdout)
        )
    )
    assert [r["confidence"] for r in rows] == ["0.9", "0.6", "0.3"]
    table = _run(confident_archive, "article", str(guardian)).stdout
    assert "confidence" in table and "0.6" in table and "0.3" in table


def test_quotes_command_min_confidence(confident_archive):
    rows = _json(confident_archive, "quotes", "--min-confidence", "0.8")
    assert _pairs(rows) == [(PUTIN_SAID, 0.812), (ZELENSKY_SAID, 0.9), (ZELENSKY_SAID, 0.95)]
    lines = _run(confident_archive, "quotes", "--min-confidence", "0.8", "--format", "jsonl")
    assert sorted(json.loads(x)["confidence"] for x in lines.stdout.splitlines()) == [
        0.812,
        0.9,
        0.95,
    ]
    out = _run(confident_archive, "quotes", "--speaker", "Peskov", "--format", "csv").stdout
    assert [r["confidence"] for r in csv.DictReader(io.StringIO(out))] == ["0.6"]
    table = _run(confident_archive, "quotes", "--min-confidence", "0.9").stdout
    assert "confidence" in table and "0.95" in table and "0.812" not in table
    # every quote is listed without the filter, those without a confidence too
    assert len(_json(confident_archive, "quotes")) == 7
    for bad in ("1.5", "-0.2", "high"):
        result = _run(confident_archive, "quotes", "--min-confidence", bad)
        assert result.exit_code == 2, bad
        assert "Invalid value for '--min-confidence'" in result.output
        assert result.stdout == ""


def test_on_postgres(pg_url, both_plans):
    """The same filter and columns on PostgreSQL (``confidence + 0`` included)."""
    pytest.importorskip("psycopg")
    from archive.store import db

    engine = db.make_engine(pg_url)
    db.upgrade(engine)
    store = Store(engine)
    for ex in sample_extractions():
        for q in ex.quotes:
            q.confidence = CONFIDENCE[(ex.doc.path, q.text)]
        assert store.save(ex).status == "added"
    for speaker in (None, "Zelenskyy"):
        walked, sorted_ = both_plans(
            lambda: quotes.quotes(engine, speaker=speaker, min_confidence=0.8, limit=2)
        )
        assert walked == sorted_ and all(r["confidence"] >= 0.8 for r in walked)
    assert _pairs(quotes.quotes(engine, min_confidence=0.8)) == [
        (PUTIN_SAID, 0.812),
        (ZELENSKY_SAID, 0.9),
        (ZELENSKY_SAID, 0.95),
    ]
    pid = people.resolve_person(engine, "Mr Putin")[0]["person_id"]
    (st,) = profile.person_profile(engine, pid, min_confidence=0.8)["statements"]
    assert [q["confidence"] for q in st["quotes"]] == [0.812]
    got = sorted((q["confidence"] or 0) for rec in article_records(engine) for q in rec["quotes"])
    assert got == sorted(round(v or 0, 3) for v in CONFIDENCE.values())
    engine.dispose()
