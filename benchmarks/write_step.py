"""The serialised part of ingest: one article's write transaction (see benchmarks/README.md).

    .venv/bin/python benchmarks/write_step.py [--polnear GIT_DIR] [--articles 200]

Extracts the corpus once in process (as ``benchmarks/concurrency.py`` builds it), then times
``Store.save`` of every article into a new database, on SQLite and on a throw-away PostgreSQL
server: the time each article holds the archive's write lock. However many processes or machines
ingest, one database writes at most ~1000 / mean-ms articles per second.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pgserver import throwaway_server  # noqa: E402

from archive.pipeline.extraction import Failure, extract_batch  # noqa: E402
from archive.pipeline.ingest import read_all  # noqa: E402
from archive.store import db  # noqa: E402
from archive.store.writer import Store  # noqa: E402
from benchmarks.concurrency import build_corpus, log  # noqa: E402


def time_saves(extractions, url: str) -> list[float]:
    engine = db.make_engine(url)
    db.ensure_schema(engine)
    store = Store(engine)
    times = []
    for ex in extractions:
        t = time.perf_counter()
        store.save(ex)
        times.append((time.perf_counter() - t) * 1000)
    engine.dispose()
    return times


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--polnear")
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="archive-write-") as tmp:
        files = build_corpus(args, Path(tmp))
        docs = [d for d in read_all(files) if not isinstance(d, Failure)]
        log(f"extracting {len(docs)} documents")
        extractions = [r for r in extract_batch(docs) if not isinstance(r, Failure)]
        rows = [("sqlite", time_saves(extractions, str(Path(tmp) / "w.db")))]
        with throwaway_server() as server:
            rows.append(("postgresql", time_saves(extractions, server.new_database())))
    print(f"{len(extractions)} articles; write transaction per article (ms)")
    print(f"{'engine':11} {'mean':>6} {'p50':>6} {'p95':>6} {'max':>7} {'ceiling art/s':>14}")
    for name, t in rows:
        q = statistics.quantiles(t, n=20)
        mean = statistics.fmean(t)
        print(
            f"{name:11} {mean:6.1f} {statistics.median(t):6.1f} {q[18]:6.1f} {max(t):7.1f} "
            f"{1000 / mean:14.0f}"
        )


if __name__ == "__main__":
    main()
