"""The ``archive`` command line: thin wrappers that parse options, call a library function and
output its rows (:mod:`archive.cli.output`).

Conventions: data to stdout, messages to stderr; exit 0 ok, 1 failure, 2 usage error;
``--db`` on every command (else ``ARCHIVE_DB``, else ./archive.db); ``--format`` for scripts.
One module per group of commands: :mod:`~archive.cli.ingest`, :mod:`~archive.cli.export`,
:mod:`~archive.cli.articles`, :mod:`~archive.cli.people`, :mod:`~archive.cli.quotes`,
:mod:`~archive.cli.places`, :mod:`~archive.cli.search`, :mod:`~archive.cli.stats`,
:mod:`~archive.cli.sql`, :mod:`~archive.cli.db`.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from archive import __version__
from archive.cli import (
    articles,
    corrections,
    db,
    export,
    ingest,
    people,
    places,
    quotes,
    search,
    serve,
    sql,
    stats,
)
from archive.cli.output import err

app = typer.Typer(
    name="archive",
    help="A news archive: who said what, where, reported by which outlet.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # plain help, as sqlite-utils' and llm's: no types on flags ("--text <bool>"), no boxes
    rich_markup_mode=None,
)


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


# in this order in `archive --help`
app.command()(ingest.ingest)
app.command()(export.export)
app.command()(articles.sources)
app.command()(articles.articles)
app.command()(articles.article)
app.add_typer(corrections.people_app, name="people")
app.command()(people.person)
app.command()(quotes.quotes)
app.command()(places.places)
app.command()(search.search)
app.command()(stats.stats)
app.command()(sql.sql)
app.command("datasette-metadata")(export.datasette_metadata)
app.command()(serve.serve)
app.add_typer(corrections.quote_app, name="quote")
app.add_typer(corrections.place_app, name="place")
app.add_typer(corrections.corrections_app, name="corrections")
app.add_typer(db.db_app, name="db")


def main() -> None:
    """The ``archive`` program: the app, with Ctrl-C and a closed stdout handled."""
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
