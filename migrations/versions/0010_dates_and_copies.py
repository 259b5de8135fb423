"""published_at in UTC with the date as written; near-duplicate articles

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

* articles.published_at_raw (text, NULL when unknown): the publication date as the page or the
  metadata wrote it. ``articles.published_at`` is from now on always ISO 8601 in UTC
  (``YYYY-MM-DDTHH:MM:SS+00:00``) or a date alone (``YYYY-MM-DD``), so that text order is time
  order. Stored rows are converted here: a time with an offset to UTC, a time without one taken
  as UTC, a value that is no date to NULL; the value before is kept in ``published_at_raw``.
* articles.duplicate_of (a foreign key to articles, NULL for an original; indexed; SET NULL when
  the original goes): the earliest stored article whose text this one's is, or nearly is (the
  same story saved as .html and as .txt, an agency story reprinted by several outlets).
* article_minhash_bands (article_id, band, hash): the bands of each article's MinHash signature,
  looked up by (band, hash) to find candidate copies among millions of articles without reading
  them. Rows for articles stored before this revision are not computed (they are found when
  written again); new articles have theirs.

The columns are added in place (``ALTER TABLE ... ADD COLUMN``, also in batch mode on SQLite): a
batch copy of ``articles`` would drop its full-text triggers and break the views that read it.
The downgrade drops them in place too (SQLite >= 3.35), and leaves ``published_at`` converted.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)


def utc_iso(value: str | None) -> str | None:
    """VALUE (a stored published_at) as this revision stores it, or None (kept here, as the
    code of archive.clean.dates was when this revision was written)."""
    m = _ISO.search(value or "")
    if not m:
        return None
    try:
        day = datetime(int(m["y"]), int(m["m"]), int(m["d"]))
        if not m["H"]:
            return day.strftime("%Y-%m-%d")
        stamp = day.replace(hour=int(m["H"]), minute=int(m["M"]), second=int(m["S"] or 0))
    except ValueError:
        return None
    tz = m["tz"]
    if tz and tz != "Z":
        digits = tz[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        stamp -= offset if tz[0] == "+" else -offset
    return stamp.replace(tzinfo=timezone.utc).isoformat()


FK = "fk_articles_duplicate_of_articles"
FK_CLAUSE = f"CONSTRAINT {FK} FOREIGN KEY(duplicate_of) REFERENCES articles (id) ON DELETE SET NULL"


def _sqlite_table_sql(change) -> None:
    """Rewrite the definition of ``articles`` in place by CHANGE (old SQL -> new SQL), as
    migration 0009 rewrote a CHECK: the stored rows are not touched, so only a constraint that
    they all meet may be added (every duplicate_of is NULL when it is)."""
    bind = op.get_bind()
    (sql,) = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'articles'"
    ).one()
    (version,) = bind.exec_driver_sql("PRAGMA schema_version").one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'articles'",
            (change(sql),),
        )
        bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
    (ok,) = bind.exec_driver_sql("PRAGMA quick_check").one()
    if ok != "ok":
        raise RuntimeError(f"articles: integrity check after rewriting its definition: {ok}")


def _add_fk_clause(sql: str) -> str:
    if FK_CLAUSE in sql:
        return sql
    head, _, tail = sql.rpartition(")")
    return f"{head.rstrip()}, \n\t{FK_CLAUSE}\n){tail}"


def upgrade() -> None:
    op.add_column("articles", sa.Column("published_at_raw", sa.Text(), nullable=True))
    op.add_column("articles", sa.Column("duplicate_of", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":  # a table constraint cannot be added by ALTER
        _sqlite_table_sql(_add_fk_clause)
    else:
        op.create_foreign_key(
            FK, "articles", "articles", ["duplicate_of"], ["id"], ondelete="SET NULL"
        )
    op.create_index(op.f("ix_articles_duplicate_of"), "articles", ["duplicate_of"], unique=False)
    op.create_table(
        "article_minhash_bands",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_minhash_bands_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "band", name=op.f("pk_article_minhash_bands")),
    )
    op.create_index(
        op.f("ix_article_minhash_bands_band_hash"),
        "article_minhash_bands",
        ["band", "hash"],
        unique=False,
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, published_at FROM articles WHERE published_at IS NOT NULL")
    ).all()
    update = sa.text(
        "UPDATE articles SET published_at = :new, published_at_raw = :raw WHERE id = :id"
    )
    changes = [{"id": i, "new": utc_iso(v), "raw": v} for i, v in rows]
    if changes:
        bind.execute(update, changes)


def downgrade() -> None:
    op.drop_index(op.f("ix_article_minhash_bands_band_hash"), table_name="article_minhash_bands")
    op.drop_table("article_minhash_bands")
    op.drop_index(op.f("ix_articles_duplicate_of"), table_name="articles")
    if op.get_bind().dialect.name == "sqlite":  # SQLite >= 3.35 drops a column in place
        _sqlite_table_sql(lambda sql: sql.replace(f", \n\t{FK_CLAUSE}", ""))
        op.execute("ALTER TABLE articles DROP COLUMN duplicate_of")
        op.execute("ALTER TABLE articles DROP COLUMN published_at_raw")
    else:
        op.drop_constraint(FK, "articles", type_="foreignkey")
        op.drop_column("articles", "duplicate_of")
        op.drop_column("articles", "published_at_raw")
