"""Many writers, no loss: several ``archive ingest`` processes at once on one database.

Four processes start together on a new database (SQLite file, and PostgreSQL when a server can be
started) with disjoint, overlapping and identical shards of a corpus of invented articles; the
archive they build must be exactly what one process builds from the whole corpus (by content:
articles, sources, people with every alias and appearance, quotes, statements, places), and no
process may report a document as failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from archive.store import db
from tests.snapshot import differences, snapshot

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parents[1] / "fixtures"
PROCESSES = 4


def corpus() -> list[str]:
    files = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    for folder in ("devset", "pages"):
        files += sorted(
            str(p)
            for p in (FIXTURES / folder).iterdir()
            if p.suffix in (".txt", ".html") and p.is_file()
        )
    return files


def _ingest_cmd(files: list[str], url: str) -> list[str]:
    return [sys.executable, "-m", "archive", "ingest", *files, "--db", url, "-j", "1", "-q"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("ARCHIVE_DB", None)
    return env


def run_together(shards: list[list[str]], url: str) -> list[subprocess.CompletedProcess]:
    procs = [
        subprocess.Popen(
            _ingest_cmd(shard, url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            cwd=ROOT,
        )
        for shard in shards
    ]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def shards(files: list[str], kind: str) -> list[list[str]]:
    n = len(files)
    if kind == "disjoint":
        return [files[i::PROCESSES] for i in range(PROCESSES)]
    if kind == "overlapping":  # each process half of the corpus, each file in two processes
        return [
            [files[(k * n // PROCESSES + j) % n] for j in range(n // 2 + 1)]
            for k in range(PROCESSES)
        ]
    # identical: every process the whole corpus, two of them backwards
    return [files if k % 2 == 0 else files[::-1] for k in range(PROCESSES)]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The single-process archive of the whole corpus."""
    path = tmp_path_factory.mktemp("reference") / "one.db"
    result = subprocess.run(
        _ingest_cmd(corpus(), str(path)), capture_output=True, text=True, env=_env(), cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    engine = db.make_engine(str(path), readonly=True)
    snap = snapshot(engine)
    engine.dispose()
    assert len(snap["articles"]) == len(corpus())
    assert snap["people"] and snap["quotes"] and snap["places"]
    return snap


def _check(results, url: str, reference) -> None:
    for r in results:
        assert r.returncode == 0, r.stderr
        assert "failed" not in r.stderr.replace(" 0 failed", ""), r.stderr
        assert "Traceback" not in r.stderr
    engine = db.make_engine(url)
    try:
        diff = differences(reference, snapshot(engine))
    finally:
        engine.dispose()
    assert not diff, "\n".join(diff)


@pytest.mark.parametrize("kind", ["disjoint", "overlapping", "identical"])
def test_four_processes_on_sqlite_build_the_single_process_archive(tmp_path, reference, kind):
    url = str(tmp_path / "many.db")  # a new file: the four also race to create the schema
    _check(run_together(shards(corpus(), kind), url), url, reference)


@pytest.mark.parametrize("kind", ["disjoint", "overlapping", "identical"])
def test_four_processes_on_postgres_build_the_single_process_archive(pg_url, reference, kind):
    _check(run_together(shards(corpus(), kind), pg_url), pg_url, reference)


def test_shards_cover_the_corpus():
    files = corpus()
    for kind in ("disjoint", "overlapping", "identical"):
        parts = shards(files, kind)
        assert len(parts) == PROCESSES
        assert set().union(*map(set, parts)) == set(files)
    assert sum(len(p) for p in shards(files, "disjoint")) == len(files)
