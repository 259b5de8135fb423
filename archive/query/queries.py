"""Read-side queries: plain functions from an engine (and bound parameters) to rows.

Every function takes an engine and plain Python values and returns lists of dicts (or one dict
for profiles). User input only ever reaches the database as bound parameters; substring
filters escape the LIKE wildcards (``autoescape``), so a name or quote containing ``'``, ``%``,
``_`` or SQL text is matched literally. SQL is portable (SQLAlchemy Core) except full-text
search, which uses FTS5 on SQLite and ``to_tsvector`` on PostgreSQL.
"""

from __future__ import annotations

import functools
import heapq
import re
from collections import defaultdict
from typing import Any, Iterable

from sqlalchemy import Engine, LargeBinary, Text, and_, cast, distinct, func, or_, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased

from archive.store.models import (
    Article,
    ArticlePerson,
    ArticlePlace,
    Person,
    PersonAlias,
    Place,
    PlaceAlias,
    Quote,
    Source,
    Statement,
)

Row = dict[str, Any]

# Highlight marks for search snippets (HTML-like, like Datasette; the CLI renders them in bold).
MARK_START, MARK_END = "<mark>", "</mark>"


class QueryError(RuntimeError):
    pass


class QueryTimeout(QueryError):
    """``run_sql`` stopped the statement at its time limit."""


class QueryInterrupted(QueryError):
    """``run_sql`` stopped the statement on Ctrl-C (SIGINT)."""


# --- raw SQL ----------------------------------------------------------------------------------

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
    import sqlite3

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
        import time

        self.timeout = timeout if timeout and timeout > 0 else None
        self.deadline = time.monotonic() + self.timeout if self.timeout else None
        self.interrupted = self.timed_out = False

    def timeout_error(self) -> QueryTimeout:
        return QueryTimeout(f"query stopped after {self.timeout:g} s (--timeout)")


_SEVERAL = "only one statement at a time (the text holds several)"


def _too_big() -> QueryError:
    return QueryError(
        f"string or blob too big: archive sql reads values of up to "
        f"{SQL_MAX_VALUE_BYTES / 2**20:g} MiB"
    )


def _run_sqlite(conn, sql: str, limit: int, watch: _Watch) -> tuple[list[str], list[tuple]]:
    import signal
    import sqlite3
    import threading
    import time

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
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
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
    pass


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
    import math

    import psycopg
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
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if message == "cannot insert multiple commands into a prepared statement":
            message = _SEVERAL
        raise QueryError(message) from exc
    finally:
        try:
            raw.rollback()
        except Exception:
            pass
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
      tables are readable too; tests/test_sql_readonly.py tries this role)::

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
        raise QueryError(str(orig).splitlines()[0] if str(orig) else type(orig).__name__) from exc
    except Exception as exc:  # e.g. sqlite3.ProgrammingError for several statements
        raise QueryError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
    return columns, [dict(zip(columns, r)) for r in rows]


# --- name matching ------------------------------------------------------------------------------

_HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "prime",
    "minister",
    "chancellor",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "mayor",
    "general",
    "gen",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "secretary",
    "ambassador",
    "judge",
    "justice",
    "rev",
    "reverend",
    "sheikh",
    "colonel",
    "col",
    "captain",
    "capt",
    "admiral",
    "adm",
    "the",
    "foreign",
    "defence",
    "defense",
    "deputy",
}


def _fold(value: str) -> str:
    try:
        from unidecode import unidecode

        value = unidecode(value)
    except ImportError:  # pragma: no cover - unidecode ships with the dependencies
        import unicodedata

        value = "".join(
            c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c)
        )
    return value.lower()


def name_tokens(name: str) -> list[str]:
    """Lowercased ASCII tokens of a name without leading honorifics/titles ("Mr Putin" -> putin)."""
    tokens = [t for t in re.split(r"[^a-z0-9]+", _fold(name).replace("'", "")) if t]
    while len(tokens) > 1 and tokens[0] in _HONORIFICS:
        tokens.pop(0)
    # drop single-letter initials in the middle ("Vladimir V. Putin")
    if len(tokens) > 2:
        tokens = [tokens[0], *[t for t in tokens[1:-1] if len(t) > 1], tokens[-1]]
    return tokens


@functools.lru_cache(maxsize=200_000)
def _identity_key(name: str) -> str | None:
    try:
        from archive.names.identity import person_key
    except ImportError:
        return None
    try:
        return person_key(name) or None
    except Exception:  # pragma: no cover - a bug elsewhere must not break look-ups
        return None


@functools.lru_cache(maxsize=200_000)
def _form_tokens(form: str) -> tuple[str, ...]:
    """name_tokens of a stored name or alias, cached (the same forms are scored on every look-up)."""
    return tuple(name_tokens(form))


EXACT, SURNAME, FUZZY_MIN = 100.0, 95.0, 85.0
FILTER_MIN = 90.0  # spelling variants included by filters such as --speaker


def _score(query: str, qtokens: list[str], qkey: str | None, form: str) -> float:
    from rapidfuzz import fuzz

    ftokens = list(_form_tokens(form))
    if not ftokens or not qtokens:
        return 0.0
    if ftokens == qtokens or (qkey is not None and _identity_key(form) == qkey):
        return EXACT
    q, f = " ".join(qtokens), " ".join(ftokens)
    if qtokens[-1] == ftokens[-1] and set(qtokens) <= set(ftokens):
        return SURNAME  # "Putin" / "Mr Putin" -> "Vladimir Putin"
    if set(ftokens) <= set(qtokens) and ftokens[-1] == qtokens[-1] and len(ftokens) > 1:
        return SURNAME  # "Vladimir Vladimirovich Putin" -> "Vladimir Putin"
    score = max(fuzz.ratio(q, f), fuzz.token_sort_ratio(q, f))
    if len(qtokens) == 1:  # a surname alone against the form's surname ("Zelenskyy")
        score = max(score, fuzz.ratio(qtokens[0], ftokens[-1]) * 0.97)
    elif len(qtokens) == len(ftokens) and qtokens[:-1] == ftokens[:-1]:
        score = max(score, fuzz.ratio(qtokens[-1], ftokens[-1]) * 0.97)
    return min(score, SURNAME - 1)


