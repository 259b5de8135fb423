"""``archive stats``: rows per table, and the top people, places and outlets."""

from __future__ import annotations

from typing import Annotated

import typer

from archive.cli.options import DbOption, FormatOption, read_db
from archive.cli.output import Format, output_record, output_rows, table

FLAT_COLUMNS = ["section", "name", "count"]
_TOP_SECTIONS = ("top_people", "top_places", "top_outlets")


def stats(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="How many top people/places/outlets.")
    ] = 10,
) -> None:
    """Counts per table, and the top people, places and outlets."""
    from archive.query.stats import stats as get_stats

    data = get_stats(read_db(db), top=limit)
    if fmt in (Format.jsonl, Format.csv):  # the flat form: one row per count
        output_rows(_flat(data), fmt, FLAT_COLUMNS, csv_columns=FLAT_COLUMNS)
    else:
        output_record(data, fmt, view=lambda console: _view(console, data))


def _flat(data: dict) -> list[dict]:
    """The statistics as (section, name, count) rows: the counts, then the tops by articles."""
    rows = [{"section": "counts", "name": k, "count": v} for k, v in data["counts"].items()]
    rows.append({"section": "stories", "name": "copies", "count": data["copies"]})
    for section in _TOP_SECTIONS:
        rows += [
            {"section": section, "name": r["name"], "count": r["articles"]} for r in data[section]
        ]
    return rows


def _view(console, data: dict) -> None:
    """The statistics on a terminal: one table per part."""
    from rich.console import Group

    counts = [{"table": k, "rows": v} for k, v in data["counts"].items()]
    counts.append({"table": "(articles that copy another)", "rows": data["copies"]})
    console.print(
        Group(
            table(counts, ["table", "rows"], title="Rows per table"),
            table(data["top_people"], ["name", "articles", "quotes"], title="Top people"),
            table(data["top_places"], ["name", "kind", "articles"], title="Top places"),
            table(
                data["top_outlets"],
                ["name", "kind", "articles", "wire_articles", "quotes"],
                title="Top outlets",
            ),
        )
    )
