"""A wall-clock time budget for one piece of work (one article's cleaning, parsing, extraction).

``with time_budget(60): ...`` raises :class:`BudgetExceeded` out of the block when it runs
longer than 60 seconds. It works with ``signal.setitimer(ITIMER_REAL)``: when the timer goes off,
the SIGALRM handler raises a private exception inside whatever Python code is running, the
context manager turns it into ``BudgetExceeded`` and puts back the handler and the timer that were
there before. An outer timer keeps counting: the time spent inside is taken off it, and when its
time comes during the block its handler runs then, as it would have (an outer budget's ends the
outer block), while the inner budget goes on.

Limits:

* Only in the main thread of a process (the only thread that receives signals) and where
  ``setitimer`` exists (not Windows); elsewhere the block runs with no budget. Ingest calls the
  extractors in the main thread of the main process or of its worker processes.
* A signal handler only runs between Python bytecodes: a long call into C code (one spaCy
  pipeline component over a long text) is interrupted when it returns to Python, not during it.
* The exception can surface anywhere in the block, so the work must leave nothing half-built
  that outlives it (extraction builds its results locally; tables loaded lazily on first use are
  loaded before the budgeted work starts, see ``archive.pipeline.extraction``).
* The private exception derives from ``BaseException`` so that ``except Exception`` in the
  budgeted code does not swallow it.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

ENV_VAR = "ARCHIVE_ARTICLE_TIMEOUT"
ARTICLE_TIME_BUDGET = 60.0  # seconds per article; ARCHIVE_ARTICLE_TIMEOUT overrides it, 0 = none


class BudgetExceeded(Exception):
    """The budgeted block ran longer than ``seconds``."""

    def __init__(self, seconds: float):
        super().__init__(f"took longer than {format_seconds(seconds)} s")
        self.seconds = seconds


class _Expired(BaseException):
    """Raised by the SIGALRM handler inside the budgeted block (never seen outside it)."""

    def __init__(self, token: object):
        super().__init__()
        self.token = token


def format_seconds(seconds: float) -> str:
    return f"{seconds:g}"


def article_budget(default: float = ARTICLE_TIME_BUDGET) -> float:
    """The per-article budget in seconds: ``ARCHIVE_ARTICLE_TIMEOUT`` when set to a number
    (0 or less: no budget), else ``default``. A value that is no number is ignored."""
    raw = os.environ.get(ENV_VAR, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    if value != value or value == float("inf"):  # nan, inf: no budget
        return 0.0
    return max(value, 0.0)


def available() -> bool:
    """Can a budget be enforced here (main thread, a platform with setitimer)?"""
    return (
        hasattr(signal, "setitimer")
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block with at most ``seconds`` of wall-clock time (None or <= 0: no limit; no limit
    either outside the main thread). Raises :class:`BudgetExceeded` when the time runs out."""
    if not seconds or seconds <= 0 or not available():
        yield
        return
    token = object()
    started = time.monotonic()
    deadline = started + seconds
    previous_handler = signal.getsignal(signal.SIGALRM)
    previous_delay, previous_interval = signal.getitimer(signal.ITIMER_REAL)
    outer = {"deadline": started + previous_delay if previous_delay > 0 else None, "armed": False}

    def arm() -> None:
        """Set the timer for whichever comes first: our deadline or the outer timer's."""
        now = time.monotonic()
        outer["armed"] = outer["deadline"] is not None and outer["deadline"] < deadline
        until = outer["deadline"] if outer["armed"] else deadline
        signal.setitimer(signal.ITIMER_REAL, max(until - now, 1e-6))

    def expired(signum, frame):
        if not outer["armed"]:
            raise _Expired(token)
        # the outer timer's time: run its handler as it would have run (it may raise), then go on
        # with what is left of ours
        outer["deadline"] = None
        if callable(previous_handler):
            previous_handler(signum, frame)
        arm()

    signal.signal(signal.SIGALRM, expired)
    arm()
    try:
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)  # no alarm while putting things back
    except _Expired as exc:
        _restore(previous_handler, outer["deadline"], previous_interval)
        if exc.token is not token:
            raise
        raise BudgetExceeded(seconds) from None
    except BaseException:
        _restore(previous_handler, outer["deadline"], previous_interval)
        raise
    else:
        _restore(previous_handler, outer["deadline"], previous_interval)


def _restore(handler, outer_deadline: float | None, interval: float) -> None:
    """Put back the SIGALRM handler and the outer timer (with the time it has left; one that ran
    out meanwhile goes off at once, a zero delay would cancel it)."""
    signal.signal(signal.SIGALRM, handler if handler is not None else signal.SIG_DFL)
    if outer_deadline is not None:
        signal.setitimer(signal.ITIMER_REAL, max(outer_deadline - time.monotonic(), 1e-6), interval)
    elif interval > 0:
        signal.setitimer(signal.ITIMER_REAL, interval, interval)
