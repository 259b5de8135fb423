"""Benchmarks for archive, in one run, printed as a small table (see benchmarks/README.md).

    .venv/bin/python benchmarks/run.py [--articles 500] [--scale 100000] [--jobs 2]
                                       [--only ingest,reingest,query,memory] [--json OUT]

ingest    archive's ingest() vs raw spaCy nlp.pipe over the same cleaned texts, same pipeline,
          same process count, in the same run: articles/s, words/s and their ratio.
reingest  ingest of the same files again (nothing changed: hash check only): files/s.
memory    `archive ingest` of half and all of the corpus as child processes: peak RSS.
query     p50/p95 of quotes --speaker, person, search, articles --place on a synthetic archive
          of --scale articles (~10 quotes each), in-process and as whole CLI runs; query plans.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus, measure  # noqa: E402

SECTIONS = ("ingest", "reingest", "memory", "query")
TARGETS = {"ratio": 0.80, "reingest": 500.0, "p95_ms": 50.0, "memory_growth": 1.15}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def machine() -> dict:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                mem_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    import sqlite3

    try:
        import spacy

        spacy_version = spacy.__version__
    except ImportError:  # pragma: no cover
        spacy_version = "?"
    try:
        from archive.nlp import model_name

        model = model_name()
    except Exception:  # noqa: BLE001 - a line of the report's header, not a measurement
        model = "?"
    return {
        "nproc": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu,
        "ram_gb": round(mem_gb, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "spacy": spacy_version,
        "model": model,
        "platform": platform.platform(),
    }


def _child(args: list[str]) -> tuple[dict, measure.Measured]:
    m = measure.run([sys.executable, "-m", "benchmarks.child", *args], cwd=str(ROOT))
    if m.returncode != 0:
        raise RuntimeError(
            f"child {' '.join(args[:1])} failed (rc {m.returncode}):\n{m.stderr[-3000:]}"
        )
    return json.loads(m.stdout.strip().splitlines()[-1]), m


def bench_ingest(parts: list[str], jobs: int, work: Path, profile: bool) -> dict:
    log(f"ingest: raw nlp.pipe over {len(parts)} folders, n_process={jobs} ...")
    raw, raw_m = _child(["raw", *parts, "--jobs", str(jobs)])
    log(f"  raw: {raw['articles']} articles, {raw['words']} words in {raw['seconds']:.1f}s")
    db = work / "ingest.db"
    args = ["ingest", *parts, "--jobs", str(jobs), "--db", str(db)]
    if profile:
        args += ["--profile", str(work / "ingest.prof")]
    log(f"ingest: archive.pipeline.ingest.ingest(jobs={jobs}) ...")
    ing, ing_m = _child(args)
    log(
        f"  ingest: {ing['articles']} added, {ing['failed']} failed, {ing['words']} words in "
        f"{ing['seconds']:.1f}s"
    )
    for f in ing.get("failures", []):
        log(f"    failed: {f}")
    raw_aps = raw["articles"] / raw["seconds"]
    raw_wps = raw["words"] / raw["seconds"]
    ing_aps = ing["articles"] / ing["seconds"] if ing["seconds"] else 0
    ing_wps = ing["words"] / ing["seconds"] if ing["seconds"] else 0
    out = {
        "raw": raw,
        "ingest": ing,
        "raw_articles_per_s": raw_aps,
        "raw_words_per_s": raw_wps,
        "ingest_articles_per_s": ing_aps,
        "ingest_words_per_s": ing_wps,
        "ratio_articles": ing_aps / raw_aps if raw_aps else 0,
        "ratio_words": ing_wps / raw_wps if raw_wps else 0,
        "ratio_cpu": raw["cpu_seconds"] / ing["cpu_seconds"] if ing.get("cpu_seconds") else 0,
        "raw_cpu_per_article_ms": 1000 * raw["cpu_seconds"] / max(1, raw["articles"]),
        "ingest_cpu_per_article_ms": 1000 * ing["cpu_seconds"] / max(1, ing["articles"]),
        "raw_mem": _mem(raw_m, raw["articles"]),
        "ingest_mem": _mem(ing_m, ing["articles"]),
        "reingest_files_per_s": ing["reingest_files"] / ing["reingest_seconds"]
        if ing["reingest_seconds"]
        else 0,
    }
    if profile:
        import io
        import pstats

        s = io.StringIO()
        pstats.Stats(str(work / "ingest.prof"), stream=s).sort_stats("cumulative").print_stats(25)
        out["profile_main"] = s.getvalue()
    return out


def _mem(m: measure.Measured, articles: int) -> dict:
    return {
        "articles": articles,
        "wall_s": m.wall,
        "maxrss_mb": m.maxrss_mb,
        "tree_peak_rss_mb": m.tree_peak_rss_mb,
        "tree_peak_pss_mb": m.tree_peak_pss_mb,
    }


def bench_cli_reingest(parts: list[str], db: Path) -> dict:
    """`archive ingest` again over an already-ingested corpus: start-up + hash checks."""
    m = measure.run(_archive() + ["ingest", *parts, "--db", str(db), "-q"], sample=False)
    return {"wall_s": m.wall, "rc": m.returncode, "stderr": m.stderr.strip().splitlines()[-1:]}


def _archive() -> list[str]:
    exe = Path(sys.executable).with_name("archive")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "archive"]


def bench_memory(parts: list[str], jobs: int, work: Path, full: dict | None) -> dict:
    """Peak memory of ingest() (child process, workers included) for half and all of the corpus."""
    out = {}
    log(f"memory: ingest of half the corpus ({Path(parts[0]).name}) ...")
    db = work / "memory-half.db"
    half, half_m = _child(["ingest", parts[0], "--jobs", str(jobs), "--db", str(db)])
    out["half"] = _mem(half_m, half["articles"])
    out["half_child"] = half
    for f in half.get("failures", []):
        log(f"    failed: {f}")
    if full is None:
        log("memory: ingest of the whole corpus ...")
        db = work / "memory-all.db"
        ing, ing_m = _child(["ingest", *parts, "--jobs", str(jobs), "--db", str(db)])
        out["all"] = _mem(ing_m, ing["articles"])
    else:
        out["all"] = full["ingest_mem"]
        db = work / "ingest.db"
    for key in ("half", "all"):
        m = out[key]
        log(
            f"  {m['articles']} articles: max RSS {m['maxrss_mb']:.0f} MB/process, tree PSS "
            f"{m['tree_peak_pss_mb']:.0f} MB"
        )
    out["growth_pss"] = out["all"]["tree_peak_pss_mb"] / max(1e-9, out["half"]["tree_peak_pss_mb"])
    out["growth_maxrss"] = out["all"]["maxrss_mb"] / max(1e-9, out["half"]["maxrss_mb"])
    out["raw_mem"] = full["raw_mem"] if full else None
    log("memory: `archive ingest` again over the ingested corpus (CLI, unchanged files) ...")
    out["cli_reingest"] = bench_cli_reingest(parts, db)
    out["cli_reingest"]["files"] = out["all"]["articles"]
    return out


def bench_query(scale: int, repeat: int, budget: float, cli: bool) -> dict:
    from benchmarks import query_bench, synthetic

    t = time.perf_counter()
    path = synthetic.build(scale, log=log)
    build_s = time.perf_counter() - t
    probes = synthetic.load_probes(path)
    log(
        f"query: {path.name} ({probes['counts']['articles']:,} articles, "
        f"{probes['counts']['quotes']:,} quotes)"
    )
    results = query_bench.run_inprocess(str(path), probes, repeat=repeat, budget_s=budget, log=log)
    out = {
        "db": str(path),
        "build_or_load_s": build_s,
        "probes": probes,
        "inprocess": [
            {
                "query": r.query,
                "p50_ms": r.pct(50),
                "p95_ms": r.pct(95),
                "calls": len(r.times_ms),
                "per_param": r.per_param,
                "error": r.error,
                "plans": r.plans,
            }
            for r in results
        ],
    }
    if cli:
        log("query: whole CLI invocations ...")
        out["cli"] = query_bench.run_cli(str(path), probes, inprocess=results, log=log)
    return out


# --- report -------------------------------------------------------------------------------------


def _ok(good: bool | None) -> str:
    return "" if good is None else ("ok" if good else "MISSED")


def table(res: dict) -> str:
    rows: list[tuple[str, str, str, str]] = []
    ing = res.get("ingest")
    if ing:
        rows.append(
            (
                "raw nlp.pipe (same pipeline, same procs)",
                f"{ing['raw_articles_per_s']:.1f} art/s, {ing['raw_words_per_s']:,.0f} words/s",
                "",
                "",
            )
        )
        rows.append(
            (
                "ingest() incl. clean/extract/store",
                f"{ing['ingest_articles_per_s']:.1f} art/s, {ing['ingest_words_per_s']:,.0f} "
                "words/s",
                "",
                "",
            )
        )
        r = ing["ratio_words"]
        rows.append(
            (
                "ingest / raw (words/s)",
                f"{r:.2f}",
                f">= {TARGETS['ratio']:.2f}",
                _ok(r >= TARGETS["ratio"]),
            )
        )
        rows.append(("  (articles/s ratio)", f"{ing['ratio_articles']:.2f}", "", ""))
        if ing["ingest"]["failed"]:
            rows.append(("  ingest failures", str(ing["ingest"]["failed"]), "0", "MISSED"))
    if ing and "reingest" in res["sections"]:
        v = ing["reingest_files_per_s"]
        rows.append(
            (
                "re-ingest unchanged (in process)",
                f"{v:,.0f} files/s",
                f">= {TARGETS['reingest']:.0f}/s",
                _ok(v >= TARGETS["reingest"]),
            )
        )
    if ing:
        r = ing["ratio_cpu"]
        rows.append(
            (
                "ingest / raw (CPU time per article)",
                f"{r:.2f}  ({ing['ingest_cpu_per_article_ms']:.0f} vs "
                f"{ing['raw_cpu_per_article_ms']:.0f} ms CPU/article)",
                f">= {TARGETS['ratio']:.2f}",
                _ok(r >= TARGETS["ratio"]),
            )
        )
        n_i, n_r = max(1, ing["ingest"]["articles"]), max(1, ing["raw"]["articles"])
        main_i = ing["ingest"].get("cpu_main_seconds", 0)
        main_r = ing["raw"].get("cpu_main_seconds", 0)
        rows.append(
            (
                "  CPU/article: main process | workers",
                f"ingest {1000 * main_i / n_i:.0f} | "
                f"{1000 * (ing['ingest']['cpu_seconds'] - main_i) / n_i:.0f} ms; "
                f"raw {1000 * main_r / n_r:.0f} | "
                f"{1000 * (ing['raw']['cpu_seconds'] - main_r) / n_r:.0f} ms",
                "",
                "",
            )
        )
    mem = res.get("memory")
    if mem:
        if mem.get("raw_mem"):
            m = mem["raw_mem"]
            rows.append(
                (
                    f"peak memory, raw nlp.pipe {m['articles']}",
                    f"{m['maxrss_mb']:.0f} MB largest process; {m['tree_peak_pss_mb']:.0f} MB "
                    "PSS all processes",
                    "",
                    "",
                )
            )
        for key in ("half", "all"):
            m = mem[key]
            rows.append(
                (
                    f"peak memory, ingest {m['articles']} articles",
                    f"{m['maxrss_mb']:.0f} MB largest process; {m['tree_peak_pss_mb']:.0f} MB "
                    "PSS all processes",
                    "",
                    "",
                )
            )
        g = mem["growth_pss"]
        rows.append(
            (
                "  growth all/half (PSS)",
                f"{g:.2f}x (largest process {mem['growth_maxrss']:.2f}x)",
                f"<= {TARGETS['memory_growth']:.2f}x",
                _ok(g <= TARGETS["memory_growth"]),
            )
        )
        c = mem.get("cli_reingest")
        if c:
            rows.append(
                (
                    "`archive ingest` again, unchanged (CLI)",
                    f"{c['wall_s']:.2f}s wall for {c['files']} files, start-up included",
                    "",
                    "",
                )
            )
    q = res.get("query")
    if q:
        c = q["probes"]["counts"]
        rows.append(
            (
                "synthetic archive",
                f"{c['articles']:,} articles, {c['quotes']:,} quotes, {c['people']:,} people",
                "",
                "",
            )
        )
        for r in q["inprocess"]:
            if r["error"]:
                rows.append(
                    (f"{r['query']} (in process)", "ERROR " + r["error"][:60], "", "MISSED")
                )
                continue
            target = r["query"] != "search (common term)"
            rows.append(
                (
                    f"{r['query']} (in process)",
                    f"p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms ({r['calls']} calls)",
                    f"p95 < {TARGETS['p95_ms']:.0f} ms" if target else "(info)",
                    _ok(r["p95_ms"] < TARGETS["p95_ms"]) if target else "",
                )
            )
        for label, v in (q.get("cli") or {}).items():
            rows.append(
                (
                    f"CLI: {label}",
                    f"{v['ms']:.0f} ms" + (f" (rc {v['rc']})" if v.get("rc") else ""),
                    "median",
                    "",
                )
            )
    w = [max(len(r[i]) for r in rows + [("measure", "value", "target", "")]) for i in range(4)]
    lines = [
        f"{'measure':<{w[0]}}  {'value':<{w[1]}}  {'target':<{w[2]}}  status",
        "-" * (sum(w) + 12),
    ]
    lines += [f"{a:<{w[0]}}  {b:<{w[1]}}  {c:<{w[2]}}  {d}" for a, b, c, d in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--articles", type=int, default=500, help="corpus size for ingest/memory [500]")
    ap.add_argument(
        "--scale", type=int, default=100_000, help="articles in the synthetic archive [100000]"
    )
    ap.add_argument("--jobs", type=int, default=None, help="worker processes [all cores]")
    ap.add_argument(
        "--only", default=",".join(SECTIONS), help="comma-separated: " + ",".join(SECTIONS)
    )
    ap.add_argument("--repeat", type=int, default=5, help="calls per query parameter [5]")
    ap.add_argument(
        "--budget", type=float, default=20.0, help="seconds per query kind, at most [20]"
    )
    ap.add_argument("--no-cli", action="store_true", help="skip whole-CLI query timings")
    ap.add_argument(
        "--plans", action="store_true", help="print the query plans (always in the JSON)"
    )
    ap.add_argument(
        "--profile",
        action="store_true",
        help="cProfile the ingest main process (slows it: figures are then not comparable)",
    )
    ap.add_argument("--seed", type=int, default=20240601, help="corpus generator seed")
    ap.add_argument(
        "--json",
        default=str(ROOT / "benchmarks" / "out" / "results.json"),
        help="write all figures here",
    )
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpus and databases")
    args = ap.parse_args(argv)
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        ap.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    from archive.pipeline.ingest import default_jobs

    jobs = args.jobs or default_jobs()
    started = time.perf_counter()
    res: dict = {
        "machine": machine(),
        "sections": sections,
        "jobs": jobs,
        "articles": args.articles,
        "scale": args.scale,
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    log(
        f"machine: {res['machine']['cpu']}, {res['machine']['nproc']} cpus, "
        f"{res['machine']['ram_gb']} GB; jobs={jobs}"
    )
    work = Path(tempfile.mkdtemp(prefix="archive-bench-"))
    try:
        if {"ingest", "reingest", "memory"} & set(sections):
            t = time.perf_counter()
            corpus.generate(work / "corpus", args.articles, seed=args.seed, parts=2)
            parts = [str(p) for p in sorted((work / "corpus").iterdir())]
            log(
                f"corpus: {args.articles} variants in {time.perf_counter() - t:.1f}s "
                f"({work / 'corpus'})"
            )
            if {"ingest", "reingest"} & set(sections):
                res["ingest"] = bench_ingest(parts, jobs, work, args.profile)
            if "memory" in sections:
                res["memory"] = bench_memory(parts, jobs, work, res.get("ingest"))
        if "query" in sections:
            res["query"] = bench_query(args.scale, args.repeat, args.budget, not args.no_cli)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    res["elapsed_s"] = time.perf_counter() - started
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(res, indent=2, default=str))
    m = res["machine"]
    print(
        f"\narchive benchmarks — {m['cpu']}, {m['nproc']} CPUs, {m['ram_gb']} GB RAM, Python "
        f"{m['python']}, "
        f"SQLite {m['sqlite']}, spaCy {m['spacy']} ({m['model']}); jobs={jobs}; "
        f"{res['elapsed_s']:.0f}s\n"
    )
    print(table(res))
    if args.plans and res.get("query"):
        print("\nquery plans (heaviest parameter):")
        for r in res["query"]["inprocess"]:
            for param, lines in r["plans"].items():
                print(f"\n{r['query']} ({param}):")
                print("\n".join(lines))
    if args.profile and res.get("ingest", {}).get("profile_main"):
        print("\ningest main process, cProfile (cumulative):")
        print(res["ingest"]["profile_main"])
    if args.json:
        print(f"\nall figures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
