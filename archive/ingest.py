"""Ingest: paths -> readers -> (hash check) -> extraction in batches, on all cores -> store.

Unchanged documents (same content hash) are skipped before any NLP work. Extraction runs in
worker processes (``jobs``) with a bounded number of batches in flight, so memory does not grow
with the corpus; the main process writes each article in its own transaction.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from sqlalchemy import Engine

from archive.extract import Failure, content_hash, extract_batch, preload
from archive.records import Extraction, RawDocument
from archive.store import ADDED, FAILED, REPLACED, UNCHANGED, Outcome, Store

BATCH_SIZE = 16


@dataclass
class Event:
    path: str
    status: str  # added | unchanged | replaced | failed
    message: str = ""
    article_id: int | None = None


@dataclass
class Report:
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    words: int = 0
    events: list[Event] = field(default_factory=list)

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
    from archive import readers

    for path in paths:
        if path == "-":
            items = readers.read_stdin(stdin)
        else:
            try:
                files = list(readers.iter_paths([path]))
            except readers.ReadError as exc:
                yield Failure(RawDocument(path=path, name=os.path.basename(path), raw_text="", format="text"), exc.reason)
                continue
            items = (item for f in files for item in _safe_read(f))
        for item in items:
            if isinstance(item, readers.ReadError):
                yield Failure(
                    RawDocument(path=item.path, name=os.path.basename(item.path), raw_text="", format="text"),
                    item.reason,
                )
            else:
                yield item


def _safe_read(path: str):
    from archive import readers

    try:
        yield from readers.read_path(path)
    except readers.ReadError as exc:
        yield exc
    except OSError as exc:
        yield readers.ReadError(path, exc.strerror or str(exc))


# --- worker side ----------------------------------------------------------------------------
_worker_nlp = None


def _worker_init(model: str | None) -> None:
    global _worker_nlp
    from archive import nlp

    _worker_nlp = nlp.load(model)


def _worker_extract(raws: list[RawDocument]) -> list[Extraction | Failure]:
    return extract_batch(raws, nlp=_worker_nlp)


# --- main side ------------------------------------------------------------------------------


def ingest(
    paths: list[str],
    engine: Engine,
    jobs: int | None = None,
    batch_size: int = BATCH_SIZE,
    on_event: Callable[[Event], None] | None = None,
    stdin=None,
    model: str | None = None,
) -> Report:
    """Ingest every document under ``paths``; returns counts and one event per document."""
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
                emit(Event(item.doc.path, FAILED, item.reason))
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
            emit(Event(result.doc.path, FAILED, result.reason))
            return
        try:
            outcome: Outcome = store.save(result)
        except Exception as exc:  # the transaction was rolled back; nothing partial is stored
            emit(Event(result.doc.path, FAILED, f"cannot store: {type(exc).__name__}: {exc}"))
            return
        if outcome.status in (ADDED, REPLACED):
            report.words += result.word_count
        emit(Event(result.doc.path, outcome.status, outcome.message, outcome.article_id))

    if jobs <= 1:
        from archive import nlp as nlp_mod

        nlp = None
        for batch in batches():
            nlp = nlp or nlp_mod.load(model)
            for result in extract_batch(batch, nlp=nlp):
                save(result)
        return report

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    pool = None
    try:
        in_flight: deque = deque()
        for batch in batches():
            if pool is None:
                if ctx.get_start_method() == "fork":
                    # once here: the forked workers share the model and the tables
                    from archive import nlp as nlp_mod

                    nlp_mod.load(model)
                    preload()
                pool = ctx.Pool(jobs, initializer=_worker_init, initargs=(model,))
            in_flight.append(pool.apply_async(_worker_extract, (batch,)))
            while len(in_flight) > jobs * 2:
                for result in in_flight.popleft().get():
                    save(result)
        while in_flight:
            for result in in_flight.popleft().get():
                save(result)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return report
