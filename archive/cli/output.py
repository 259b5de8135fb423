"""Renderers: rows to a Rich table on a terminal, or JSON / JSON Lines / CSV for scripts.

Data goes to stdout; messages and errors go to stderr (``err``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from typing import Any, Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


err = Console(stderr=True, highlight=False)


def out_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: Format | str = Format.table,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    stream=None,
) -> None:
    """Write rows in the chosen format. ``columns`` picks and orders the table/CSV columns."""
    fmt = Format(fmt)
    stream = stream or sys.stdout
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt is Format.json:
        stream.write(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt is Format.jsonl:
        for row in rows:
            stream.write(to_json(row) + "\n")
    elif fmt is Format.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in columns})
        stream.write(buf.getvalue())
    else:
        table = Table(title=title, show_lines=False)
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*(Text(_cell(row.get(c))) for c in columns))  # never markup
        console = (
            Console(file=stream, highlight=False) if stream is not sys.stdout else out_console()
        )
        console.print(table)


def emit_records(records: Iterable[dict[str, Any]], stream=None) -> None:
    """Stream JSON Lines without holding everything in memory."""
    stream = stream or sys.stdout
    for rec in records:
        stream.write(to_json(rec) + "\n")
