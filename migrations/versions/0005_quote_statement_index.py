"""index for a person's statement count at archive scale

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

* quotes (speaker_id, statement_id): the exact number of distinct statements of a speaker from
  the index alone (``queries.person_profile`` for a much-quoted person counts all of them but
  groups only the latest quotes).
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEXES = [
    ("quotes", "ix_quotes_speaker_id_statement_id", ["speaker_id", "statement_id"]),
]


def upgrade() -> None:
    for table, name, columns in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in reversed(INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
