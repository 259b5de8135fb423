"""``archive export`` (the whole archive, one record per article) and ``archive
datasette-metadata`` (the catalog of tables, columns and canned queries for Datasette)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from archive.cli.options import DbOption, fail, open_db
from archive.cli.output import Format, err, output_record, output_rows

EXPORT_FORMATS = (Format.jsonl, Format.json, Format.csv)


def export(
    path: Annotated[Optional[Path], typer.Argument(help="Write here instead of stdout.")] = None,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | json | csv")] = "jsonl",
) -> None:
    """Export the whole archive, one record per article (gold-format field names)."""
    from archive.query.export import CSV_COLUMNS, article_records, flat_row

    if fmt not in EXPORT_FORMATS:
        fail(f"unknown format {fmt!r}: choose jsonl, json or csv", code=2)
    engine = open_db(db, readonly=True)
    stream = open(path, "w", encoding="utf-8", newline="") if path else sys.stdout
    try:
        records = article_records(engine)
        if fmt == Format.csv:
            rows = (flat_row(rec) for rec in records)
            output_rows(rows, fmt, CSV_COLUMNS, csv_columns=CSV_COLUMNS, stream=stream)
        else:
            output_rows(records, fmt, stream=stream)
    finally:
        if path:
            stream.close()


def datasette_metadata(
    path: Annotated[
        Optional[Path], typer.Argument(help="Write here instead of stdout (e.g. metadata.json).")
    ] = None,
    db: DbOption = None,
    name: Annotated[
        Optional[str],
        typer.Option(
            "--name", help="Database name in Datasette [default: the file name without extension]."
        ),
    ] = None,
) -> None:
    """Write Datasette metadata (JSON): every table and column described, and canned queries.

    Use: `archive datasette-metadata metadata.json && datasette archive.db -m metadata.json`.
    """
    from archive.query.catalog import datasette_metadata as build
    from archive.store.db import resolve_url

    url = resolve_url(db)
    is_file = url.get_backend_name() == "sqlite" and bool(url.database)
    if name is None:
        name = Path(url.database).stem if is_file else "archive"
    metadata = build(name)
    if path is None:
        output_record(metadata, Format.json)
        return
    try:
        with open(path, "w", encoding="utf-8") as stream:
            output_record(metadata, Format.json, stream=stream)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    hint = f": datasette {url.database} -m {path}" if is_file else ""
    err.print(f"wrote {path} (database {name!r}){hint}", soft_wrap=True, markup=False)