def _like_escape(value: str) -> str:
    return value.replace("/", "//").replace("%", "/%").replace("_", "/_")


def _non_ascii(column, dialect: str):
    """COLUMN has a character outside ASCII (its name tokens may fold differently): its length
    in characters differs from its length in bytes."""
    if dialect == "sqlite":
        return func.length(column) != func.length(cast(column, LargeBinary))
    return func.length(column) != func.octet_length(column)


def _contains_word(column, word: str, dialect: str):
    """COLUMN, lowercased and without apostrophes (as name_tokens reads it), contains WORD
    (lowercase letters and digits), or has non-ASCII characters (a candidate all the same)."""
    pattern = "%" + _like_escape(word) + "%"
    if dialect == "sqlite":  # LIKE ignores ASCII case already
        plain = column.like(pattern, escape="/")
        unquoted = func.replace(column, "'", "").like(pattern, escape="/")
    else:
        plain = func.lower(column).like(pattern, escape="/")
        unquoted = func.lower(func.replace(column, "'", "")).like(pattern, escape="/")
    return or_(plain, and_(column.contains("'"), unquoted), _non_ascii(column, dialect))


def _candidate_people(conn, qtokens: list[str], qkey: str | None) -> set[int]:
    """People that may score EXACT or SURNAME for the query, found in SQL (no Python per row).

    Both tiers need the query's last word as a word of the form (or, for EXACT, the same
    identity key); so the candidates are the people whose ``key`` is the query's key (index
    seek) or ends with its surname key (a scan of the key index), and those with a name or
    alias containing the last word: one pass of LIKE over names and aliases (ASCII forms
    compared without apostrophes, as name_tokens reads them; forms with other characters are
    always candidates, since unidecode may fold them into the word). The last word is letters
    and digits only and is escaped all the same.
    """
    dialect = conn.dialect.name
    keys = []
    if qkey:
        keys.append(Person.key == qkey)
        sur = qkey.split()[-1]
        keys += [Person.key == sur, Person.key.like("% " + _like_escape(sur), escape="/")]
    ids: set[int] = set()
    if keys:
        ids |= set(conn.execute(select(Person.id).where(or_(*keys))).scalars())

    word = qtokens[-1]
    ids |= set(
        conn.execute(select(Person.id).where(_contains_word(Person.name, word, dialect))).scalars()
    )
    ids |= set(
        conn.execute(
            select(PersonAlias.person_id).where(_contains_word(PersonAlias.alias, word, dialect))
        ).scalars()
    )
    return ids


