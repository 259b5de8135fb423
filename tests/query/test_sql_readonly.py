"""`archive sql` is read-only, one statement, bounded in time and memory, on SQLite and PostgreSQL.

Attacks that used to work on PostgreSQL (psycopg sent a parameterless text through the simple
query protocol, which runs several statements): "COMMIT; DELETE FROM quotes" and friends. Each
attack is tried through ``sql.run_sql`` and through the CLI, and the database is compared
with what it was before (rows, tables, a sequence, large objects, a file on the server).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from archive.cli.app import app
from archive.query import sql
from archive.store import db
from tests.helpers import sample_extractions

runner = CliRunner()
# a DELETE that reaches PostgreSQL's server (a plain DELETE is refused before it is sent)
DELETE_IN_SELECT = "WITH d AS (DELETE FROM quotes RETURNING 1) SELECT count(*) FROM d"
RUNAWAY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c"


class Archive:
    """The sample archive on one engine: ``url`` for --db, ``ro`` a read-only engine, ``rw`` the
    writable one for checks, ``state()`` what an attack must not change."""

    def __init__(self, kind: str, url: str, rw) -> None:
        self.kind, self.url, self.rw = kind, url, rw
        self.ro = db.make_engine(url, readonly=True)

    @property
    def postgres(self) -> bool:
        return self.kind == "postgresql"

    def state(self) -> dict:
        with self.rw.connect() as conn:
            q = lambda sql: conn.execute(text(sql)).scalar()  # noqa: E731
            out = {
                "quotes": q("SELECT count(*) FROM quotes"),
                "people": q("SELECT count(*) FROM people"),
                "renamed": q("SELECT count(*) FROM people WHERE name = 'x'"),
            }
            if self.postgres:
                out["tables"] = q(
                    "SELECT count(*) FROM pg_class WHERE relkind IN ('r', 'v', 'S', 'm')"
                    " AND relnamespace = 'public'::regnamespace"
                )
                out["seq"] = q("SELECT last_value FROM quotes_id_seq")
                out["large_objects"] = q("SELECT count(*) FROM pg_largeobject_metadata")
                out["read_only_default"] = q("SHOW default_transaction_read_only")
            else:
                out["tables"] = q("SELECT count(*) FROM sqlite_master")
        return out

    def cli(self, *args):
        return runner.invoke(app, [*args, "--db", self.url])


def _sqlite_archive(tmp_path) -> Archive:
    from archive.store.writer import Store

    path = str(tmp_path / "archive.db")
    rw = db.make_engine(path)
    db.upgrade(rw)
    for ex in sample_extractions():
        Store(rw).save(ex)
    return Archive("sqlite", path, rw)


def _pg_archive(pg_url) -> Archive:
    from archive.store.writer import Store

    rw = db.make_engine(pg_url)
    db.upgrade(rw)
    for ex in sample_extractions():
        Store(rw).save(ex)
    return Archive("postgresql", pg_url, rw)


@pytest.fixture(params=["sqlite", "postgresql"])
def archive(request, tmp_path):
    if request.param == "sqlite":
        a = _sqlite_archive(tmp_path)
    else:
        pytest.importorskip("psycopg")
        a = _pg_archive(request.getfixturevalue("pg_url"))
    yield a
    a.ro.dispose()
    a.rw.dispose()


@pytest.fixture
def pg_archive(pg_url):
    pytest.importorskip("psycopg")
    a = _pg_archive(pg_url)
    yield a
    a.ro.dispose()
    a.rw.dispose()


@pytest.fixture
def server_file():
    """A path the PostgreSQL server (user postgres) could create: COPY ... TO PROGRAM must not."""
    path = Path("/tmp") / f"archive-sql-{uuid.uuid4().hex}"
    yield path
    path.unlink(missing_ok=True)


# --- one statement, read-only, whatever the text -------------------------------------------------

ATTACKS = [
    "COMMIT; DELETE FROM quotes",
    "END; CREATE TABLE x(y int)",
    "ROLLBACK; DELETE FROM quotes",
    "ABORT; DELETE FROM quotes",
    "SELECT 1; DELETE FROM quotes",
    "SELECT 1; UPDATE people SET name = 'x'",
    "COMMIT",
    "END",
    "ROLLBACK",
    "BEGIN",
    "START TRANSACTION READ WRITE",
    "SAVEPOINT a",
    "/* a comment */ -- and another\n COMMIT",
    "DELETE FROM quotes",
    "UPDATE people SET name = 'x'",
    "CREATE TABLE x(y int)",
    "CREATE TEMP TABLE x(y int)",
    "DROP TABLE quotes",
    "SELECT nextval('quotes_id_seq')",
    "SELECT setval('quotes_id_seq', 1000)",
    "DO $$ BEGIN DELETE FROM quotes; END $$",
    "DO $$ BEGIN COMMIT; DELETE FROM quotes; END $$",
    "SET default_transaction_read_only = off",
    "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
    "RESET ALL",
    "WITH d AS (DELETE FROM quotes RETURNING 1) SELECT count(*) FROM d",
    "SELECT * FROM quotes FOR UPDATE",
    "SELECT 1 INTO x",
    "EXPLAIN ANALYZE DELETE FROM quotes",
    "SELECT lo_import('/etc/hostname')",
    "COPY quotes TO STDOUT",
    "COPY quotes FROM '/etc/hostname'",
    "COPY (SELECT 1) TO PROGRAM 'touch {file}'",
    "/* /* nested */ SELECT */ COPY (SELECT 1) TO PROGRAM 'touch {file}'",
    "SELECT query_to_xml('SELECT lo_import(''/etc/hostname'')', true, false, '')",
    "SELECT \"lo_export\"(1, '{file}')",
    "SELECT pg_catalog.pg_reload_conf()",
    "SELECT pg_terminate_backend(pg_backend_pid())",
    "PREPARE p AS DELETE FROM quotes",
    "CALL nothing()",
    "LOCK quotes IN ACCESS EXCLUSIVE MODE",
    "VACUUM",
    "ATTACH DATABASE ':memory:' AS other",
    "PRAGMA query_only = OFF",
    "",
    "   -- only a comment",
]


@pytest.mark.parametrize("statement", ATTACKS)
def test_attacks_are_refused_and_change_nothing(archive, statement, server_file):
    before = archive.state()
    statement = statement.replace("{file}", str(server_file))
    with pytest.raises(sql.QueryError) as info:
        sql.run_sql(archive.ro, statement)
    assert "\n" not in str(info.value) and str(info.value)
    # and a write in the next call, on a connection that the first one might have changed
    with pytest.raises(sql.QueryError):
        sql.run_sql(archive.ro, DELETE_IN_SELECT)
    assert archive.state() == before
    assert not server_file.exists()


# may run on PostgreSQL: their effect is inside the transaction, which is rolled back
HARMLESS = [
    "SELECT lo_from_bytea(0, 'x')",
    "SELECT lo_create(0)",
    "SELECT set_config('default_transaction_read_only', 'off', false)",
    "SELECT set_config('statement_timeout', '0', true)",
    "SELECT pg_notify('archive', 'x')",
    "SELECT pg_advisory_lock(1)",
    "SELECT txid_current()",
]


@pytest.mark.parametrize("statement", HARMLESS)
def test_harmless_statements_change_nothing(pg_archive, statement):
    before = pg_archive.state()
    sql.run_sql(pg_archive.ro, statement)
    with pytest.raises(sql.QueryError, match="read-only transaction"):
        sql.run_sql(pg_archive.ro, DELETE_IN_SELECT)
    assert pg_archive.state() == before
    with pg_archive.rw.connect() as conn:  # the advisory lock went with the connection
        assert conn.execute(text("SELECT pg_try_advisory_lock(1)")).scalar() is True


@pytest.mark.parametrize("statement", ["COMMIT", "END", "ROLLBACK", "BEGIN", " commit ; "])
def test_transaction_control_gets_a_clear_message(archive, statement):
    with pytest.raises(
        sql.QueryError,
        match="is not allowed: archive sql runs one statement in a read-only transaction",
    ):
        sql.run_sql(archive.ro, statement)


def test_several_statements_are_refused_by_the_driver_or_server(archive):
    before = archive.state()
    with pytest.raises(sql.QueryError, match="only one statement at a time"):
        sql.run_sql(archive.ro, "SELECT 1; DELETE FROM quotes")
    assert archive.state() == before
    assert sql.run_sql(archive.ro, "SELECT 1 AS one;") == (["one"], [{"one": 1}])


def test_why_stream_psycopg_protocols(pg_archive):
    """What psycopg 3 does, the reason run_sql streams: an empty parameter sequence still goes
    through the simple query protocol (several statements run); stream() and prepare=True use
    the extended protocol, where the server refuses them."""
    with pg_archive.rw.connect() as conn:
        raw = conn.connection.driver_connection
        with raw.cursor() as cur:
            cur.execute("SELECT 1; SELECT 2", [])
            assert cur.nextset() and cur.fetchall() == [(2,)]  # both ran
        raw.rollback()
        for run in (
            lambda cur: list(cur.stream("SELECT 1; SELECT 2")),
            lambda cur: cur.execute("SELECT 1; SELECT 2", prepare=True),
        ):
            with (
                raw.cursor() as cur,
                pytest.raises(Exception, match="cannot insert multiple commands"),
            ):
                run(cur)
            raw.rollback()


def test_session_settings_do_not_survive_the_call(pg_archive):
    """set_config(..., false) is a session setting inside the transaction: undone by the
    rollback, and the connection is closed anyway."""
    ro = pg_archive.ro
    assert sql.run_sql(ro, "SELECT set_config('default_transaction_read_only', 'off', false) AS v")[
        1
    ] == [{"v": "off"}]
    _, rows = sql.run_sql(
        ro,
        "SELECT current_setting('default_transaction_read_only') AS d, "
        "current_setting('transaction_read_only') AS t",
    )
    assert rows == [{"d": "on", "t": "on"}]
    with pytest.raises(sql.QueryError, match="read-only transaction"):
        sql.run_sql(ro, DELETE_IN_SELECT)
    # no connection of run_sql goes back to the pool: its server process ends
    pid = sql.run_sql(ro, "SELECT pg_backend_pid() AS pid")[1][0]["pid"]
    give_up = time.monotonic() + 5
    while True:
        with pg_archive.rw.connect() as conn:
            alive = conn.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"), {"p": pid}
            ).scalar()
        if not alive or time.monotonic() > give_up:
            break
        time.sleep(0.05)
    assert alive == 0
    assert pg_archive.state()["quotes"] == 7


def test_reads_still_work(archive):
    cols, rows = sql.run_sql(
        archive.ro,
        "SELECT speaker, outlet FROM quote_attributions "
        "WHERE quote LIKE '%100\\%%' ESCAPE '\\' -- 100% literal",
    )
    assert cols == ["speaker", "outlet"] and rows == [
        {"speaker": "Dmitry Peskov", "outlet": "The Guardian"}
    ]
    # columns of an empty result, a parenthesised query, WITH, VALUES
    assert sql.run_sql(archive.ro, "SELECT id, text FROM quotes WHERE id < 0") == (
        ["id", "text"],
        [],
    )
    assert sql.run_sql(archive.ro, "WITH t AS (SELECT count(*) AS n FROM quotes) SELECT n FROM t")[
        1
    ] == [{"n": 7}]
    assert len(sql.run_sql(archive.ro, "SELECT * FROM quotes", limit=3)[1]) == 3
    assert sql.run_sql(archive.ro, "VALUES (1, 'a')")[1] == [{"column1": 1, "column2": "a"}]
    if archive.postgres:
        assert sql.run_sql(archive.ro, "(SELECT 1 AS a)")[1] == [{"a": 1}]
        assert sql.run_sql(archive.ro, "TABLE sources", limit=2)[0][:2] == ["id", "name"]
        assert sql.run_sql(archive.ro, "SHOW transaction_read_only")[1] == [
            {"transaction_read_only": "on"}
        ]
        assert sql.run_sql(archive.ro, "EXPLAIN SELECT * FROM quotes")[0] == ["QUERY PLAN"]
    else:
        assert "statement_id" in [
            r["name"] for r in sql.run_sql(archive.ro, "PRAGMA table_info(quotes)")[1]
        ]


def test_the_sqlite_connection_is_restored_after_the_call(archive):
    import sqlite3

    if archive.postgres:
        pytest.skip("SQLite only")
    with archive.ro.connect() as conn:
        default = conn.connection.driver_connection.getlimit(sqlite3.SQLITE_LIMIT_LENGTH)
    handler = signal.getsignal(signal.SIGINT)
    with pytest.raises(sql.QueryError):
        sql.run_sql(archive.ro, "SELECT randomblob(999000000)")
    sql.run_sql(archive.ro, "SELECT 1")
    with archive.ro.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw.getlimit(sqlite3.SQLITE_LIMIT_LENGTH) == default
        # no authorizer, no progress handler left behind
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                "SELECT x+1 FROM c WHERE x < 100000) SELECT x FROM c)"
            ).scalar()
            == 100000
        )
    assert signal.getsignal(signal.SIGINT) is handler


# --- time limit -----------------------------------------------------------------------------------


@pytest.mark.parametrize("statement", [RUNAWAY, "SELECT pg_sleep(10)"])
def test_a_runaway_query_is_stopped_by_the_timeout(archive, statement):
    if "pg_sleep" in statement and not archive.postgres:
        statement = (
            "SELECT count(*) FROM quotes a, quotes b, quotes c, quotes d, quotes e, quotes f, "
            "quotes g, quotes h, quotes i, quotes j"
        )  # 7**10 rows: minutes
    start = time.monotonic()
    with pytest.raises(sql.QueryTimeout, match=r"^query stopped after 1 s \(--timeout\)$"):
        sql.run_sql(archive.ro, statement, timeout=1)
    elapsed = time.monotonic() - start
    assert 1.0 <= elapsed < 2.0, elapsed
    start = time.monotonic()
    with pytest.raises(sql.QueryTimeout, match="after 0.3 s"):
        sql.run_sql(archive.ro, statement, timeout=0.3)
    assert time.monotonic() - start < 1.0
    assert sql.run_sql(archive.ro, "SELECT count(*) AS n FROM quotes", timeout=1)[1] == [{"n": 7}]


def test_no_timeout_with_zero(archive):
    bounded = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 300000) "
        "SELECT count(*) AS n FROM c"
    )
    assert sql.run_sql(archive.ro, bounded, timeout=0)[1] == [{"n": 300000}]
    assert sql.run_sql(archive.ro, bounded, timeout=None)[1] == [{"n": 300000}]


def test_cli_timeout(archive):
    start = time.monotonic()
    result = archive.cli("sql", RUNAWAY, "--timeout", "1")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: query stopped after 1 s (--timeout)"
    assert time.monotonic() - start < 3
    assert archive.cli("sql", "SELECT 1", "--timeout", "-1").exit_code == 2


# --- Ctrl-C ---------------------------------------------------------------------------------------


def _startup_cpu_seconds(url: str) -> float:
    """CPU time of a whole `archive sql "SELECT 1"` (interpreter, imports, schema check)."""
    import resource

    def used() -> float:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    before = used()
    subprocess.run(
        [sys.executable, "-m", "archive", "sql", "SELECT 1", "--db", url],
        capture_output=True,
        check=True,
    )
    return used() - before


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _interrupt(url: str, statement: str, running):
    """`archive sql` in a subprocess, SIGINT once ``running(pid)`` says the statement runs (and
    a second more): (exit code, seconds from SIGINT to exit, stderr)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "archive", "sql", statement, "--db", url, "--timeout", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a shell without job control starts background jobs with SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    give_up = time.monotonic() + 30
    while not running(proc.pid):
        assert proc.poll() is None and time.monotonic() < give_up, proc.communicate()
        time.sleep(0.1)
    time.sleep(1)
    assert proc.poll() is None, proc.communicate()
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    return proc.returncode, time.monotonic() - sent, err


