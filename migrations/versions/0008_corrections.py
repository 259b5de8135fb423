"""corrections: fixes made by hand, applied again whenever an article is written again

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

* corrections: one row per fix (``archive people merge``, ``people split``, ``people rename``,
  ``quote speaker``, ``place set``): its kind (``ck_corrections_kind``), status (active or
  undone, ``ck_corrections_status``), the row it applies to now (``target_table``,
  ``target_id``: updated when the store applies it again to re-extracted rows; indexed, for the
  corrections of one person or quote), the field and the values before and after as a person
  reads them (``old_value``, ``new_value``), the same as JSON for the store (``subject``: the
  keys that survive re-extraction, ``before``, ``after``), a note, when it was made and undone.
* correction_keys: the keys by which the store finds the corrections that an article's write
  may concern (``article:PATH``, ``surname:KEY``, ``place:GAZETTEER_ID``), unique per
  correction, indexed by key, deleted with their correction.

New tables only: nothing else changes, and nothing dialect-specific (JSON is TEXT on SQLite and
json on PostgreSQL).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

KINDS = ("person_merge", "person_split", "person_rename", "quote_speaker", "place_set")
STATUSES = ("active", "undone")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("target_table", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("subject", sa.JSON(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(_in("kind", KINDS), name=op.f("ck_corrections_kind")),
        sa.CheckConstraint(_in("status", STATUSES), name=op.f("ck_corrections_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_corrections_target_table_target_id"),
            ["target_table", "target_id"],
            unique=False,
        )
    op.create_table(
        "correction_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("correction_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["correction_id"],
            ["corrections.id"],
            name=op.f("fk_correction_keys_correction_id_corrections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correction_keys")),
        sa.UniqueConstraint(
            "key", "correction_id", name=op.f("uq_correction_keys_key_correction_id")
        ),
    )
    with op.batch_alter_table("correction_keys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_correction_keys_correction_id"), ["correction_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("correction_keys")
    op.drop_table("corrections")
