"""Start-up of the query commands: wall time of whole ``archive`` runs on the seed archive.

    .venv/bin/python benchmarks/startup.py [--runs 9] [--baseline REV] [--json OUT]

Ingests ``seeds/`` into a scratch database, then runs each command ``--runs`` times as a child
process (``python -m archive``, the interpreter of this venv) and prints the median and the
fastest wall time. For scale, the same is measured for the interpreter alone and for the imports
every query command needs (Typer and the Pydantic it parses options with, SQLAlchemy and the
models): no command can start faster than those. A query answers from a few milliseconds of
SQL; the rest is start-up (``python -X importtime -m archive quotes --limit 5`` shows where it
goes).

``--baseline REV`` measures the code of git revision REV too (its ``archive/`` and
``migrations/``, extracted to a scratch folder and put first on ``PYTHONPATH``, with its own
seed archive), its runs alternating with this tree's: on a shared machine whose speed drifts
by tens of per cent within minutes, only runs made side by side compare.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = [
    ["quotes", "--limit", "5"],
    ["quotes", "--speaker", "Zelensky", "--limit", "5"],
    ["people"],
    ["person", "Putin", "--format", "json"],
    ["stats"],
    ["search", "peace", "--format", "json"],
]
# what every query command imports whatever it does: the floor under its start-up
FLOORS = {
    "python (nothing imported)": "pass",
    "typer + pydantic (option parsing)": "import typer, typer._adapters",
    "sqlalchemy + the models": "import archive.store.models",
    "all of the above": "import typer, typer._adapters, archive.store.models",
}


def _env(db: Path, pythonpath: Path | None) -> dict:
    env = {**os.environ, "ARCHIVE_DB": str(db), "COLUMNS": "100"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


def _seed(env: dict) -> None:
    if not Path(env["ARCHIVE_DB"]).exists():
        print(f"ingesting the seeds into {env['ARCHIVE_DB']} ...", file=sys.stderr, flush=True)
        seeds = [sys.executable, "-m", "archive", "ingest", str(ROOT / "seeds"), "-q"]
        subprocess.run(seeds, env=env, check=True)


def _once(argv: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return wall


def _baseline_tree(rev: str, folder: Path) -> Path:
    """REV's archive/ and migrations/ under FOLDER, laid out as installed (archive.migrations)."""
    tree = folder / "baseline"
    tree.mkdir()
    archived = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "archive", "migrations"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archived, check=True)
    shutil.copytree(tree / "migrations", tree / "archive" / "migrations")
    return tree


def measure(runs: int, scratch: Path, baseline: str | None) -> list[dict]:
    """Wall times of the FLOORS and of each of COMMANDS (and of them at BASELINE, alternating)."""
    envs = {"this": _env(scratch / "archive.db", None)}
    if baseline:
        tree = _baseline_tree(baseline, scratch)
        envs["baseline"] = _env(scratch / "baseline.db", tree)
    for env in envs.values():
        _seed(env)
    cases = [(label, [sys.executable, "-c", code]) for label, code in FLOORS.items()]
    cases += [("archive " + " ".join(c), [sys.executable, "-m", "archive", *c]) for c in COMMANDS]
    rows = []
    for label, argv in cases:
        walls: dict[str, list[float]] = {name: [] for name in envs}
        for _ in range(runs):
            for name, env in envs.items():
                walls[name].append(_once(argv, env))
        row: dict = {"what": label, "runs": runs}
        for name, times in walls.items():
            row[f"{name}_median_s"] = round(statistics.median(times), 3)
            row[f"{name}_min_s"] = round(min(times), 3)
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command (9)")
    parser.add_argument("--baseline", metavar="REV", help="also measure git revision REV")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="archive-startup-") as scratch:
        rows = measure(args.runs, Path(scratch), args.baseline)
    names = ["this"] + (["baseline"] if args.baseline else [])
    width = max(len(r["what"]) for r in rows)
    head = "".join(f"  {n + ' median':>15} {'min':>6}" for n in names)
    print(f"{'wall time, seconds':{width}}{head}   ({args.runs} runs each)")
    for r in rows:
        cells = "".join(f"  {r[n + '_median_s']:15.3f} {r[n + '_min_s']:6.3f}" for n in names)
        print(f"{r['what']:{width}}{cells}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
