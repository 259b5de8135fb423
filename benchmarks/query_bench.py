"""Query latency on the synthetic archive: in-process function calls, query plans, CLI runs.

Each query is run for several parameters chosen by popularity (the most quoted speaker, ranks 5,
10, 50, 100 and the quartiles) - so p95 is the heavy end of the archive, not a lucky name.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import measure

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class QueryCase:
    name: str  # label in the table
    cli: list[str]  # archive sub-command and arguments (no --db / --format)
    call: object  # callable(engine) -> rows
    param: str
    rows_behind: int | None = (
        None  # how many rows the parameter touches (quotes of the speaker, ...)
    )


@dataclass
class QueryResult:
    query: str
    times_ms: list[float] = field(default_factory=list)
    per_param: list[tuple[str, int | None, float, int]] = field(
        default_factory=list
    )  # (param, rows, median ms, results)
    plans: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None

    def pct(self, p: float) -> float:
        if not self.times_ms:
            return float("nan")
        xs = sorted(self.times_ms)
        k = min(len(xs) - 1, max(0, int(round(p / 100 * (len(xs) - 1)))))
        return xs[k]


def cases(probes: dict) -> dict[str, list[QueryCase]]:
    from archive.query.articles import articles
    from archive.query.quotes import quotes
    from archive.query.search import search

    out: dict[str, list[QueryCase]] = {
        "quotes --speaker": [],
        "person": [],
        "search": [],
        "articles --place": [],
    }
    for sp in probes["speakers"]:
        name = sp["name"]
        out["quotes --speaker"].append(
            QueryCase(
                "quotes --speaker",
                ["quotes", "--speaker", name, "--limit", "50"],
                lambda e, n=name: quotes(e, speaker=n, limit=50),
                name,
                sp["rows"],
            )
        )
        out["person"].append(
            QueryCase(
                "person",
                ["person", name, "--limit", "50"],
                lambda e, n=name: _person(e, n),
                name,
                sp["rows"],
            )
        )
    rare = probes["rare_term"]["term"]
    out["search"].append(
        QueryCase(
            "search",
            ["search", rare, "--limit", "20"],
            lambda e, t=rare: search(e, t, limit=20),
            rare,
            probes["rare_term"]["articles"],
        )
    )
    for pl in probes["places"]:
        name = pl["name"]
        out["articles --place"].append(
            QueryCase(
                "articles --place",
                ["articles", "--place", name, "--limit", "50"],
                lambda e, n=name: articles(e, place=n, limit=50),
                name,
                pl["rows"],
            )
        )
    for label in ("quotes --speaker", "person", "articles --place"):
        out[label] = _spread(out[label])
    common = probes["common_term"]["term"]
    out["search (common term)"] = [
        QueryCase(
            "search (common term)",
            ["search", common, "--limit", "20"],
            lambda e, t=common: search(e, t, limit=20),
            common,
            probes["common_term"]["articles"],
        )
    ]
    return out


def _spread(group: list) -> list:
    """Heaviest, middle and lightest parameter first, so that a run cut short by its time
    budget still covers the range."""
    if len(group) < 3:
        return group
    first = [group[0], group[len(group) // 2], group[-1]]
    return first + [c for c in group if all(c is not f for f in first)]


def _person(engine, name):
    from archive.query.people import resolve_person
    from archive.query.profile import person_profile

    found, candidates = resolve_person(engine, name)
    if found is None:
        return candidates
    return person_profile(engine, found["person_id"], limit=50)


def _n(rows) -> int:
    if rows is None:
        return 0
    if isinstance(rows, dict):
        return len(rows.get("statements", [])) + len(rows.get("articles", []))
    return len(rows)


class SqlCapture:
    """Collects the SQL statements (and parameters) an engine executes."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.engine = engine
        self.statements: list[tuple[str, object]] = []
        self._event = event
        event.listen(engine, "before_cursor_execute", self._on)

    def _on(self, conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            self.statements.append((statement, parameters))

    def close(self):
        self._event.remove(self.engine, "before_cursor_execute", self._on)


def explain(db_path: str, statements: list[tuple[str, object]]) -> list[str]:
    """EXPLAIN QUERY PLAN of each distinct statement; one line per plan step."""
    import sqlite3

    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    lines: list[str] = []
    seen = set()
    for sql, params in statements:
        key = " ".join(sql.split())
        if key in seen:
            continue
        seen.add(key)
        try:
            rows = con.execute("EXPLAIN QUERY PLAN " + sql, params or ()).fetchall()
        except sqlite3.Error as exc:  # pragma: no cover
            lines.append(f"  ! cannot explain: {exc}")
            continue
        lines.append("  SQL: " + (key[:150] + ("…" if len(key) > 150 else "")))
        depth: dict[int, int] = {0: 0}
        for node, parent, _notused, detail in rows:
            d = depth.get(parent, 0) + 1
            depth[node] = d
            lines.append("  " + "   " * d + detail)
    con.close()
    return lines


def run_inprocess(
    db_path: str, probes: dict, repeat: int = 5, budget_s: float = 25.0, log=print
) -> list[QueryResult]:
    from sqlalchemy.exc import SQLAlchemyError

    from archive.query.common import QueryError
    from archive.store.db import make_engine

    engine = make_engine(db_path, readonly=True)
    results = []
    for label, group in cases(probes).items():
        res = QueryResult(label)
        spent = 0.0
        for case in group:
            try:
                capture = SqlCapture(engine)
                t = time.perf_counter()
                rows = case.call(engine)  # warm-up (page cache, imports); also captures the SQL
                warm = (time.perf_counter() - t) * 1000
                capture.close()
                if case is group[0] or case.rows_behind == max(c.rows_behind or 0 for c in group):
                    res.plans[case.param] = explain(db_path, capture.statements)
                spent += warm / 1000
                ts = []
                reps = repeat
                if (
                    spent > budget_s or warm > budget_s * 100
                ):  # too slow to repeat: keep the warm-up figure
                    ts.append(warm)
                    reps = 1
                while len(ts) < reps and spent <= budget_s:
                    t = time.perf_counter()
                    rows = case.call(engine)
                    dt = (time.perf_counter() - t) * 1000
                    ts.append(dt)
                    spent += dt / 1000
                res.times_ms += ts
                res.per_param.append(
                    (case.param, case.rows_behind, statistics.median(ts), _n(rows))
                )
            except (QueryError, SQLAlchemyError) as exc:  # recorded in the table, not fatal
                res.error = f"{type(exc).__name__}: {exc}"
                break
            if spent > budget_s and case is not group[-1]:
                log(
                    f"  {label}: time budget ({budget_s:.0f}s) used up after "
                    f"{len(res.per_param)} of {len(group)} parameters"
                )
                break
        results.append(res)
        log(
            f"  {label}: p50 {res.pct(50):.1f} ms, p95 {res.pct(95):.1f} ms "
            f"over {len(res.times_ms)} calls"
        )
    engine.dispose()
    return results


def _archive_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("archive")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "archive"]


