"""``archive serve``: the archive in a browser (Datasette with the archive's pages), on
127.0.0.1 and a free port unless told otherwise."""

from __future__ import annotations

import errno
import signal
import socket
import threading
from pathlib import Path
from typing import Annotated, Optional

import typer

from archive.cli.options import DbOption, fail, read_db
from archive.cli.output import err

DEFAULT_PORT = 8001  # Datasette's; another free port when it is taken


def bind(host: str, port: int | None) -> socket.socket:
    """A listening socket on HOST:PORT; with no PORT, on 8001 if free, else on any free port.
    Exits 1 with a one-line reason when PORT is taken or HOST cannot be bound."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for candidate in [port] if port is not None else [DEFAULT_PORT, 0]:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
        except OSError as exc:
            sock.close()
            if exc.errno == errno.EADDRINUSE and port is None:
                continue
            if exc.errno == errno.EADDRINUSE:
                fail(
                    f"port {port} is in use: choose another --port, or leave it out for a free one"
                )
            fail(f"cannot listen on {host}:{candidate}: {exc.strerror or exc}")
        sock.listen(128)
        sock.set_inheritable(True)
        return sock
    raise AssertionError("port 0 always binds")


def _sqlite_file(db: str | None) -> Path:
    """The SQLite file of --db; exits 1 for another database (Datasette serves SQLite only)."""
    from archive.store.db import is_sqlite, resolve_url

    url = resolve_url(db)
    if not is_sqlite(url) or not url.database or url.database == ":memory:":
        fail(
            "archive serve works on a SQLite file only (Datasette cannot read "
            f"{url.get_backend_name()}): query it with `archive sql` and the other commands"
        )
    return Path(url.database)


def serve(
    db: DbOption = None,
    port: Annotated[
        Optional[int],
        typer.Option(
            "--port", "-p", min=1, max=65535, help="Port (default: 8001, else any free port)."
        ),
    ] = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the start page in a web browser.")
    ] = False,
    tiles: Annotated[
        Optional[str],
        typer.Option(
            "--tiles",
            help="The places map's background: 'none' (default: the countries' outlines, "
            "offline), 'osm' (OpenStreetMap's tiles, fetched by the browser) or a tile URL "
            "template ({z}/{x}/{y}).",
        ),
    ] = None,
) -> None:
    """Browse the archive in a web browser: who said what, people, outlets, places on a map,
    search (Datasette with the archive's pages; the database is only read).

    Ctrl-C stops the server.
    """
    import webbrowser

    import uvicorn

    from archive.serve.site import make_datasette

    path = _sqlite_file(db)
    read_db(db).dispose()  # the file exists and has this code's schema (else exit 1)
    datasette = make_datasette(path, tiles=tiles)
    sock = bind(host, port)
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{sock.getsockname()[1]}/"
    err.print(f"serving {path} at {url} (Ctrl-C to stop)", soft_wrap=True, markup=False)

    class Server(uvicorn.Server):
        """uvicorn's server, which remembers the signal that stopped it."""

        stopped_by: int | None = None

        def handle_exit(self, sig, frame):
            self.stopped_by = self.stopped_by or sig
            super().handle_exit(sig, frame)

    config = uvicorn.Config(datasette.app(), log_level="warning", lifespan="on")
    server = Server(config)
    if open_browser:  # the socket already listens: the browser's request waits for the server
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    # uvicorn stops on SIGINT/SIGTERM and raises the signal again, which asyncio may swallow
    # when the server had already stopped: the signal it caught decides. Ctrl-C exits 130
    # (also before uvicorn listens for it: KeyboardInterrupt), SIGTERM 143.
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        server.stopped_by = server.stopped_by or signal.SIGINT
    finally:
        signal.signal(signal.SIGTERM, previous)
        sock.close()
    if server.stopped_by is not None:
        err.print("stopped")
        raise typer.Exit(143 if server.stopped_by == signal.SIGTERM else 130)


def _terminated(signum, frame):
    err.print("stopped")
    raise typer.Exit(143)
