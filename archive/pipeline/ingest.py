"""Ingest: paths -> readers -> (hash check) -> extraction in batches, on all cores -> store.

Unchanged documents (same content hash) are skipped before any NLP work. Extraction runs in
worker processes (``jobs``) with a bounded number of batches in flight, so memory does not grow
with the corpus; the main process writes each article in its own transaction.
"""

from __future__ import annotations

import multiprocessing as mp
import multiprocessing.connection as mp_connection
import os
import signal
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from sqlalchemy import Engine

from archive.pipeline.extraction import (
    Failure,
    content_hash,
    extract_batch,
    preload,
    traceback_of,
)
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


# --- worker side ----------------------------------------------------------------------------
_worker_nlp = None


def _worker_init(model: str | None) -> None:
    global _worker_nlp
    from archive import nlp

    _worker_nlp = nlp.load(model)


def _worker_extract(raws: list[RawDocument]) -> list[Extraction | Failure]:
    return extract_batch(raws, nlp=_worker_nlp)


def _worker_main(conn, model: str | None) -> None:
    """A worker process: batches in, extractions out, until None or the main process is gone."""
    # Ctrl-C reaches the whole process group: stopping is the main process's decision
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_init(model)
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        conn.send(_worker_extract(batch))


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"killed by {name}"
    return f"exit code {exitcode}" if exitcode is not None else "no exit code"


class _Worker:
    def __init__(self, ctx, model: str | None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, model), daemon=True)
        self.proc.start()
        child.close()
        self.job: tuple[int, list[RawDocument], bool] | None = None  # (index, batch, is a retry)

    def stop(self, wait: float = 2.0) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(wait)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(wait)
        self.conn.close()


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
                _run_workers(batches(), save, interrupts, model, jobs, report)
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


def _run_workers(
    batches, save, interrupts: _Interrupts, model: str | None, jobs: int, report: Report
) -> None:
    """Extraction on ``jobs`` worker processes, writing in the main process in document order.

    Each worker has its own pipe, so the main process always knows which batch a worker holds;
    it waits on the pipes and on the processes themselves, so a worker that dies is noticed at
    once (the run never hangs on it)."""
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    source = iter(batches)
    pending: deque[tuple[int, list[RawDocument], bool]] = deque()  # (index, batch, is a retry)
    results: dict[int, list] = {}  # index -> results, or None for a slot split into retries
    retry_slots: dict[int, list[int]] = {}  # index of a failed batch -> indexes of its retries
    next_index = 0  # of the next batch to take from the source
    exhausted = False
    workers: list[_Worker] = []
    order: deque[int] = deque()  # indexes in the order they must be written

    def refill() -> None:
        nonlocal next_index, exhausted
        # bounded look-ahead (batches read but not yet written): memory does not grow with the
        # corpus, even while an early batch holds up the writing of later ones
        while not exhausted and len(order) < jobs * 3:
            if interrupts.requested:
                return
            try:
                batch = next(source)
            except StopIteration:
                exhausted = True
                return
            pending.append((next_index, batch, False))
            order.append(next_index)
            next_index += 1

    def start_worker() -> _Worker:
        worker = _Worker(ctx, model)
        workers.append(worker)
        return worker

    def flush_ready() -> None:
        while order and not interrupts.requested:
            index = order[0]
            if index in retry_slots:  # written when all of its one-document retries are back
                if not all(i in results for i in retry_slots[index]):
                    return
                order.popleft()
                for i in retry_slots.pop(index):
                    for result in results.pop(i):
                        if interrupts.requested:
                            return
                        save(result)
                continue
            if index not in results:
                return
            order.popleft()
            for result in results.pop(index):
                if interrupts.requested:
                    return
                save(result)

    retry_index = -1  # retries get negative indexes, outside the source's numbering
    try:
        refill()
        if pending:
            if ctx.get_start_method() == "fork":
                # once here: the forked workers share the model and the tables
                from archive import nlp as nlp_mod

                nlp_mod.load(model)
                preload()
            for _ in range(min(jobs, len(pending) if exhausted else jobs)):
                start_worker()
        while not interrupts.requested:
            for worker in workers:
                if worker.job is None and pending:
                    worker.job = pending.popleft()
                    try:
                        worker.conn.send(worker.job[1])
                    except (OSError, ValueError):
                        pass  # it died before taking it: noticed below
            busy = [w for w in workers if w.job is not None]
            if not busy:
                refill()
                if not pending:
                    break
                continue
            ready = mp_connection.wait(
                [w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=0.2
            )
            for worker in busy:
                index, batch, is_retry = worker.job
                got = None
                if worker.conn in ready:
                    try:
                        got = worker.conn.recv()
                    except (EOFError, OSError):
                        got = None
                if got is not None:
                    results[index] = got
                    worker.job = None
                    continue
                if worker.proc.sentinel not in ready and worker.proc.is_alive():
                    continue
                # the worker died holding this batch
                worker.proc.join(1)
                why = _death(worker.proc.exitcode)
                workers.remove(worker)
                worker.conn.close()
                if is_retry:
                    results[index] = [
                        Failure(doc, f"the extraction worker died on this document ({why})")
                        for doc in batch
                    ]
                else:
                    report.warnings.append(
                        f"an extraction worker died ({why}); its {len(batch)} document(s) "
                        "are extracted again one by one"
                    )
                    slots = []
                    for doc in batch:
                        pending.appendleft((retry_index, [doc], True))
                        slots.append(retry_index)
                        retry_index -= 1
                    retry_slots[index] = slots
                if not interrupts.requested:
                    start_worker()
            flush_ready()
            refill()
        flush_ready()
    finally:
        for worker in workers:
            worker.stop(wait=0.5 if interrupts.requested else 5.0)


def one_line(exc: BaseException) -> str:
    """A one-line reason for an exception (a database error's first line, without SQL)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else ""
    return f"{type(orig).__name__}: {text}" if text else type(orig).__name__


def _detail(exc: BaseException) -> str:
    return traceback_of(exc)