@pytest.mark.parametrize("statement", [RUNAWAY, "SELECT pg_sleep(60)"])
def test_ctrl_c_stops_the_query(archive, statement):
    if "pg_sleep" in statement and not archive.postgres:
        pytest.skip("PostgreSQL only")

    def on_server(_pid=None) -> int:
        with archive.rw.connect() as conn:
            return conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE pid <> pg_backend_pid() AND state = 'active'"
                    " AND datname = current_database() AND query = :q"
                ),
                {"q": statement},
            ).scalar()

    if archive.postgres:
        running = on_server
    else:  # the runaway query is the only thing that burns more CPU than a whole short run
        startup = _startup_cpu_seconds(archive.url)
        running = lambda pid: _cpu_seconds(pid) > startup + 0.3  # noqa: E731
    code, seconds, err = _interrupt(archive.url, statement, running)
    assert code == 130, err
    assert seconds < 3
    assert "Traceback" not in err and err.strip() == "Error: interrupted"
    if archive.postgres:  # cancelled on the server, not left running
        assert on_server() == 0


# --- memory -------------------------------------------------------------------------------------


def test_the_value_cap_reads_every_stored_row():
    from archive.pipeline import extraction as extract
    from archive.readers import files as readers

    assert sql.SQL_MAX_VALUE_BYTES >= 3 * readers.MAX_FILE_BYTES + 4 * extract.MAX_BODY_CHARS


