"""Ingest: paths -> readers -> (hash check) -> extraction in batches, on all cores -> store.

Unchanged documents (same content hash) are skipped before any NLP work. Extraction runs in
worker processes (``jobs``) with a bounded number of batches in flight, so memory does not grow
with the corpus; the main process writes each article in its own transaction.
"""

from __future__ import annotations

import os
import signal
import threading
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from sqlalchemy import Engine

from archive.pipeline.extraction import Failure, content_hash, extract_batch, traceback_of
from archive.pipeline.workers import WorkerPool
from archive.records import Extraction, RawDocument
from archive.store.writer import ADDED, FAILED, REPLACED, UNCHANGED, Outcome, Store

BATCH_SIZE = 16


@dataclass
class Event:
    path: str
    status: str  # added | unchanged | replaced | failed
    message: str = ""
    article_id: int | None = None
    detail: str = ""  # e.g. the traceback of a store failure (shown with --verbose)


@dataclass
class Report:
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    words: int = 0
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. a worker process that died
    interrupted: int | None = None  # the signal (SIGINT, SIGTERM) that stopped the run early
    retries: int = 0  # article transactions run again after a conflict with another writer

    def record(self, event: Event) -> None:
        setattr(self, event.status, getattr(self, event.status) + 1)
        self.events.append(event)

    @property
    def total(self) -> int:
        return self.added + self.unchanged + self.replaced + self.failed


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def read_all(paths: Iterable[str], stdin=None) -> Iterator[RawDocument | Failure]:
    """Every document under the paths (files, folders, "-" for stdin); read errors as Failure."""
    from archive.readers import files as readers

    for path in paths:
        if path == "-":
            items = readers.read_stdin(stdin)
        else:
            try:
                files = list(readers.iter_paths([path]))
            except readers.ReadError as exc:
                yield Failure(
                    RawDocument(path=path, name=os.path.basename(path), raw_text="", format="text"),
                    exc.reason,
                )
                continue
            items = (item for f in files for item in _safe_read(f))
        for item in items:
            if isinstance(item, readers.ReadError):
                yield Failure(
                    RawDocument(
                        path=item.path, name=os.path.basename(item.path), raw_text="", format="text"
                    ),
                    item.reason,
                )
            else:
                yield item


def _safe_read(path: str):
    from archive.readers import files as readers

    try:
        yield from readers.read_path(path)
    except readers.ReadError as exc:
        yield exc
    except OSError as exc:
        yield readers.ReadError(path, exc.strerror or str(exc))


# --- main side ------------------------------------------------------------------------------


class _Interrupts:
    """While ingesting, the first Ctrl-C (or SIGTERM) only asks to stop: the article being
    written is finished and committed, nothing more is started. A second Ctrl-C stops at once
    (the open transaction is rolled back). Installed only in the main thread."""

    def __init__(self) -> None:
        self.requested: int | None = None  # the signal number asked for
        self._previous: dict[int, object] = {}

    def __enter__(self) -> "_Interrupts":
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum, _frame) -> None:
        if self.requested is not None and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.requested = signum

    def __exit__(self, *exc) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def ingest(
    paths: list[str],
    engine: Engine,
    jobs: int | None = None,
    batch_size: int = BATCH_SIZE,
    on_event: Callable[[Event], None] | None = None,
    stdin=None,
    model: str | None = None,
) -> Report:
    """Ingest every document under ``paths``; returns counts and one event per document.

    Articles are written in the order of the documents whatever ``jobs`` is, so a run gives
    the same archive with one worker or many. A worker process that dies (killed, out of memory)
    costs no document: its batch is extracted again one document at a time, and only a
    document whose worker dies a second time fails. Ctrl-C (or SIGTERM) stops after the article
    being written; ``Report.interrupted`` then says which signal."""
    store = Store(engine)
    known = store.known_hashes()
    seen: dict[str, str] = {}
    report = Report()
    jobs = jobs or default_jobs()

    def emit(event: Event) -> None:
        report.record(event)
        if on_event:
            on_event(event)

    def batches() -> Iterator[list[RawDocument]]:
        batch: list[RawDocument] = []
        for item in read_all(paths, stdin=stdin):
            if isinstance(item, Failure):
                emit(Event(item.doc.path, FAILED, item.reason, detail=item.detail))
                continue
            sha = content_hash(item)
            if sha in known:
                emit(Event(item.path, UNCHANGED, "already in the archive"))
                continue
            if sha in seen:
                emit(Event(item.path, UNCHANGED, f"same text as {seen[sha]}"))
                continue
            seen[sha] = item.path
            batch.append(item)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def save(result: Extraction | Failure) -> None:
        if isinstance(result, Failure):
            emit(Event(result.doc.path, FAILED, result.reason, detail=result.detail))
            return
        try:
            outcome: Outcome = store.save(result)
        except Exception as exc:  # noqa: BLE001 - batch boundary; the transaction was rolled back
            emit(
                Event(
                    result.doc.path, FAILED, f"cannot store: {one_line(exc)}", detail=_detail(exc)
                )
            )
            return
        if outcome.status in (ADDED, REPLACED):
            report.words += result.word_count
        emit(Event(result.doc.path, outcome.status, outcome.message, outcome.article_id))

    with _Interrupts() as interrupts:
        try:
            if jobs <= 1:
                _run_inline(batches(), save, interrupts, model)
            else:
                WorkerPool(batches(), save, interrupts, model, jobs, report.warnings.append).run()
        except KeyboardInterrupt:  # a second Ctrl-C: the open transaction was rolled back
            interrupts.requested = signal.SIGINT
        report.interrupted = interrupts.requested
    report.retries = store.retries
    return report


def _run_inline(batches, save, interrupts: _Interrupts, model: str | None) -> None:
    from archive import nlp as nlp_mod

    nlp = None
    for batch in batches:
        if interrupts.requested:
            return
        nlp = nlp or nlp_mod.load(model)
        for result in extract_batch(batch, nlp=nlp):
            if interrupts.requested:
                return
            save(result)


def one_line(exc: BaseException) -> str:
    """A one-line reason for an exception (a database error's first line, without SQL)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else ""
    return f"{type(orig).__name__}: {text}" if text else type(orig).__name__


def _detail(exc: BaseException) -> str:
    return traceback_of(exc)
