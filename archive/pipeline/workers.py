"""Extraction in worker processes, written in document order by the main process.

Each worker has its own pipe, so the main process always knows which batch a worker holds; it
waits on the pipes and on the processes themselves, so a worker that dies is noticed at once (the
run never hangs on it). A batch whose worker died is extracted again one document at a time; a
document whose worker dies a second time fails alone. Look-ahead is bounded (at most ``3 * jobs``
batches read and not yet written), so memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing as mp
import multiprocessing.connection as mp_connection
import signal
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Protocol

from archive.pipeline.extraction import Failure, extract_batch, preload
from archive.records import Extraction, RawDocument

Result = Extraction | Failure

# --- worker side ----------------------------------------------------------------------------
_worker_nlp = None


def _worker_init(model: str | None) -> None:
    global _worker_nlp
    from archive import nlp

    _worker_nlp = nlp.load(model)


def _worker_extract(raws: list[RawDocument]) -> list[Result]:
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


def death(exitcode: int | None) -> str:
    """How a worker process ended, in words."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"killed by {name}"
    return f"exit code {exitcode}" if exitcode is not None else "no exit code"


# --- main side ------------------------------------------------------------------------------
@dataclass
class Job:
    """A batch given to a worker: its place in the write order (retries get negative indexes,
    outside the source's numbering), the documents, and whether it is a one-document retry."""

    index: int
    batch: list[RawDocument]
    retry: bool = False


class _Worker:
    """One worker process, its pipe, and the job it holds."""

    def __init__(self, ctx, model: str | None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, model), daemon=True)
        self.proc.start()
        child.close()
        self.job: Job | None = None

    def give(self, job: Job) -> None:
        self.job = job
        try:
            self.conn.send(job.batch)
        except (OSError, ValueError):
            pass  # it died before taking it: noticed by the pool

    def receive(self, ready: list) -> list[Result] | None:
        """The results of its job when they are there."""
        if self.conn not in ready:
            return None
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return None

    def dead(self, ready: list) -> bool:
        return self.proc.sentinel in ready or not self.proc.is_alive()

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


class Stop(Protocol):
    """Whether the run was asked to stop (a signal number, or None)."""

    requested: int | None


class WorkerPool:
    """Runs batches through ``jobs`` workers and hands every result to ``save`` in the order of
    the documents. ``warn`` receives a line for each worker that died."""

    def __init__(
        self,
        batches: Iterable[list[RawDocument]],
        save: Callable[[Result], None],
        stop: Stop,
        model: str | None,
        jobs: int,
        warn: Callable[[str], None],
    ) -> None:
        self.ctx = (
            mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        )
        self.source: Iterator[list[RawDocument]] = iter(batches)
        self.save, self.stop, self.model, self.jobs, self.warn = save, stop, model, jobs, warn
        self.pending: deque[Job] = deque()  # read, not yet given to a worker
        self.order: deque[int] = deque()  # indexes in the order they must be written
        self.results: dict[int, list[Result]] = {}  # index -> results of a finished job
        self.retry_slots: dict[int, list[int]] = {}  # a failed batch -> its one-document retries
        self.next_index = 0  # of the next batch to take from the source
        self.retry_index = -1
        self.exhausted = False
        self.workers: list[_Worker] = []

    def run(self) -> None:
        try:
            self._refill()
            if self.pending:
                self._start()
            while not self.stop.requested:
                self._dispatch()
                busy = [w for w in self.workers if w.job is not None]
                if not busy:
                    self._refill()
                    if not self.pending:
                        break
                    continue
                ready = mp_connection.wait(
                    [w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=0.2
                )
                for worker in busy:
                    self._collect(worker, ready)
                self._flush_ready()
                self._refill()
            self._flush_ready()
        finally:
            for worker in self.workers:
                worker.stop(wait=0.5 if self.stop.requested else 5.0)

    def _start(self) -> None:
        if self.ctx.get_start_method() == "fork":
            # once here: the forked workers share the model and the tables
            from archive import nlp as nlp_mod

            nlp_mod.load(self.model)
            preload()
        for _ in range(min(self.jobs, len(self.pending) if self.exhausted else self.jobs)):
            self.workers.append(_Worker(self.ctx, self.model))

    def _refill(self) -> None:
        # bounded look-ahead (batches read but not yet written): memory does not grow with the
        # corpus, even while an early batch holds up the writing of later ones
        while not self.exhausted and len(self.order) < self.jobs * 3:
            if self.stop.requested:
                return
            try:
                batch = next(self.source)
            except StopIteration:
                self.exhausted = True
                return
            self.pending.append(Job(self.next_index, batch))
            self.order.append(self.next_index)
            self.next_index += 1

    def _dispatch(self) -> None:
        for worker in self.workers:
            if worker.job is None and self.pending:
                worker.give(self.pending.popleft())

    def _collect(self, worker: _Worker, ready: list) -> None:
        job = worker.job
        got = worker.receive(ready)
        if got is not None:
            self.results[job.index] = got
            worker.job = None
        elif worker.dead(ready):
            self._lost(worker, job)

    def _lost(self, worker: _Worker, job: Job) -> None:
        """The worker died holding this job: a batch is retried one document at a time, a
        document that was already a retry fails."""
        worker.proc.join(1)
        why = death(worker.proc.exitcode)
        self.workers.remove(worker)
        worker.conn.close()
        if job.retry:
            self.results[job.index] = [
                Failure(doc, f"the extraction worker died on this document ({why})")
                for doc in job.batch
            ]
        else:
            self.warn(
                f"an extraction worker died ({why}); its {len(job.batch)} document(s) "
                "are extracted again one by one"
            )
            slots = []
            for doc in job.batch:
                self.pending.appendleft(Job(self.retry_index, [doc], retry=True))
                slots.append(self.retry_index)
                self.retry_index -= 1
            self.retry_slots[job.index] = slots
        if not self.stop.requested:
            self.workers.append(_Worker(self.ctx, self.model))

    def _flush_ready(self) -> None:
        """Write every finished batch at the head of the write order."""
        while self.order and not self.stop.requested:
            index = self.order[0]
            if index in self.retry_slots:  # written when all of its retries are back
                if not all(i in self.results for i in self.retry_slots[index]):
                    return
                self.order.popleft()
                for i in self.retry_slots.pop(index):
                    if not self._save_all(self.results.pop(i)):
                        return
                continue
            if index not in self.results:
                return
            self.order.popleft()
            if not self._save_all(self.results.pop(index)):
                return

    def _save_all(self, results: list[Result]) -> bool:
        for result in results:
            if self.stop.requested:
                return False
            self.save(result)
        return True
