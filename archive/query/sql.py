"""``archive sql``: one read-only SQL statement on either engine, bounded in time and memory.

:func:`run_sql` is the only entry point. Read-only whatever the text (an authorizer on SQLite;
a statement whitelist, a READ ONLY transaction and a closed connection on PostgreSQL), bounded
by a timeout, Ctrl-C, and the size of values and of the result; every error is a
:class:`~archive.query.common.QueryError` with a one-line message.
"""

from __future__ import annotations

import math
import re
import signal
import sqlite3
import threading
import time
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from archive.query.common import QueryError


class QueryTimeout(QueryError):
    """``run_sql`` stopped the statement at its time limit."""


class QueryInterrupted(QueryError):
    """``run_sql`` stopped the statement on Ctrl-C (SIGINT)."""


SQL_TIMEOUT = 30.0  # seconds; the default of `archive sql --timeout`
# The largest string or blob a statement of `archive sql` may read or build (SQLite's
# SQLITE_LIMIT_LENGTH on that connection, which also bounds a row; on PostgreSQL checked per value
# as it is loaded). The largest row the archive stores is an article: raw_text, a decoded input
# file of at most readers.MAX_FILE_BYTES (20 MiB; at most 3 bytes of UTF-8 per input byte, so
# 60 MiB even for a cp1252 file of nothing but euro signs), plus a body of at most
# extract.MAX_BODY_CHARS (300,000 characters, at most 1.2 MB) and a few short columns: 64 MiB
# reads every stored row and stops `randomblob(999000000)` before it allocates anything.
SQL_MAX_VALUE_BYTES = 64 * 2**20
# The rows of one result held in memory at once (the sizes of their strings and blobs, summed):
# with --limit 1000 that is 256 KiB per row on average, or four of the largest articles.
SQL_MAX_RESULT_BYTES = 256 * 2**20
_FETCH_CHUNK = 100  # rows per fetchmany
_SQLITE_PROGRESS_OPS = 10_000  # virtual-machine steps between two looks at the clock and Ctrl-C

# sqlite3 authorizer action codes that a read-only statement may need.
_SQLITE_READ_ACTIONS = {
    20,  # SQLITE_READ
    21,  # SQLITE_SELECT
    31,  # SQLITE_FUNCTION
    33,  # SQLITE_RECURSIVE
}
_SQLITE_PRAGMA, _SQLITE_UPDATE = 19, 23
# pragmas that take an argument but only read (PRAGMA table_info(quotes), pragma_table_info())
_READ_PRAGMAS = {
    "table_info",
    "table_xinfo",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
    "table_list",
}

# Statements that would end (or nest in) the read-only transaction: refused on both engines. On
# PostgreSQL a lone COMMIT would "succeed" (ending our transaction) and mean nothing.
_TRANSACTION_CONTROL = {
    "BEGIN",
    "START",
    "COMMIT",
    "END",
    "ROLLBACK",
    "ABORT",
    "SAVEPOINT",
    "RELEASE",
}
# On PostgreSQL only statements that read and return rows are sent at all: COPY ... TO PROGRAM and
# COPY ... TO 'file' run in a read-only transaction (for a superuser), and so would CALL, DO
# (refused by the transaction only as far as they write), LOCK, SET, PREPARE, LISTEN, ...
_PG_STATEMENTS = {"SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN", "SHOW", "("}
# PostgreSQL functions whose effect is outside the transaction (server files, other sessions,
# server configuration, statistics, WAL, replication): a read-only transaction does not stop them
# and a rollback does not undo them; and those that run a query given as a string. Most need a
# superuser (or a role granted them), which the read-only role of the README is not: this list is
# a second line for those who connect as the owner or a superuser. Matched as words of the text
# with double quotes removed, so "lo_export"(...) and pg_catalog.lo_export(...) are caught (and a
# string that merely mentions one is refused too); U&"..." identifiers are refused.
_PG_OUTSIDE_FUNCTIONS = re.compile(
    r"\b(lo_import|lo_export|pg_read_file|pg_read_binary_file|pg_ls_\w+|pg_stat_file|pg_file_\w+"
    r"|pg_terminate_backend|pg_cancel_backend|pg_signal_backend|pg_reload_conf|pg_rotate_logfile\w*"
    r"|pg_promote|pg_switch_wal|pg_create_restore_point|pg_logical_emit_message|pg_stat_reset\w*"
    r"|pg_\w*replication_\w*|pg_log_backend_memory_contexts|pg_wal_replay_\w+|pg_backup_\w+"
    r"|pg_import_system_collations|dblink\w*"
    # run a query given as text, which could call any of the above by a name built at run time
    r"|query_to_xml\w*|cursor_to_xml\w*|ts_stat|ts_rewrite)\b"
)


