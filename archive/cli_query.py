"""Query commands of the ``archive`` CLI (registered on the app by archive.cli)."""
from __future__ import annotations

from typing import Annotated

import typer

from archive.cli_common import DbOption, FormatOption, LimitOption, fail, open_db
from archive.render import Format, emit


def sql(
    query: Annotated[str, typer.Argument(help="One SQL statement; the connection is read-only.")],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = 1000,
) -> None:
    """Run read-only SQL against the archive (writes are refused by the connection)."""
    from archive import queries

    engine = open_db(db, readonly=True)
    try:
        columns, rows = queries.run_sql(engine, query, limit=limit)
    except queries.QueryError as exc:
        fail(str(exc))
    emit(rows, fmt, columns=columns)


def register(app: typer.Typer) -> None:
    app.command()(sql)
