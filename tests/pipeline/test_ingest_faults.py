"""Faults during ingest: a worker process that dies, Ctrl-C, a store that fails.

The worker tests replace the NLP step by a cheap fake (the forked workers inherit the patched
module), so they exercise the process handling itself; the Ctrl-C test runs the real command.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DataError, IntegrityError

from archive import nlp as nlp_mod
from archive.pipeline import ingest as ingest_mod
from archive.pipeline import workers as workers_mod
from archive.pipeline.extraction import content_hash
from archive.records import CleanArticle, Extraction, PersonEntity, Span
from archive.store.writer import MAX_ATTEMPTS, Store

ROOT = Path(__file__).resolve().parents[2]


def fake_extract(raws):
    """One person ("Ann Lee") per document, no NLP; a document whose text says POISON kills
    the process it runs in, as the kernel's OOM killer would."""
    out = []
    for raw in raws:
        if "POISON" in raw.raw_text:
            os.kill(os.getpid(), signal.SIGKILL)
        body = raw.raw_text.strip()
        at = body.find("Ann Lee")
        out.append(
            Extraction(
                doc=raw,
                article=CleanArticle(
                    body=body, title=body.split(".")[0][:60], source="Example News"
                ),
                people=[
                    PersonEntity(
                        name="Ann Lee", aliases=["Ann Lee"], mentions=[Span(at, at + 7, "Ann Lee")]
                    )
                ],
                places=[],
                quotes=[],
                content_sha256=content_hash(raw),
                word_count=len(body.split()),
            )
        )
    return out


@pytest.fixture
def no_nlp(monkeypatch):
    monkeypatch.setattr(workers_mod, "_worker_init", lambda model: None)
    monkeypatch.setattr(workers_mod, "_worker_extract", fake_extract)
    monkeypatch.setattr(ingest_mod, "extract_batch", lambda raws, nlp=None: fake_extract(raws))
    monkeypatch.setattr(workers_mod, "preload", lambda: None)
    monkeypatch.setattr(nlp_mod, "load", lambda model=None: object())


