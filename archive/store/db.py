"""Database location, engines and schema migrations.

The database is named by ``--db``, else ``ARCHIVE_DB``, else ``archive.db`` in the current
directory; a plain path means SQLite, anything with ``://`` is a SQLAlchemy URL (e.g.
``postgresql+psycopg://user@host/archive``). The schema is only ever created and changed by the
Alembic migrations in ``migrations/`` (installed as ``archive.migrations``).
"""

from __future__ import annotations

import functools
import os
import re
import sqlite3
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB = "archive.db"
BUSY_TIMEOUT_MS = 30_000
# read-only connections (the query commands) read the file through a memory map of up to this
# size: pages come straight from the OS cache instead of being copied into SQLite's own
MMAP_BYTES = 1 << 30


class SchemaError(RuntimeError):
    """The database's schema is missing, older or newer than this version of archive."""


def resolve_url(db: str | None = None) -> URL:
    """Turn ``--db`` / ``ARCHIVE_DB`` / the default into a SQLAlchemy URL."""
    value = db or os.environ.get("ARCHIVE_DB") or DEFAULT_DB
    if "://" in value:
        return make_url(value)
    return URL.create("sqlite", database=str(Path(value).expanduser()))


def is_sqlite(url: URL | Engine) -> bool:
    if isinstance(url, Engine):
        url = url.url
    return url.get_backend_name() == "sqlite"


# pg_advisory_xact_lock key of the archive's write lock ("arch"): one per database
WRITE_LOCK_KEY = 0x61726368


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # transactions are begun by _sqlite_begin (BEGIN IMMEDIATE), not implicitly by the driver
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError:  # read-only file or memory database: keep the default journal
        pass
    cursor.close()


def _sqlite_begin(conn) -> None:
    """Begin a transaction on a writing SQLite engine. A writer's transaction (execution option
    ``archive_write``, see :func:`writer`) takes the database's write lock at BEGIN (IMMEDIATE:
    waiting up to the busy timeout for another writer), not at its first write: a transaction
    that read first and must then upgrade fails at once with "database is locked" when another
    writer committed meanwhile; under the lock it reads what the writers before it committed.
    Other transactions (reads) begin DEFERRED and never wait for writers (WAL)."""
    immediate = conn.get_execution_options().get("archive_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions are writers' (SQLite: BEGIN IMMEDIATE)."""
    return engine.execution_options(archive_write=True)


def write_lock(session_or_conn) -> None:
    """Take the archive's write lock for the rest of the transaction: writers (and schema
    migrations) of one database run one at a time, whatever process they are in. PostgreSQL: a
    transaction-scoped advisory lock, released by COMMIT or ROLLBACK (also when the process
    dies); SQLite: a transaction begun on :func:`writer`'s engine already holds the write lock
    (BEGIN IMMEDIATE)."""
    bind = session_or_conn.get_bind() if hasattr(session_or_conn, "get_bind") else session_or_conn
    if bind.dialect.name == "postgresql":
        session_or_conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})


def _sqlite_readonly_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    cursor.close()


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def readonly_uri(path: str) -> str:
    """The SQLite URI that opens a database file for reading only.

    ``mode=ro`` normally. A WAL database also needs its ``-shm`` file, which a reader creates
    when it is missing; on read-only media (a mounted snapshot, a CD, a read-only share) it
    cannot, and SQLite fails with "unable to open database file". There the file is opened
    ``immutable=1`` instead: nothing can change it anyway, and the last writer's checkpoint on
    close left everything in the main file (a ``-wal`` file left behind by a writer that died is
    not read then)."""
    p = Path(path).resolve()
    folder_writable = _writable(p.parent)
    shm = Path(f"{p}-shm")
    if not folder_writable and not shm.exists():
        return f"file:{p}?immutable=1"
    return f"file:{p}?mode=ro"


def make_engine(
    db: str | URL | None = None, *, readonly: bool = False, create: bool = True
) -> Engine:
    """An engine for the database; SQLite connections get foreign keys, WAL and a busy timeout.

    ``create=False`` refuses to create a missing SQLite file (query commands should not leave an
    empty database behind when the user mistyped a path).
    """
    url = db if isinstance(db, URL) else resolve_url(db)
    if is_sqlite(url):
        path = url.database
        if path and path != ":memory:" and not path.startswith("file:"):
            if not create and not Path(path).exists():
                raise SchemaError(
                    f"no archive database at {path} (run `archive ingest` or `archive db upgrade`)"
                )
            if readonly:
                url = URL.create("sqlite", database=readonly_uri(path), query={"uri": "true"})
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_readonly_pragmas if readonly else _sqlite_pragmas)
        if not readonly:
            event.listen(engine, "begin", _sqlite_begin)
    else:
        kwargs = {"pool_pre_ping": True}
        if readonly:
            kwargs["execution_options"] = {"postgresql_readonly": True}
        engine = create_engine(url, **kwargs)
    return engine


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error; ``write``: a
    writer's transaction (see :func:`writer`)."""
    factory = sessionmaker(writer(engine) if write else engine, expire_on_commit=False)
    with factory() as session:
        with session.begin():
            yield session


