"""Every command is documented: in the README's command table and with help text of its own."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from archive.cli.app import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix=()):
    """(name words, click command) of every command, sub-groups ("db upgrade") included."""
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, (*prefix, name))
        else:
            yield (*prefix, name), cmd


ALL = sorted(_commands(typer.main.get_command(app)))


def test_there_are_commands():
    names = {" ".join(n) for n, _ in ALL}
    assert {"ingest", "quotes", "person", "sql", "db upgrade", "db current"} <= names


def test_every_command_has_help_text():
    missing = [" ".join(n) for n, cmd in ALL if not (cmd.help or "").strip()]
    assert not missing, f"commands without help text: {missing}"


def test_every_command_is_in_the_readme_table():
    table = [line for line in README.splitlines() if line.startswith("| `archive ")]
    documented = " ".join(table)
    missing = []
    for words, _ in ALL:
        if len(words) == 1:
            found = re.search(rf"`archive {re.escape(words[0])}[ `]", documented)
        else:  # a sub-group row lists its commands: `archive db upgrade` / `db downgrade REV`
            found = re.search(rf"`(archive )?{re.escape(' '.join(words))}[ `]", documented)
        if not found:
            missing.append(" ".join(words))
    assert not missing, f"commands missing from the README's command table: {missing}"


def test_the_json_lines_fields_ingest_reads_are_in_the_readme():
    from archive.readers.files import META_KEYS

    usage = README.split("## Usage", 1)[1].split("\n## ", 1)[0]
    section = usage.split("**JSON Lines input**", 1)[1].split("\n- **", 1)[0]
    missing = [f for f in ("text", "html", "name", "file", *META_KEYS) if f"`{f}`" not in section]
    assert not missing, f"JSON Lines fields missing from the README's usage section: {missing}"
