"""``archive ingest``: read articles, extract people, places and quotes, and store them, with a
progress bar on a terminal and a one-line summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from archive.cli.options import DbOption, fail, open_db
from archive.cli.output import err


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

    from archive.kinds import IngestStatus
    from archive.nlp import ModelNotFound
    from archive.pipeline.ingest import ingest as run_ingest
    from archive.readers.files import iter_paths

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
        if event.status == IngestStatus.FAILED:
            progress.console.print(
                f"[red]failed[/red] {event.path}: {event.message}", markup=True, soft_wrap=True
            )
            if verbose and event.detail:
                progress.console.print(event.detail, markup=False, highlight=False, soft_wrap=True)
        elif verbose:
            progress.console.print(f"{event.status:9} {event.path}", soft_wrap=True)

    try:
        total = sum(1 for p in existing if p != "-" for _ in iter_paths([p])) or None
    except OSError:  # a folder that cannot be listed: the bar shows no total
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