# --- migrations -----------------------------------------------------------------------------


def _is_fts(type_: str, name: str | None) -> bool:
    return type_ in ("table", "index") and bool(name) and (name.endswith("_fts") or "_fts_" in name)


def autogenerate_options() -> dict:
    """Options for comparing models and database: full-text tables and indexes (made by hand in
    a migration: FTS5 on SQLite, GIN on PostgreSQL) are not compared."""
    return {
        "compare_type": True,
        "include_object": lambda obj, name, type_, reflected, compare_to: not _is_fts(type_, name),
        "include_name": lambda name, type_, parent_names: not _is_fts(type_, name),
    }


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("archive.migrations")))
    cfg.attributes["engine"] = engine
    return cfg


def _script(engine: Engine):
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine))


def head_revision(engine: Engine) -> str:
    heads = _script(engine).get_heads()
    if len(heads) != 1:
        raise SchemaError(f"the migrations have {len(heads)} heads; expected one")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


_REVISION = re.compile(r"""^revision\s*(?::[^=\n]*)?=\s*["']([^"'\n]+)["']\s*$""", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=\n]*)?=\s*(.+)$", re.M)


def head_in_scripts(scripts: Iterable[str]) -> str | None:
    """The head revision as the text of the migration SCRIPTS gives it (their ``revision =
    "..."`` and ``down_revision = ...`` lines), None when the text does not say for certain (a
    script without those lines, several heads or none)."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for script in scripts:
        rev, down = _REVISION.search(script), _DOWN_REVISION.search(script)
        if rev is None or down is None:
            return None
        revisions.add(rev[1])
        downs.update(re.findall(r"""["']([^"']+)["']""", down[1]))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None


@functools.lru_cache(maxsize=1)
def _head_from_scripts() -> str | None:
    """:func:`head_in_scripts` of this code's migrations, read as text, without importing
    Alembic or the scripts: the query commands check the schema on every run, and Alembic's
    machinery costs more than the query. None (then Alembic decides) when the text is not
    certain; tests/store/test_schema_check.py checks that both give the same head."""
    folder = resources.files("archive.migrations") / "versions"
    return head_in_scripts(
        entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".py") and not entry.name.startswith("_")
    )


def _stored_revision(engine: Engine) -> str | None:
    """The one revision in the database's ``alembic_version`` table, read with plain SQL; None
    when there is no such table or not exactly one row."""
    try:
        with engine.connect() as conn:
            found = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except SQLAlchemyError:
        return None
    return found[0] if len(found) == 1 else None


def check_schema(engine: Engine) -> None:
    """Raise SchemaError unless the database is migrated to exactly this code's head.

    The usual case, a database at the head, is told apart with one SELECT and the scripts'
    text (:func:`_head_from_scripts`); any other goes through Alembic for its reason."""
    head = _head_from_scripts()
    if head is not None and _stored_revision(engine) == head:
        return
    current = current_revision(engine)
    head = head_revision(engine)
    if current == head:
        return
    if current is None:
        tables = _user_tables(engine)
        if not tables:
            raise SchemaError(
                "the database is empty: run `archive db upgrade` (or `archive ingest`)"
            )
        raise SchemaError("the database is not an archive database (no schema version found)")
    known = {rev.revision for rev in _script(engine).walk_revisions()}
    if current not in known:
        raise SchemaError(
            f"the database schema ({current}) is newer than this version of archive: "
            "upgrade archive"
        )
    raise SchemaError(
        f"the database schema ({current}) is older than this version of archive ({head}): "
        "run `archive db upgrade`"
    )


def _user_tables(engine: Engine) -> list[str]:
    """Tables other than Alembic's own (an emptied alembic_version is left by `downgrade base`)."""
    with engine.connect() as conn:
        return [t for t in inspect(conn).get_table_names() if t != "alembic_version"]


def ensure_schema(engine: Engine) -> None:
    """For ingest: create the schema of a new database through the migrations; refuse old ones.

    Safe when several processes start on a new database at once: the migrations run under the
    write lock (migrations/env.py) and find the schema already made by whoever came first."""
    if current_revision(engine) is None:
        # another process may be creating the schema right now: its tables appear together
        # with the version (one transaction), so tables without a version are someone else's
        if _user_tables(engine) and current_revision(engine) is None:
            raise SchemaError("the database is not an archive database (no schema version found)")
        upgrade(engine)
    check_schema(engine)
