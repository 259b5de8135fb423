"""Child-process entry points, so that each measurement starts from a fresh process (fair
timings, and a peak RSS that belongs to that measurement alone). Prints one JSON object.

    python -m benchmarks.child raw    --jobs 2 DIR...   # nlp.pipe over the cleaned bodies
    python -m benchmarks.child ingest --jobs 2 --db X DIR...   # archive.pipeline.ingest.ingest,
                                                               # then again (unchanged)

In both modes the corpus is read and the spaCy pipeline is loaded *before* the clock starts, in the
main process (workers are forked and inherit it), so the two timings compare steady-state work:
raw = NLP only; ingest = read + hash + clean + NLP + extractors + store.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time


def _cpu() -> float:
    """CPU seconds (user + system) of this process and its reaped children (the workers)."""
    return _cpu_self() + _cpu_children()


def _cpu_self() -> float:
    a = resource.getrusage(resource.RUSAGE_SELF)
    return a.ru_utime + a.ru_stime


def _cpu_children() -> float:
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return b.ru_utime + b.ru_stime


def _rss() -> dict:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"maxrss_self_mb": self_kb / 1024, "maxrss_children_mb": child_kb / 1024}


def raw(paths: list[str], jobs: int, batch_size: int) -> dict:
    from archive import nlp as nlp_mod
    from archive.clean.page import clean
    from archive.pipeline.extraction import Failure, word_count
    from archive.pipeline.ingest import read_all

    t0 = time.perf_counter()
    bodies = []
    for item in read_all(paths):
        if isinstance(item, Failure):
            continue
        try:
            body = clean(item).body
        except Exception:  # noqa: BLE001 - as ingest does: a document that fails is left out
            continue
        if body.strip():
            bodies.append(body)
    t_clean = time.perf_counter() - t0
    nlp = nlp_mod.load()
    words = sum(word_count(b) for b in bodies)
    cpu, cpu_main = _cpu(), _cpu_self()
    t = time.perf_counter()
    tokens = ents = 0
    for doc in nlp.pipe(bodies, n_process=jobs, batch_size=batch_size):
        tokens += len(doc)
        ents += len(doc.ents)
    seconds = time.perf_counter() - t
    cpu, cpu_main = _cpu() - cpu, _cpu_self() - cpu_main
    return {
        "mode": "raw",
        "cpu_seconds": cpu,
        "cpu_main_seconds": cpu_main,
        "articles": len(bodies),
        "words": words,
        "tokens": tokens,
        "entities": ents,
        "seconds": seconds,
        "read_clean_seconds": t_clean,
        "pipeline": list(nlp.pipe_names),
        "disabled": list(nlp.disabled),
        "model": nlp.meta.get("name"),
        **_rss(),
    }


def ingest(paths: list[str], jobs: int, db: str, batch_size: int, profile: str | None) -> dict:
    from archive import nlp as nlp_mod
    from archive.pipeline.ingest import ingest as run
    from archive.store.db import ensure_schema, make_engine

    engine = make_engine(db)
    ensure_schema(engine)
    nlp_mod.load()  # warm: forked workers inherit it (lru_cache), as raw does
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    cpu, cpu_main = _cpu(), _cpu_self()
    t = time.perf_counter()
    report = run(paths, engine, jobs=jobs, batch_size=batch_size)
    seconds = time.perf_counter() - t
    cpu, cpu_main = _cpu() - cpu, _cpu_self() - cpu_main
    if prof is not None:
        prof.disable()
        prof.dump_stats(profile)
    failures = [f"{e.path}: {e.message}" for e in report.events if e.status == "failed"][:5]
    t = time.perf_counter()
    again = run(paths, engine, jobs=jobs, batch_size=batch_size)
    re_seconds = time.perf_counter() - t
    from archive.store.writer import counts

    return {
        "mode": "ingest",
        "articles": report.added,
        "failed": report.failed,
        "failures": failures,
        "words": report.words,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "cpu_main_seconds": cpu_main,
        "reingest_files": again.total,
        "reingest_unchanged": again.unchanged,
        "reingest_seconds": re_seconds,
        "counts": counts(engine),
        **_rss(),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["raw", "ingest"])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--db")
    ap.add_argument("--batch-size", type=int, default=None)
    ap.add_argument("--profile", help="write cProfile stats of the ingest (main process) here")
    args = ap.parse_args(argv)
    from archive.pipeline.ingest import BATCH_SIZE

    batch = args.batch_size or BATCH_SIZE
    if args.mode == "raw":
        out = raw(args.paths, args.jobs, batch)
    else:
        out = ingest(args.paths, args.jobs, args.db, batch, args.profile)
    out["jobs"] = args.jobs
    out["batch_size"] = batch
    out["pid"] = os.getpid()
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
