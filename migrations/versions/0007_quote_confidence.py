"""quotes.confidence: how likely the quote's speaker is right

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

* quotes.confidence (a float, NULL when not computed): the probability that the attribution is
  right, in [0, 1] (``ck_quotes_confidence``), from the quote extractor
  (``archive.extract.quotes``); rows written before this revision have none.
* quotes (speaker_id, confidence) WHERE confidence IS NOT NULL: ``quotes --speaker P
  --min-confidence X`` counts the speaker's confident quotes from the index alone, and reads
  them from it when they are few. Partial, so that only a filter on confidence can use it: the
  plans of every other query (``quotes --speaker``, ``person``) stay as they were. There is no
  index on confidence alone: most quotes are confident, so it would not narrow ``quotes
  --min-confidence X``, which walks the articles newest first until LIMIT of them have a
  confident quote.
* the view quote_attributions gains the column ``confidence``.

The column is added in place with its CHECK (``ALTER TABLE ... ADD COLUMN``, also in batch mode on
SQLite): a batch copy of ``quotes`` would drop the full-text triggers on it and break the views
that read it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CHECK = "confidence IS NULL OR (confidence >= 0 AND confidence <= 1)"
INDEX = "ix_quotes_speaker_id_confidence"

# quote_attributions as migration 0002 created it, and with the confidence
OLD_VIEW = """
        SELECT q.id AS quote_id, q.text AS quote, q.kind AS quote_kind,
               COALESCE(p.name, q.speaker_text) AS speaker, q.speaker_kind, q.speaker_id,
               q.cue, q.medium, q.statement_id, src.name AS outlet, w.name AS wire,
               a.id AS article_id, a.title AS article_title, a.published_at, a.file_name
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN people p ON p.id = q.speaker_id
        LEFT JOIN sources src ON src.id = a.source_id
        LEFT JOIN sources w ON w.id = a.wire_id
"""
NEW_VIEW = """
        SELECT q.id AS quote_id, q.text AS quote, q.kind AS quote_kind,
               COALESCE(p.name, q.speaker_text) AS speaker, q.speaker_kind, q.speaker_id,
               q.confidence, q.cue, q.medium, q.statement_id, src.name AS outlet, w.name AS wire,
               a.id AS article_id, a.title AS article_title, a.published_at, a.file_name
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN people p ON p.id = q.speaker_id
        LEFT JOIN sources src ON src.id = a.source_id
        LEFT JOIN sources w ON w.id = a.wire_id
"""


def _view(sql: str) -> None:
    op.execute("DROP VIEW IF EXISTS quote_attributions")
    op.execute(f"CREATE VIEW quote_attributions AS {sql.strip()}")


def upgrade() -> None:
    # a column CHECK is rendered in the ADD COLUMN itself, so that batch mode on SQLite does not
    # copy the table
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "confidence",
                sa.Float(),
                sa.CheckConstraint(CHECK, name=op.f("ck_quotes_confidence")),
                nullable=True,
            )
        )
        batch_op.create_index(
            INDEX,
            ["speaker_id", "confidence"],
            unique=False,
            sqlite_where=sa.text("confidence IS NOT NULL"),
            postgresql_where=sa.text("confidence IS NOT NULL"),
        )
    _view(NEW_VIEW)


def downgrade() -> None:
    _view(OLD_VIEW)  # first: a column that a view reads cannot be dropped
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index(INDEX)
    if op.get_bind().dialect.name == "sqlite":  # SQLite >= 3.35 drops a column in place
        op.execute("ALTER TABLE quotes DROP COLUMN confidence")
    else:  # the CHECK goes with the column
        op.drop_column("quotes", "confidence")
