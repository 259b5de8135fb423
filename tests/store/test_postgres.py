"""The same models, migrations, store and queries on a real PostgreSQL server.

Uses ``ARCHIVE_TEST_POSTGRES_URL`` when set; otherwise starts a throw-away server from the local
PostgreSQL binaries (Debian's ``postgresql`` package) on a Unix socket in a temp folder. Skipped
when neither is available.
"""

from __future__ import annotations

import pytest

psycopg = pytest.importorskip("psycopg")

from sqlalchemy import text  # noqa: E402

from archive.store import db  # noqa: E402


def test_migrations_store_and_queries_on_postgres(pg_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from archive.query import quotes, search, sql
    from archive.store.models import Base
    from archive.store.writer import Store
    from tests.helpers import make_extraction

    engine = db.make_engine(pg_url)
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts=db.autogenerate_options())
        assert compare_metadata(ctx, Base.metadata) == []
    body = 'Mayor Ann Lee of Lisbon said "the 100% solar plan_b works." Lee spoke after the vote.'
    ex = make_extraction(
        body,
        path="a.txt",
        title="Solar plan",
        source="Example News",
        people=[{"name": "Ann Lee", "aliases": ["Mayor Ann Lee", "Lee"]}],
        quotes=[{"text": "the 100% solar plan_b works.", "speaker": "Ann Lee"}],
    )
    Store(engine).save(ex)
    rows = quotes.quotes(engine, speaker="Ann Lee", limit=10)
    assert [r["quote"] for r in rows] == ["the 100% solar plan_b works."]
    assert quotes.quotes(engine, search="100%", limit=10)  # literal %, bound parameter
    assert not quotes.quotes(engine, search="1_0%", limit=10)
    hits = search.search(engine, "solar", limit=5)
    assert hits and any("solar" in (h.get("snippet") or "").lower() for h in hits)
    # read-only connection: writes are refused
    ro = db.make_engine(pg_url, readonly=True)
    with pytest.raises(sql.QueryError):
        sql.run_sql(ro, "DELETE FROM quotes")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM quotes")).scalar() == 1
    db.downgrade(engine, "base")
    assert db.current_revision(engine) is None
