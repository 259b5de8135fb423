"""Query commands of the ``archive`` CLI (registered on the app by archive.cli).

Thin wrappers: options -> a function of :mod:`archive.query.queries` -> rows -> output. Tables on a
terminal (Rich; cell text is never read as Rich markup), json/jsonl/csv for scripts. Errors are
one line on stderr: exit 1 for failures and "not found", 2 for usage errors.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional, Sequence

import typer

from archive.cli.options import DbOption, FormatOption, LimitOption, fail, open_db
from archive.cli.output import Format, _cell, emit, err, out_console


class PlacesFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


class Scope(str, Enum):
    all = "all"
    articles = "articles"
    quotes = "quotes"


# --- output helpers ---------------------------------------------------------------------------


def _text(value: Any, marks: bool = False):
    """A Rich Text cell: never parsed as markup; search marks shown in bold."""
    from rich.text import Text

    from archive.query.queries import MARK_END, MARK_START

    s = _cell(value)
    if not marks or MARK_START not in s:
        return Text(s)
    out = Text()
    rest = s
    while MARK_START in rest:
        before, _, after = rest.partition(MARK_START)
        hit, _, rest = after.partition(MARK_END)
        out.append(before)
        out.append(hit, style="bold yellow")
    out.append(rest)
    return out


def _table(
    rows: Sequence[dict],
    columns: Sequence[str],
    title: str | None = None,
    marks: Sequence[str] = (),
):
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_text(row.get(c), marks=c in marks) for c in columns))
    return table


def _emit(
    rows: list[dict],
    fmt: Format | str,
    columns: Sequence[str],
    title: str | None = None,
    marks: Sequence[str] = (),
) -> None:
    """Like render.emit, but table cells are plain text (quotes may contain '[' and ']')."""
    fmt = Format(fmt)
    if fmt is Format.table:
        out_console().print(_table(rows, columns, title=title, marks=marks))
    elif fmt is Format.csv:  # every field, not only the table's columns
        emit(rows, fmt, columns=list(rows[0].keys()) if rows else columns)
    else:
        emit(rows, fmt)


def _dump(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def _since(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return (
            datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        ).isoformat()
    except ValueError:
        fail(f"--since {value!r}: expected a date such as 2024-03-01", code=2)


def _engine(db):
    return open_db(db, readonly=True)


SQL_TABLE_CELL_CHARS = 10_000  # a table cell of `archive sql` shows at most this many characters


def _emit_sql(rows: list[dict], fmt: Format | str, columns: Sequence[str]) -> None:
    """The rows of `archive sql`, written as they are encoded (no second copy of a large result
    in memory); table cells are cut at SQL_TABLE_CELL_CHARS with a note on stderr."""
    import csv

    fmt = Format(fmt)
    out = sys.stdout
    if fmt is Format.json:
        encoder = json.JSONEncoder(ensure_ascii=False, indent=2, default=str)
        for chunk in encoder.iterencode(rows):
            out.write(chunk)
        out.write("\n")
    elif fmt is Format.jsonl:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt is Format.csv:
        names = list(rows[0].keys()) if rows else list(columns)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in names])
    else:
        cut = 0
        shown = []
        for row in rows:
            cells = {}
            for c in columns:
                s = _cell(row.get(c))
                if len(s) > SQL_TABLE_CELL_CHARS:
                    cut += 1
                    s = (
                        s[:SQL_TABLE_CELL_CHARS]
                        + f"… ({len(s) - SQL_TABLE_CELL_CHARS:,} more characters)"
                    )
                cells[c] = s
            shown.append(cells)
        out_console().print(_table(shown, columns))
        if cut:
            err.print(
                f"note: {cut} value(s) cut to {SQL_TABLE_CELL_CHARS:,} characters in the table; "
                "--format csv, json or jsonl gives them whole",
                soft_wrap=True,
                markup=False,
            )


# --- commands ----------------------------------------------------------------------------------


def sql(
    query: Annotated[str, typer.Argument(help="One SQL statement; the connection is read-only.")],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 1000,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            metavar="SECONDS",
            help="Stop the statement after this many seconds (0: no limit).",
        ),
    ] = 30.0,
) -> None:
    """Run one read-only SQL statement against the archive (writes are refused).

    One statement per call; on PostgreSQL only SELECT, WITH, VALUES, TABLE, EXPLAIN and SHOW.
    The statement runs in a read-only transaction that is always rolled back; --timeout bounds
    it (exit 1), Ctrl-C stops it (exit 130); values over 64 MiB and results over 256 MiB are
    refused.
    """
    from archive.query import queries

    try:
        engine = _engine(db)
        try:
            columns, rows = queries.run_sql(engine, query, limit=limit, timeout=timeout or None)
        except queries.QueryInterrupted:
            fail("interrupted", code=130)
        except queries.QueryError as exc:
            fail(str(exc))
        _emit_sql(rows, fmt, columns)
    except KeyboardInterrupt:
        fail("interrupted", code=130)


def sources(
    db: DbOption = None, fmt: FormatOption = Format.table, limit: LimitOption = 100
) -> None:
    """Outlets and agencies with article counts (own articles, and as the wire credited)."""
    from archive.query import queries

    rows = queries.sources(_engine(db), limit=limit)
    _emit(
        rows,
        fmt,
        [
            "source_id",
            "name",
            "kind",
            "domain",
            "country_code",
            "articles",
            "wire_articles",
            "quotes",
        ],
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
    since: Annotated[
        Optional[str], typer.Option("--since", help="Published on or after this date (YYYY-MM-DD).")
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 100,
) -> None:
    """List articles, newest first, by outlet, person, place and date."""
    from archive.query import queries

    rows = queries.articles(
        _engine(db), source=source, person=person, place=place, since=_since(since), limit=limit
    )
    _emit(rows, fmt, ["article_id", "published_at", "outlet", "wire", "title", "people", "quotes"])


def article(
    article_id: Annotated[
        int, typer.Argument(metavar="ID", help="The article id (see `archive articles`).")
    ],
    text: Annotated[bool, typer.Option("--text", help="Print the article body too.")] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """One article: title, outlet, wire, authors, date, people, places, quotes with speakers."""
    from rich.console import Group
    from rich.text import Text

    from archive.query import queries

    rec = queries.article(_engine(db), article_id, with_body=text)
    if rec is None:
        fail(f"no article with id {article_id}")
    if fmt is Format.json:
        return _dump(rec)
    if fmt is Format.jsonl:
        sys.stdout.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        return
    if fmt is Format.csv:
        return emit(
            rec["quotes"],
            fmt,
            columns=[
                "quote_id",
                "quote",
                "speaker",
                "speaker_kind",
                "kind",
                "cue",
                "statement_id",
                "outlets",
            ],
        )
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
    head.append(f"id {rec['article_id']}, {rec['words']} words", style="dim")
    parts: list[Any] = [head]
    if rec["people"]:
        parts.append(
            _table(rec["people"], ["person_id", "name", "roles", "mentions"], title="People")
        )
    if rec["places"]:
        parts.append(
            _table(
                rec["places"],
                ["place_id", "name", "kind", "country_code", "latitude", "longitude", "mentions"],
                title="Places",
            )
        )
    if rec["quotes"]:
        parts.append(
            _table(
                rec["quotes"],
                ["quote", "speaker", "cue", "statement_id", "outlets"],
                title="Quotes",
            )
        )
    console = out_console()
    console.print(Group(*parts))
    if text:
        console.print()
        console.print(Text(rec.get("body") or ""), soft_wrap=True)


def people(
    top: Annotated[
        Optional[int], typer.Option("--top", min=1, help="Only the N most present people.")
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 50,
) -> None:
    """People with article and quote counts, most present first."""
    from archive.query import queries

    rows = queries.people(_engine(db), limit=top or limit)
    _emit(
        rows, fmt, ["person_id", "name", "articles", "quotes", "statements", "quoted_by", "bylines"]
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
) -> None:
    """A person's profile: aliases, roles over time, articles, statements, outlets, co-occurring people.

    For a much-quoted person the statements, outlets, roles and co-occurring people are computed
    over their latest --window quotes and articles (default 500; the counts of articles,
    quotes and statements are always exact)."""
    from rich.console import Group
    from rich.text import Text

    from archive.query import queries

    engine = _engine(db)
    found, candidates = queries.resolve_person(engine, name)
    if found is None:
        if not candidates:
            near = queries.find_people(engine, name, min_score=60)[:5]
            hint = f"; did you mean {', '.join(c['name'] for c in near)}?" if near else ""
            fail(f"no person matches {name!r}{hint}")
        _emit(
            candidates,
            fmt,
            ["person_id", "name", "matched", "score", "articles", "quotes"],
            title=f"{name!r} is ambiguous",
        )
        fail(
            f"{name!r} matches {len(candidates)} people: "
            f"run `archive person ID` with one of their ids"
        )
    prof = queries.person_profile(engine, found["person_id"], limit=limit, window=window or None)
    if fmt is Format.json:
        return _dump(prof)
    if fmt is Format.jsonl:
        sys.stdout.write(json.dumps(prof, ensure_ascii=False, default=str) + "\n")
        return
    if fmt is Format.csv:  # one row per quote: the part a spreadsheet can hold
        rows = [
            {"statement_id": s["statement_id"], "outlet_count": s["outlet_count"], **q}
            for s in prof["statements"]
            for q in s["quotes"]
        ]
        return emit(
            rows,
            fmt,
            columns=[
                "statement_id",
                "outlet_count",
                "quote_id",
                "quote",
                "outlet",
                "article_id",
                "published_at",
                "title",
            ],
        )
    head = Text()
    head.append(prof["name"], style="bold")
    head.append(f"  (person {prof['person_id']})\n", style="dim")
    if prof["description"]:
        head.append(prof["description"] + "\n")
    if prof["aliases"]:
        head.append("also written: ", style="dim")
        head.append(", ".join(prof["aliases"]) + "\n")
    head.append(
        f"{prof['article_count']} articles, {prof['quote_count']} quotes of "
        f"{prof['statement_count']} statements",
        style="dim",
    )
    if prof["truncated"]:
        head.append(
            f"\nstatements, outlets, roles and co-occurring people: over the latest "
            f"{prof['window']:,} quotes and articles only (--window 0 for all)",
            style="dim",
        )
    parts: list[Any] = [head]
    if prof["roles"]:
        parts.append(
            _table(
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
                "statement_id": s["statement_id"],
            }
            for s in prof["statements"]
        ]
        parts.append(
            _table(
                rows,
                ["statement", "n", "outlets", "first_seen", "statement_id"],
                title="Statements (quotes grouped; n = outlets that carried it)",
            )
        )
    if prof["outlets"]:
        parts.append(
            _table(
                prof["outlets"],
                ["outlet", "quotes", "statements"],
                title="Outlets that quoted them",
            )
        )
    if prof["articles"]:
        parts.append(
            _table(
                prof["articles"],
                ["article_id", "published_at", "outlet", "title", "role"],
                title="Articles",
            )
        )
    if prof["co_occurring"]:
        parts.append(
            _table(
                prof["co_occurring"], ["person_id", "name", "shared_articles"], title="Appears with"
            )
        )
    out_console().print(Group(*parts))


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
    from archive.query import queries

    rows = queries.quotes(
        _engine(db), speaker=speaker, source=source, search=search, place=place, limit=limit
    )
    _emit(rows, fmt, ["quote", "speaker", "outlet", "article_id", "outlets"])


def places(
    db: DbOption = None,
    fmt: Annotated[
        PlacesFormat, typer.Option("--format", "-f", help="Output format (geojson for maps).")
    ] = PlacesFormat.table,
    limit: LimitOption = 100,
) -> None:
    """Places with coordinates and article counts; `--format geojson` for maps."""
    from archive.query import queries

    rows = queries.places(_engine(db), limit=limit)
    if fmt is PlacesFormat.geojson:
        return _dump(queries.places_geojson(rows))
    _emit(
        rows,
        fmt.value,
        [
            "place_id",
            "name",
            "kind",
            "country_code",
            "latitude",
            "longitude",
            "articles",
            "mentions",
        ],
    )


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
    from archive.query import queries

    if not query.strip():
        fail("empty search text", code=2)
    try:
        rows = queries.search(_engine(db), query, limit=limit, scope=scope.value)
    except queries.QueryError as exc:
        fail(str(exc))
    _emit(rows, fmt, ["kind", "article_id", "outlet", "speaker", "snippet"], marks=["snippet"])


def stats(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="How many top people/places/outlets.")
    ] = 10,
) -> None:
    """Counts per table, and the top people, places and outlets."""
    from rich.console import Group

    from archive.query import queries

    data = queries.stats(_engine(db), top=limit)
    if fmt is Format.json:
        return _dump(data)
    if fmt in (Format.jsonl, Format.csv):
        rows = [{"section": "counts", "name": k, "count": v} for k, v in data["counts"].items()]
        for section, key in (
            ("top_people", "articles"),
            ("top_places", "articles"),
            ("top_outlets", "articles"),
        ):
            rows += [
                {"section": section, "name": r["name"], "count": r[key]} for r in data[section]
            ]
        return emit(rows, fmt, columns=["section", "name", "count"])
    counts = [{"table": k, "rows": v} for k, v in data["counts"].items()]
    out_console().print(
        Group(
            _table(counts, ["table", "rows"], title="Rows per table"),
            _table(data["top_people"], ["name", "articles", "quotes"], title="Top people"),
            _table(data["top_places"], ["name", "kind", "articles"], title="Top places"),
            _table(
                data["top_outlets"],
                ["name", "kind", "articles", "wire_articles", "quotes"],
                title="Top outlets",
            ),
        )
    )


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
    text = json.dumps(build(name), ensure_ascii=False, indent=2) + "\n"
    if path is None:
        sys.stdout.write(text)
    else:
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {path}: {exc.strerror or exc}")
        hint = f": datasette {url.database} -m {path}" if is_file else ""
        err.print(f"wrote {path} (database {name!r}){hint}", soft_wrap=True, markup=False)


def register(app: typer.Typer) -> None:
    app.command()(sources)
    app.command()(articles)
    app.command()(article)
    app.command()(people)
    app.command()(person)
    app.command()(quotes)
    app.command()(places)
    app.command()(search)
    app.command()(stats)
    app.command()(sql)
    app.command("datasette-metadata")(datasette_metadata)
