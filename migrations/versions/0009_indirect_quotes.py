"""quotes.kind 'indirect': reported speech without quotation marks

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

* ``ck_quotes_kind`` admits 'indirect' next to 'full' and 'partial': a row of ``quotes`` may now
  be reported speech ("Clinton said the plan would fail": text "the plan would fail", the content
  that is attributed, with its offsets, cue and speaker), so that one table answers "what did X
  say". Nothing else changes: the views, the full-text index and every query read indirect rows
  as they read quotations.

On PostgreSQL the constraint is dropped and created again. On SQLite a CHECK constraint cannot be
altered, and a copy of ``quotes`` (batch mode) would drop its full-text triggers and break the
views that read it; as the new constraint only admits more values (every stored row satisfies it),
the table's definition is rewritten in place, SQLite's documented procedure for changing a CHECK
constraint without touching the stored rows (https://www.sqlite.org/lang_altertable.html, "making
other kinds of table schema changes"), followed by an integrity check. The downgrade deletes the
indirect rows first.
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

OLD = "kind IN ('full', 'partial')"
NEW = "kind IN ('full', 'partial', 'indirect')"
NAME = "ck_quotes_kind"


def _sqlite_rewrite(old: str, new: str) -> None:
    bind = op.get_bind()
    (sql,) = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'quotes'"
    ).one()
    clause_old, clause_new = f"CONSTRAINT {NAME} CHECK ({old})", f"CONSTRAINT {NAME} CHECK ({new})"
    if clause_old not in sql:
        if clause_new in sql:
            return  # already rewritten
        raise RuntimeError(f"quotes: constraint {NAME} is not as migration 0008 left it")
    (version,) = bind.exec_driver_sql("PRAGMA schema_version").one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'quotes'",
            (sql.replace(clause_old, clause_new),),
        )
        bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
    (ok,) = bind.exec_driver_sql("PRAGMA quick_check").one()
    if ok != "ok":
        raise RuntimeError(f"quotes: integrity check after rewriting {NAME}: {ok}")


def _postgresql(new: str) -> None:
    op.execute(f"ALTER TABLE quotes DROP CONSTRAINT {NAME}")
    op.execute(f"ALTER TABLE quotes ADD CONSTRAINT {NAME} CHECK ({new})")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rewrite(OLD, NEW)
    else:
        _postgresql(NEW)


def downgrade() -> None:
    op.execute("DELETE FROM quotes WHERE kind = 'indirect'")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rewrite(NEW, OLD)
    else:
        _postgresql(OLD)
