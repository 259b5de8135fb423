"""full-text search (FTS5 on SQLite, GIN on PostgreSQL) and views for common questions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# External-content FTS5 tables; content="..." is quoted so that Datasette detects them.
SQLITE_FTS = [
    ("articles_fts", "articles", ("title", "body")),
    ("quotes_fts", "quotes", ("text", "speaker_text")),
]

VIEWS = {
    "quote_attributions": """
        SELECT q.id AS quote_id, q.text AS quote, q.kind AS quote_kind,
               COALESCE(p.name, q.speaker_text) AS speaker, q.speaker_kind, q.speaker_id,
               q.cue, q.medium, q.statement_id, src.name AS outlet, w.name AS wire,
               a.id AS article_id, a.title AS article_title, a.published_at, a.file_name
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN people p ON p.id = q.speaker_id
        LEFT JOIN sources src ON src.id = a.source_id
        LEFT JOIN sources w ON w.id = a.wire_id
    """,
    "person_summary": """
        SELECT p.id AS person_id, p.name,
               (SELECT COUNT(DISTINCT ap.article_id) FROM article_people ap
                 WHERE ap.person_id = p.id AND ap.role = 'subject') AS article_count,
               (SELECT COUNT(*) FROM quotes q WHERE q.speaker_id = p.id) AS quote_count,
               (SELECT COUNT(*) FROM person_aliases pa WHERE pa.person_id = p.id) AS alias_count,
               (SELECT COUNT(DISTINCT ap.article_id) FROM article_people ap
                 WHERE ap.person_id = p.id AND ap.role <> 'subject') AS bylines
        FROM people p
    """,
    "place_summary": """
        SELECT pl.id AS place_id, pl.name, pl.kind, pl.country_code, pl.latitude, pl.longitude,
               (SELECT COUNT(*) FROM article_places ap WHERE ap.place_id = pl.id) AS article_count,
               (SELECT COALESCE(SUM(ap.mention_count), 0) FROM article_places ap
                 WHERE ap.place_id = pl.id) AS mention_count
        FROM places pl
    """,
}


def _sqlite_fts_up() -> None:
    for fts, table, cols in SQLITE_FTS:
        collist = ", ".join(cols)
        newvals = ", ".join(f"new.{c}" for c in cols)
        oldvals = ", ".join(f"old.{c}" for c in cols)
        op.execute(
            f'CREATE VIRTUAL TABLE {fts} USING fts5({collist}, content="{table}", '
            f'content_rowid="id", tokenize="unicode61 remove_diacritics 2")'
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {collist}) VALUES (new.id, {newvals}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {collist}) VALUES ('delete', old.id, {oldvals}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_au AFTER UPDATE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {collist}) VALUES ('delete', old.id, {oldvals}); "
            f"INSERT INTO {fts}(rowid, {collist}) VALUES (new.id, {newvals}); END"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _sqlite_fts_down() -> None:
    for fts, table, _cols in SQLITE_FTS:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_fts_up()
    elif dialect == "postgresql":
        op.execute(
            "CREATE INDEX ix_articles_fts ON articles USING gin "
            "(to_tsvector('english', coalesce(title, '') || ' ' || body))"
        )
        op.execute(
            "CREATE INDEX ix_quotes_fts ON quotes USING gin "
            "(to_tsvector('english', text || ' ' || coalesce(speaker_text, '')))"
        )
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql.strip()}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_fts_down()
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_fts")
        op.execute("DROP INDEX IF EXISTS ix_quotes_fts")