def _readonly_authorizer(action, arg1, arg2, _db, _trigger):
    """The sqlite3 authorizer of a statement: reading only."""
    if action in _SQLITE_READ_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == _SQLITE_PRAGMA and (arg2 is None or (arg1 or "").lower() in _READ_PRAGMAS):
        return sqlite3.SQLITE_OK  # reading a pragma, not setting one
    if action == _SQLITE_UPDATE and arg1 in ("sqlite_master", "sqlite_schema"):
        # SQLite reports this while loading virtual tables (FTS5) on a new connection; real
        # writes to the schema need PRAGMA writable_schema, refused above, and a writable file
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


_WORD = re.compile(r"[\w$]+")


def _first_word(sql: str, nested_comments: bool) -> str:
    """The statement's first keyword in capitals (``"("`` for a parenthesised query, ``""`` when
    there is none), after white space and comments (nested ones on PostgreSQL, as its scanner)."""
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace():
            i += 1
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            i = n if j < 0 else j + 1
        elif sql.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if nested_comments and sql.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif sql.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        else:
            break
    if i < n and sql[i] == "(":
        return "("
    m = _WORD.match(sql, i)
    return m.group(0).upper() if m else ""


def _check_statement(sql: str, postgres: bool) -> None:
    word = _first_word(sql, nested_comments=postgres)
    if not word:
        raise QueryError("no SQL statement given")
    if word in _TRANSACTION_CONTROL:
        raise QueryError(
            f"{word} is not allowed: archive sql runs one statement in a read-only "
            "transaction and always rolls it back"
        )
    if not postgres:
        return  # SQLite: the authorizer decides, statement by statement
    if word not in _PG_STATEMENTS:
        raise QueryError(
            f"{word} statements are not allowed: on PostgreSQL archive sql runs only "
            "SELECT, WITH, VALUES, TABLE, EXPLAIN and SHOW"
        )
    folded = sql.lower()
    if 'u&"' in folded.replace(" ", ""):
        raise QueryError('U&"..." identifiers are not allowed in archive sql')
    m = _PG_OUTSIDE_FUNCTIONS.search(folded.replace('"', ""))
    if m:
        raise QueryError(
            f"{m.group(1)}() is not allowed in archive sql: it can act outside the "
            "read-only transaction"
        )


def _value_size(value: Any) -> int:
    if isinstance(value, (str, bytes, bytearray, memoryview)):
        return len(value) + 16
    if isinstance(value, (list, tuple, dict)):
        return len(str(value)) + 16  # arrays and JSON on PostgreSQL: rare, small
    return 16


class _Collector:
    """Rows up to ``limit``, at most SQL_MAX_RESULT_BYTES of them."""

    def __init__(self, limit: int) -> None:
        self.limit, self.rows, self.size = limit, [], 0

    def add(self, row) -> bool:
        """Keep a row; False once ``limit`` rows are kept."""
        self.size += sum(_value_size(v) for v in row)
        if self.size > SQL_MAX_RESULT_BYTES:
            raise QueryError(
                f"result too large: over {SQL_MAX_RESULT_BYTES / 2**20:g} MiB in the first "
                f"{len(self.rows) + 1} rows; lower --limit or select fewer or shorter columns"
            )
        self.rows.append(row)
        return len(self.rows) < self.limit


class _Watch:
    """The deadline and Ctrl-C of one statement."""

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout if timeout and timeout > 0 else None
        self.deadline = time.monotonic() + self.timeout if self.timeout else None
        self.interrupted = self.timed_out = False

    def timeout_error(self) -> QueryTimeout:
        return QueryTimeout(f"query stopped after {self.timeout:g} s (--timeout)")


def _first_line(exc: BaseException) -> str:
    """The first line of an error's message (its type's name when it has none)."""
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


_SEVERAL = "only one statement at a time (the text holds several)"


def _too_big() -> QueryError:
    return QueryError(
        f"string or blob too big: archive sql reads values of up to "
        f"{SQL_MAX_VALUE_BYTES / 2**20:g} MiB"
    )


