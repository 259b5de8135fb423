"""The same models, migrations, store and queries on a real PostgreSQL server.

Uses ``ARCHIVE_TEST_POSTGRES_URL`` when set; otherwise starts a throw-away server from the local
PostgreSQL binaries (Debian's ``postgresql`` package) on a Unix socket in a temp folder. Skipped
when neither is available.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

psycopg = pytest.importorskip("psycopg")

from sqlalchemy import text  # noqa: E402

from archive import db  # noqa: E402


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pg_url():
    url = os.environ.get("ARCHIVE_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql)")
    # not under pytest's temp folder: that one is private to the user, and the server runs as
    # "postgres" when the tests run as root
    base = Path(tempfile.mkdtemp(prefix="archive-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        if not shutil.which("runuser"):
            pytest.skip("running as root without runuser")
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run([*prefix, initdb, "-D", str(data), "-U", "postgres", "-A", "trust"],
                   check=True, capture_output=True)
    subprocess.run(
        [*prefix, pg_ctl, "-D", str(data), "-l", str(base / "log"), "-w", "-o",
         f"-k {sock} -p {port} -c listen_addresses=''", "start"],
        check=True, capture_output=True,
    )
    try:
        for _ in range(50):
            try:
                psycopg.connect(host=str(sock), port=port, user="postgres", dbname="postgres").close()
                break
            except psycopg.OperationalError:
                time.sleep(0.1)
        with psycopg.connect(host=str(sock), port=port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute("CREATE DATABASE archive_test")
        yield f"postgresql+psycopg://postgres@/archive_test?host={sock}&port={port}"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def test_migrations_store_and_queries_on_postgres(pg_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from archive import queries
    from archive.models import Base
    from archive.store import Store
    from conftest import make_extraction

    engine = db.make_engine(pg_url)
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts=db.autogenerate_options())
        assert compare_metadata(ctx, Base.metadata) == []
    body = ('Mayor Ann Lee of Lisbon said "the 100% solar plan_b works." '
            "Lee spoke after the vote.")
    ex = make_extraction(
        body, path="a.txt", title="Solar plan", source="Example News",
        people=[{"name": "Ann Lee", "aliases": ["Mayor Ann Lee", "Lee"]}],
        quotes=[{"text": "the 100% solar plan_b works.", "speaker": "Ann Lee"}],
    )
    Store(engine).save(ex)
    rows = queries.quotes(engine, speaker="Ann Lee", limit=10)
    assert [r["quote"] for r in rows] == ["the 100% solar plan_b works."]
    assert queries.quotes(engine, search="100%", limit=10)  # literal %, bound parameter
    assert not queries.quotes(engine, search="1_0%", limit=10)
    hits = queries.search(engine, "solar", limit=5)
    assert hits and any("solar" in (h.get("snippet") or "").lower() for h in hits)
    # read-only connection: writes are refused
    ro = db.make_engine(pg_url, readonly=True)
    with pytest.raises(queries.QueryError):
        queries.run_sql(ro, "DELETE FROM quotes")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM quotes")).scalar() == 1
    db.downgrade(engine, "base")
    assert db.current_revision(engine) is None
