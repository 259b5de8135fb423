"""`archive db current`: the revision on stdout, one status line on stderr; exit 0 only when the
schema is this version's latest (what every other command checks), 1 otherwise."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from archive.cli.app import app
from archive.store import db

runner = CliRunner()


def current(path):
    return runner.invoke(app, ["db", "current", "--db", str(path)])


def status_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def migrated(tmp_path):
    path = tmp_path / "m.db"
    assert runner.invoke(app, ["db", "upgrade", "--db", str(path)]).exit_code == 0
    return path


def head() -> str:
    return db.head_revision(db.make_engine("sqlite://"))


def test_up_to_date(migrated):
    result = current(migrated)
    assert result.exit_code == 0
    assert result.stdout.strip() == head()
    assert "up to date" in status_line(result)


def test_newer_revision_is_exit_1_upgrade_archive(migrated):
    con = sqlite3.connect(migrated)
    con.execute("UPDATE alembic_version SET version_num='ffff_future'")
    con.commit()
    con.close()
    result = current(migrated)
    assert result.exit_code == 1
    assert result.stdout.strip() == "ffff_future"
    line = status_line(result)
    assert (
        "the database schema (ffff_future) is newer than this version of archive: upgrade archive"
        in line
    )
    assert "db upgrade" not in line


def test_older_revision_is_exit_1_run_db_upgrade(migrated):
    assert runner.invoke(app, ["db", "downgrade", "0004", "--db", str(migrated)]).exit_code == 0
    result = current(migrated)
    assert result.exit_code == 1
    assert result.stdout.strip() == "0004"
    line = status_line(result)
    assert "older" in line and "archive db upgrade" in line and head() in line


def test_downgraded_to_base_has_no_schema(migrated):
    assert runner.invoke(app, ["db", "downgrade", "base", "--db", str(migrated)]).exit_code == 0
    result = current(migrated)  # alembic_version is left behind, empty
    assert result.exit_code == 1
    assert result.stdout.strip() == "base"
    assert "no schema" in status_line(result) and "archive db upgrade" in status_line(result)


def test_empty_file_has_no_schema(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    result = current(path)
    assert result.exit_code == 1 and "no schema" in status_line(result)


def test_foreign_sqlite_database(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    result = current(path)
    assert result.exit_code == 1 and "not an archive database" in status_line(result)


def test_not_a_database_file(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes, not SQLite\n" * 50)
    result = current(path)
    assert result.exit_code == 1 and "cannot open the database" in status_line(result)
    assert "Traceback" not in result.output


def test_missing_file_is_exit_1_and_not_created(tmp_path):
    path = tmp_path / "missing.db"
    result = current(path)
    assert result.exit_code == 1
    assert "no archive database" in status_line(result)
    assert not path.exists()
    assert not list(tmp_path.iterdir())


def test_help_documents_the_exit_codes():
    result = runner.invoke(app, ["db", "current", "--help"])
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "Exit 0 only" in flat and "Exit 1" in flat and "older" in flat and "newer" in flat
