"""The one way rows leave the CLI: a Rich table on a terminal, or JSON / JSON Lines / CSV (and
GeoJSON for places) for scripts, the way sqlite-utils has ``output_rows`` for every command.

:func:`output_rows` writes a list of rows, :func:`output_record` one record (an article, a
profile): its JSON as it is, a list of rows for CSV, a view of several tables for the terminal
(built with :func:`table`). Data goes to stdout; messages and errors go to stderr (``err``).
Table cells are plain text, never read as Rich markup (quotes may contain ``[`` and ``]``).
"""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


class Format(str, Enum):
    """The output formats of every command that prints rows."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class PlacesFormat(str, Enum):
    """The output formats of ``archive places``: those of every command, and GeoJSON."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


class _Stderr:
    """The console on stderr for messages (``err.print(...)``), made on first use: commands
    that print JSON, JSON Lines or CSV and no message never import Rich."""

    _console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if _Stderr._console is None:
            from rich.console import Console

            _Stderr._console = Console(stderr=True, highlight=False)
        return getattr(_Stderr._console, name)


err: Any = _Stderr()


def out_console() -> Console:
    """A console on stdout that neither highlights nor soft-wraps."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def cell(value: Any) -> str:
    """A value as the text of a table or CSV cell: None empty, floats to 4 decimals, lists
    joined with commas, dicts as JSON."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_json(value: Any) -> str:
    """One line of JSON (dates and other values as their strings)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _write_json(value: Any, stream) -> None:
    """Indented JSON, written as it is encoded (no second copy of a large result in memory)."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, default=str)
    for chunk in encoder.iterencode(value):
        stream.write(chunk)
    stream.write("\n")


def is_id_column(name: str) -> bool:
    """Whether a column holds ids (``id``, ``article_id``, ...): the first left out of a table
    too wide for the terminal."""
    return name == "id" or name.endswith("_id")


def table(
    rows: Iterable[dict],
    columns: Sequence[str],
    title: str | None = None,
    marks: Sequence[str] = (),
) -> Table:
    """A Rich table of the COLUMNS of ROWS; the columns in MARKS show search marks in bold; its
    id columns are left out when the terminal is too narrow for its headers
    (:class:`archive.cli.tables.FitTable`)."""
    from archive.cli.tables import FitTable, text_cell

    out = FitTable(title=title, title_justify="left", show_lines=False)
    for col in columns:
        out.add_column(col, overflow="fold")
    for row in rows:
        out.add_row(*(text_cell(cell(row.get(c)), marks=c in marks) for c in columns))
    return out


def _cut(rows: Iterable[dict], columns: Sequence[str], most: int) -> tuple[list[dict], int]:
    """The COLUMNS of ROWS as cell text, each cut at MOST characters; and how many were cut."""
    cut, shown = 0, []
    for row in rows:
        cells = {}
        for c in columns:
            s = cell(row.get(c))
            if len(s) > most:
                cut += 1
                s = s[:most] + f"… ({len(s) - most:,} more characters)"
            cells[c] = s
        shown.append(cells)
    return shown, cut


def _write_csv(rows: Iterable[dict], names: Sequence[str], stream) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in names])


def output_rows(
    rows: Iterable[dict[str, Any]],
    fmt: Format | PlacesFormat | str = Format.table,
    columns: Sequence[str] = (),
    *,
    csv_columns: Sequence[str] | None = None,
    title: str | None = None,
    marks: Sequence[str] = (),
    max_cell_chars: int | None = None,
    stream=None,
) -> None:
    """Write ROWS in the format FMT to STREAM (stdout).

    - table: the COLUMNS, with TITLE, search marks in the columns MARKS shown in bold, cells
      cut at MAX_CELL_CHARS characters (with a note on stderr);
    - json: one indented array; jsonl: one line per row (both with every field);
    - csv: a header and one line per row, with CSV_COLUMNS, else every field of the first row,
      else (no rows) COLUMNS;
    - geojson: the rows as places (:func:`archive.query.places.places_geojson`).
    """
    fmt = PlacesFormat(fmt)
    stream = stream or sys.stdout
    if fmt is PlacesFormat.json:
        _write_json(rows if isinstance(rows, list) else list(rows), stream)
    elif fmt is PlacesFormat.jsonl:
        for row in rows:
            stream.write(to_json(row) + "\n")
    elif fmt is PlacesFormat.csv:
        if csv_columns is None:
            rows = list(rows)
            csv_columns = list(rows[0].keys()) if rows else list(columns)
        _write_csv(rows, csv_columns, stream)
    elif fmt is PlacesFormat.geojson:
        from archive.query.places import places_geojson

        _write_json(places_geojson(list(rows)), stream)
    else:
        cut = 0
        if max_cell_chars is not None:
            rows, cut = _cut(rows, columns, max_cell_chars)
        _console(stream).print(table(rows, columns, title=title, marks=marks))
        if cut:
            err.print(
                f"note: {cut} value(s) cut to {max_cell_chars:,} characters in the table; "
                "--format csv, json or jsonl gives them whole",
                soft_wrap=True,
                markup=False,
            )


def output_record(
    record: Any,
    fmt: Format | str,
    *,
    csv_rows: Callable[[], list[dict]] | None = None,
    csv_columns: Sequence[str] = (),
    view: Callable[[Console], None] | None = None,
    stream=None,
) -> None:
    """Write one RECORD in the format FMT to STREAM (stdout): json indented, jsonl one line;
    csv the rows CSV_ROWS() gives, with CSV_COLUMNS; table: VIEW(console) prints it."""
    fmt = Format(fmt)
    stream = stream or sys.stdout
    if fmt is Format.json:
        _write_json(record, stream)
    elif fmt is Format.jsonl:
        stream.write(to_json(record) + "\n")
    elif fmt is Format.csv:
        if csv_rows is None:
            raise ValueError("this record has no CSV form")
        _write_csv(csv_rows(), csv_columns, stream)
    else:
        if view is None:
            raise ValueError("this record has no table view")
        view(_console(stream))


def _console(stream) -> Console:
    from rich.console import Console

    return out_console() if stream is sys.stdout else Console(file=stream, highlight=False)