def _run_sqlite(conn, sql: str, limit: int, watch: _Watch) -> tuple[list[str], list[tuple]]:
    """Run SQL on a SQLite connection under the read-only authorizer, the deadline and a
    Ctrl-C handler; (columns, rows)."""
    raw = conn.connection.driver_connection

    def progress() -> int:
        if watch.interrupted:
            return 1
        if watch.deadline is not None and time.monotonic() > watch.deadline:
            watch.timed_out = True
            return 1
        return 0

    def on_sigint(_signum, _frame) -> None:
        # KeyboardInterrupt cannot stop sqlite3_step (C code); the progress handler reads this
        watch.interrupted = True

    old_limit = raw.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, SQL_MAX_VALUE_BYTES)
    old_sigint = _NOT_SET = object()
    cur = None
    try:
        raw.set_authorizer(_readonly_authorizer)
        raw.set_progress_handler(progress, _SQLITE_PROGRESS_OPS)
        if (
            threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN
        ):
            old_sigint = signal.signal(signal.SIGINT, on_sigint)
        try:
            cur = raw.cursor()
            cur.execute(sql)
            columns = [d[0] for d in cur.description or ()]
            kept = _Collector(limit)
            while columns:
                chunk = cur.fetchmany(min(_FETCH_CHUNK, limit - len(kept.rows)))
                if not chunk or not all(kept.add(r) for r in chunk) or watch.interrupted:
                    break
        except sqlite3.Error as exc:
            if watch.interrupted:
                raise QueryInterrupted("interrupted") from exc
            if watch.timed_out:
                raise watch.timeout_error() from exc
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_TOOBIG:
                raise _too_big() from exc
            message = _first_line(exc)
            if message == "not authorized":
                message = "not authorized: the SQL connection is read-only (SELECT only)"
            elif message.startswith("You can only execute one statement at a time"):
                message = _SEVERAL
            raise QueryError(message) from exc
        if watch.interrupted:
            raise QueryInterrupted("interrupted")
        return columns, kept.rows if columns else []
    finally:
        if cur is not None:
            cur.close()
        if old_sigint is not _NOT_SET:
            signal.signal(signal.SIGINT, old_sigint if old_sigint is not None else signal.SIG_DFL)
        raw.set_progress_handler(None, 0)
        raw.set_authorizer(None)
        raw.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, old_limit)
        if raw.in_transaction:
            raw.rollback()


class _ValueTooBig(Exception):
    """A value over SQL_MAX_VALUE_BYTES, raised by the capped loaders of PostgreSQL."""


def _capped_loaders(cur) -> None:
    """Load text, bytea, json and unknown values only up to SQL_MAX_VALUE_BYTES each (PostgreSQL
    allows 1 GB): the bytes are already in the client, but no Python copy is made of them."""
    from psycopg.types.json import JsonbLoader, JsonLoader
    from psycopg.types.string import ByteaLoader, TextLoader

    def capped(base, most=SQL_MAX_VALUE_BYTES):
        class Capped(base):
            def load(self, data):
                if len(data) > most:
                    raise _ValueTooBig()
                return super().load(data)

        return Capped

    text, json, jsonb = capped(TextLoader), capped(JsonLoader), capped(JsonbLoader)
    bytea = capped(ByteaLoader, 2 + 2 * SQL_MAX_VALUE_BYTES)  # "\x" then two hex digits a byte
    # unknown/invalid (any type without a loader of its own), name, text, bpchar, varchar, xml
    for oid in (0, 705, 19, 25, 1042, 1043, 142):
        cur.adapters.register_loader(oid, text)
    cur.adapters.register_loader(17, bytea)
    cur.adapters.register_loader(114, json)
    cur.adapters.register_loader(3802, jsonb)


def _pg_columns(raw, sql: str) -> list[str]:
    """The result columns of ``sql`` (described, not run): for a result without rows, where
    psycopg's stream() leaves no description."""
    pgconn, encoding = raw.pgconn, raw.info.encoding
    pgconn.prepare(b"", sql.encode(encoding))
    res = pgconn.describe_prepared(b"")
    return [res.fname(i).decode(encoding) for i in range(res.nfields)]