def run_cli(
    db_path: str,
    probes: dict,
    repeat: int = 3,
    inprocess: list[QueryResult] | None = None,
    log=print,
) -> dict:
    """Whole CLI invocations (start-up included), and what start-up alone costs. Queries that
    take over a second in process are run once, for their heaviest parameter only."""
    env = dict(os.environ)
    env.pop("ARCHIVE_DB", None)
    out: dict[str, dict] = {}
    slow = {r.query for r in (inprocess or []) if r.times_ms and r.pct(50) > 1000}

    def timed(cmd: list[str], n: int = repeat) -> tuple[float, int, str]:
        ts = []
        rc, err = 0, ""
        for _ in range(n):
            m = measure.run(cmd, env=env, sample=False)
            ts.append(m.wall * 1000)
            rc, err = m.returncode, m.stderr
        return statistics.median(ts), rc, err.strip().splitlines()[-1] if err.strip() else ""

    py = sys.executable
    out["python -c pass"] = {"ms": timed([py, "-c", "pass"])[0]}
    out["import archive.cli.app"] = {"ms": timed([py, "-c", "import archive.cli.app"])[0]}
    out["import archive.cli.app + queries"] = {
        "ms": timed(
            [
                py,
                "-c",
                "import archive.cli.app, archive.query.quotes, archive.query.profile, "
                "archive.query.search, archive.store.db, sqlalchemy.orm",
            ]
        )[0]
    }
    out["import + open_db (schema check)"] = {
        "ms": timed(
            [
                py,
                "-c",
                "import archive.cli.app, archive.query.quotes, archive.query.profile, "
                "archive.query.search; from archive.cli.options import open_db; "
                f"open_db({db_path!r}, readonly=True)",
            ]
        )[0]
    }
    out["archive --help"] = {"ms": timed([*_archive_cmd(), "--help"])[0]}
    groups = cases(probes)
    for label in ("quotes --speaker", "person", "search", "articles --place"):
        group = groups[label]
        # the heaviest parameter and a middling one
        picks = [group[0]] if len(group) == 1 or label in slow else [group[0], group[1]]
        for case in picks:
            cmd = [*_archive_cmd(), *case.cli, "--db", db_path, "--format", "json"]
            ms, rc, err = timed(cmd, 1 if label in slow else repeat)
            out[f"archive {label} ({case.param})"] = {"ms": ms, "rc": rc, "err": err if rc else ""}
            log(f"  CLI {label} ({case.param}): {ms:.0f} ms (rc {rc})")
    return out


def profile_call(db_path: str, probes: dict, label: str, top: int = 18) -> str:
    """cProfile of one call (the heaviest parameter) of a query; the top functions by
    cumulative time."""
    import cProfile
    import io
    import pstats

    from archive.store.db import make_engine

    engine = make_engine(db_path, readonly=True)
    case = cases(probes)[label][0]
    case.call(engine)
    prof = cProfile.Profile()
    prof.enable()
    case.call(engine)
    prof.disable()
    s = io.StringIO()
    pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(top)
    return s.getvalue()


if __name__ == "__main__":  # python -m benchmarks.query_bench DB [LABEL to profile]
    from benchmarks import synthetic

    db = sys.argv[1]
    probes = synthetic.load_probes(Path(db))
    if len(sys.argv) > 2:
        print(profile_call(db, probes, sys.argv[2]))
    else:
        for r in run_inprocess(db, probes):
            print(r.query, r.per_param, r.error)
            print("\n".join(sum(r.plans.values(), [])))
