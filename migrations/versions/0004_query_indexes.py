"""indexes for the read-side queries at archive scale: speaker look-ups, a person's or a
place's articles

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

* quotes (speaker_id, speaker_text): the distinct speakers-as-written of quotes without a known
  speaker, one index seek each (``queries.unattributed_speakers``), instead of reading every
  such quote for ``quotes --speaker``.
* quotes (article_id, speaker_id): whether an article has a quote of a speaker, from the index
  alone (``quotes --speaker`` for a much-quoted person walks the articles newest first).
* article_people (person_id, article_id, role): a person's articles (counts of distinct articles,
  co-occurring people) from the index alone.
* article_places (place_id, article_id): a place's articles from the index alone
  (``articles --place`` for a rarely mentioned place).
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

INDEXES = [
    ("quotes", "ix_quotes_speaker_id_speaker_text", ["speaker_id", "speaker_text"]),
    ("quotes", "ix_quotes_article_id_speaker_id", ["article_id", "speaker_id"]),
    (
        "article_people",
        "ix_article_people_person_id_article_id_role",
        ["person_id", "article_id", "role"],
    ),
    ("article_places", "ix_article_places_place_id_article_id", ["place_id", "article_id"]),
]


def upgrade() -> None:
    for table, name, columns in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in reversed(INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
