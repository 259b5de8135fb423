"""The correction commands through Typer's CliRunner on the handmade archive (conftest.py):
``people merge|split|rename``, ``quote speaker``, ``place set``, ``corrections`` and
``corrections undo``; a replaced article keeps them; ``archive people`` still lists people."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from archive.cli.app import app
from archive.store.writer import REPLACED, Store
from tests.helpers import MOSCOW, NOWHERE, PESKOV_SAID, SQL_QUOTE, ZELENSKY_SAID, make_extraction

runner = CliRunner()


@pytest.fixture
def dbpath(sample_archive) -> str:
    return sample_archive.url.database


def run(dbpath, *args):
    return runner.invoke(app, [*args, "--db", dbpath])


def ok(dbpath, *args) -> str:
    result = run(dbpath, *args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stderr


def rows(dbpath, *args) -> list[dict]:
    result = run(dbpath, *args, "--format", "json", "--limit", "0")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def speaker_of(dbpath, words: str) -> str | None:
    (quote,) = [q for q in rows(dbpath, "quotes", "--search", words) if q["quote"] == words]
    return quote["speaker"]


def quote_id(dbpath, words: str) -> int:
    (quote,) = [q for q in rows(dbpath, "quotes", "--search", words) if q["quote"] == words]
    return quote["quote_id"]


def guardian_edited():
    """The Guardian's article as its edited version at the same path."""
    body = (
        f'Volodymyr Zelensky repeated his call on Friday: "{ZELENSKY_SAID}" '
        "Kremlin spokesman Dmitry Peskov dismissed it in Moscow within hours. "
        f'"{PESKOV_SAID}" Peskov said. A photograph showed the slogan "{SQL_QUOTE}" near '
        "Nowhere Bay."
    )
    return make_extraction(
        body,
        path="guardian/peskov.txt",
        title="Kremlin's 100% response: it's a done_deal (updated)",
        source="The Guardian",
        published_at="2024-03-05",
        people=[
            dict(name="Volodymyr Zelensky", aliases=["Zelensky"]),
            dict(name="Dmitry Peskov", aliases=["Peskov"], roles=["Kremlin spokesman"]),
        ],
        places=[MOSCOW, NOWHERE],
        quotes=[
            dict(text=ZELENSKY_SAID, speaker="Volodymyr Zelensky"),
            dict(text=PESKOV_SAID, speaker="Dmitry Peskov", speaker_text="Peskov"),
            dict(text=SQL_QUOTE, speaker=None, speaker_kind="none", speaker_text=None),
        ],
        authors=["Jane Smith"],
    )


def test_people_is_still_the_list(dbpath):
    listed = rows(dbpath, "people", "--top", "2")
    assert len(listed) == 2 and {"person_id", "name", "articles"} <= set(listed[0])
    assert run(dbpath, "people").exit_code == 0


def test_corrections_survive_the_article_replaced(dbpath, sample_archive):
    said = ok(dbpath, "people", "merge", "Vladimir Putin", "Dmitry Peskov", "--note", "a test")
    assert said.startswith("correction 1: Dmitry Peskov (person ") and "merged into" in said
    assert speaker_of(dbpath, PESKOV_SAID) == "Vladimir Putin"
    said = ok(dbpath, "quote", "speaker", str(quote_id(dbpath, SQL_QUOTE)), "--unnamed", "a fan")
    assert "no speaker -> a fan (unnamed)" in said
    assert Store(sample_archive).save(guardian_edited()).status == REPLACED
    assert speaker_of(dbpath, PESKOV_SAID) == "Vladimir Putin"
    assert speaker_of(dbpath, SQL_QUOTE) == "a fan"
    assert "Dmitry Peskov" not in {p["name"] for p in rows(dbpath, "people")}
    listed = rows(dbpath, "corrections")
    assert [(c["correction"], c["kind"], c["status"], c["note"]) for c in listed] == [
        (2, "quote_speaker", "active", None),
        (1, "person_merge", "active", "a test"),
    ]
    assert listed[0]["target"] == f"quote {quote_id(dbpath, SQL_QUOTE)}"
    # undone: the value before, and the next re-extraction leaves it
    assert "undone" in ok(dbpath, "corrections", "undo", "2", "--note", "it was a slogan")
    assert speaker_of(dbpath, SQL_QUOTE) is None
    Store(sample_archive).save(make_extraction("x", path="other.txt"))
    assert speaker_of(dbpath, SQL_QUOTE) is None
    assert [(c["status"], c["note"]) for c in rows(dbpath, "corrections")] == [
        ("undone", "undone: it was a slogan"),
        ("active", "a test"),
    ]
    assert [c["correction"] for c in rows(dbpath, "corrections", "--status", "active")] == [1]


def test_rename_and_split(dbpath):
    ok(dbpath, "people", "rename", "Dmitry Peskov", "Dmitri Peskov")
    names = {p["name"] for p in rows(dbpath, "people")}
    assert "Dmitri Peskov" in names and "Dmitry Peskov" not in names
    zelensky = [p for p in rows(dbpath, "people") if p["name"].startswith("Volodymyr")]
    assert len(zelensky) == 1
    said = ok(dbpath, "people", "split", str(zelensky[0]["person_id"]), "Volodymyr Zelenskyy")
    assert "split off person" in said
    names = {p["name"] for p in rows(dbpath, "people")}
    assert {"Volodymyr Zelenskyy", "Volodymyr Zelensky"} <= names


def test_place_set(dbpath):
    places = {p["name"]: p["place_id"] for p in rows(dbpath, "places")}
    said = ok(dbpath, "place", "set", str(places["Nowhere Bay"]), "--not-a-place")
    assert said.endswith("-> not a place\n")
    assert "Nowhere Bay" not in {p["name"] for p in rows(dbpath, "places")}
    said = ok(dbpath, "place", "set", str(places["Moscow"]), "--to", "iso3166:RU")
    assert "Moscow" not in {p["name"] for p in rows(dbpath, "places")}
    assert "Russia" in {p["name"] for p in rows(dbpath, "places")}


@pytest.mark.parametrize(
    "args, message",
    [
        (("people", "merge", "Vladimir Putin", "Nobody Anywhere"), "no person matches"),
        (("people", "rename", "9999", "X Y"), "no person matches '9999'"),
        (("people", "split", "Vladimir Putin", "Boris Johnson"), "is not a name of"),
        (("quote", "speaker", "9999", "--none"), "no quote 9999"),
        (("place", "set", "9999", "--not-a-place"), "no place 9999"),
        (("place", "set", "1", "--to", "Xyzzyville Plugh"), "the gazetteer knows no place"),
        (("corrections", "undo", "9999"), "no correction 9999"),
    ],
)
def test_unknown_ids_and_names_exit_1_with_one_line(dbpath, args, message):
    result = run(dbpath, *args)
    assert result.exit_code == 1
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_usage_errors(dbpath):
    assert run(dbpath, "quote", "speaker", "1").exit_code == 2
    assert run(dbpath, "quote", "speaker", "1", "Vladimir Putin", "--none").exit_code == 2
    assert run(dbpath, "place", "set", "1").exit_code == 2
