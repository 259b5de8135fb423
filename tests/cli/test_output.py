"""Renderers: table cells are text (never Rich markup); json, jsonl and csv are machine-readable."""

from __future__ import annotations

import csv
import io
import json

from archive.cli.output import emit

ROWS = [{"quote": "said [/b] it [inaudible]", "n": 1}, {"quote": 'a "b", c', "n": 2}]


def test_table_cells_are_not_markup():
    out = io.StringIO()
    emit(ROWS, "table", stream=out)
    assert "said [/b] it [inaudible]" in out.getvalue()


def test_json_jsonl_csv_round_trip():
    out = io.StringIO()
    emit(ROWS, "json", stream=out)
    assert json.loads(out.getvalue()) == ROWS
    out = io.StringIO()
    emit(ROWS, "jsonl", stream=out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == ROWS
    out = io.StringIO()
    emit(ROWS, "csv", stream=out)
    assert list(csv.DictReader(io.StringIO(out.getvalue()))) == [
        {"quote": r["quote"], "n": str(r["n"])} for r in ROWS
    ]
