"""``archive people`` and ``archive person``: the people list, and one person's profile (or the
candidates when a name is ambiguous)."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from archive.cli.limits import note_cut, output_page, rows_limit
from archive.cli.notfound import no_match
from archive.cli.options import DbOption, FormatOption, LimitOption, fail, read_db
from archive.cli.output import Format, output_record, output_rows, table

PEOPLE_COLUMNS = ["person_id", "name", "articles", "quotes", "statements", "quoted_by", "bylines"]
CANDIDATE_COLUMNS = ["person_id", "name", "matched", "score", "articles", "quotes"]
# `archive person --format csv`: one row per quote, the part a spreadsheet can hold
PROFILE_CSV_COLUMNS = [
    "statement_id",
    "outlet_count",
    "quote_id",
    "quote",
    "confidence",
    "outlet",
    "article_id",
    "published_at",
    "title",
]


def people(
    top: Annotated[
        Optional[int], typer.Option("--top", min=1, help="Only the N most present people.")
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 50,
) -> None:
    """People with article and quote counts, most present first."""
    from archive.query.people import people as list_people
    from archive.query.people import people_count

    engine = read_db(db)
    output_page(
        top or limit,
        lambda n: list_people(engine, limit=n),
        lambda: people_count(engine),
        fmt,
        PEOPLE_COLUMNS,
    )


def person(
    name: Annotated[
        str, typer.Argument(help='A name, alias or spelling variant ("Mr Putin"), or a person id.')
    ],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 50,
    window: Annotated[
        int,
        typer.Option(
            "--window",
            "-w",
            min=0,
            help="Group statements and outlets over the person's latest N quotes, and roles and "
            "co-occurring people over their latest N articles (the last added to the archive); "
            '0 = all. Counts are always exact; the JSON says "truncated": true when the '
            "window left something out.",
        ),
    ] = 500,
    min_confidence: Annotated[
        Optional[float],
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="List only the statements (and the outlets that quoted them) of quotes whose "
            "confidence (how likely the named speaker is right, 0-1) is at least this; quotes "
            "without a confidence are left out. The counts of quotes and statements stay over "
            "all quotes.",
        ),
    ] = None,
) -> None:
    """A person's profile: aliases, roles over time, articles, statements (with the confidence
    of each quote), outlets, co-occurring people.

    For a much-quoted person the statements, outlets, roles and co-occurring people are computed
    over their latest --window quotes and articles (default 500; the counts of articles,
    quotes and statements are always exact). --min-confidence keeps the statements and outlets
    to the quotes whose speaker is at least that likely to be right."""
    from archive.query.lookup import near_names
    from archive.query.people import resolve_person
    from archive.query.profile import person_profile

    engine = read_db(db)
    found, candidates = resolve_person(engine, name)
    if found is None:
        if not candidates:
            no_match("person", name, near_names(engine, "person", name))
        output_rows(candidates, fmt, CANDIDATE_COLUMNS, title=f"{name!r} is ambiguous")
        fail(
            f"{name!r} matches {len(candidates)} people: "
            f"run `archive person ID` with one of their ids"
        )
    prof = person_profile(
        engine,
        found["person_id"],
        limit=rows_limit(limit),
        window=window or None,
        min_confidence=min_confidence,
    )
    output_record(
        prof,
        fmt,
        csv_rows=lambda: _quote_rows(prof),
        csv_columns=PROFILE_CSV_COLUMNS,
        view=lambda console: _profile_view(console, prof),
    )
    for part in ("articles", "statements", "co_occurring"):
        note_cut(len(prof[part]), prof["totals"][part], f"{part.replace('_', '-')}: ")


def _quote_rows(prof: dict) -> list[dict]:
    """One row per quote of the profile's statements."""
    return [
        {"statement_id": s["statement_id"], "outlet_count": s["outlet_count"], **q}
        for s in prof["statements"]
        for q in s["quotes"]
    ]


def _profile_head(prof: dict):
    """The profile's header: name, id, description, other names, counts."""
    from rich.text import Text

    head = Text()
    head.append(prof["name"], style="bold")
    head.append(f"  (person {prof['person_id']})\n", style="dim")
    if prof["description"]:
        head.append(prof["description"] + "\n")
    if prof["aliases"]:
        head.append("also written: ", style="dim")
        head.append(", ".join(prof["aliases"]) + "\n")
    head.append(
        f"{prof['article_count']} articles, {prof['quote_count']} quotes "
        f"({prof['reported_count']} of them reported speech) of "
        f"{prof['statement_count']} statements",
        style="dim",
    )
    if prof["truncated"]:
        head.append(
            f"\nstatements, outlets, roles and co-occurring people: over the latest "
            f"{prof['window']:,} quotes and articles only (--window 0 for all)",
            style="dim",
        )
    if prof.get("min_confidence") is not None:
        head.append(
            f"\nstatements and outlets: of the quotes with confidence >= {prof['min_confidence']:g}"
            " only",
            style="dim",
        )
    return head


def _profile_view(console, prof: dict) -> None:
    """The profile on a terminal: its header and a table per part."""
    from rich.console import Group

    parts: list[Any] = [_profile_head(prof)]
    if prof["roles"]:
        parts.append(
            table(
                prof["roles"],
                ["role", "first_seen", "last_seen", "articles"],
                title="Roles over time",
            )
        )
    if prof["statements"]:
        rows = [
            {
                "statement": s["text"],
                "outlets": ", ".join(s["outlets"]),
                "n": s["outlet_count"],
                "first_seen": s["first_seen"],
                "confidence": s["confidence"],
                "statement_id": s["statement_id"],
            }
            for s in prof["statements"]
        ]
        parts.append(
            table(
                rows,
                ["statement", "n", "outlets", "first_seen", "confidence", "statement_id"],
                title="Statements (quotes grouped; n = outlets that carried it; confidence = "
                "the highest of its quotes')",
            )
        )
    if prof["outlets"]:
        parts.append(
            table(
                prof["outlets"],
                ["outlet", "quotes", "statements"],
                title="Outlets that quoted them",
            )
        )
    if prof["articles"]:
        parts.append(
            table(
                prof["articles"],
                ["article_id", "published_at", "outlet", "title", "role"],
                title="Articles",
            )
        )
    if prof["co_occurring"]:
        parts.append(
            table(
                prof["co_occurring"], ["person_id", "name", "shared_articles"], title="Appears with"
            )
        )
    console.print(Group(*parts))
