"""``archive sql``: one read-only SQL statement, its rows in any output format."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from archive.cli.limits import note_more
from archive.cli.options import DbOption, FormatOption, LimitOption, fail, read_db
from archive.cli.output import Format, output_rows

SQL_TABLE_CELL_CHARS = 10_000  # a table cell of `archive sql` shows at most this many characters


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
    from archive.query.sql import QueryError, QueryInterrupted, run_sql

    try:
        engine = read_db(db)
        try:
            # one row more than the limit tells whether it cut the result (0: every row)
            columns, rows = run_sql(
                engine, query, limit=limit + 1 if limit else sys.maxsize, timeout=timeout or None
            )
        except QueryInterrupted:
            fail("interrupted", code=130)
        except QueryError as exc:
            fail(str(exc))
        # the statement's columns (a result without rows has its header all the same); table
        # cells cut at SQL_TABLE_CELL_CHARS, with a note on stderr
        more = bool(limit) and len(rows) > limit
        output_rows(
            rows[:limit] if more else rows, fmt, columns, max_cell_chars=SQL_TABLE_CELL_CHARS
        )
        if more:
            note_more(limit)
    except KeyboardInterrupt:
        fail("interrupted", code=130)
