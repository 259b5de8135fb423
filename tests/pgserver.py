"""A throw-away PostgreSQL server for tests and benchmarks (Debian's ``postgresql`` binaries).

``throwaway_server()`` runs ``initdb`` in a temp folder and starts a server on a Unix socket in
it (no TCP port is opened), as the ``postgres`` user when run as root; ``new_database()`` makes an
empty database and returns its SQLAlchemy URL. Used by ``tests/conftest.py`` and ``benchmarks/``.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class NoServer(RuntimeError):
    """No PostgreSQL server can be started here (binaries missing, root without runuser)."""


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


class PgServer:
    """A running server: ``base_url`` is its ``postgres`` database."""

    def __init__(self, base_url: str, connect) -> None:
        self.base_url = base_url
        self._connect = connect
        self._n = 0

    @classmethod
    def from_url(cls, url: str) -> "PgServer":
        import psycopg
        from sqlalchemy.engine import make_url

        u = make_url(url)
        q = dict(u.query)

        def connect():
            return psycopg.connect(
                host=q.get("host", u.host),
                port=q.get("port", u.port),
                user=u.username,
                password=u.password,
                dbname="postgres",
                autocommit=True,
            )

        rendered = u.set(database="postgres").render_as_string(hide_password=False)
        return cls(rendered if "?" in rendered else rendered + "?", connect)

    def new_database(self, prefix: str = "archive_t") -> str:
        self._n += 1
        name = f"{prefix}{os.getpid()}_{self._n}"
        with self._connect() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        return self.base_url.replace("/postgres?", f"/{name}?", 1)


@contextmanager
def throwaway_server(max_connections: int = 200) -> Iterator[PgServer]:
    import psycopg

    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise NoServer("no PostgreSQL server binaries (apt-get install postgresql)")
    # not under pytest's temp folder: that one is private to the user, and the server runs as
    # "postgres" when the tests run as root
    base_dir = Path(tempfile.mkdtemp(prefix="archive-pg-"))
    data, sock = base_dir / "data", base_dir / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        if not shutil.which("runuser"):
            raise NoServer("running as root without runuser")
        shutil.chown(base_dir, "postgres")
        shutil.chown(sock, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    try:
        subprocess.run(
            [*prefix, initdb, "-D", str(data), "-U", "postgres", "-A", "trust"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *prefix,
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(base_dir / "log"),
                "-w",
                "-o",
                f"-k {sock} -c listen_addresses='' -c max_connections={max_connections}",
                "start",
            ],
            check=True,
            capture_output=True,
        )

        def connect():
            return psycopg.connect(
                host=str(sock), user="postgres", dbname="postgres", autocommit=True
            )

        for _ in range(100):
            try:
                connect().close()
                break
            except psycopg.OperationalError:
                time.sleep(0.1)
        yield PgServer(f"postgresql+psycopg://postgres@/postgres?host={sock}", connect)
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(base_dir, ignore_errors=True)
