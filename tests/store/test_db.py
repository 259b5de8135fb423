"""Schema and migrations: one head, up and down, models == migrated schema, constraints hold."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from archive.cli.app import app
from archive.names.identity import surname_key
from archive.store import db
from archive.store.models import Base


@pytest.fixture
def engine(tmp_path):
    return db.make_engine(str(tmp_path / "t.db"))


def test_single_head(engine):
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config(engine))
    assert len(script.get_heads()) == 1
    assert db.head_revision(engine) == script.get_heads()[0]


def test_upgrade_then_downgrade_to_base(engine):
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision(engine)
    tables = set(inspect(engine).get_table_names())
    assert {
        "sources",
        "articles",
        "people",
        "person_aliases",
        "article_people",
        "mentions",
        "quotes",
        "statements",
        "places",
        "place_aliases",
        "article_places",
        "place_mentions",
        "articles_fts",
        "quotes_fts",
    } <= tables
    db.downgrade(engine, "base")
    assert db.current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    db.upgrade(engine)  # and up again on the same file
    assert db.current_revision(engine) == db.head_revision(engine)


def test_autogenerate_finds_no_difference(engine):
    """The equivalent of `alembic check`: autogenerate finds nothing to do."""
    db.upgrade(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts=db.autogenerate_options())
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_foreign_keys_enforced(engine):
    db.upgrade(engine)
    with pytest.raises(IntegrityError):
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO mentions (article_id, person_id, start_char, end_char, text) "
                    "VALUES (999, 999, 0, 1, 'x')"
                )
            )


def test_check_constraint_on_enum_columns(engine):
    db.upgrade(engine)
    with pytest.raises(IntegrityError):
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO sources (name, kind) VALUES ('X', 'blog')"))


def test_sqlite_pragmas(engine):
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() > 0


def test_resolve_url(monkeypatch):
    monkeypatch.delenv("ARCHIVE_DB", raising=False)
    assert db.resolve_url(None).database == "archive.db"
    monkeypatch.setenv("ARCHIVE_DB", "/tmp/other.db")
    assert db.resolve_url(None).database == "/tmp/other.db"
    assert db.resolve_url("x.db").database == "x.db"
    url = db.resolve_url("postgresql+psycopg://u@localhost/archive")
    assert url.get_backend_name() == "postgresql" and url.database == "archive"


def test_older_schema_is_refused_with_upgrade_hint(tmp_path):
    path = tmp_path / "old.db"
    engine = db.make_engine(str(path))
    db.upgrade(engine, "0001")
    with pytest.raises(db.SchemaError, match="archive db upgrade"):
        db.check_schema(engine)
    result = CliRunner().invoke(app, ["sql", "SELECT 1", "--db", str(path)])
    assert result.exit_code == 1
    assert "archive db upgrade" in result.output
    # and the upgrade command brings it to the head
    result = CliRunner().invoke(app, ["db", "upgrade", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert db.current_revision(engine) == db.head_revision(engine)


def test_foreign_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    engine = db.make_engine(str(path))
    with pytest.raises(db.SchemaError, match="not an archive database"):
        db.ensure_schema(engine)
    con = sqlite3.connect(path)
    assert con.execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]


def test_query_on_missing_database_creates_nothing(tmp_path):
    path = tmp_path / "missing.db"
    result = CliRunner().invoke(app, ["sql", "SELECT 1", "--db", str(path)])
    assert result.exit_code == 1
    assert not path.exists()


def test_db_commands(tmp_path):
    path = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(app, ["db", "upgrade", "--db", path]).exit_code == 0
    result = runner.invoke(app, ["db", "current", "--db", path])
    assert result.exit_code == 0 and result.stdout.strip() == db.head_revision(db.make_engine(path))
    assert runner.invoke(app, ["db", "downgrade", "base", "--db", path]).exit_code == 0
    result = runner.invoke(app, ["db", "current", "--db", path])
    assert result.stdout.strip() == "base"


def test_version_option():
    from archive import __version__

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_readonly_uri_on_read_only_media(tmp_path, monkeypatch):
    """A WAL database on read-only media cannot get its -shm file: it is opened immutable."""
    path = tmp_path / "a.db"
    engine = db.make_engine(str(path))
    db.upgrade(engine)
    engine.dispose()
    assert db.readonly_uri(str(path)).endswith("?mode=ro")
    monkeypatch.setattr(db, "_writable", lambda folder: False)
    assert db.readonly_uri(str(path)).endswith("?immutable=1")
    ro = db.make_engine(str(path), readonly=True)
    db.check_schema(ro)  # readable as it is
    ro.dispose()


def test_migration_0006_fills_surname_keys_of_an_existing_archive(tmp_path):
    """An archive written before 0006: every alias gets its surname key, every person's name
    becomes one of their aliases, and the store then finds them."""
    path = tmp_path / "old.db"
    engine = db.make_engine(str(path))
    db.upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO people (id, name, key) VALUES (1, 'Ann Lee', 'ann lee')"))
        conn.execute(
            text("INSERT INTO person_aliases (person_id, alias) VALUES (1, 'Mayor Ann Lee')")
        )
    db.upgrade(engine)
    with engine.connect() as conn:
        rows = sorted(conn.execute(text("SELECT alias, surname_key FROM person_aliases")).all())
    key = surname_key("Ann Lee")  # folded: doubled letters collapse ("le")
    assert rows == [("Ann Lee", key), ("Mayor Ann Lee", key)]
    from archive.store.writer import Store
    from tests.helpers import make_extraction

    ex = make_extraction(
        "Ann Lee opened the bridge.",
        path="a.txt",
        source="S",
        people=[{"name": "Ann Lee", "aliases": ["Lee"]}],
    )
    Store(engine).save(ex)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM people")).scalar() == 1
    engine.dispose()
