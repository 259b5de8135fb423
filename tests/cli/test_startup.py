"""Start-up: a query command loads only what it needs (no timing here; benchmarks/startup.py
measures the wall time). Each command runs in a fresh interpreter, whose imported modules are
then listed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# what no read of the archive needs: migrations, extraction, web serving
NEVER = ("alembic", "spacy", "numpy", "trafilatura", "archive.pipeline", "archive.extract")
# what only some commands need: name look-ups, tables and messages, the writer
SOMETIMES = ("rapidfuzz", "archive.names.identity", "rich", "archive.store.writer")

PROBE = """
import json, sys
from archive.cli.app import app
code = 0
try:
    app(sys.argv[1:], prog_name="archive")
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def loaded(dbpath: str, *args: str) -> set[str]:
    """The modules imported by ``archive ARGS --db DBPATH`` (which must succeed)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args, "--db", dbpath],
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = json.loads(done.stderr.splitlines()[-1])
    assert found["code"] == 0, done.stderr
    return set(found["modules"])


def has(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


@pytest.fixture
def dbpath(sample_archive) -> str:
    return sample_archive.url.database


@pytest.mark.parametrize(
    "args",
    [
        ("quotes", "--format", "json"),
        ("articles", "--format", "csv"),
        ("people", "--format", "jsonl"),
        ("stats", "--format", "json"),
        ("search", "Putin", "--format", "json"),
        ("sources", "--format", "json"),
    ],
    ids=lambda a: a[0],
)
def test_a_list_in_json_loads_neither_migrations_nor_names_nor_rich(dbpath, args):
    modules = loaded(dbpath, *args)
    assert [n for n in NEVER + SOMETIMES if has(modules, n)] == []


def test_a_name_look_up_loads_the_name_matching(dbpath):
    modules = loaded(dbpath, "quotes", "--speaker", "Zelenskyy", "--format", "json")
    assert has(modules, "rapidfuzz") and has(modules, "archive.names.identity")
    assert [n for n in NEVER if has(modules, n)] == []


def test_a_table_loads_rich(dbpath):
    modules = loaded(dbpath, "people")
    assert has(modules, "rich") and [n for n in NEVER if has(modules, n)] == []
