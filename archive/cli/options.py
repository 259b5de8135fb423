"""Options and helpers shared by every command of the CLI: ``--db``, ``--format``, ``--limit``,
``--since``, opening the database, and failing with a one-line error."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, NoReturn, Optional

import typer

from archive.cli.output import Format, err

DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db", envvar="ARCHIVE_DB", help="SQLite file or SQLAlchemy URL (default: archive.db)"
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
# --limit 0: every row; a list cut by its limit says so on stderr (archive.cli.limits)
LimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=0, help="At most this many rows (0: all).")
]
SinceOption = Annotated[
    Optional[str],
    typer.Option(
        "--since",
        help="Published on or after this date (YYYY-MM-DD, or a date-time: compared in UTC).",
    ),
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``Error: MESSAGE`` on stderr and exit with CODE (1: failure, 2: usage error)."""
    err.print(f"[red]Error:[/red] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


def error_line(exc: BaseException) -> str:
    """The first line of a database error (the driver's message, without SQLAlchemy's notes)."""
    return str(exc.orig if getattr(exc, "orig", None) else exc).splitlines()[0]


def open_db(db: str | None, *, readonly: bool = False, create: bool = False):
    """An engine for a database migrated to this code's schema; exits 1 with a one-line reason."""
    from sqlalchemy.exc import SQLAlchemyError

    from archive.store.db import SchemaError, check_schema, ensure_schema, make_engine

    try:
        engine = make_engine(db, readonly=readonly, create=create)
        if create:
            ensure_schema(engine)
        else:
            check_schema(engine)
        return engine
    except SchemaError as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(f"cannot open the database: {error_line(exc)}")


def read_db(db: str | None):
    """The archive opened read-only, as every query command opens it."""
    return open_db(db, readonly=True)


def parse_since(value: str | None) -> str | None:
    """A ``--since`` value as the archive stores dates (a date, or a date-time in UTC: an offset
    is converted, a time without one is UTC); exits 2 when it is neither."""
    if value is None:
        return None
    from archive.clean.dates import parse_date

    try:
        (datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value))
    except ValueError:
        fail(f"--since {value!r}: expected a date such as 2024-03-01", code=2)
    return parse_date(value)
