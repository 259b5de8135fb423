"""Options and helpers shared by every command of the CLI."""

from __future__ import annotations

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
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many rows.")]


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[red]Error:[/red] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


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
        fail(
            f"cannot open the database: {str(exc.orig if getattr(exc, 'orig', None) else exc).splitlines()[0]}"
        )