def _forms(conn, ids: Iterable[int] | None) -> tuple[dict[int, list[str]], dict[int, str]]:
    """Name and aliases of the people ``ids`` (all people when None)."""
    forms: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    if ids is None:
        chunks = [None]
    else:
        ids = sorted(ids)
        chunks = [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        people_q = select(Person.id, Person.name)
        alias_q = select(PersonAlias.person_id, PersonAlias.alias).order_by(PersonAlias.id)
        if chunk is not None:
            people_q = people_q.where(Person.id.in_(chunk))
            alias_q = alias_q.where(PersonAlias.person_id.in_(chunk))
        for pid, pname in conn.execute(people_q):
            names[pid] = pname
            forms[pid].append(pname)
        for pid, alias in conn.execute(alias_q):
            forms[pid].append(alias)
    return forms, names


def _scored(
    engine: Engine, name: str, min_score: float, ids: Iterable[int] | None, with_counts: bool = True
) -> list[Row]:
    qtokens = name_tokens(name)
    qkey = _identity_key(name)
    if not qtokens:
        return []
    with engine.connect() as conn:
        forms, names = _forms(conn, ids)
    scored = []
    for pid, person_forms in forms.items():
        if pid not in names:  # an alias row whose person is gone
            continue
        best, matched = 0.0, None
        for form in person_forms:
            s = _score(name, qtokens, qkey, form)
            if s > best:
                best, matched = s, form
        if best >= min_score:
            scored.append((best, pid, matched))
    if not scored:
        return []
    # article and quote counts only order equally good candidates: not needed for one
    counts = (
        _person_counts(engine, [pid for _, pid, _ in scored])
        if with_counts or len(scored) > 1
        else {}
    )
    rows = [
        {
            "person_id": pid,
            "name": names[pid],
            "matched": matched,
            "score": round(score, 1),
            "articles": counts.get(pid, (0, 0))[0],
            "quotes": counts.get(pid, (0, 0))[1],
        }
        for score, pid, matched in scored
    ]
    rows.sort(key=lambda r: (-r["score"], -(r["articles"] + r["quotes"]), r["name"]))
    return rows


def find_people(engine: Engine, name: str, min_score: float = FUZZY_MIN) -> list[Row]:
    """People whose name or an alias matches NAME, best first, with a ``score`` (0-100).

    Exact matches (after folding case, accents and honorifics) score 100; a surname or a subset
    of the name's words 95; spelling variants (rapidfuzz) up to 94. This scores every person
    (for "did you mean" lists); :func:`resolve_person` and :func:`person_ids_for` look up the
    exact and surname matches through the indexes first (:func:`match_people`).
    """
    return _scored(engine, name, min_score, None)


def match_people(engine: Engine, name: str, min_score: float = FUZZY_MIN) -> list[Row]:
    """Like :func:`find_people`, but when NAME matches someone exactly or by surname
    (score >= 95) only the candidates of :func:`_candidate_people` are scored: those with the
    same identity key or surname key, or a name or alias containing NAME's last word. The
    fuzzy scan over every person runs only when none of them matches that well (a misspelt
    name). The top tier is the same as find_people's; spelling variants of *other* names
    (score 90-94, e.g. "Miriam Tkaqvist" for "Miriam Karlqvist") are then not listed.
    """
    qtokens = name_tokens(name)
    if not qtokens:
        return []
    with engine.connect() as conn:
        ids = _candidate_people(conn, qtokens, _identity_key(name))
    if ids:
        rows = _scored(engine, name, min_score, ids)
        if rows and rows[0]["score"] >= SURNAME:
            return rows
    return _scored(engine, name, min_score, None)


def best_people(candidates: list[Row]) -> list[Row]:
    """The candidates that are equally good answers: the top tier of ``find_people``."""
    if not candidates:
        return []
    top = candidates[0]["score"]
    margin = 0.0 if top >= SURNAME else 3.0
    return [c for c in candidates if c["score"] >= top - margin]


def resolve_person(engine: Engine, name: str) -> tuple[Row | None, list[Row]]:
    """(the person NAME means, []) or (None, candidates) when it is ambiguous or unknown.

    A bare number is taken as a person id.
    """
    if name.strip().isdigit():
        with engine.connect() as conn:
            pname = conn.execute(select(Person.name).where(Person.id == int(name))).scalar()
        if pname is not None:
            return {"person_id": int(name), "name": pname, "score": EXACT}, []
    # fast path: a full name that is someone's identity key or alias (index seeks only)
    qkey = _identity_key(name)
    if qkey and " " in qkey:
        with engine.connect() as conn:
            ids = set(conn.execute(select(Person.id).where(Person.key == qkey)).scalars())
            ids |= set(
                conn.execute(
                    select(PersonAlias.person_id).where(PersonAlias.alias == name.strip())
                ).scalars()
            )
        top = best_people(_scored(engine, name, FUZZY_MIN, ids, with_counts=False)) if ids else []
        if top and top[0]["score"] >= EXACT:
            return (top[0], []) if len(top) == 1 else (None, top)
    top = best_people(match_people(engine, name))
    if len(top) == 1:
        return top[0], []
    return None, top


def person_ids_for(engine: Engine, name: str) -> list[int]:
    """All people a filter value such as ``--speaker Zelenskyy`` may mean (the top tier)."""
    if name.strip().isdigit():
        return [int(name)]
    candidates = match_people(engine, name)
    ids = [c["person_id"] for c in best_people(candidates)]
    # people the store failed to merge ("Zelenskyy" and "Zelensky" kept apart) count too
    ids += [
        c["person_id"] for c in candidates if c["score"] >= FILTER_MIN and c["person_id"] not in ids
    ]
    return ids


def _person_counts(engine: Engine, ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    ids = list(ids)
    if not ids:
        return {}
    out: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    with engine.connect() as conn:
        for pid, n in conn.execute(
            select(ArticlePerson.person_id, func.count(distinct(ArticlePerson.article_id)))
            .where(ArticlePerson.person_id.in_(ids))
            .group_by(ArticlePerson.person_id)
        ):
            out[pid][0] = n
        for pid, n in conn.execute(
            select(Quote.speaker_id, func.count())  # COUNT(*): no per-row NULL check of the id
            .where(Quote.speaker_id.in_(ids))
            .group_by(Quote.speaker_id)
        ):
            out[pid][1] = n
    return {k: (v[0], v[1]) for k, v in out.items()}


# --- query plans ---------------------------------------------------------------------------------


def _newest_first_is_cheaper(engine: Engine, count_stmt, limit: int | None) -> bool:
    """Whether LIMIT rows matching a filter are found faster by walking the articles newest
    first (index on published_at) than by reading every match through the filter's index and
    sorting them. COUNT_STMT counts the matches (an index-only count). Both plans return the
    same rows; this only picks the cheaper one: walking costs about LIMIT * articles / matches
    probes, sorting about one look-up per match."""
    if limit is None:
        return False
    with engine.connect() as conn:
        n = conn.execute(count_stmt).scalar() or 0
        if n == 0:
            return False
        total = conn.execute(select(func.max(Article.id))).scalar() or 0
    return n * n >= 2 * limit * total


# --- sources and places look-ups ----------------------------------------------------------------


def source_ids_for(engine: Engine, value: str) -> list[int]:
    """Sources named VALUE (case-insensitive name or domain), else whose name contains it."""
    v = value.strip()
    with engine.connect() as conn:
        ids = list(
            conn.execute(
                select(Source.id).where(
                    or_(
                        func.lower(Source.name) == v.lower(), func.lower(Source.domain) == v.lower()
                    )
                )
            ).scalars()
        )
        if not ids:
            ids = list(
                conn.execute(
                    select(Source.id).where(
                        or_(
                            Source.name.icontains(v, autoescape=True),
                            Source.domain.icontains(v, autoescape=True),
                        )
                    )
                ).scalars()
            )
    return ids


def place_ids_for(engine: Engine, value: str) -> list[int]:
    """Places named VALUE (name or alias, case-insensitive), else whose name contains it."""
    v = value.strip()
    with engine.connect() as conn:
        ids = set(
            conn.execute(select(Place.id).where(func.lower(Place.name) == v.lower())).scalars()
        )
        ids |= set(
            conn.execute(
                select(PlaceAlias.place_id).where(func.lower(PlaceAlias.alias) == v.lower())
            ).scalars()
        )
        if not ids:
            ids = set(
                conn.execute(
                    select(Place.id).where(Place.name.icontains(v, autoescape=True))
                ).scalars()
            )
    return sorted(ids)


# --- sources --------------------------------------------------------------------------------------


def sources(engine: Engine, limit: int | None = None) -> list[Row]:
    """Outlets and agencies with their article counts (own articles, and as the wire credited)."""
    wire_count = (
        select(func.count(Article.id)).where(Article.wire_id == Source.id).scalar_subquery()
    )
    own_count = (
        select(func.count(Article.id)).where(Article.source_id == Source.id).scalar_subquery()
    )
    quote_count = (
        select(func.count(Quote.id))
        .join(Article, Article.id == Quote.article_id)
        .where(Article.source_id == Source.id)
        .scalar_subquery()
    )
    stmt = (
        select(
            Source.id.label("source_id"),
            Source.name,
            Source.kind,
            Source.domain,
            Source.country_code,
            own_count.label("articles"),
            wire_count.label("wire_articles"),
            quote_count.label("quotes"),
        )
        .order_by((own_count + wire_count).desc(), Source.name)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


# --- articles -------------------------------------------------------------------------------------


def articles(
    engine: Engine,
    source: str | None = None,
    person: str | None = None,
    place: str | None = None,
    since: str | None = None,
    limit: int | None = 100,
) -> list[Row]:
    """Articles, newest first, optionally filtered by outlet/wire, person, place and date."""
    wire = aliased(Source)
    quotes_n = select(func.count(Quote.id)).where(Quote.article_id == Article.id).scalar_subquery()
    people_n = (
        select(func.count(distinct(ArticlePerson.person_id)))
        .where(ArticlePerson.article_id == Article.id, ArticlePerson.role == "subject")
        .scalar_subquery()
    )
    stmt = (
        select(
            Article.id.label("article_id"),
            Article.published_at,
            Source.name.label("outlet"),
            wire.name.label("wire"),
            Article.title,
            Article.word_count.label("words"),
            people_n.label("people"),
            quotes_n.label("quotes"),
        )
        .outerjoin(Source, Source.id == Article.source_id)
        .outerjoin(wire, wire.id == Article.wire_id)
    )
    if source is not None:
        ids = source_ids_for(engine, source)
        stmt = stmt.where(or_(Article.source_id.in_(ids), Article.wire_id.in_(ids)))
    if person is not None:
        ids = person_ids_for(engine, person)
        stmt = stmt.where(
            select(ArticlePerson.id)
            .where(ArticlePerson.article_id == Article.id, ArticlePerson.person_id.in_(ids))
            .exists()
        )
    if place is not None:
        ids = place_ids_for(engine, place)
        in_place = ArticlePlace.place_id.in_(ids)
        if (
            source is None
            and person is None
            and since is None
            and not _newest_first_is_cheaper(
                engine, select(func.count()).select_from(ArticlePlace).where(in_place), limit
            )
        ):
            # few articles: start from article_places (index on place_id), sort just those
            stmt = stmt.where(Article.id.in_(select(ArticlePlace.article_id).where(in_place)))
        else:  # common place: walk the articles newest first, stop after LIMIT
            stmt = stmt.where(
                select(ArticlePlace.id)
                .where(ArticlePlace.article_id == Article.id, in_place)
                .exists()
            )
    if since is not None:
        stmt = stmt.where(Article.published_at >= since)
    stmt = stmt.order_by(Article.published_at.desc().nulls_last(), Article.id.desc()).limit(limit)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def article(engine: Engine, article_id: int, with_body: bool = False) -> Row | None:
    """One article with its outlet, wire, authors, people, places and quotes (or None)."""
    wire = aliased(Source)
    with Session(engine) as conn:  # a Session: rows hold ORM objects (Article, Place, Quote)
        row = conn.execute(
            select(Article, Source.name.label("outlet"), wire.name.label("wire_name"))
            .outerjoin(Source, Source.id == Article.source_id)
            .outerjoin(wire, wire.id == Article.wire_id)
            .where(Article.id == article_id)
        ).first()
        if row is None:
            return None
        a = row[0]
        people, authors, photographers = [], [], []
        for pid, name, role, titles, mentions in conn.execute(
            select(
                Person.id,
                Person.name,
                ArticlePerson.role,
                ArticlePerson.titles,
                ArticlePerson.mention_count,
            )
            .join(Person, Person.id == ArticlePerson.person_id)
            .where(ArticlePerson.article_id == article_id)
            .order_by(ArticlePerson.mention_count.desc(), ArticlePerson.id)
        ):
            if role == "author":
                authors.append(name)
            elif role == "photographer":
                photographers.append(name)
            else:
                people.append(
                    {"person_id": pid, "name": name, "roles": titles or [], "mentions": mentions}
                )
        places = [
            {
                "place_id": p.id,
                "name": p.name,
                "kind": p.kind,
                "country_code": p.country_code,
                "latitude": p.latitude,
                "longitude": p.longitude,
                "mentions": n,
            }
            for p, n in conn.execute(
                select(Place, ArticlePlace.mention_count)
                .join(ArticlePlace, ArticlePlace.place_id == Place.id)
                .where(ArticlePlace.article_id == article_id)
                .order_by(ArticlePlace.mention_count.desc(), ArticlePlace.id)
            )
        ]
        quote_rows = conn.execute(
            select(Quote, Person.name)
            .outerjoin(Person, Person.id == Quote.speaker_id)
            .where(Quote.article_id == article_id)
            .order_by(Quote.start_char)
        ).all()
    carried = statement_outlets(engine, [q.statement_id for q, _ in quote_rows])
    quotes = [
        {
            "quote_id": q.id,
            "quote": q.text,
            "speaker": speaker or q.speaker_text,
            "speaker_id": q.speaker_id,
            "speaker_kind": q.speaker_kind,
            "kind": q.kind,
            "cue": q.cue,
            "statement_id": q.statement_id,
            "outlets": len(carried.get(q.statement_id, [])),
        }
        for q, speaker in quote_rows
    ]
    out: Row = {
        "article_id": a.id,
        "title": a.title,
        "subtitle": a.subtitle,
        "outlet": row.outlet,
        "wire": row.wire_name,
        "published_at": a.published_at,
        "url": a.url,
        "byline": a.byline,
        "dateline": a.dateline,
        "authors": authors,
        "photographers": photographers,
        "words": a.word_count,
        "file_name": a.file_name,
        "people": people,
        "places": places,
        "quotes": quotes,
    }
    if with_body:
        out["body"] = a.body
    return out


# --- statements -------------------------------------------------------------------------------


def statement_outlets(engine: Engine, statement_ids: Iterable[int | None]) -> dict[int, list[str]]:
    """For each statement id: the distinct outlets whose articles carried it (sorted)."""
    ids = sorted({s for s in statement_ids if s is not None})
    out: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return {}
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            for sid, name in conn.execute(
                select(Quote.statement_id, Source.name)
                .join(Article, Article.id == Quote.article_id)
                .join(Source, Source.id == Article.source_id)
                .where(Quote.statement_id.in_(ids[i : i + 500]))
            ):
                out[sid].add(name)
    return {sid: sorted(names) for sid, names in out.items()}


# --- people ------------------------------------------------------------------------------------


def people(engine: Engine, limit: int | None = 50) -> list[Row]:
    """People with their article, quote, statement and outlet counts; most present first."""
    articles_n = (
        select(func.count(distinct(ArticlePerson.article_id)))
        .where(ArticlePerson.person_id == Person.id, ArticlePerson.role == "subject")
        .scalar_subquery()
    )
    bylines_n = (
        select(func.count(distinct(ArticlePerson.article_id)))
        .where(ArticlePerson.person_id == Person.id, ArticlePerson.role != "subject")
        .scalar_subquery()
    )
    quotes_n = select(func.count(Quote.id)).where(Quote.speaker_id == Person.id).scalar_subquery()
    statements_n = (
        select(func.count(distinct(Quote.statement_id)))
        .where(Quote.speaker_id == Person.id)
        .scalar_subquery()
    )
    outlets_n = (
        select(func.count(distinct(Article.source_id)))
        .join(Quote, Quote.article_id == Article.id)
        .where(Quote.speaker_id == Person.id)
        .scalar_subquery()
    )
    stmt = (
        select(
            Person.id.label("person_id"),
            Person.name,
            articles_n.label("articles"),
            quotes_n.label("quotes"),
            statements_n.label("statements"),
            outlets_n.label("quoted_by"),
            bylines_n.label("bylines"),
        )
        .order_by((articles_n + quotes_n + bylines_n).desc(), Person.name)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


# ``person_profile`` groups (statements, outlets, roles, co-occurring people) over at most this
# many of a person's latest quotes and articles; its counts are always exact.
PROFILE_WINDOW = 500


def person_profile(
    engine: Engine, person_id: int, limit: int | None = 50, window: int | None = PROFILE_WINDOW
) -> Row | None:
    """Everything about one person: aliases, roles over time, articles, statements (the quotes
    grouped by statement, with the outlets that carried each), outlets, co-occurring people.

    The counts (articles, quotes, statements) are exact, and the articles shown are the LIMIT
    newest by publication date (sorted and limited in SQL). The groupings are computed over the
    person's latest WINDOW quotes (statements and their ranking, outlets) and latest WINDOW
    articles (roles over time, co-occurring people), "latest" meaning the last added to the
    archive (highest ids): for a person quoted in tens of thousands of articles they would
    otherwise need every quote with its article's date and outlet. ``truncated`` in the result
    tells whether the window left anything out; ``window=None`` uses everything. Statements are
    ranked by how many outlets carried them, then how many quotes, then first seen (from one
    compact row per quote); only the LIMIT shown are read in full (with all their quotes, in the
    window or not).
    """
    with engine.connect() as conn:
        person = conn.execute(
            select(Person.id, Person.name, Person.description).where(Person.id == person_id)
        ).first()
        if person is None:
            return None
        dialect = conn.dialect.name
        aliases = sorted(
            set(
                conn.execute(
                    select(PersonAlias.alias).where(PersonAlias.person_id == person_id)
                ).scalars()
            )
            - {person.name}
        )
        mine = ArticlePerson.person_id == person_id
        links_q = (
            select(
                Article.id,
                Article.published_at,
                Source.name,
                Article.title,
                ArticlePerson.role,
                ArticlePerson.titles,
                ArticlePerson.mention_count,
            )
            .join(Article, Article.id == ArticlePerson.article_id)
            .outerjoin(Source, Source.id == Article.source_id)
        )
        newest_first = (Article.published_at.desc().nulls_last(), Article.id.desc())
        if _newest_first_is_cheaper(
            engine, select(func.count()).select_from(ArticlePerson).where(mine), limit
        ):
            newest = list(
                conn.execute(
                    select(Article.id)
                    .where(
                        select(ArticlePerson.id)
                        .where(ArticlePerson.article_id == Article.id, mine)
                        .exists()
                    )
                    .order_by(*newest_first)
                    .limit(limit)
                ).scalars()
            )
            links_q = links_q.where(
                ArticlePerson.article_id.in_(newest), ArticlePerson.person_id + 0 == person_id
            )
        else:
            links_q = links_q.where(mine)
        links = conn.execute(links_q.order_by(*newest_first, ArticlePerson.id).limit(limit)).all()
        # (article_id, person_id, role) is unique: one subject row per article, COUNT(*) suffices
        article_count = conn.execute(
            select(func.count())
            .select_from(ArticlePerson)
            .where(mine, ArticlePerson.role == "subject")
        ).scalar()
        spoken = Quote.speaker_id == person_id
        quote_count = (
            conn.execute(select(func.count()).select_from(Quote).where(spoken)).scalar() or 0
        )
        # statements: quotes without a statement count one each (all from the index)
        statement_count = (
            conn.execute(select(func.count(distinct(Quote.statement_id))).where(spoken)).scalar()
            or 0
        ) + (
            conn.execute(
                select(func.count()).select_from(Quote).where(spoken, Quote.statement_id.is_(None))
            ).scalar()
            or 0
        )
        # the windows: the latest WINDOW articles and quotes, i.e. those after the (WINDOW + 1)-th
        # latest (an index seek; none when the person has no more than WINDOW)
        in_window, spoken_in_window = mine, spoken
        article_cutoff = quote_cutoff = None
        if window is not None:
            article_cutoff = conn.execute(
                select(ArticlePerson.article_id)
                .where(mine)
                .distinct()
                .order_by(ArticlePerson.article_id.desc())
                .limit(1)
                .offset(window)
            ).scalar()
            if article_cutoff is not None:
                in_window = and_(mine, ArticlePerson.article_id > article_cutoff)
            if quote_count > window:
                quote_cutoff = conn.execute(
                    select(Quote.id).where(spoken).order_by(Quote.id.desc()).limit(1).offset(window)
                ).scalar()
                spoken_in_window = and_(spoken, Quote.id > quote_cutoff)
        # roles: only the links that give a title
        titled = conn.execute(
            select(ArticlePerson.titles, Article.published_at)
            .join(Article, Article.id == ArticlePerson.article_id)
            .where(in_window, cast(ArticlePerson.titles, Text) != "[]")
        ).all()
        # one compact row per quote: statement, publication date, outlet
        compact = (
            select(Quote.id, Quote.statement_id, Article.published_at, Article.source_id)
            .join(Article, Article.id == Quote.article_id)
            .where(spoken_in_window)
        )
        if dialect != "sqlite":  # the database's collation decides the order, as before
            compact = compact.order_by(Article.published_at.nulls_last(), Quote.id)
        per_quote = conn.execute(compact).all()
        co_ap = aliased(ArticlePerson)
        # (article_id, person_id, role) is unique, so each co-occurring person has one row per
        # shared article: COUNT(*) is the number of shared articles
        shared = (
            select(co_ap.person_id.label("person_id"), func.count().label("n"))
            .select_from(ArticlePerson)
            .join(
                co_ap,
                and_(
                    co_ap.article_id == ArticlePerson.article_id,
                    co_ap.person_id != ArticlePerson.person_id,
                ),
            )
            .where(in_window, ArticlePerson.role == "subject", co_ap.role == "subject")
            .group_by(co_ap.person_id)
            .subquery()
        )
        co_rows = conn.execute(
            select(Person.id, Person.name, shared.c.n)
            .join(shared, shared.c.person_id == Person.id)
            .order_by(shared.c.n.desc(), Person.name, Person.id)
            .limit(limit)
        ).all()

        # statements: rank every statement key from the compact rows. Per key: the order key
        # and date of its first quote, its number of quotes and its outlets
        stats: dict[Any, list] = {}
        outlet_quotes: dict[int, int] = defaultdict(int)
        outlet_statements: dict[int, set] = defaultdict(set)
        sqlite = dialect == "sqlite"
        for i, (qid, sid, published, source_id) in enumerate(per_quote):
            key = sid if sid is not None else f"q{qid}"
            # publication order (NULLs last), then quote id; elsewhere the database's order
            pos = (published is None, published or "", qid) if sqlite else i
            st = stats.get(key)
            if st is None:
                st = stats[key] = [pos, published, 0, set()]
            elif pos < st[0]:
                st[0], st[1] = pos, published
            st[2] += 1
            if source_id is not None:
                st[3].add(source_id)
                outlet_quotes[source_id] += 1
                outlet_statements[source_id].add(key)
        # most outlets, most quotes, first seen, then first quoted (pos is unique per key)
        ranking = ((-len(v[3]), -v[2], v[1] or "", v[0], k) for k, v in stats.items())
        best = sorted(ranking) if limit is None else heapq.nsmallest(limit, ranking)
        shown = [r[-1] for r in best]
        statement_rows = _statements_of(conn, person_id, shown)
        for st in statement_rows:
            st["outlet_count"] = len(st["outlets"])
            st["quote_count"] = len(st["quotes"])
        names = (
            dict(
                conn.execute(
                    select(Source.id, Source.name).where(Source.id.in_(list(outlet_quotes)))
                ).all()
            )
            if outlet_quotes
            else {}
        )

    # roles over time: each title with the first and last date an article gave it
    roles: dict[str, dict] = {}
    for titles, published in titled:
        for t in titles or []:
            r = roles.setdefault(
                t, {"role": t, "first_seen": None, "last_seen": None, "articles": 0}
            )
            r["articles"] += 1
            if published:
                r["first_seen"] = min(filter(None, [r["first_seen"], published]))
                r["last_seen"] = max(filter(None, [r["last_seen"], published]))
    role_rows = sorted(roles.values(), key=lambda r: (r["first_seen"] or "9999", r["role"]))

    article_rows = [
        {
            "article_id": aid,
            "published_at": published,
            "outlet": outlet,
            "title": title,
            "role": role,
            "mentions": n,
        }
        for aid, published, outlet, title, role, _t, n in links
    ]
    outlets = sorted(
        (
            {"outlet": names[sid], "quotes": n, "statements": len(outlet_statements[sid])}
            for sid, n in outlet_quotes.items()
            if names.get(sid)
        ),
        key=lambda o: (-o["quotes"], o["outlet"]),
    )
    return {
        "person_id": person.id,
        "name": person.name,
        "description": person.description,
        "aliases": aliases,
        "article_count": article_count,
        "quote_count": quote_count,
        "statement_count": statement_count,
        "roles": role_rows,
        "articles": article_rows,
        "statements": statement_rows,
        "outlets": outlets,
        "co_occurring": [
            {"person_id": pid, "name": name, "shared_articles": n} for pid, name, n in co_rows
        ],
        # statements, outlets, roles and co_occurring cover only the latest WINDOW quotes/articles
        "truncated": article_cutoff is not None or quote_cutoff is not None,
        "window": window,
    }


def _statements_of(conn, person_id: int, keys: list) -> list[Row]:
    """The statements KEYS (statement ids, or "q<quote id>" for a quote without one) of a
    speaker, in that order, each with its quotes in order of publication and its outlets."""
    sids = [k for k in keys if not isinstance(k, str)]
    qids = [int(k[1:]) for k in keys if isinstance(k, str)]
    if not keys:
        return []
    rows = conn.execute(
        select(
            Quote.id,
            Quote.text,
            Quote.statement_id,
            Statement.text,
            Article.id,
            Article.published_at,
            Source.name,
            Article.title,
        )
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Source, Source.id == Article.source_id)
        .outerjoin(Statement, Statement.id == Quote.statement_id)
        # "+ 0": read these few statements' quotes, not every quote of the speaker
        .where(
            Quote.speaker_id + 0 == person_id, or_(Quote.statement_id.in_(sids), Quote.id.in_(qids))
        )
        .order_by(Article.published_at.nulls_last(), Quote.id)
    ).all()
    statements: dict[Any, Row] = {}
    for qid, qtext, sid, stext, aid, published, outlet, title in rows:
        key = sid if sid is not None else f"q{qid}"
        st = statements.setdefault(
            key,
            {
                "statement_id": sid,
                "text": stext or qtext,
                "first_seen": published,
                "outlets": [],
                "quotes": [],
            },
        )
        st["quotes"].append(
            {
                "quote_id": qid,
                "quote": qtext,
                "outlet": outlet,
                "article_id": aid,
                "published_at": published,
                "title": title,
            }
        )
        if outlet and outlet not in st["outlets"]:
            st["outlets"].append(outlet)
    return [statements[k] for k in keys if k in statements]


# --- quotes ------------------------------------------------------------------------------------


def unattributed_speakers(engine: Engine, value: str) -> list[str]:
    """The distinct ``speaker_text`` of quotes without a known speaker (speaker_id NULL) that
    contain VALUE (a literal, case-insensitive substring).

    The distinct values are enumerated through the index on (speaker_id, speaker_text) one
    seek each (a recursive "loose index scan"), so the cost follows the number of distinct
    spellings ("a senior official", "the Kremlin"), not the number of such quotes.
    """
    q = aliased(Quote)
    walk = (
        select(func.min(Quote.speaker_text).label("t"))
        .where(Quote.speaker_id.is_(None))
        .cte("unattributed", recursive=True)
    )
    step = (
        select(q.speaker_text)
        .where(q.speaker_id.is_(None), q.speaker_text > walk.c.t)
        .order_by(q.speaker_text)
        .limit(1)
        .scalar_subquery()
    )
    walk = walk.union_all(select(step).where(walk.c.t.isnot(None)))
    stmt = select(walk.c.t).where(walk.c.t.icontains(value, autoescape=True))
    with engine.connect() as conn:
        return [t for t in conn.execute(stmt).scalars() if t is not None]


def quotes(
    engine: Engine,
    speaker: str | None = None,
    source: str | None = None,
    search: str | None = None,
    place: str | None = None,
    limit: int | None = 100,
) -> list[Row]:
    """Quotes with speaker, outlet, article, and how many outlets carried the same statement.

    ``speaker`` matches people by name, alias or spelling variant (and, for quotes not
    attributed to a known person, the speaker as written); ``search`` is a literal,
    case-insensitive substring of the quote.
    """
    wire = aliased(Source)
    stmt = (
        select(
            Quote.id.label("quote_id"),
            Quote.text.label("quote"),
            func.coalesce(Person.name, Quote.speaker_text).label("speaker"),
            Quote.speaker_id,
            Source.name.label("outlet"),
            wire.name.label("wire"),
            Article.published_at,
            Article.id.label("article_id"),
            Article.title,
            Quote.statement_id,
        )
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Person, Person.id == Quote.speaker_id)
        .outerjoin(Source, Source.id == Article.source_id)
        .outerjoin(wire, wire.id == Article.wire_id)
    )
    by_speaker = by_speaker_unindexed = None
    if speaker is not None:
        ids = person_ids_for(engine, speaker)
        # quotes without a known speaker whose speaker as written contains SPEAKER: the
        # distinct spellings are found first (few, through the index), then matched by equality
        texts = unattributed_speakers(engine, speaker.strip())
        if not ids and not texts:
            return []
        branches, unindexed = [], []
        if ids:
            branches.append(Quote.speaker_id.in_(ids))
            unindexed.append((Quote.speaker_id + 0).in_(ids))
        if texts:
            branches.append(and_(Quote.speaker_id.is_(None), Quote.speaker_text.in_(texts)))
            unindexed.append(and_((Quote.speaker_id + 0).is_(None), Quote.speaker_text.in_(texts)))
        by_speaker, by_speaker_unindexed = or_(*branches), or_(*unindexed)
        stmt = stmt.where(by_speaker)
    if source is not None:
        ids = source_ids_for(engine, source)
        stmt = stmt.where(or_(Article.source_id.in_(ids), Article.wire_id.in_(ids)))
    if search is not None:
        stmt = stmt.where(Quote.text.icontains(search, autoescape=True))
    if place is not None:
        ids = place_ids_for(engine, place)
        stmt = stmt.where(
            select(ArticlePlace.id)
            .where(ArticlePlace.article_id == Article.id, ArticlePlace.place_id.in_(ids))
            .exists()
        )
    order = (Article.published_at.desc().nulls_last(), Article.id.desc())
    if (
        by_speaker is not None
        and source is None
        and search is None
        and place is None
        and _newest_first_is_cheaper(
            engine, select(func.count()).select_from(Quote).where(by_speaker), limit
        )
    ):
        # a much-quoted speaker: the newest LIMIT articles with one of their quotes hold the
        # newest LIMIT quotes; find those articles by walking the articles newest first, then
        # read just their quotes (the speaker_id index is kept out of that second statement,
        # which would otherwise read and sort every quote of the speaker)
        with engine.connect() as conn:
            newest = list(
                conn.execute(
                    select(Article.id)
                    .where(
                        select(Quote.id).where(Quote.article_id == Article.id, by_speaker).exists()
                    )
                    .order_by(*order)
                    .limit(limit)
                ).scalars()
            )
        stmt = stmt.where(Quote.article_id.in_(newest), by_speaker_unindexed)
    stmt = stmt.order_by(*order, Quote.start_char, Quote.id).limit(limit)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    carried = statement_outlets(engine, [r["statement_id"] for r in rows])
    for r in rows:
        names = carried.get(r["statement_id"], [])
        r["outlets"] = len(names)
        r["carried_by"] = names
    return rows


# --- places -------------------------------------------------------------------------------------


def places(engine: Engine, limit: int | None = 100) -> list[Row]:
    """Places with coordinates, and how many articles mention them (and how often)."""
    articles_n = (
        select(func.count(ArticlePlace.id))
        .where(ArticlePlace.place_id == Place.id)
        .scalar_subquery()
    )
    mentions_n = (
        select(func.coalesce(func.sum(ArticlePlace.mention_count), 0))
        .where(ArticlePlace.place_id == Place.id)
        .scalar_subquery()
    )
    quotes_n = (
        select(func.count(Quote.id))
        .join(ArticlePlace, ArticlePlace.article_id == Quote.article_id)
        .where(ArticlePlace.place_id == Place.id)
        .scalar_subquery()
    )
    stmt = (
        select(
            Place.id.label("place_id"),
            Place.name,
            Place.kind,
            Place.country_code,
            Place.latitude,
            Place.longitude,
            articles_n.label("articles"),
            mentions_n.label("mentions"),
            quotes_n.label("quotes"),
        )
        .order_by(articles_n.desc(), mentions_n.desc(), Place.name)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def places_geojson(rows: list[Row]) -> dict:
    """A GeoJSON FeatureCollection of Points (places without coordinates are left out)."""
    features = []
    for r in rows:
        if r.get("latitude") is None or r.get("longitude") is None:
            continue
        props = {k: v for k, v in r.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "id": r.get("place_id"),
                "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


# --- full-text search ---------------------------------------------------------------------------


def fts_phrase(value: str) -> str:
    """VALUE as one FTS5 phrase (double quotes doubled): always valid FTS5 syntax."""
    return '"' + value.replace('"', '""') + '"'


def _sqlite_search(conn, table: str, query: str, limit: int, marks: tuple[str, str]) -> list[Row]:
    if table == "articles":
        sql = text(
            "SELECT 'article' AS kind, a.id AS article_id, NULL AS quote_id, a.title, "
            "s.name AS outlet, a.published_at, NULL AS speaker, "
            "snippet(articles_fts, -1, :ms, :me, '…', 20) AS snippet, "
            "bm25(articles_fts, 5.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "LEFT JOIN sources s ON s.id = a.source_id "
            "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit"
        )
    else:
        sql = text(
            "SELECT 'quote' AS kind, a.id AS article_id, q.id AS quote_id, a.title, "
            "s.name AS outlet, a.published_at, COALESCE(p.name, q.speaker_text) AS speaker, "
            "highlight(quotes_fts, 0, :ms, :me) AS snippet, "
            "bm25(quotes_fts, 2.0, 1.0) AS rank "
            "FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid "
            "JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN people p ON p.id = q.speaker_id "
            "LEFT JOIN sources s ON s.id = a.source_id "
            "WHERE quotes_fts MATCH :q ORDER BY rank LIMIT :limit"
        )
    params = {"q": query, "limit": limit, "ms": marks[0], "me": marks[1]}
    return [dict(r._mapping) for r in conn.execute(sql, params)]


def _pg_search(conn, table: str, query: str, limit: int, marks: tuple[str, str]) -> list[Row]:
    opts = f"StartSel={marks[0]}, StopSel={marks[1]}, MaxWords=35, MinWords=15"
    if table == "articles":
        doc = "to_tsvector('english', coalesce(a.title, '') || ' ' || a.body)"
        sql = text(
            "SELECT 'article' AS kind, a.id AS article_id, NULL AS quote_id, a.title, "
            "s.name AS outlet, a.published_at, NULL AS speaker, "
            "ts_headline('english', a.body, tsq, :opts) AS snippet, "
            f"-ts_rank({doc}, tsq) AS rank "
            "FROM articles a CROSS JOIN websearch_to_tsquery('english', :q) AS tsq "
            "LEFT JOIN sources s ON s.id = a.source_id "
            f"WHERE {doc} @@ tsq ORDER BY rank LIMIT :limit"
        )
    else:
        doc = "to_tsvector('english', q.text || ' ' || coalesce(q.speaker_text, ''))"
        sql = text(
            "SELECT 'quote' AS kind, a.id AS article_id, q.id AS quote_id, a.title, "
            "s.name AS outlet, a.published_at, COALESCE(p.name, q.speaker_text) AS speaker, "
            "ts_headline('english', q.text, tsq, :opts) AS snippet, "
            f"-ts_rank({doc}, tsq) AS rank "
            "FROM quotes q CROSS JOIN websearch_to_tsquery('english', :q) AS tsq "
            "JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN people p ON p.id = q.speaker_id "
            "LEFT JOIN sources s ON s.id = a.source_id "
            f"WHERE {doc} @@ tsq ORDER BY rank LIMIT :limit"
        )
    return [dict(r._mapping) for r in conn.execute(sql, {"q": query, "limit": limit, "opts": opts})]


SEARCH_SCOPES = ("all", "articles", "quotes")


def search(
    engine: Engine,
    query: str,
    limit: int = 20,
    scope: str = "all",
    marks: tuple[str, str] = (MARK_START, MARK_END),
) -> list[Row]:
    """Full-text search over article titles/bodies and quotes, best match first.

    On SQLite QUERY is FTS5 syntax (words, "a phrase", prefix*, AND/OR/NOT, NEAR); text that is
    not valid FTS5 syntax is searched as one phrase instead. On PostgreSQL it is web-search
    syntax (words, "a phrase", or, -word). ``snippet`` holds the matched text between ``marks``;
    ``rank`` is lower for better matches (bm25).
    """
    if not query or not query.strip():
        raise QueryError("empty search")
    if scope not in SEARCH_SCOPES:
        raise QueryError(f"unknown scope {scope!r}: choose {', '.join(SEARCH_SCOPES)}")
    tables = ["articles", "quotes"] if scope == "all" else [scope]
    rows: list[Row] = []
    with engine.connect() as conn:
        dialect = conn.dialect.name
        for table in tables:
            if dialect == "sqlite":
                try:
                    rows += _sqlite_search(conn, table, query, limit, marks)
                except SQLAlchemyError:
                    conn.rollback()
                    try:  # not FTS5 syntax (an apostrophe, a stray quote or operator): a phrase
                        rows += _sqlite_search(conn, table, fts_phrase(query), limit, marks)
                    except SQLAlchemyError as exc:
                        orig = getattr(exc, "orig", None) or exc
                        raise QueryError(f"search failed: {str(orig).splitlines()[0]}") from exc
            elif dialect == "postgresql":
                rows += _pg_search(conn, table, query, limit, marks)
            else:
                raise QueryError(f"full-text search is not available on {dialect}")
    rows.sort(key=lambda r: (r["rank"], r["kind"], r["article_id"], r["quote_id"] or 0))
    for r in rows:
        r["rank"] = round(float(r["rank"]), 4)
        if r.get("snippet"):
            r["snippet"] = " ".join(
                r["snippet"].split()
            )  # paragraph breaks inside a one-line snippet
    return rows[:limit]


# --- stats -------------------------------------------------------------------------------------


def stats(engine: Engine, top: int = 10) -> Row:
    """Row counts per table, and the most frequent people, places and outlets."""
    from archive.store.writer import counts

    return {
        "counts": counts(engine),
        "top_people": [
            {
                "person_id": r["person_id"],
                "name": r["name"],
                "articles": r["articles"],
                "quotes": r["quotes"],
            }
            for r in people(engine, limit=top)
        ],
        "top_places": [
            {
                "place_id": r["place_id"],
                "name": r["name"],
                "kind": r["kind"],
                "articles": r["articles"],
            }
            for r in places(engine, limit=top)
        ],
        "top_outlets": [
            {
                "source_id": r["source_id"],
                "name": r["name"],
                "kind": r["kind"],
                "articles": r["articles"],
                "wire_articles": r["wire_articles"],
                "quotes": r["quotes"],
            }
            for r in sources(engine, limit=top)
        ],
    }