def _run_postgres(conn, sql: str, limit: int, watch: _Watch) -> tuple[list[str], list[tuple]]:
    """Run SQL on a PostgreSQL connection in a READ ONLY transaction, always rolled back;
    the connection is closed afterwards; (columns, rows)."""
    import psycopg  # only with the postgres extra
    from psycopg.pq import TransactionStatus

    raw = conn.connection.driver_connection  # psycopg.Connection
    try:
        raw.rollback()  # idle, whatever the pool left
        raw.read_only = True  # psycopg begins with BEGIN READ ONLY
        # for the session too: a transaction that the statement could open after ending ours
        # would be read-only (outside a transaction block: a SET inside one is undone by ROLLBACK)
        raw.autocommit = True
        raw.execute("SET SESSION default_transaction_read_only = on")
        raw.autocommit = False
        with raw.cursor() as cur:
            cur.execute("SET TRANSACTION READ ONLY")
            if watch.timeout:
                cur.execute(
                    f"SET LOCAL statement_timeout = {max(1, math.ceil(watch.timeout * 1000))}"
                )
            _capped_loaders(cur)
            kept = _Collector(limit)
            # stream(): the extended query protocol (one statement only: the server refuses
            # "SELECT 1; DELETE ..."), rows one at a time; leaving it early cancels the rest
            rows = cur.stream(sql)
            try:
                for row in rows:
                    if not kept.add(row):
                        break
            finally:
                rows.close()
            columns = (
                [d.name for d in cur.description] if cur.description else _pg_columns(raw, sql)
            )
            # INTRANS, or INERROR when the rest of a result was cancelled; IDLE: ended (by what?)
            if raw.info.transaction_status == TransactionStatus.IDLE:
                raise QueryError("the statement ended the read-only transaction; refused")
        return columns, kept.rows
    except KeyboardInterrupt as exc:  # psycopg has already cancelled the query on the server
        raise QueryInterrupted("interrupted") from exc
    except _ValueTooBig as exc:
        raise _too_big() from exc
    except psycopg.Error as exc:
        if isinstance(exc, psycopg.errors.QueryCanceled) and "statement timeout" in str(exc):
            raise watch.timeout_error() from exc
        # (a cancel from elsewhere, pg_cancel_backend(), is an error like any other)
        message = _first_line(exc)
        if message == "cannot insert multiple commands into a prepared statement":
            message = _SEVERAL
        raise QueryError(message) from exc
    finally:
        try:
            raw.rollback()
        except psycopg.Error:
            pass  # the connection is broken: it is closed just below all the same
        # nothing the statement did to the session (settings, prepared statements, advisory
        # locks, LISTEN) survives: the connection is closed, not returned to the pool
        conn.invalidate()


def run_sql(
    engine: Engine, sql: str, limit: int = 1000, timeout: float | None = SQL_TIMEOUT
) -> tuple[list[str], list[dict]]:
    """Run one read-only statement; returns (columns, rows), at most ``limit`` rows.

    Read-only whatever the text:

    - SQLite: the file is opened read-only (``mode=ro``, ``query_only``) and an authorizer refuses
      anything but reading, so that neither ``DELETE`` nor ``ATTACH`` nor a ``PRAGMA`` that changes
      settings can run; several statements at once are refused by sqlite3.
    - PostgreSQL: only SELECT, WITH, VALUES, TABLE, EXPLAIN and SHOW statements are sent; through
      the extended query protocol, so the server refuses several statements in one text; inside a
      ``READ ONLY`` transaction, with ``default_transaction_read_only`` on for the session as well;
      always rolled back, and the connection is then closed, so no setting the statement made
      survives. Functions that act outside any transaction (``lo_export``, ``pg_read_file``,
      ``pg_terminate_backend``, ``pg_reload_conf``, ...) are refused by name, a second line only:
      with a superuser's rights a statement can still do what no transaction stops, so connect
      as a read-only role (the GRANTs run by the role that runs the migrations, so that later
      tables are readable too; tests/query/test_sql_readonly.py tries this role)::

          CREATE ROLE archive_reader LOGIN PASSWORD '...';
          GRANT CONNECT ON DATABASE archive TO archive_reader;
          GRANT USAGE ON SCHEMA public TO archive_reader;
          GRANT SELECT ON ALL TABLES IN SCHEMA public TO archive_reader;
          ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO archive_reader;
          ALTER ROLE archive_reader SET default_transaction_read_only = on;

    Transaction control (``COMMIT``, ``END``, ``ROLLBACK``, ``BEGIN``, ...) is refused on both.

    Bounded: ``timeout`` seconds (None or 0: none; PostgreSQL ``statement_timeout``, SQLite a
    progress handler) raises QueryTimeout; Ctrl-C raises QueryInterrupted (SQLite: a SIGINT
    handler for the duration, main thread only; PostgreSQL: psycopg cancels the query on the
    server). A string or blob over SQL_MAX_VALUE_BYTES, or more than SQL_MAX_RESULT_BYTES of
    rows, is a QueryError; rows are fetched in chunks (a stream on PostgreSQL), never the whole
    result. Every error is a QueryError with a one-line message.
    """
    watch = _Watch(timeout)
    postgres = engine.dialect.name == "postgresql"
    _check_statement(sql, postgres)
    try:
        with engine.connect() as conn:
            if postgres:
                columns, rows = _run_postgres(conn, sql, limit, watch)
            else:
                columns, rows = _run_sqlite(conn, sql, limit, watch)
    except QueryError:
        raise
    except KeyboardInterrupt as exc:
        raise QueryInterrupted("interrupted") from exc
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None) or exc
        raise QueryError(_first_line(orig)) from exc
    except (sqlite3.Error, UnicodeError) as exc:  # e.g. text with a lone surrogate from argv
        raise QueryError(_first_line(exc)) from exc
    return columns, [dict(zip(columns, r)) for r in rows]
