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
# corrections.target_table -> the page of the corrected row ({db}: Datasette's row page)
PAGES = {"people": "/person/{id}", "quotes": "/quote/{id}", "places": "{db}/places/{id}"}
RECENT = 10  # corrections listed on the start page


async def _has_table(db) -> bool:
    return await db.table_exists(TABLE)


def _rows(db, results) -> list[dict[str, Any]]:
    out = []
    for r in results.rows:
        row = dict(r)
        page = PAGES.get(row["target_table"])
        has_page = page and row["target_id"] is not None
        base = db.ds.urls.database(db.name)
        row["href"] = page.format(db=base, id=row["target_id"]) if has_page else None
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
    return {"count": count, "active": active or 0, "recent": _rows(db, recent)}


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
    return _rows(db, results)


async def corrected_quotes(db, quote_ids: list[int]) -> set[int]:
    """Which of QUOTE_IDS have a correction in force (their speaker set by hand)."""
    if not quote_ids or not await _has_table(db):
        return set()
    ids = ", ".join(str(int(i)) for i in quote_ids)
    results = await db.execute(
        f"SELECT DISTINCT target_id FROM {TABLE} WHERE target_table = 'quotes' "
        f"AND status = 'active' AND target_id IN ({ids})"
    )
    return {r[0] for r in results.rows}
