"""``archive search``: full-text search over articles and quotes, matches shown in bold."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from archive.cli.limits import output_page
from archive.cli.options import DbOption, FormatOption, LimitOption, fail, read_db
from archive.cli.output import Format

SEARCH_COLUMNS = ["kind", "article_id", "outlet", "speaker", "snippet"]


class Scope(str, Enum):
    """What ``--in`` searches (archive.query.search.SEARCH_SCOPES)."""

    all = "all"
    articles = "articles"
    quotes = "quotes"


def search(
    query: Annotated[
        str, typer.Argument(metavar="TEXT", help='Words, "a phrase", prefix*, OR, NOT.')
    ],
    scope: Annotated[
        Scope, typer.Option("--in", help="Search articles, quotes or both.")
    ] = Scope.all,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 20,
) -> None:
    """Full-text search over article titles, bodies and quotes, best match first."""
    from archive.query.common import QueryError
    from archive.query.search import search as run_search
    from archive.query.search import search_count

    if not query.strip():
        fail("empty search text", code=2)
    engine = read_db(db)
    try:
        output_page(
            limit,
            lambda n: run_search(engine, query, limit=n, scope=scope.value),
            lambda: search_count(engine, query, scope=scope.value),
            fmt,
            SEARCH_COLUMNS,
            marks=["snippet"],
        )
    except QueryError as exc:
        fail(str(exc))
