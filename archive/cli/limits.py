"""``--limit``: lists are never cut silently. A list command reads one row more than its limit;
only when that row exists does it count the rest, and it says on stderr "showing 100 of 892
(use --limit N or --limit 0 for all)" (safe for scripts: the data on stdout is unchanged).
``--limit 0`` is every row."""

from __future__ import annotations

from typing import Any, Callable, Sequence

from archive.cli.output import err, output_rows

HINT = "use --limit N or --limit 0 for all"


def rows_limit(limit: int) -> int | None:
    """The row limit a ``--limit`` value asks for: None (every row) for 0."""
    return limit or None


def fetch_page(
    limit: int, fetch: Callable[[int | None], list], count: Callable[[], int]
) -> tuple[list, int | None]:
    """(rows, total): at most LIMIT (0: all) of the rows FETCH(n) gives (n None: all), and the
    number of rows there are, COUNT(), when the limit left some out (else None)."""
    if not limit:
        return fetch(None), None
    rows = fetch(limit + 1)
    if len(rows) <= limit:
        return rows, None
    # at least limit + 1 rows exist (a writer may have deleted some since they were read)
    return rows[:limit], max(count(), limit + 1)


def output_page(
    limit: int,
    fetch: Callable[[int | None], list],
    count: Callable[[], int],
    fmt: Any,
    columns: Sequence[str],
    **kwargs: Any,
) -> None:
    """Output (:func:`archive.cli.output.output_rows`, with KWARGS) at most LIMIT of the rows
    FETCH gives, and say on stderr how many there are when the limit left some out."""
    rows, total = fetch_page(limit, fetch, count)
    output_rows(rows, fmt, columns, **kwargs)
    note_cut(len(rows), total)


def note_cut(shown: int, total: int | None, what: str = "") -> None:
    """Say on stderr that SHOWN of TOTAL rows (of WHAT, e.g. "articles: ") are shown, when
    TOTAL is more than SHOWN; nothing otherwise."""
    if total is not None and total > shown:
        err.print(f"{what}showing {shown:,} of {total:,} ({HINT})", markup=False, soft_wrap=True)


def note_more(shown: int, what: str = "") -> None:
    """Say on stderr that more than SHOWN rows (of WHAT) exist, their number unknown."""
    err.print(f"{what}showing the first {shown:,}; there are more ({HINT})", markup=False)
