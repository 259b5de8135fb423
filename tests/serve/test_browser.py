"""``archive serve`` in a real browser: the command starts on a free port, and headless
Chromium loads each kind of page (the start page, a person, a quote with its highlight, the
places map with its markers, a search) and the DOM after its JavaScript ran is checked.

Skipped when Chromium is not installed (Debian's ``chromium``; ``.ci/run`` installs it). Nothing
leaves the machine: the map is the archive's own (a blank tile and the countries' outlines).
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import pytest

from tests.helpers import ZELENSKY_SAID
from tests.serve import write_sample_archive

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian package `chromium`; .ci/run installs it)",
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
]
START_TIMEOUT = 60  # seconds for `archive serve` to listen (2 busy cores)


def chromium(*args: str, timeout: float = 90) -> str:
    """Run headless Chromium with ARGS (a fresh profile); its stdout."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    return done.stdout


def dom(url: str) -> str:
    """The page at URL as Chromium has it once its scripts ran (and fetched what they fetch)."""
    return chromium("--virtual-time-budget=15000", "--dump-dom", url)


def _lines(stream, out: queue.Queue) -> None:
    for line in stream:
        out.put(line)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``archive serve`` on the sample archive, no --port: its URL. Stopped with Ctrl-C
    (SIGINT) at the end, which must exit 130 at once."""
    path = write_sample_archive(str(tmp_path_factory.mktemp("serve") / "archive.db"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "archive", "serve", "--db", path],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stderr, lines), daemon=True).start()
    try:
        first = lines.get(timeout=START_TIMEOUT)
    except queue.Empty:
        proc.kill()
        pytest.fail("archive serve printed nothing")
    found = re.search(r"at (http://127\.0\.0\.1:(\d+)/)", first)
    assert found, first
    yield found.group(1)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=20) == 130
    rest = []
    while not lines.empty():
        rest.append(lines.get())
    assert "Traceback" not in "".join(rest)


def test_start_page(server):
    page = dom(server)
    assert "<h1>News archive</h1>" in page
    for anchor in ("q-who-said-what", "q-people", "q-outlets", "q-places"):
        assert f'id="{anchor}"' in page
    assert 'action="/search"' in page
    assert "4 articles" in page
    assert "alembic_version" not in page


def test_person_page(server):
    page = dom(server + "person/1")
    name = re.search(r'<h1 class="person-name">(.*?)<span', page).group(1).strip()
    assert name in ("Volodymyr Zelenskyy", "Volodymyr Zelensky")
    assert "Also written:" in page
    assert ZELENSKY_SAID in page
    assert "3 outlets: The Kyiv Independent, BBC News, The Guardian" in page
    assert "Appears with" in page and 'href="/person/' in page


def test_quote_page_with_the_highlight(server):
    page = dom(server + "quote/2")
    mark = re.search(r'<mark class="quote-highlight" id="quote-2">(.*?)</mark>', page)
    assert mark and mark.group(1) == ZELENSKY_SAID
    paragraph = re.search(r'<blockquote class="in-paragraph">(.*?)</blockquote>', page, re.S)
    assert paragraph.group(1).startswith("Ukrainian President Volodymyr Zelensky appealed")
    assert "0.973" in page and "BBC News" in page
    assert "The same statement in other articles" in page and "The Kyiv Independent" in page


def test_places_map(server):
    page = dom(server + "archive/place_summary?latitude__notnull=1")
    start = page.index('id="archive-map"')
    the_map = page[start : page.index("</h3>", start) if "</h3>" in page[start:] else None]
    assert "leaflet-container" in the_map  # Leaflet drew the map in its place under the title
    singles = len(re.findall(r'class="leaflet-marker-icon(?![^"]*marker-cluster)', the_map))
    clustered = sum(int(n) for n in re.findall(r"marker-cluster[^>]*><div><span>(\d+)<", the_map))
    assert singles + clustered == 3  # Kyiv, Moscow, Ukraine (Nowhere Bay has no coordinates)
    assert "blank-tile.png" in the_map  # the tiles are the archive's own (the default)
    assert the_map.count("<path") > 100  # and the outlines of the countries, offline


def test_search(server):
    page = dom(server + "search?q=defence")
    assert "6 results" in page  # 3 quotes and the 3 articles that carry them
    assert page.count("<mark>defence</mark>") == 6
    assert page.count('<span class="kind">quote</span> <a href="/quote/') == 3
    assert "Zelenskyy calls for air defence" in page  # an article's title


def test_screenshot(server, tmp_path):
    """A screenshot of the start page is a real picture (what the README's are made with)."""
    shot = tmp_path / "start.png"
    started = time.monotonic()
    chromium("--hide-scrollbars", "--window-size=1280,900", f"--screenshot={shot}", server)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", time.monotonic() - started
    assert shot.stat().st_size > 10_000
