"""The ``archive`` command line: thin wrappers that parse options and call library functions.

Conventions: data to stdout, messages to stderr; exit 0 ok, 1 failure, 2 usage error;
``--db`` on every command (else ``ARCHIVE_DB``, else ./archive.db); ``--format`` for scripts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from archive import __version__
from archive.cli.options import DbOption, fail, open_db
from archive.cli.output import err

app = typer.Typer(
    name="archive",
    help="A news archive: who said what, where, reported by which outlet.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Schema migrations: upgrade, downgrade, current.", no_args_is_help=True)
app.add_typer(db_app, name="db")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"archive {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """A news archive: who said what, where, reported by which outlet."""


# --- db -------------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None, revision: str = typer.Argument("head")) -> None:
    """Create or migrate the database schema up to REVISION (default: the latest)."""
    from archive.store import db as dbm

    engine = dbm.make_engine(db)
    try:
        before = dbm.current_revision(engine)
        dbm.upgrade(engine, revision)
    except Exception as exc:
        fail(f"upgrade failed: {exc}")
    err.print(f"schema {before or 'empty'} -> {dbm.current_revision(engine)}")


@db_app.command("downgrade")
def db_downgrade(
    revision: str = typer.Argument(..., help="Target revision, or 'base'."), db: DbOption = None
) -> None:
    """Migrate the database schema down to REVISION."""
    from archive.store import db as dbm

    try:
        engine = dbm.make_engine(db, create=False)
        before = dbm.current_revision(engine)
        dbm.downgrade(engine, revision)
    except Exception as exc:
        fail(f"downgrade failed: {exc}")
    err.print(f"schema {before or 'empty'} -> {dbm.current_revision(engine) or 'base'}")


@db_app.command("current")
def db_current(db: DbOption = None) -> None:
    """Print the database's schema revision (stdout) and whether it is the latest (stderr).

    Exit 0 only when the schema is this version's latest, the test every other command applies.

    Exit 1 when it is older (run `archive db upgrade`), newer (upgrade archive), missing ("base"), not an archive schema, or when there is no database at the path (nothing is created).
    """
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
        fail(
            f"cannot open the database: {str(exc.orig if getattr(exc, 'orig', None) else exc).splitlines()[0]}"
        )
    err.print("up to date: this is the latest schema")


# --- ingest ---------------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders (recursively); '-' reads stdin.")
    ],
    db: DbOption = None,
    jobs: Annotated[
        Optional[int],
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only errors and the summary.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="One line per document.")
    ] = False,
) -> None:
    """Read articles (text, HTML, JSON Lines), extract people, places and quotes, and store them."""
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from archive.nlp import ModelNotFound
    from archive.pipeline.ingest import ingest as run_ingest

    for p in paths:
        if p != "-" and not Path(p).exists():
            err.print(f"[red]failed[/red] {p}: no such file or directory", markup=True)
    existing = [p for p in paths if p == "-" or Path(p).exists()]
    missing = len(paths) - len(existing)
    engine = open_db(db, create=True)
    show_bar = err.is_terminal and not quiet
    started = time.perf_counter()
    progress = Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not show_bar,
    )

    def on_event(event) -> None:
        done = progress.tasks[0].completed + 1 if progress.tasks else 0
        rate = done / max(time.perf_counter() - started, 1e-6)
        progress.update(task, advance=1, rate=f"{rate:.1f} articles/s")
        if event.status == "failed":
            progress.console.print(
                f"[red]failed[/red] {event.path}: {event.message}", markup=True, soft_wrap=True
            )
            if verbose and event.detail:
                progress.console.print(event.detail, markup=False, highlight=False, soft_wrap=True)
        elif verbose:
            progress.console.print(f"{event.status:9} {event.path}", soft_wrap=True)

    from archive.readers.files import iter_paths

    try:
        total = sum(1 for p in existing if p != "-" for _ in iter_paths([p])) or None
    except Exception:
        total = None
    with progress:
        task = progress.add_task("ingest", total=total, rate="")
        try:
            report = run_ingest(existing, engine, jobs=jobs, on_event=on_event, stdin=sys.stdin)
        except ModelNotFound as exc:
            fail(str(exc))
    report.failed += missing
    elapsed = time.perf_counter() - started
    for warning in report.warnings:
        err.print(f"[yellow]warning[/yellow] {warning}", markup=True, soft_wrap=True)
    if report.interrupted:
        err.print(
            "interrupted: stopped after the last article written (nothing partial is stored); "
            "run the same command again to go on"
        )
    err.print(
        f"{report.added} added, {report.unchanged} unchanged, {report.replaced} replaced, "
        f"{report.failed} failed ({elapsed:.1f}s, {report.words} words)"
    )
    if report.interrupted:
        raise typer.Exit(128 + int(report.interrupted))
    if report.failed:
        raise typer.Exit(1)


# --- export ---------------------------------------------------------------------------------


@app.command()
def export(
    path: Annotated[Optional[Path], typer.Argument(help="Write here instead of stdout.")] = None,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | json | csv")] = "jsonl",
) -> None:
    """Export the whole archive, one record per article (gold-format field names)."""
    import csv
    import json

    from archive.cli.output import to_json
    from archive.query.export import CSV_COLUMNS, article_records, flat_row

    if fmt not in ("jsonl", "json", "csv"):
        fail(f"unknown format {fmt!r}: choose jsonl, json or csv", code=2)
    engine = open_db(db, readonly=True)
    stream = open(path, "w", encoding="utf-8", newline="") if path else sys.stdout
    try:
        records = article_records(engine)
        if fmt == "jsonl":
            for rec in records:
                stream.write(to_json(rec) + "\n")
        elif fmt == "json":
            json.dump(list(records), stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        else:
            writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            for rec in records:
                writer.writerow(flat_row(rec))
    finally:
        if path:
            stream.close()


from archive.cli import queries as cli_query  # noqa: E402  (query commands, registered on the same app)

cli_query.register(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # Ctrl-C outside the commands' own handling (start-up, a query)
        err.print("interrupted")
        sys.exit(130)
    except BrokenPipeError:  # `archive ... | head`: the reader is gone
        try:
            sys.stdout = None  # no flush of the closed pipe at exit
        finally:
            sys.exit(1)