@pytest.fixture
def guard():
    """Fail instead of hanging the suite if ingest never returns."""

    def boom(*_):
        raise TimeoutError("ingest did not return within 120 s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _docs(folder: Path, n: int, poison: set[int] = frozenset(), tag: str = "Story") -> list[str]:
    folder.mkdir()
    paths = []
    for i in range(n):
        p = folder / f"doc{i:02d}.txt"
        extra = " POISON" if i in poison else ""
        p.write_text(
            f"{tag} {i}. Mayor Ann Lee opened bridge number {i} on Monday.{extra}\n",
            encoding="utf-8",
        )
        paths.append(str(p))
    return paths


def test_a_worker_killed_mid_batch_costs_no_document_and_the_run_goes_on(
    tmp_path, archive_engine, no_nlp, guard, monkeypatch
):
    # the first time a worker sees document 5 it is killed; on the retry (one document per
    # batch) document 5 runs alone, so only a document that kills its worker twice fails
    seen = tmp_path / "seen"
    seen.mkdir()

    def flaky(raws):
        for raw in raws:
            mark = seen / Path(raw.path).name
            if raw.path.endswith("doc05.txt") and not mark.exists():
                mark.write_text("x")
                os.kill(os.getpid(), signal.SIGKILL)
        return fake_extract(raws)

    monkeypatch.setattr(workers_mod, "_worker_extract", flaky)
    files = _docs(tmp_path / "in", 40)
    report = ingest_mod.ingest(files, archive_engine, jobs=2, batch_size=4)
    assert report.added == 40 and report.failed == 0
    assert any("died (killed by SIGKILL)" in w for w in report.warnings), report.warnings
    with archive_engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM articles")).scalar() == 40
        assert conn.execute(text("SELECT COUNT(*) FROM people")).scalar() == 1


def test_a_document_that_kills_its_worker_twice_fails_alone(
    tmp_path, archive_engine, no_nlp, guard
):
    files = _docs(tmp_path / "in", 20, poison={3, 11})
    report = ingest_mod.ingest(files, archive_engine, jobs=2, batch_size=4)
    failed = {Path(e.path).name: e.message for e in report.events if e.status == "failed"}
    assert set(failed) == {"doc03.txt", "doc11.txt"}
    assert all("worker died on this document (killed by SIGKILL)" in m for m in failed.values())
    assert report.added == 18
    # written in document order whatever the workers did
    added = [Path(e.path).name for e in report.events if e.status == "added"]
    assert added == sorted(added)


def test_articles_are_written_in_document_order_with_any_number_of_workers(
    tmp_path, archive_engine, no_nlp, guard
):
    files = _docs(tmp_path / "in", 30)
    report = ingest_mod.ingest(files, archive_engine, jobs=3, batch_size=2)
    assert [e.path for e in report.events] == files


def test_a_store_failure_is_one_line_with_the_details_kept(
    tmp_path, archive_engine, no_nlp, monkeypatch
):
    def broken(self, ex):
        raise DataError(
            "INSERT INTO articles (title, body) VALUES (?, ?)\n[parameters: ('x', 'a long body "
            "...')]",
            {},
            ValueError("value too long for type character varying(200)\nDETAIL: the row"),
        )

    monkeypatch.setattr(Store, "_save_once", broken)
    files = _docs(tmp_path / "in", 2)
    report = ingest_mod.ingest(files, archive_engine, jobs=1)
    assert report.failed == 2
    for event in report.events:
        assert (
            event.message
            == "cannot store: ValueError: value too long for type character varying(200)"
        )
        assert "\n" not in event.message
        assert "INSERT INTO articles" in event.detail


def test_a_conflicting_write_is_retried_then_reported(
    tmp_path, archive_engine, no_nlp, monkeypatch
):
    calls = []
    real = Store._save_once

    def conflict_twice(self, ex):
        calls.append(ex.doc.path)
        if len(calls) <= 2:
            raise IntegrityError(
                "INSERT INTO sources ...", {}, Exception("UNIQUE constraint failed: sources.name")
            )
        return real(self, ex)

    monkeypatch.setattr(Store, "_save_once", conflict_twice)
    monkeypatch.setattr(time, "sleep", lambda s: None)
    report = ingest_mod.ingest(_docs(tmp_path / "in", 1), archive_engine, jobs=1)
    assert report.added == 1 and report.retries == 2

    calls.clear()

    def always(self, ex):
        calls.append(1)
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: sources.name"))

    monkeypatch.setattr(Store, "_save_once", always)
    report = ingest_mod.ingest(
        _docs(tmp_path / "in2", 1, tag="Other story"), archive_engine, jobs=1
    )
    assert report.failed == 1 and len(calls) == MAX_ATTEMPTS


def test_one_ctrl_c_stops_cleanly_with_exit_130(tmp_path):
    """A terminal's Ctrl-C reaches the whole process group (main process and workers)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(60):
        (folder / f"a{i:02d}.txt").write_text(
            f"Council votes on plan {i}\n\nMayor Ann Lee of Lisbon said the plan {i} would be "
            "ready "
            f'by May. "We will build it," Lee said on Monday. Critics in Porto disagreed.\n',
            encoding="utf-8",
        )
    dbfile = tmp_path / "a.db"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "archive",
            "ingest",
            str(folder),
            "--db",
            str(dbfile),
            "-j",
            "2",
            "-v",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
    )
    lines = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("added"):
            break
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _out, rest = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("ingest did not stop within 60 s of one Ctrl-C")
    stderr = "".join(lines) + rest
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "interrupted" in stderr
    added = sum(1 for line in stderr.splitlines() if line.startswith("added"))
    assert 1 <= added < 60
    conn = sqlite3.connect(dbfile)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # nothing partial: each stored article has its people
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == added
        assert (
            conn.execute(
                "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM "
                "article_people p WHERE p.article_id = a.id)"
            ).fetchone()[0]
            == 0
        )
    finally:
        conn.close()
    # no worker left behind
    time.sleep(0.5)
    assert _group_members(proc.pid) == []


def _group_members(pgid: int) -> list[int]:
    """Live processes of a process group (from /proc: field 5 of stat is the group)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry.name))
    return members
