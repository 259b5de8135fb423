"""views for SQL users: statement_summary (how many outlets carried a statement), source_summary

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Portable SQL (SQLite and PostgreSQL): only COUNT/MIN/MAX and scalar subqueries.
VIEWS = {
    "statement_summary": """
        SELECT st.id AS statement_id, st.speaker_id, p.name AS speaker, st.text,
               COUNT(q.id) AS quote_count,
               COUNT(DISTINCT a.source_id) AS outlet_count,
               COUNT(DISTINCT q.article_id) AS article_count,
               MIN(a.published_at) AS first_published,
               MAX(a.published_at) AS last_published
        FROM statements st
        LEFT JOIN people p ON p.id = st.speaker_id
        LEFT JOIN quotes q ON q.statement_id = st.id
        LEFT JOIN articles a ON a.id = q.article_id
        GROUP BY st.id, st.speaker_id, p.name, st.text
    """,
    "source_summary": """
        SELECT s.id AS source_id, s.name, s.kind, s.domain, s.country_code,
               (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS article_count,
               (SELECT COUNT(*) FROM articles a WHERE a.wire_id = s.id) AS wire_article_count,
               (SELECT COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id
                 WHERE a.source_id = s.id) AS quote_count,
               (SELECT MIN(a.published_at) FROM articles a WHERE a.source_id = s.id) AS first_published,
               (SELECT MAX(a.published_at) FROM articles a WHERE a.source_id = s.id) AS last_published
        FROM sources s
    """,
}


def upgrade() -> None:
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql.strip()}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
