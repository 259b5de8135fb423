"""Every query command through Typer's CliRunner on an archive built from the five seed articles,
asserting the rows a user would read (the acceptance examples of the query issue)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.cli.app import app

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
OUTLETS = {
    "The New York Times",
    "The Moscow Times",
    "KSL.com",
    "The Independent",
    "Shropshire Star",
}
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("cli_seeds") / "seeds.db")
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", path, "-q"])
    assert result.exit_code == 0, result.output
    return path


def run(db, *args, code=0):
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == code, result.output
    return result


def js(db, *args):
    return json.loads(run(db, *args, "--format", "json").stdout)


def test_quotes_by_a_spelling_variant_come_from_all_five_outlets(db):
    rows = js(db, "quotes", "--speaker", "Zelenskyy", "--kind", "direct", "--limit", "500")
    assert {r["speaker"] for r in rows} == {"Volodymyr Zelensky"}
    assert {r["outlet"] for r in rows} == OUTLETS
    assert {r["kind"] for r in rows} <= {"full", "partial"}
    # the same statement carried by several outlets is counted as such
    assert any(r["outlets"] >= 2 for r in rows)
    # every kind: his reported speech too, and words of a spokesperson "for Zelenskyy" (the
    # speaker as written matches the name)
    every = js(db, "quotes", "--speaker", "Zelenskyy", "--limit", "500")
    assert len(every) > len(rows) and "indirect" in {r["kind"] for r in every}
    reported = js(db, "quotes", "--speaker", "Zelenskyy", "--kind", "indirect", "--limit", "500")
    assert {r["kind"] for r in reported} == {"indirect"}
    assert len(reported) + len(rows) == len(every)


def test_person_by_titled_alias(db):
    profile = js(db, "person", "Mr Putin")
    assert profile["name"] == "Vladimir Putin"
    assert "Mr Putin" in profile["aliases"] and profile["article_count"] >= 4


def test_person_not_found_is_exit_1(db):
    result = run(db, "person", "Nobody Atall", code=1)
    assert "Nobody Atall" in result.stderr


def test_sources_count_articles_and_wire_stories(db):
    rows = {r["name"]: r for r in js(db, "sources")}
    assert {n for n, r in rows.items() if r["kind"] == "outlet"} == OUTLETS
    assert all(rows[o]["articles"] == 1 for o in OUTLETS)
    assert rows["Reuters"]["wire_articles"] == 1 and rows["Associated Press"]["wire_articles"] == 1


def test_articles_by_person_and_place(db):
    medinsky = js(db, "articles", "--person", "Medinsky")
    assert {r["outlet"] for r in medinsky} >= {"The Moscow Times", "KSL.com"}
    geneva = js(db, "articles", "--place", "Geneva")
    assert len(geneva) >= 3


def test_article_detail_and_text(db):
    art = js(db, "article", "3")
    assert art["outlet"] == "KSL.com" and art["wire"] == "Reuters"
    assert {"John Revill", "Olivia Le Poidevin"} <= set(art["authors"])
    assert any(q["speaker"] == "Vladimir Medinsky" for q in art["quotes"])
    text = run(db, "article", "3", "--text").stdout
    assert "\nGENEVA — Two days of peace talks" in text and "Save Story" not in text


def test_people_top(db):
    rows = js(db, "people", "--top", "5")
    assert len(rows) == 5 and rows[0]["name"] == "Volodymyr Zelensky"
    assert rows[0]["articles"] == 5 and rows[0]["quoted_by"] == 5
    # most present first: articles, quotes and bylines together
    present = [r["articles"] + r["quotes"] + r["bylines"] for r in rows]
    assert present == sorted(present, reverse=True)


def test_places_and_geojson(db):
    rows = {r["name"]: r for r in js(db, "places")}
    assert rows["Geneva"]["country_code"] == "CH" and rows["Ukraine"]["kind"] == "country"
    geo = json.loads(run(db, "places", "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection"
    kyiv = next(f for f in geo["features"] if f["properties"]["name"] == "Kyiv")
    lon, lat = kyiv["geometry"]["coordinates"]
    assert 30 < lon < 31 and 50 < lat < 51


def test_search_phrase_finds_the_statement_in_two_outlets(db):
    rows = js(db, "search", '"difficult but businesslike"')
    quotes = [r for r in rows if r["kind"] == "quote"]
    assert {r["outlet"] for r in quotes} == {"The Moscow Times", "Shropshire Star"}
    assert all(r["speaker"] == "Vladimir Medinsky" for r in quotes)
    assert all("\n" not in r["snippet"] for r in rows)


def test_stats(db):
    stats = js(db, "stats")
    assert stats["counts"]["articles"] == 5


def test_sql_is_read_only(db):
    before = js(db, "sql", "SELECT count(*) AS n FROM quotes")[0]["n"]
    result = run(db, "sql", "DELETE FROM quotes", code=1)
    assert result.stderr.strip()
    assert js(db, "sql", "SELECT count(*) AS n FROM quotes")[0]["n"] == before > 0


def test_csv_output_has_a_header(db):
    out = run(db, "quotes", "--speaker", "Peskov", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["speaker"] == "Dmitry Peskov" for r in rows)


def test_export_jsonl_is_one_article_per_line(db):
    lines = run(db, "export", "--format", "jsonl").stdout.splitlines()
    records = [json.loads(x) for x in lines]
    assert len(records) == 5
    assert {
        "file",
        "source",
        "wire",
        "title",
        "authors",
        "photographers",
        "people",
        "places",
        "quotes",
    } <= set(records[0])
