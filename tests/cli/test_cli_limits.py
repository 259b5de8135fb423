"""Lists are never cut silently (a note on stderr, whatever the format; ``--limit 0`` is all) and
a filter name that matches nothing is the same one-line error everywhere, with close matches."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.test_cli_query import run


@pytest.fixture
def dbpath(sample_archive) -> str:
    return sample_archive.url.database


def rows_of(result, fmt: str) -> list:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    if fmt == "json":
        return json.loads(result.stdout)
    if fmt == "jsonl":
        return [json.loads(line) for line in result.stdout.splitlines()]
    return list(csv.DictReader(io.StringIO(result.stdout)))


LISTS = [("quotes",), ("articles",), ("sources",), ("people",), ("places",), ("search", "said")]


@pytest.mark.parametrize("command", LISTS, ids=lambda c: c[0])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_a_cut_list_says_how_many_there_are(dbpath, command, fmt):
    every = rows_of(run(dbpath, *command, "--limit", "0", "--format", fmt), fmt)
    assert len(every) > 2, "the sample archive has more than 2 rows of each"
    cut = run(dbpath, *command, "--limit", "2", "--format", fmt)
    assert rows_of(cut, fmt) == every[:2]
    assert cut.stderr == f"showing 2 of {len(every)} (use --limit N or --limit 0 for all)\n"


@pytest.mark.parametrize("command", LISTS, ids=lambda c: c[0])
def test_a_list_within_its_limit_says_nothing(dbpath, command):
    every = rows_of(run(dbpath, *command, "--limit", "0", "--format", "json"), "json")
    assert run(dbpath, *command, "--limit", "0", "--format", "json").stderr == ""
    exact = run(dbpath, *command, "--limit", str(len(every)), "--format", "json")
    assert rows_of(exact, "json") == every and exact.stderr == ""


def test_the_table_is_cut_with_the_same_note(dbpath):
    result = run(dbpath, "quotes", "--limit", "1")
    assert result.exit_code == 0 and result.stdout.count("\n") > 3
    assert result.stderr == "showing 1 of 7 (use --limit N or --limit 0 for all)\n"


def test_filters_are_counted_too(dbpath):
    result = run(dbpath, "quotes", "--speaker", "Zelenskyy", "--limit", "1", "--format", "csv")
    assert len(rows_of(result, "csv")) == 1
    assert result.stderr.startswith("showing 1 of 3 ")
    result = run(dbpath, "articles", "--place", "Kyiv", "--limit", "1", "--format", "csv")
    assert result.stderr.startswith("showing 1 of 2 ")


def test_a_negative_limit_is_a_usage_error(dbpath):
    assert run(dbpath, "quotes", "--limit", "-1").exit_code == 2


def test_person_lists_cut_say_so(dbpath):
    result = run(dbpath, "person", "Zelensky", "--limit", "1", "--format", "json")
    prof = rows_of(result, "json")
    assert len(prof["articles"]) == 1 and prof["totals"]["articles"] == 3
    assert "articles: showing 1 of 3 (use --limit N or --limit 0 for all)" in result.stderr
    every = rows_of(run(dbpath, "person", "Zelensky", "--limit", "0", "--format", "json"), "json")
    assert len(every["articles"]) == 3 and every["totals"]["articles"] == 3
    assert len(every["co_occurring"]) == every["totals"]["co_occurring"] > 1
    assert run(dbpath, "person", "Zelensky", "--limit", "0").stderr == ""


def test_sql_says_when_its_limit_cut_the_result(dbpath):
    result = run(dbpath, "sql", "SELECT id FROM quotes ORDER BY id", "-n", "2", "--format", "csv")
    assert len(rows_of(result, "csv")) == 2
    assert result.stderr == (
        "showing the first 2; there are more (use --limit N or --limit 0 for all)\n"
    )
    every = run(dbpath, "sql", "SELECT id FROM quotes", "-n", "0", "--format", "csv")
    assert len(rows_of(every, "csv")) == 7 and every.stderr == ""


# --- names that match nothing -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (("person", "Zelenskiyyy Volodd"), "no person matches 'Zelenskiyyy Volodd'"),
        (("quotes", "--speaker", "Nobody Known"), "no speaker matches 'Nobody Known'"),
        (
            ("quotes", "--source", "Guardain"),
            "no source matches 'Guardain'; did you mean The Guardian?",
        ),
        (("quotes", "--place", "Moskow"), "no place matches 'Moskow'; did you mean Moscow?"),
        (("articles", "--source", "TASSS"), "no source matches 'TASSS'; did you mean TASS?"),
        (("articles", "--person", "Angela Merkel"), "no person matches 'Angela Merkel'"),
        (("articles", "--place", "Kyivv"), "no place matches 'Kyivv'; did you mean Kyiv"),
    ],
)
def test_an_unknown_name_is_one_line_and_exit_1(dbpath, args, message):
    result = run(dbpath, *args, "--format", "json")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {message}") and result.stderr.count("\n") == 1


def test_close_people_are_suggested(dbpath):
    result = run(dbpath, "quotes", "--speaker", "Volodymyr Zelenskaja Petrovna")
    assert result.exit_code == 1
    assert "did you mean Volodymyr Zelensky" in result.stderr


def test_a_known_name_with_nothing_to_list_is_not_an_error(dbpath):
    # Nowhere Bay is a place of the archive; Putin is not quoted in its articles
    result = run(dbpath, "quotes", "--place", "Nowhere Bay", "--speaker", "Putin", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == [] and result.stderr == ""
