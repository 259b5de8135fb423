"""``archive quotes``: who said what, by speaker, outlet, words and place."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from archive.cli.options import DbOption, FormatOption, LimitOption, read_db
from archive.cli.output import Format, output_rows

QUOTE_COLUMNS = ["quote", "speaker", "outlet", "article_id", "outlets"]


def quotes(
    speaker: Annotated[
        Optional[str],
        typer.Option("--speaker", "-p", help="Who said it (name, alias or spelling variant)."),
    ] = None,
    source: Annotated[
        Optional[str], typer.Option("--source", "-s", help="Outlet or wire agency.")
    ] = None,
    search: Annotated[
        Optional[str],
        typer.Option(
            "--search", "-q", help="Words the quote contains (literal, case-insensitive)."
        ),
    ] = None,
    place: Annotated[
        Optional[str],
        typer.Option("--place", "-l", help="Quotes in articles that mention this place."),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 100,
) -> None:
    """Quotes with speaker, outlet, article, and how many outlets carried the same statement."""
    from archive.query.quotes import quotes as list_quotes

    rows = list_quotes(
        read_db(db), speaker=speaker, source=source, search=search, place=place, limit=limit
    )
    output_rows(rows, fmt, QUOTE_COLUMNS)
