"""The query commands' schema check without Alembic (archive.store.db.check_schema): the head
read from the migration scripts' text is Alembic's, a database at the head passes with one
SELECT, and every other database still gets its one-line reason."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from archive.cli.app import app
from archive.store import db


def test_the_scripts_text_gives_alembics_head():
    from alembic.script import ScriptDirectory

    engine = db.make_engine("sqlite://")
    heads = ScriptDirectory.from_config(db.alembic_config(engine)).get_heads()
    assert db._head_from_scripts() == heads[0] == db.head_revision(engine)


def test_head_in_scripts():
    chain = ['revision = "a1"\ndown_revision = None\n', "revision = 'b2'\ndown_revision = 'a1'\n"]
    assert db.head_in_scripts(chain) == "b2"
    typed = 'revision: str = "c3"\ndown_revision: Union[str, None] = "b2"\n'
    assert db.head_in_scripts([*chain, typed]) == "c3"
    merge = 'revision = "m"\ndown_revision = ("b2", "x")\n'
    assert db.head_in_scripts([*chain, 'revision = "x"\ndown_revision = "a1"\n', merge]) == "m"
    # not certain: Alembic decides
    assert db.head_in_scripts([*chain, 'revision = "x"\ndown_revision = "a1"\n']) is None
    assert db.head_in_scripts([*chain, '"""a script without its revision lines"""\n']) is None
    assert db.head_in_scripts([]) is None


def test_a_database_at_the_head_is_checked_without_alembic(tmp_path, monkeypatch):
    engine = db.make_engine(str(tmp_path / "a.db"))
    db.upgrade(engine)
    monkeypatch.setattr(db, "current_revision", lambda e: pytest.fail("Alembic was asked"))
    db.check_schema(db.make_engine(str(tmp_path / "a.db"), readonly=True))


def _quotes(path, *args):
    return CliRunner().invoke(app, ["quotes", "--db", str(path), *args])


def test_an_older_schema_is_refused_with_its_reason(tmp_path):
    path = tmp_path / "old.db"
    db.upgrade(db.make_engine(str(path)), "0006")
    result = _quotes(path)
    assert result.exit_code == 1
    assert "older than this version of archive" in result.stderr
    assert "archive db upgrade" in result.stderr and result.stderr.count("\n") == 1


def test_a_newer_or_missing_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    db.upgrade(db.make_engine(str(path)))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    result = _quotes(path)
    assert result.exit_code == 1 and "newer than this version of archive" in result.stderr
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM alembic_version")
    result = _quotes(path)
    assert result.exit_code == 1 and "no schema version found" in result.stderr
