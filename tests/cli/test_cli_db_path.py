"""``archive db path``: the database in use, as ``llm logs path`` prints its own: the SQLite file
resolved to an absolute path (whether it exists or not), or the URL without its password."""

from __future__ import annotations

from typer.testing import CliRunner

from archive.cli.app import app

runner = CliRunner()


def path_of(*args, env=None) -> str:
    result = runner.invoke(app, ["db", "path", *args], env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stdout.count("\n") == 1
    return result.stdout.strip()


def test_the_default_is_archive_db_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARCHIVE_DB", raising=False)
    assert path_of() == str(tmp_path.resolve() / "archive.db")
    assert not (tmp_path / "archive.db").exists()  # nothing is created


def test_db_and_the_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert path_of(env={"ARCHIVE_DB": "data/news.db"}) == str(tmp_path.resolve() / "data/news.db")
    assert path_of("--db", "other.db", env={"ARCHIVE_DB": "data/news.db"}) == str(
        tmp_path.resolve() / "other.db"
    )
    assert path_of("--db", f"sqlite:///{tmp_path}/u.db") == str(tmp_path.resolve() / "u.db")


def test_a_url_is_printed_without_its_password():
    url = "postgresql+psycopg://reader:s3cret@db.example/archive"
    assert path_of("--db", url) == "postgresql+psycopg://reader:***@db.example/archive"
