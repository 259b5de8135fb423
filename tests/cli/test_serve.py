"""``archive serve`` refusals and its port: SQLite only, an existing archive, a taken port.
(The server itself runs in tests/serve/test_browser.py.)"""

from __future__ import annotations

import socket

import pytest
import typer
from typer.testing import CliRunner

from archive.cli.app import app
from archive.cli.serve import DEFAULT_PORT, bind

runner = CliRunner()


def test_postgresql_is_refused_in_one_line():
    result = runner.invoke(app, ["serve", "--db", "postgresql+psycopg://u@localhost/archive"])
    assert result.exit_code == 1
    assert "SQLite file only" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_file_is_refused(tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no archive database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def _taken() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    return sock


def test_a_taken_port_fails_clearly():
    taken = _taken()
    try:
        with pytest.raises(typer.Exit) as exc:
            bind("127.0.0.1", taken.getsockname()[1])
        assert exc.value.exit_code == 1
    finally:
        taken.close()


def test_without_a_port_a_free_one():
    try:  # take 8001 if nobody has it, so that the fallback is what is tested
        blocker = socket.socket()
        blocker.bind(("127.0.0.1", DEFAULT_PORT))
        blocker.listen(1)
    except OSError:
        blocker = None  # someone else has it
    try:
        sock = bind("127.0.0.1", None)
        try:
            assert sock.getsockname()[1] not in (0, DEFAULT_PORT)
        finally:
            sock.close()
    finally:
        if blocker:
            blocker.close()


def test_open_opens_the_address_it_prints(sample_archive, monkeypatch):
    """--open: the browser gets the address printed; the server runs on the bound socket."""
    import threading
    import webbrowser

    import uvicorn

    opened, served = [], []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url))
    monkeypatch.setattr(threading, "Thread", _NowThread)
    monkeypatch.setattr(
        uvicorn.Server, "run", lambda self, sockets: served.append(sockets[0].getsockname()[1])
    )
    path = sample_archive.url.database
    sample_archive.dispose()
    result = runner.invoke(app, ["serve", "--db", path, "--open"])
    assert result.exit_code == 0, result.stderr
    port = served[0]
    assert opened == [f"http://127.0.0.1:{port}/"]
    assert f"at http://127.0.0.1:{port}/" in result.stderr


class _NowThread:
    """A thread that runs its target when started, in the caller's thread."""

    def __init__(self, target, args=(), daemon=None):
        self.target, self.args = target, args

    def start(self):
        self.target(*self.args)
