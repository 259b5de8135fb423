"""Every query command driven through Typer's CliRunner on the handmade archive (conftest.py)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from archive.cli.app import app
from tests.helpers import PESKOV_SAID, PUTIN_SAID, SQL_QUOTE, ZELENSKY_SAID

runner = CliRunner()


@pytest.fixture
def dbpath(sample_archive) -> str:
    return sample_archive.url.database


def run(dbpath, *args):
    return runner.invoke(app, [*args, "--db", dbpath])


def run_json(dbpath, *args):
    result = run(dbpath, *args, "--format", "json")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def quote_count(dbpath) -> int:
    with sqlite3.connect(dbpath) as conn:
        return conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]


# --- sources / articles / article ----------------------------------------------------------------


def test_sources(dbpath):
    rows = {r["name"]: r for r in run_json(dbpath, "sources")}
    assert rows["The Guardian"]["articles"] == 1 and rows["The Guardian"]["quotes"] == 3
    assert rows["Reuters"]["kind"] == "wire" and rows["Reuters"]["wire_articles"] == 1
    table = run(dbpath, "sources")
    assert table.exit_code == 0 and "TASS" in table.stdout


def test_articles_filters(dbpath):
    assert [r["outlet"] for r in run_json(dbpath, "articles")] == [
        "The Guardian",
        "BBC News",
        "The Kyiv Independent",
        "TASS",
    ]
    assert [r["outlet"] for r in run_json(dbpath, "articles", "--person", "Mr Putin")] == [
        "BBC News",
        "TASS",
    ]
    assert [r["outlet"] for r in run_json(dbpath, "articles", "--source", "Reuters")] == [
        "BBC News"
    ]
    assert [r["outlet"] for r in run_json(dbpath, "articles", "--place", "Kiev")] == [
        "BBC News",
        "The Kyiv Independent",
    ]
    assert [r["outlet"] for r in run_json(dbpath, "articles", "--since", "2024-03-02")] == [
        "The Guardian",
        "BBC News",
    ]
    assert len(run_json(dbpath, "articles", "--limit", "1")) == 1


def test_articles_jsonl_and_csv(dbpath):
    result = run(dbpath, "articles", "--format", "jsonl", "--source", "TASS")
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == [
        "Putin chairs security council"
    ]
    result = run(dbpath, "articles", "--format", "csv", "--person", "Peskov")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["title"] for r in rows] == ["Kremlin's 100% response: it's a done_deal"]
    assert rows[0]["outlet"] == "The Guardian"


def test_articles_bad_date_is_a_usage_error(dbpath):
    result = run(dbpath, "articles", "--since", "last tuesday")
    assert result.exit_code == 2 and "--since" in result.stderr


def test_article(dbpath):
    aid = run_json(dbpath, "articles", "--source", "BBC")[0]["article_id"]
    rec = run_json(dbpath, "article", str(aid))
    assert rec["title"] == "Zelensky appeals to allies as Putin vows to go on"
    assert (rec["outlet"], rec["wire"], rec["published_at"]) == (
        "BBC News",
        "Reuters",
        "2024-03-02T10:30:00+00:00",
    )
    assert [(q["speaker"], q["quote"]) for q in rec["quotes"]] == [
        ("Volodymyr Zelensky", ZELENSKY_SAID),
        ("Vladimir Putin", PUTIN_SAID),
    ]
    assert [q["outlets"] for q in rec["quotes"]] == [3, 2]
    assert {p["name"] for p in rec["places"]} == {"Kyiv", "Moscow"}
    assert "body" not in rec
    table = run(dbpath, "article", str(aid), "--text")
    assert table.exit_code == 0
    assert (
        "Reuters" in table.stdout
        and "Ukrainian President Volodymyr Zelensky appealed" in table.stdout
    )
    guardian = run_json(dbpath, "articles", "--source", "Guardian")[0]["article_id"]
    rec = run_json(dbpath, "article", str(guardian), "--text")
    assert rec["authors"] == ["Jane Smith"] and SQL_QUOTE in rec["body"]
    # quotes with [brackets] or markup-like text print as they are (the quote column of an
    # 80-column table holds 14 characters next to the confidence)
    shown = run(dbpath, "article", str(guardian)).stdout.replace("\n", " ")
    assert PESKOV_SAID[:11] in shown and "done_deal" in shown


def test_article_not_found(dbpath):
    result = run(dbpath, "article", "999")
    assert result.exit_code == 1 and "no article with id 999" in result.stderr
    assert run(dbpath, "article", "abc").exit_code == 2


# --- people / person --------------------------------------------------------------------------


def test_people(dbpath):
    rows = run_json(dbpath, "people")
    assert rows[0]["name"] == "Volodymyr Zelensky" and (rows[0]["articles"], rows[0]["quotes"]) == (
        3,
        3,
    )
    putin = next(r for r in rows if r["name"] == "Vladimir Putin")
    assert (putin["articles"], putin["quotes"], putin["quoted_by"]) == (2, 2, 2)
    assert [r["name"] for r in run_json(dbpath, "people", "--top", "2")] == [
        "Volodymyr Zelensky",
        "Vladimir Putin",
    ]


def test_person_mr_putin(dbpath):
    prof = run_json(dbpath, "person", "Mr Putin")
    assert prof["name"] == "Vladimir Putin"
    assert {"Mr Putin", "Putin"} <= set(prof["aliases"])
    assert [s["text"] for s in prof["statements"]] == [PUTIN_SAID]
    assert prof["statements"][0]["outlets"] == ["TASS", "BBC News"]
    assert [o["outlet"] for o in prof["outlets"]] == ["BBC News", "TASS"]
    assert [c["name"] for c in prof["co_occurring"]] == ["Volodymyr Zelensky"]
    assert prof["roles"][0]["role"] == "President"
    table = run(dbpath, "person", "Mr Putin")
    assert table.exit_code == 0
    for section in (
        "Vladimir Putin",
        "Roles over time",
        "Statements",
        "Outlets that quoted them",
        "Articles",
        "Appears with",
    ):
        assert section in table.stdout


@pytest.mark.parametrize("name", ["Zelenskyy", "Zelensky", "zelenskiy", "President Zelensky"])
def test_person_spelling_variants(dbpath, name):
    prof = run_json(dbpath, "person", name)
    assert prof["name"] == "Volodymyr Zelensky"
    (statement,) = prof["statements"]
    assert sorted(statement["outlets"]) == ["BBC News", "The Guardian", "The Kyiv Independent"]


def test_person_window(dbpath):
    prof = run_json(dbpath, "person", "Zelenskyy")
    assert prof["truncated"] is False and prof["window"] == 500
    one = run_json(dbpath, "person", "Zelenskyy", "--window", "1")
    assert one["truncated"] is True and one["quote_count"] == prof["quote_count"] == 3
    assert sum(o["quotes"] for o in one["outlets"]) == 1
    assert run_json(dbpath, "person", "Zelenskyy", "--window", "0")["window"] is None
    table = run(dbpath, "person", "Zelenskyy", "--window", "1")
    assert table.exit_code == 0 and "over the latest 1 quotes and articles only" in " ".join(
        table.stdout.split()
    )
    assert "latest N quotes" in runner.invoke(app, ["person", "--help"]).stdout


def test_person_ambiguous_lists_candidates(dbpath):
    result = run(dbpath, "person", "Smith", "--format", "json")
    assert result.exit_code == 1
    assert sorted(c["name"] for c in json.loads(result.stdout)) == ["Jane Smith", "John Smith"]
    assert "matches 2 people" in result.stderr
    table = run(dbpath, "person", "Smith")
    assert "Jane Smith" in table.stdout and "John Smith" in table.stdout


def test_person_not_found(dbpath):
    result = run(dbpath, "person", "Angela Merkel")
    assert result.exit_code == 1 and "no person matches 'Angela Merkel'" in result.stderr
    assert result.stdout == ""


def test_person_by_id(dbpath):
    pid = run_json(dbpath, "person", "Peskov")["person_id"]
    assert run_json(dbpath, "person", str(pid))["name"] == "Dmitry Peskov"


# --- quotes ------------------------------------------------------------------------------------


def test_quotes_speaker_zelenskyy_from_all_outlets(dbpath):
    rows = run_json(dbpath, "quotes", "--speaker", "Zelenskyy")
    assert sorted(r["outlet"] for r in rows) == ["BBC News", "The Guardian", "The Kyiv Independent"]
    assert {r["quote"] for r in rows} == {ZELENSKY_SAID}
    assert {r["outlets"] for r in rows} == {3}
    assert len({r["statement_id"] for r in rows}) == 1
    assert run_json(dbpath, "quotes", "--speaker", "Zelensky") == rows


def test_quotes_filters(dbpath):
    rows = run_json(dbpath, "quotes", "--source", "TASS")
    assert [(r["speaker"], r["quote"], r["outlets"]) for r in rows] == [
        ("Vladimir Putin", PUTIN_SAID, 2)
    ]
    rows = run_json(dbpath, "quotes", "--place", "Nowhere Bay", "--speaker", "Peskov")
    assert [r["quote"] for r in rows] == [PESKOV_SAID]
    rows = run_json(dbpath, "quotes", "--search", "100%")
    assert [r["quote"] for r in rows] == [PESKOV_SAID]
    assert run_json(dbpath, "quotes", "--search", "%") == rows
    assert [
        r["quote"] for r in run_json(dbpath, "quotes", "--search", "'; DROP TABLE quotes; --")
    ] == [SQL_QUOTE]
    injected = run(dbpath, "quotes", "--speaker", "' OR ''='")  # no such speaker: exit 1
    assert injected.exit_code == 1 and injected.stdout == ""
    assert quote_count(dbpath) == 7


def test_quotes_table_and_csv(dbpath):
    result = run(dbpath, "quotes", "--speaker", "Putin", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["outlet"] for r in rows) == ["BBC News", "TASS"]
    assert all(r["outlets"] == "2" for r in rows)
    table = run(dbpath, "quotes")
    assert table.exit_code == 0 and "Peskov" in table.stdout


# --- places ------------------------------------------------------------------------------------


def test_places(dbpath):
    rows = run_json(dbpath, "places")
    assert [r["name"] for r in rows][:2] == ["Moscow", "Kyiv"]
    assert rows[0]["latitude"] == pytest.approx(55.7558) and rows[0]["articles"] == 3


def test_places_geojson(dbpath):
    result = run(dbpath, "places", "--format", "geojson")
    assert result.exit_code == 0
    geo = json.loads(result.stdout)
    assert geo["type"] == "FeatureCollection"
    kyiv = next(f for f in geo["features"] if f["properties"]["name"] == "Kyiv")
    assert kyiv["geometry"] == {"type": "Point", "coordinates": [30.5234, 50.4501]}
    assert "Nowhere Bay" not in {f["properties"]["name"] for f in geo["features"]}
    assert run(dbpath, "quotes", "--format", "geojson").exit_code == 2  # only places has geojson


# --- search ------------------------------------------------------------------------------------


def test_search(dbpath):
    rows = run_json(dbpath, "search", "ceasefire")
    assert [(r["kind"], r["outlet"]) for r in rows] == [("article", "TASS")]
    assert "<mark>ceasefire</mark>" in rows[0]["snippet"]
    rows = run_json(dbpath, "search", '"special operation"', "--in", "quotes")
    assert sorted(r["outlet"] for r in rows) == ["BBC News", "TASS"]
    rows = run_json(dbpath, "search", "defen*", "--in", "articles")
    assert sorted(r["outlet"] for r in rows) == ["BBC News", "The Guardian", "The Kyiv Independent"]
    table = run(dbpath, "search", "Peskov")
    assert table.exit_code == 0 and "Peskov" in table.stdout and "<mark>" not in table.stdout


@pytest.mark.parametrize(
    "text", ["don't", '"unbalanced', "100%", "NOT", "(", "'; DROP TABLE quotes; --"]
)
def test_search_invalid_fts_syntax_does_not_crash(dbpath, text):
    result = run(dbpath, "search", text, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)
    assert quote_count(dbpath) == 7


def test_search_empty_is_a_usage_error(dbpath):
    assert run(dbpath, "search", " ").exit_code == 2


# --- stats -------------------------------------------------------------------------------------


def test_stats(dbpath):
    data = run_json(dbpath, "stats")
    assert data["counts"]["quotes"] == 7 and data["counts"]["articles"] == 4
    assert data["top_places"][0]["name"] == "Moscow"
    assert data["top_people"][0]["name"] == "Volodymyr Zelensky"
    table = run(dbpath, "stats")
    assert (
        table.exit_code == 0 and "Rows per table" in table.stdout and "Top outlets" in table.stdout
    )
    rows = list(csv.DictReader(io.StringIO(run(dbpath, "stats", "--format", "csv").stdout)))
    assert {"section": "counts", "name": "quotes", "count": "7"} in rows


# --- sql ---------------------------------------------------------------------------------------


def test_sql_select(dbpath):
    rows = run_json(
        dbpath,
        "sql",
        "SELECT speaker, outlet FROM quote_attributions WHERE quote LIKE '%100\\%%' ESCAPE '\\'",
    )
    assert rows == [{"speaker": "Dmitry Peskov", "outlet": "The Guardian"}]


def test_sql_delete_fails_and_deletes_nothing(dbpath):
    result = run(dbpath, "sql", "DELETE FROM quotes")
    assert result.exit_code == 1
    assert "Error" in result.stderr
    assert quote_count(dbpath) == 7


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT 1; DROP TABLE quotes",
        "SELECT * FROM quotes; DELETE FROM quotes",
        "DROP TABLE quotes",
        "UPDATE people SET name = 'x'",
        "ATTACH DATABASE 'other.db' AS other",
        "PRAGMA query_only = 0",
    ],
)
def test_sql_cannot_write(dbpath, statement):
    result = run(dbpath, "sql", statement)
    assert result.exit_code == 1
    assert quote_count(dbpath) == 7
    with sqlite3.connect(dbpath) as conn:
        assert conn.execute("SELECT COUNT(*) FROM people WHERE name = 'x'").fetchone() == (0,)


def test_sql_bad_statement_is_one_line(dbpath):
    result = run(dbpath, "sql", "SELEC nonsense")
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1


# --- datasette metadata ------------------------------------------------------------------------


def test_datasette_metadata(dbpath, tmp_path):
    out = tmp_path / "metadata.json"
    result = run(dbpath, "datasette-metadata", str(out))
    assert result.exit_code == 0
    meta = json.loads(out.read_text())
    db = meta["databases"]["archive"]  # the name Datasette gives archive.db
    assert db["tables"]["quotes"]["columns"]["statement_id"]
    assert db["tables"]["statement_summary"]["description"]
    assert {"who_said", "quotes_by_outlet"} <= set(db["queries"])
    result = runner.invoke(app, ["datasette-metadata", "--db", dbpath, "--name", "news"])
    assert result.exit_code == 0 and "news" in json.loads(result.stdout)["databases"]


def test_missing_database_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["quotes", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1 and "no archive database" in result.stderr
    assert not (tmp_path / "nope.db").exists()
