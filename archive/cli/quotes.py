"""``archive quotes``: who said what, by speaker, outlet, words, place and confidence."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from archive.cli.options import DbOption, FormatOption, LimitOption, read_db
from archive.cli.output import Format, output_rows

QUOTE_COLUMNS = ["quote", "speaker", "confidence", "outlet", "article_id", "outlets"]

MinConfidenceOption = Annotated[
    Optional[float],
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Only quotes whose confidence (how likely the named speaker is right, 0-1) is at "
        "least this; quotes without a confidence are left out.",
    ),
]


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
    min_confidence: MinConfidenceOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 100,
) -> None:
    """Quotes with speaker, confidence, outlet, article, and how many outlets carried the same
    statement."""
    from archive.query.quotes import quotes as list_quotes

    rows = list_quotes(
        read_db(db),
        speaker=speaker,
        source=source,
        search=search,
        place=place,
        limit=limit,
        min_confidence=min_confidence,
    )
    output_rows(rows, fmt, QUOTE_COLUMNS)
