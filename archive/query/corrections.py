"""The corrections made by hand (``archive corrections``): newest first, with what each
corrects now, the values before and after, its note and status."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from archive.query.common import Row
from archive.store.models import Correction

_SINGULAR = {"people": "person", "quotes": "quote", "places": "place"}


def _filtered(stmt, status: str | None, kind: str | None):
    if status is not None:
        stmt = stmt.where(Correction.status == status)
    if kind is not None:
        stmt = stmt.where(Correction.kind == kind)
    return stmt


def corrections(
    engine: Engine,
    *,
    status: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """The corrections (of one STATUS and KIND when given), newest first."""
    stmt = _filtered(select(*Correction.__table__.columns), status, kind)
    stmt = stmt.order_by(Correction.id.desc()).limit(limit)
    with engine.connect() as conn:
        return [
            {
                "correction": c.id,
                "kind": c.kind,
                "status": c.status,
                "target": f"{_SINGULAR[c.target_table]} {c.target_id or '?'}",
                "target_table": c.target_table,
                "target_id": c.target_id,
                "field": c.field,
                "old_value": c.old_value,
                "new_value": c.new_value,
                "note": c.note,
                "created_at": c.created_at.isoformat(timespec="seconds") if c.created_at else None,
                "undone_at": c.undone_at.isoformat(timespec="seconds") if c.undone_at else None,
            }
            for c in conn.execute(stmt).all()
        ]


def corrections_count(engine: Engine, *, status: str | None = None, kind: str | None = None) -> int:
    """How many corrections there are (of one STATUS and KIND when given)."""
    with engine.connect() as conn:
        return conn.execute(
            _filtered(select(func.count()).select_from(Correction), status, kind)
        ).scalar_one()