def test_a_huge_value_is_a_clean_error(archive):
    huge = "SELECT repeat('x', 70000000)" if archive.postgres else "SELECT randomblob(999000000)"
    with pytest.raises(
        sql.QueryError,
        match=r"^string or blob too big: archive sql reads values of up to 64 MiB$",
    ):
        sql.run_sql(archive.ro, huge)
    if archive.postgres:
        with pytest.raises(sql.QueryError, match="string or blob too big"):
            sql.run_sql(archive.ro, "SELECT convert_to(repeat('x', 70000000), 'UTF8')")  # bytea
    else:
        with pytest.raises(sql.QueryError, match="string or blob too big"):
            sql.run_sql(
                archive.ro,
                "SELECT length(group_concat(randomblob(1000000))) FROM "
                "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c "
                "WHERE x < 100) SELECT x FROM c)",
            )
    # just under the cap is fine
    big = (
        "SELECT length(repeat('x', 60000000)) AS n"
        if archive.postgres
        else "SELECT length(randomblob(60000000)) AS n"
    )
    assert sql.run_sql(archive.ro, big)[1] == [{"n": 60000000}]


def test_a_large_result_is_refused_not_held(archive, monkeypatch):
    monkeypatch.setattr(sql, "SQL_MAX_RESULT_BYTES", 1_000_000)
    rows = (
        "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 1000) "
        "SELECT x FROM c) AS c"
    )
    value = "repeat('x', 100000)" if archive.postgres else "hex(zeroblob(50000))"
    with pytest.raises(
        sql.QueryError,
        match=r"^result too large: over 0.95\d* MiB in the first 10 rows; lower --limit",
    ):
        sql.run_sql(archive.ro, f"SELECT {value} AS v FROM {rows}")
    assert len(sql.run_sql(archive.ro, f"SELECT {value} AS v FROM {rows}", limit=9)[1]) == 9


