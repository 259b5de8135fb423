"""Shared fixtures: migrated temporary databases, a small handmade archive (no NLP), and a
throw-away PostgreSQL server. Plain helpers live in :mod:`tests.helpers`."""

from __future__ import annotations

import pytest

from tests.helpers import sample_extractions


@pytest.fixture
def archive_engine(tmp_path):
    """An empty archive database migrated to the latest schema (a temporary SQLite file)."""
    from archive.store import db

    engine = db.make_engine(str(tmp_path / "archive.db"))
    db.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sample_archive(archive_engine):
    """The archive of ``sample_extractions()``; returns the engine (``engine.url.database`` is
    the file for ``--db``)."""
    from archive.store.writer import Store

    store = Store(archive_engine)
    for ex in sample_extractions():
        outcome = store.save(ex)
        assert outcome.status == "added", outcome
    return archive_engine


# --- PostgreSQL: one throw-away server per test session, a fresh database per test --------------


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the session: ``ARCHIVE_TEST_POSTGRES_URL`` (a URL of its
    ``postgres`` database, the user may create databases) when set; else a throw-away server from
    the local PostgreSQL binaries (Debian's ``postgresql``) on a Unix socket in a temp folder.
    Skipped when neither is available."""
    import os

    pytest.importorskip("psycopg")
    from tests.pgserver import NoServer, PgServer, throwaway_server

    url = os.environ.get("ARCHIVE_TEST_POSTGRES_URL")
    if url:
        yield PgServer.from_url(url)
        return
    try:
        with throwaway_server() as server:
            yield server
    except NoServer as exc:
        pytest.skip(str(exc))


@pytest.fixture
def pg_url(pg_server):
    """The SQLAlchemy URL of a new, empty PostgreSQL database (no schema yet)."""
    return pg_server.new_database()
