"""Corrections survive ``archive ingest`` (the whole pipeline, NLP included): an invented article
is ingested, two people merged and a quote moved to another speaker by hand; the file is edited
and ingested again (it replaces the old version), and both corrections still hold."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from archive.cli.app import app

runner = CliRunner()

ARTICLE = """Finance minister presents balanced budget

STOCKHOLM — Finance Minister Anna Berg presented the government's budget on Monday.

"The budget is balanced for the first time in a decade," Berg told reporters in Stockholm.

Her deputy, Peter Holm, was more cautious. "We still have hard choices ahead," Holm said.

Anna Lindqvist, as the minister signed her first decrees, said last year that taxes would not \
rise. "We will not raise taxes this year," Lindqvist said on Monday.

Opposition leader Karl Ström called the plan "a fantasy."
"""
EDITED = (
    ARTICLE.replace("on Monday.", "on Tuesday.", 1).replace(
        "was more cautious.", "was more cautious in an interview."
    )
    + "\nThe parliament votes on the budget next month.\n"
)
HARD_CHOICES = "We still have hard choices ahead,"
NO_TAXES = "We will not raise taxes this year,"


def run(db: str, *args: str) -> str:
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def speakers(db: str) -> dict[str, str]:
    quotes = json.loads(run(db, "quotes", "--format", "json", "--limit", "0"))
    return {q["quote"]: q["speaker"] for q in quotes}


def test_merge_and_speaker_survive_the_edited_article(tmp_path):
    db = str(tmp_path / "archive.db")
    path = tmp_path / "budget.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    run(db, "ingest", str(path), "-q")
    assert speakers(db)[HARD_CHOICES] == "Peter Holm"
    assert speakers(db)[NO_TAXES] == "Anna Lindqvist"

    run(db, "people", "merge", "Anna Berg", "Anna Lindqvist", "--note", "her married name")
    quotes = json.loads(run(db, "quotes", "--format", "json", "--limit", "0"))
    (hard,) = [q["quote_id"] for q in quotes if q["quote"] == HARD_CHOICES]
    run(db, "quote", "speaker", str(hard), "Karl Ström")
    assert speakers(db)[HARD_CHOICES] == "Karl Ström"
    assert speakers(db)[NO_TAXES] == "Anna Berg"

    path.write_text(EDITED, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0 and "1 replaced" in result.stderr, result.stderr
    assert speakers(db)[HARD_CHOICES] == "Karl Ström"
    assert speakers(db)[NO_TAXES] == "Anna Berg"
    people = {p["name"] for p in json.loads(run(db, "people", "--format", "json"))}
    assert "Anna Lindqvist" not in people and {"Anna Berg", "Karl Ström"} <= people
    listed = json.loads(run(db, "corrections", "--format", "json"))
    assert [c["status"] for c in listed] == ["active", "active"]
    assert all(c["target_id"] is not None for c in listed)
