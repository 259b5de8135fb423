"""Corrections in the web UI: which values of a person or a quote were corrected by hand
(``archive people merge/split/rename``, ``archive quote speaker``: the ``corrections`` table of
migration 0008), for the start page and the marks on the pages of people and quotes.

Every function tolerates a database without that table (it has no corrections).
"""

from __future__ import annotations

from typing import Any

TABLE = "corrections"
_COLUMNS = (
    "id, kind, status, target_table, target_id, field, old_value, new_value, note, created_at, "
    "undone_at"
)
# the archive's pages -> corrections.target_table
_TARGETS = {"person": "people", "quote": "quotes"}
# corrections.target_table -> the archive's page of the corrected row
PAGES = {"people": "person", "quotes": "quote"}
RECENT = 10  # corrections listed on the start page


async def _has_table(db) -> bool:
    return await db.table_exists(TABLE)


def _rows(results) -> list[dict[str, Any]]:
    out = []
    for r in results.rows:
        row = dict(r)
        page = PAGES.get(row["target_table"])
        row["href"] = f"/{page}/{row['target_id']}" if page and row["target_id"] else None
        row["active"] = row["status"] == "active"
        out.append(row)
    return out


async def corrections_summary(db) -> dict[str, Any] | None:
    """How many corrections the archive holds (active ones), and the latest RECENT of them;
    None without the table."""
    if not await _has_table(db):
        return None
    count, active = (
        await db.execute(f"SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'active') FROM {TABLE}")
    ).rows[0]
    recent = await db.execute(
        f"SELECT {_COLUMNS} FROM {TABLE} ORDER BY id DESC LIMIT :n", {"n": RECENT}
    )
    return {"count": count, "active": active or 0, "recent": _rows(recent)}


async def corrections_for(db, what: str, ident: int) -> list[dict[str, Any]]:
    """The corrections of person or quote IDENT (WHAT "person" or "quote"; [] for anything
    else), oldest first, undone ones too (``active`` tells)."""
    target = _TARGETS.get(what)
    if target is None or not await _has_table(db):
        return []
    results = await db.execute(
        f"SELECT {_COLUMNS} FROM {TABLE} WHERE target_table = :t AND target_id = :id ORDER BY id",
        {"t": target, "id": ident},
    )
    return _rows(results)
