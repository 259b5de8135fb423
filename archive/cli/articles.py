"""``archive sources``, ``archive articles`` and ``archive article``: the outlets and agencies,
the articles list, and one article in full."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from archive.cli.limits import output_page
from archive.cli.notfound import require_known
from archive.cli.options import (
    DbOption,
    FormatOption,
    LimitOption,
    SinceOption,
    fail,
    parse_since,
    read_db,
)
from archive.cli.output import Format, output_record, table

SOURCE_COLUMNS = [
    "source_id",
    "name",
    "kind",
    "domain",
    "country_code",
    "articles",
    "wire_articles",
    "quotes",
]
ARTICLE_COLUMNS = [
    "article_id",
    "published_at",
    "outlet",
    "wire",
    "title",
    "people",
    "quotes",
    "duplicate_of",  # the article whose story this one copies
    "copies",  # how many articles copy this one's story
]
# `archive article --format csv`: one row per quote
QUOTE_CSV_COLUMNS = [
    "quote_id",
    "quote",
    "speaker",
    "speaker_kind",
    "confidence",
    "kind",
    "cue",
    "statement_id",
    "outlets",
]


def sources(
    db: DbOption = None, fmt: FormatOption = Format.table, limit: LimitOption = 100
) -> None:
    """Outlets and agencies with article counts (own articles, and as the wire credited)."""
    from archive.query.articles import sources as list_sources
    from archive.query.articles import sources_count

    engine = read_db(db)
    output_page(
        limit,
        lambda n: list_sources(engine, limit=n),
        lambda: sources_count(engine),
        fmt,
        SOURCE_COLUMNS,
    )


def articles(
    source: Annotated[
        Optional[str],
        typer.Option("--source", "-s", help="Outlet or wire agency (name or domain)."),
    ] = None,
    person: Annotated[
        Optional[str],
        typer.Option("--person", "-p", help="A person (name, alias or spelling variant)."),
    ] = None,
    place: Annotated[
        Optional[str], typer.Option("--place", "-l", help="A place (name or alias).")
    ] = None,
    since: SinceOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 100,
) -> None:
    """List articles, newest first, by outlet, person, place and date."""
    from archive.query.articles import articles as list_articles
    from archive.query.articles import articles_count

    since = parse_since(since)
    engine = read_db(db)
    require_known(engine, source=source, person=person, place=place)
    filters = dict(source=source, person=person, place=place, since=since)
    output_page(
        limit,
        lambda n: list_articles(engine, **filters, limit=n),
        lambda: articles_count(engine, **filters),
        fmt,
        ARTICLE_COLUMNS,
    )


def article(
    article_id: Annotated[
        int, typer.Argument(metavar="ID", help="The article id (see `archive articles`).")
    ],
    text: Annotated[bool, typer.Option("--text", help="Print the article body too.")] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """One article: title, outlet, wire, authors, date, people, places, quotes with speakers
    (and how likely each speaker is right: the confidence)."""
    from archive.query.articles import article as get_article

    rec = get_article(read_db(db), article_id, with_body=text)
    if rec is None:
        fail(f"no article with id {article_id}")
    output_record(
        rec,
        fmt,
        csv_rows=lambda: rec["quotes"],
        csv_columns=QUOTE_CSV_COLUMNS,
        view=lambda console: _article_view(console, rec, with_body=text),
    )


def _article_view(console, rec: dict, with_body: bool) -> None:
    """The article on a terminal: a header, its people, places and quotes, and its body."""
    from rich.console import Group
    from rich.text import Text

    head = Text()
    head.append(rec["title"] or "(untitled)", style="bold")
    head.append("\n")
    for label, key in (
        ("outlet", "outlet"),
        ("wire", "wire"),
        ("published", "published_at"),
        ("url", "url"),
        ("file", "file_name"),
    ):
        if rec.get(key):
            head.append(f"{label}: ", style="dim")
            head.append(str(rec[key]) + "\n")
    if rec["authors"]:
        head.append("authors: ", style="dim")
        head.append(", ".join(rec["authors"]) + "\n")
    if rec["photographers"]:
        head.append("photographers: ", style="dim")
        head.append(", ".join(rec["photographers"]) + "\n")
    if rec["duplicate_of"]:
        head.append("copy of: ", style="dim")
        head.append(f"article {rec['duplicate_of']} (the same story)\n")
    if rec["copies"]:
        head.append("same story: ", style="dim")
        others = ", ".join(
            f"{c['article_id']} ({c['outlet'] or 'no outlet'})" for c in rec["copies"]
        )
        n = len(rec["carried_by"])
        head.append(
            f"article{'s' if len(rec['copies']) > 1 else ''} {others}; "
            f"carried by {n} outlet{'' if n == 1 else 's'}\n"
        )
    head.append(f"id {rec['article_id']}, {rec['words']} words", style="dim")
    parts: list[Any] = [head]
    if rec["people"]:
        parts.append(
            table(rec["people"], ["person_id", "name", "roles", "mentions"], title="People")
        )
    if rec["places"]:
        parts.append(
            table(
                rec["places"],
                ["place_id", "name", "kind", "country_code", "latitude", "longitude", "mentions"],
                title="Places",
            )
        )
    if rec["quotes"]:
        parts.append(
            table(
                rec["quotes"],
                ["quote", "kind", "speaker", "confidence", "cue", "statement_id", "outlets"],
                title="Quotes",
            )
        )
    console.print(Group(*parts))
    if with_body:
        console.print()
        console.print(Text(rec.get("body") or ""), soft_wrap=True)
