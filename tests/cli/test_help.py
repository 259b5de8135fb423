"""Help as sqlite-utils and llm print it: plain text, flags without a type ("--text", not
"--text <bool>"), and ``--format`` as its list of choices."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from archive.cli.app import app
from tests.cli.test_docs import ALL

runner = CliRunner()


def help_of(*words: str) -> str:
    result = runner.invoke(app, [*words, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("words", [(), *(w for w, _ in ALL)], ids=" ".join)
def test_flags_have_no_type(words):
    text = help_of(*words)
    assert "<bool>" not in text and "Show this message and exit." in text
    assert "╭" not in text  # plain, no panels


def test_the_flags_are_still_listed():
    assert "--text " in help_of("article") and "--version " in help_of()


@pytest.mark.parametrize("command", ["quotes", "people", "articles", "search", "sql", "person"])
def test_format_is_a_list_of_choices(command):
    assert "--format <table|json|jsonl|csv>" in help_of(command)


def test_places_has_geojson_too():
    assert "--format <table|json|jsonl|csv|geojson>" in help_of("places")


def test_limit_zero_is_documented():
    assert "(0: all)" in help_of("quotes")