def test_randomblob_csv_memory_is_bounded(tmp_path):
    """The reported crash (signal 11 after 3.8 GB): now one line on stderr, exit 1, and the whole
    process stays far below the size of the value."""
    a = _sqlite_archive(tmp_path)
    script = (
        "import json, re, sys\n"
        "from archive.cli.app import app\n"
        "try:\n"
        "    app(sys.argv[1:])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        # the peak resident size of this program (ru_maxrss would count the forking parent's)
        "hwm = re.search(r'VmHWM:\\s*(\\d+) kB', open('/proc/self/status').read()).group(1)\n"
        "print(json.dumps({'code': code, 'rss': int(hwm) * 1024}))\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "sql",
            "SELECT randomblob(999000000)",
            "--format",
            "csv",
            "--db",
            a.url,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip(), done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 1
    assert (
        done.stderr.strip()
        == "Error: string or blob too big: archive sql reads values of up to 64 MiB"
    )
    assert report["rss"] < 300 * 2**20, report


def test_cli_formats_and_table_cells(archive):
    query = "SELECT speaker, outlet FROM quote_attributions WHERE speaker = 'Dmitry Peskov'"
    result = archive.cli("sql", query, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == [
        {"speaker": "Dmitry Peskov", "outlet": "The Guardian"}
    ]
    assert (
        archive.cli("sql", query, "--format", "csv").stdout
        == "speaker,outlet\nDmitry Peskov,The Guardian\n"
    )
    assert (
        archive.cli("sql", query, "--format", "jsonl").stdout
        == '{"speaker": "Dmitry Peskov", "outlet": "The Guardian"}\n'
    )
    empty = archive.cli("sql", "SELECT id, text FROM quotes WHERE id < 0", "--format", "csv")
    assert empty.exit_code == 0 and empty.stdout == "id,text\n"
    assert (
        json.loads(
            archive.cli("sql", "SELECT id FROM quotes WHERE id < 0", "--format", "json").stdout
        )
        == []
    )
    long = (
        "SELECT repeat('ab', 15000) AS v"
        if archive.postgres
        else "SELECT hex(zeroblob(15000)) AS v"
    )
    table = archive.cli("sql", long)
    assert table.exit_code == 0 and 10_000 < len(table.stdout) < 20_000
    assert "note: 1 value(s) cut to 10,000 characters in the table" in table.stderr
    whole = archive.cli("sql", long, "--format", "json")
    assert len(json.loads(whole.stdout)[0]["v"]) == 30000 and whole.stderr == ""


@pytest.mark.parametrize(
    "statement",
    [
        "COMMIT; DELETE FROM quotes",
        "END; CREATE TABLE x(y int)",
        "SELECT 1; DELETE FROM quotes",
        "COMMIT",
        "DO $$ BEGIN DELETE FROM quotes; END $$",
        "SELECT nextval('quotes_id_seq')",
        "CREATE TEMP TABLE t(x int)",
        "SET default_transaction_read_only = off",
        "SELECT randomblob(999000000)",
    ],
)
def test_cli_refusals_are_one_line(archive, statement):
    before = archive.state()
    result = archive.cli("sql", statement)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1, (
        result.stderr
    )
    assert "Traceback" not in result.output and result.stdout == ""
    assert archive.cli("sql", DELETE_IN_SELECT).exit_code == 1
    assert archive.state() == before


# --- the read-only PostgreSQL role of the README -------------------------------------------------


def test_read_only_role(pg_archive):
    """The role of the README (run_sql's docstring): it reads everything, writes nothing even
    outside archive sql, and cannot call the server's file functions."""
    import psycopg
    from sqlalchemy.engine import make_url

    role = f"archive_reader_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    url = make_url(pg_archive.url)
    dbname = url.database
    with pg_archive.rw.connect() as conn:
        for statement in [
            f"CREATE ROLE {role} LOGIN",
            f"GRANT CONNECT ON DATABASE {dbname} TO {role}",
            f"GRANT USAGE ON SCHEMA public TO {role}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {role}",
            f"ALTER ROLE {role} SET default_transaction_read_only = on",
        ]:
            conn.execute(text(statement))
        conn.commit()
    reader_url = url.set(username=role).render_as_string(hide_password=False)
    try:
        reader = db.make_engine(reader_url, readonly=True)
        db.check_schema(reader)
        assert sql.run_sql(reader, "SELECT count(*) AS n FROM quote_attributions")[1] == [{"n": 7}]
        assert sql.run_sql(reader, "SELECT current_user AS u")[1] == [{"u": role}]
        reader.dispose()
        result = runner.invoke(
            app, ["sql", "SELECT count(*) AS n FROM quotes", "--db", reader_url, "--format", "json"]
        )
        assert result.exit_code == 0 and json.loads(result.stdout) == [{"n": 7}]
        # a plain session of the role, autocommit, without archive's guards
        q = dict(url.query)
        where = {
            k: v
            for k, v in {
                "host": q.get("host", url.host),
                "port": q.get("port", url.port),
                "password": url.password,
            }.items()
            if v is not None
        }
        with psycopg.connect(**where, user=role, dbname=dbname, autocommit=True) as raw:
            for statement in [
                "DELETE FROM quotes",
                "CREATE TEMP TABLE t(x int)",
                "SELECT nextval('quotes_id_seq')",
                "SELECT pg_read_file('/etc/hostname')",
                "COPY (SELECT 1) TO PROGRAM 'true'",
            ]:
                with pytest.raises(
                    psycopg.Error, match="read-only transaction|permission denied|must be superuser"
                ):
                    raw.execute(statement)
            # it may turn the default off in its own session, but still lacks the privileges
            raw.execute("SET default_transaction_read_only = off")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                raw.execute("DELETE FROM quotes")
        assert pg_archive.state()["quotes"] == 7
    finally:
        with pg_archive.rw.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
            conn.commit()
