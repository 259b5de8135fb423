"""The one output path (archive.cli.output): table cells are text (never Rich markup), search
marks are bold, long cells are cut with a note; json, jsonl, csv and geojson are
machine-readable; a record's json, jsonl, csv and table view."""

from __future__ import annotations

import csv
import io
import json

import pytest

from archive.cli import output
from archive.cli.output import output_record, output_rows

ROWS = [{"quote": "said [/b] it [inaudible]", "n": 1}, {"quote": 'a "b", c', "n": 2}]


def _out(rows, fmt, *args, **kw) -> str:
    stream = io.StringIO()
    output_rows(rows, fmt, *args, stream=stream, **kw)
    return stream.getvalue()


def test_table_cells_are_not_markup():
    assert "said [/b] it [inaudible]" in _out(ROWS, "table", ["quote", "n"])


def test_json_jsonl_csv_round_trip():
    assert json.loads(_out(ROWS, "json")) == ROWS
    assert [json.loads(line) for line in _out(ROWS, "jsonl").splitlines()] == ROWS
    assert list(csv.DictReader(io.StringIO(_out(ROWS, "csv")))) == [
        {"quote": r["quote"], "n": str(r["n"])} for r in ROWS
    ]


def test_json_bytes():
    rows = [{"a": "é", "b": None, "c": [1, 2.5]}]
    assert (
        _out(rows, "json")
        == '[\n  {\n    "a": "é",\n    "b": null,\n    "c": [\n      1,\n      2.5\n    ]\n  }\n]\n'
    )
    assert _out(rows, "jsonl") == '{"a": "é", "b": null, "c": [1, 2.5]}\n'
    assert _out([], "json") == "[]\n"
    assert _out([], "jsonl") == ""


def test_csv_columns_and_cells():
    rows = [{"a": 1.23456, "b": None, "c": ["x", "y"], "d": {"k": 1}}]
    # every field of the first row; floats to 4 decimals, lists joined, dicts as JSON
    assert _out(rows, "csv", ["a"]) == 'a,b,c,d\n1.2346,,"x, y","{""k"": 1}"\n'
    # chosen columns (a record's CSV form), missing fields empty
    assert _out(rows, "csv", csv_columns=["d", "zz"]) == 'd,zz\n"{""k"": 1}",\n'
    # no rows: the header of the columns
    assert _out([], "csv", ["a", "b"]) == "a,b\n"


def test_geojson_leaves_out_places_without_coordinates():
    rows = [
        {"place_id": 1, "name": "Kyiv", "latitude": 50.45, "longitude": 30.52},
        {"place_id": 2, "name": "Nowhere", "latitude": None, "longitude": None},
    ]
    geo = json.loads(_out(rows, "geojson"))
    assert geo == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": 1,
                "geometry": {"type": "Point", "coordinates": [30.52, 50.45]},
                "properties": {"place_id": 1, "name": "Kyiv"},
            }
        ],
    }


def test_long_cells_are_cut_in_the_table_only(capsys):
    rows = [{"v": "x" * 50}]
    shown = _out(rows, "table", ["v"], max_cell_chars=10)
    assert "x" * 11 not in shown.replace("\n", "").replace("│", "").replace(" ", "")
    assert "(40 more characters)" in shown.replace("\n", " ").replace("│", "")
    assert "1 value(s) cut to 10 characters" in capsys.readouterr().err
    assert json.loads(_out(rows, "json", ["v"], max_cell_chars=10)) == rows


def test_search_marks_are_bold():
    table = output.table([{"s": "a <mark>hit</mark> b"}], ["s"], marks=["s"])
    text = table.columns[0]._cells[0]
    assert text.plain == "a hit b" and [s.style for s in text.spans] == ["bold yellow"]
    plain = output.table([{"s": "a <mark>hit</mark> b"}], ["s"])
    assert plain.columns[0]._cells[0].plain == "a <mark>hit</mark> b"


def test_record_formats():
    rec = {"id": 1, "items": [{"x": 1}, {"x": 2}]}

    def write(fmt, **kw):
        stream = io.StringIO()
        output_record(rec, fmt, stream=stream, **kw)
        return stream.getvalue()

    assert json.loads(write("json")) == rec
    assert write("jsonl") == '{"id": 1, "items": [{"x": 1}, {"x": 2}]}\n'
    assert write("csv", csv_rows=lambda: rec["items"], csv_columns=["x"]) == "x\n1\n2\n"
    assert write("table", view=lambda console: console.print("view of", rec["id"])) == "view of 1\n"
    with pytest.raises(ValueError):
        write("csv")
