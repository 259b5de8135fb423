"""Not found is the same everywhere: a name that matches nothing (``archive person X``,
``quotes --speaker X``, ``articles --source X``, ...) exits 1 with one line on stderr, "no
source matches 'Reuter'; did you mean Reuters?" (:mod:`archive.query.lookup`)."""

from __future__ import annotations

from typing import NoReturn

from archive.cli.options import fail


def no_match(kind: str, value: str, near: list[str]) -> NoReturn:
    """Exit 1: no KIND matches VALUE; NEAR are the names to suggest."""
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    fail(f"no {kind} matches {value!r}{hint}")


def require_known(engine, **filters: str | None) -> None:
    """Exit 1 (:func:`no_match`) when one of FILTERS (kind=value: person, speaker, source,
    place; None: not given) matches nothing in the archive."""
    from archive.query.lookup import unknown

    for kind, value in filters.items():
        if value is not None:
            near = unknown(engine, kind, value)
            if near is not None:
                no_match(kind, value, near)
