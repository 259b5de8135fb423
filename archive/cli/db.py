"""``archive db``: schema migrations (upgrade, downgrade, current), and the database in use
(path)."""

from __future__ import annotations

import typer

from archive.cli.options import DbOption, error_line, fail
from archive.cli.output import err

db_app = typer.Typer(
    help="The database: its path, and schema migrations (upgrade, downgrade, current).",
    no_args_is_help=True,
)


@db_app.command("path")
def db_path(db: DbOption = None) -> None:
    """Print the database in use: the SQLite file's absolute path (whether it exists yet or
    not), or the URL (password hidden)."""
    from archive.store.db import is_sqlite, resolve_url

    url = resolve_url(db)
    if is_sqlite(url) and url.database and url.database != ":memory:":
        from pathlib import Path

        typer.echo(str(Path(url.database).resolve()))
    else:
        typer.echo(url.render_as_string(hide_password=True))


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None, revision: str = typer.Argument("head")) -> None:
    """Create or migrate the database schema up to REVISION (default: the latest)."""
    from alembic.util import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    from archive.store import db as dbm

    engine = dbm.make_engine(db)
    try:
        before = dbm.current_revision(engine)
        dbm.upgrade(engine, revision)
    except (CommandError, dbm.SchemaError, SQLAlchemyError) as exc:
        fail(f"upgrade failed: {exc}")
    err.print(f"schema {before or 'empty'} -> {dbm.current_revision(engine)}")


@db_app.command("downgrade")
def db_downgrade(
    revision: str = typer.Argument(..., help="Target revision, or 'base'."), db: DbOption = None
) -> None:
    """Migrate the database schema down to REVISION."""
    from alembic.util import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    from archive.store import db as dbm

    try:
        engine = dbm.make_engine(db, create=False)
        before = dbm.current_revision(engine)
        dbm.downgrade(engine, revision)
    except (CommandError, dbm.SchemaError, SQLAlchemyError) as exc:
        fail(f"downgrade failed: {exc}")
    err.print(f"schema {before or 'empty'} -> {dbm.current_revision(engine) or 'base'}")


# the help of `archive db current` (each paragraph one line, which the help text wraps)
_CURRENT_HELP = (
    "Print the database's schema revision (stdout) and whether it is the latest (stderr).\n\n"
    "Exit 0 only when the schema is this version's latest, the test every other command "
    "applies.\n\n"
    "Exit 1 when it is older (run `archive db upgrade`), newer (upgrade archive), missing "
    '("base"), not an archive schema, or when there is no database at the path (nothing is '
    "created)."
)


@db_app.command("current", help=_CURRENT_HELP)
def db_current(db: DbOption = None) -> None:
    """Print the database's schema revision and whether it is the latest (see _CURRENT_HELP)."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from archive.store import db as dbm

    try:
        engine = dbm.make_engine(db, create=False)
        current, head = dbm.current_revision(engine), dbm.head_revision(engine)
        if current is None:
            with engine.connect() as conn:
                tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
            typer.echo("base")
            if tables:
                fail("the database is not an archive database (no schema version found)")
            fail(f"the database has no schema: run `archive db upgrade` (latest is {head})")
        typer.echo(current)
        dbm.check_schema(engine)  # older / newer: SchemaError with the one-line reason
    except dbm.SchemaError as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(f"cannot open the database: {error_line(exc)}")
    err.print("up to date: this is the latest schema")
