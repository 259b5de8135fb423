"""The same story ingested as .html and as .txt is one story: the export's ``duplicate_of``
links the later copy to the earlier one, and ``quotes --speaker`` lists each statement once;
every stored date parses as ISO 8601 (an invented page and its text)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner

from archive.cli.app import app
from archive.store import db

FIX = Path(__file__).parents[1] / "fixtures" / "copies"
runner = CliRunner()


def _run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_html_and_text_of_one_story(tmp_path):
    path = str(tmp_path / "a.db")
    _run("ingest", str(FIX), "--db", path, "-j", "1", "-q")
    records = {
        r["file"]: r
        for r in map(json.loads, _run("export", "--format", "jsonl", "--db", path).splitlines())
    }
    assert set(records) == {"ferry.txt", "harbour.html", "harbour.txt"}
    html, txt = records["harbour.html"], records["harbour.txt"]
    # files are read in sorted order: harbour.html is stored first, its text is the copy
    assert html["duplicate_of"] is None and txt["duplicate_of"] == html["id"]
    assert records["ferry.txt"]["duplicate_of"] is None
    assert html["source"] == "Tarnside Examiner"
    assert html["authors"] == ["Morwenna Pascoe", "Devran Okafor"]
    rows = json.loads(
        _run("quotes", "--speaker", "Katrin Solberg", "--format", "json", "--db", path)
    )
    assert rows and all(r["article_id"] == html["id"] for r in rows)
    said = [r["quote"] for r in rows]
    assert len(said) == len(set(said))  # each statement once
    article = json.loads(_run("article", str(html["id"]), "--format", "json", "--db", path))
    assert [c["article_id"] for c in article["copies"]] == [txt["id"]]
    engine = db.make_engine(path)
    with engine.connect() as conn:
        stamps = conn.execute(text("SELECT published_at FROM articles")).scalars().all()
    engine.dispose()
    for value in filter(None, stamps):
        (datetime.fromisoformat if "T" in value else date.fromisoformat)(value)
    assert "2025-03-04T08:15:00+00:00" in stamps
