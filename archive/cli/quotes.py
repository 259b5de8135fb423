"""``archive quotes``: who said what, by speaker, outlet, words, place and confidence."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from archive.cli.limits import output_page
from archive.cli.notfound import require_known
from archive.cli.options import DbOption, FormatOption, LimitOption, read_db
from archive.cli.output import Format

QUOTE_COLUMNS = ["quote", "kind", "speaker", "confidence", "outlet", "article_id", "outlets"]


class KindChoice(str, Enum):
    """Which quotes ``--kind`` lists."""

    all = "all"
    direct = "direct"
    indirect = "indirect"


KindOption = Annotated[
    KindChoice,
    typer.Option(
        "--kind",
        "-k",
        help="direct: words in quotation marks (kind full or partial); indirect: reported "
        "speech, the reporter's words for what was said; all: both.",
    ),
]

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
    kind: KindOption = KindChoice.all,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 100,
) -> None:
    """Quotes with speaker, confidence, outlet, article, and how many outlets carried the same
    statement."""
    from archive.query.quotes import quotes as list_quotes
    from archive.query.quotes import quotes_count

    engine = read_db(db)
    require_known(engine, speaker=speaker, source=source, place=place)
    filters = dict(
        speaker=speaker,
        source=source,
        search=search,
        place=place,
        kind=None if kind == KindChoice.all else kind.value,
    )
    output_page(
        limit,
        lambda n: list_quotes(engine, **filters, limit=n, min_confidence=min_confidence),
        lambda: quotes_count(engine, **filters, min_confidence=min_confidence),
        fmt,
        QUOTE_COLUMNS,
    )
