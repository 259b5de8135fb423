"""Many writers: P ``archive ingest`` processes at once on one database (see benchmarks/README.md).

    .venv/bin/python benchmarks/concurrency.py [--polnear GIT_DIR] [--articles 200]
                                               [--processes 1,2,4,8] [--engines postgresql,sqlite]

The corpus: the first ``--articles`` texts of PolNeAR's train split (real news; ``GIT_DIR`` is the
snapshot the fetch tool gives, converted by ``../shared/tools/polnear.py`` into a scratch folder),
else the deterministic generated corpus of ``benchmarks/corpus.py``. For each engine (a
throw-away PostgreSQL server from Debian's binaries; a SQLite file):

1. the reference: one process (``-j 1``) ingests the whole corpus;
2. throughput: for each P, P processes (``-j 1`` each) start together on a new database with
   disjoint shards; wall time from the first start to the last exit (spaCy's start-up of ~2-3 s
   per process included), articles/s, and whether the archive equals the reference by content
   (``tests/snapshot.py``: articles, sources, people with aliases and appearances, quotes,
   statements, places);
3. equality under contention: the largest P again with overlapping shards (each file in two
   processes) and identical shards (every process the whole corpus, half of them backwards).

Figures go to stdout as a table and to ``benchmarks/out/concurrency.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pgserver import throwaway_server  # noqa: E402
from snapshot import differences, snapshot  # noqa: E402

from archive.store import db  # noqa: E402


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def build_corpus(args, scratch: Path) -> list[str]:
    if args.polnear:
        tool = ROOT.parent / "shared" / "tools" / "polnear.py"
        out = scratch / "polnear"
        subprocess.run(
            [sys.executable, str(tool), args.polnear, str(out), "--split", "train"],
            check=True,
            capture_output=True,
        )
        files = sorted(str(p) for p in out.glob("*.txt"))
    else:
        from benchmarks import corpus

        files = [str(p) for p in corpus.generate(scratch / "generated", args.articles)]
    return files[: args.articles]


def run_together(
    shards: list[list[str]], url: str
) -> tuple[float, list[subprocess.CompletedProcess]]:
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_DB"}
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "archive", "ingest", *shard, "--db", url, "-j", "1", "-q"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for shard in shards
    ]
    done = []
    for proc in procs:
        out, err = proc.communicate()
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return time.perf_counter() - started, done


def shards(files: list[str], kind: str, p: int) -> list[list[str]]:
    n = len(files)
    if kind == "disjoint":
        return [files[i::p] for i in range(p)]
    if kind == "overlapping":
        return [[files[(k * n // p + j) % n] for j in range(n // 2 + 1)] for k in range(p)]
    return [files if k % 2 == 0 else files[::-1] for k in range(p)]


def measure(files, url_for, engine_name: str, processes: list[int]) -> list[dict]:
    rows = []
    url = url_for()
    wall, results = run_together([files], url)
    ref = snapshot(db.make_engine(url))
    rows.append(
        dict(
            engine=engine_name,
            processes=1,
            shards="reference",
            seconds=round(wall, 1),
            articles_per_s=round(len(files) / wall, 2),
            failed=_failed(results),
            identical=True,
            articles=len(ref["articles"]),
            people=len(ref["people"]),
            quotes=len(ref["quotes"]),
            statements=len(ref["statements"]),
            places=len(ref["places"]),
        )
    )
    log(f"{engine_name}: reference {wall:.1f}s")
    plan = [(p, "disjoint") for p in processes]
    plan += [(max(processes), "overlapping"), (max(processes), "identical")]
    for p, kind in plan:
        url = url_for()
        wall, results = run_together(shards(files, kind, p), url)
        engine = db.make_engine(url)
        snap = snapshot(engine)
        engine.dispose()
        diff = differences(ref, snap, limit=2)
        rows.append(
            dict(
                engine=engine_name,
                processes=p,
                shards=kind,
                seconds=round(wall, 1),
                articles_per_s=round(len(files) / wall, 2),
                failed=_failed(results),
                identical=not diff,
                diff=diff[:6],
                articles=len(snap["articles"]),
                people=len(snap["people"]),
                quotes=len(snap["quotes"]),
                statements=len(snap["statements"]),
                places=len(snap["places"]),
            )
        )
        log(f"{engine_name}: {p} x {kind}: {wall:.1f}s, identical={not diff}")
        for line in diff[:6]:
            log("   " + line[:200])
    return rows


def _failed(results) -> int:
    n = 0
    for r in results:
        if r.returncode not in (0,):
            n += 1
        for line in r.stderr.splitlines():
            if line.startswith("failed "):
                n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--polnear", help="PolNeAR git dir (from the fetch tool); else the generated corpus"
    )
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--processes", default="1,2,4,8")
    ap.add_argument("--engines", default="postgresql,sqlite")
    args = ap.parse_args()
    processes = [int(x) for x in args.processes.split(",")]
    with tempfile.TemporaryDirectory(prefix="archive-conc-") as tmp:
        scratch = Path(tmp)
        files = build_corpus(args, scratch)
        log(f"corpus: {len(files)} files")
        rows = []
        for engine_name in args.engines.split(","):
            if engine_name == "postgresql":
                with throwaway_server() as server:
                    rows += measure(files, server.new_database, engine_name, processes)
            else:
                counter = iter(range(10_000))
                rows += measure(
                    files,
                    lambda: str(scratch / f"db{next(counter)}.sqlite"),
                    engine_name,
                    processes,
                )
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    info = dict(
        machine=platform.machine(),
        cpus=os.cpu_count(),
        python=platform.python_version(),
        corpus="polnear-train" if args.polnear else "generated",
        articles=len(files),
    )
    (out / "concurrency.json").write_text(json.dumps(dict(info=info, rows=rows), indent=2))
    print(f"corpus: {info['corpus']}, {len(files)} articles; {info['cpus']} CPUs")
    print(
        f"{'engine':10} {'P':>2} {'shards':11} {'s':>7} {'art/s':>7} {'failed':>6} {'same':>5} "
        f"{'articles':>8} {'people':>6} {'quotes':>6} {'stmts':>6} {'places':>6}"
    )
    for r in rows:
        print(
            f"{r['engine']:10} {r['processes']:>2} {r['shards']:11} {r['seconds']:>7} "
            f"{r['articles_per_s']:>7} "
            f"{r['failed']:>6} {'yes' if r['identical'] else 'NO':>5} {r['articles']:>8} "
            f"{r['people']:>6} "
            f"{r['quotes']:>6} {r['statements']:>6} {r['places']:>6}"
        )


if __name__ == "__main__":
    main()
