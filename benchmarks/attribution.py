"""Who said what, on real news: quote and attribution scores, and confidence calibration.

    .venv/bin/python benchmarks/attribution.py --polnear GIT_DIR [--splits dev] [--shared ../shared]
                                               [--jobs 2] [--keep DIR] [--json OUT] [--detail]

Sets: each PolNeAR split of ``--splits`` (``train``, ``dev``; ``test`` is reserved and refused),
converted by ``SHARED/tools/polnear.py`` from ``GIT_DIR`` (the snapshot the fetch tool gives for
``github:networkdynamics/PolNeAR``) into a scratch folder; then the fixture sets of the repository
(``tests/fixtures/devset``, ``holdout``, ``pages``, ``pages2``) and ``seeds/``. Each set is
ingested into a new SQLite file by ``archive ingest -q -j JOBS`` (timed), exported by ``archive
export --format jsonl`` and scored by ``SHARED/tools/score.py`` (imported from its path; else its
copy ``tests/scoring.py``).

stdout: one table, a row per set (articles, quotes P/R/F1, speaker accuracy, the same for named
speakers, attribution P/R/F1, title accuracy, ingest seconds); then, per PolNeAR set, the
calibration of the quotes' ``confidence``: the system quotes matched to gold quotes as the scorer
matches them (token F1 >= 0.8, indirect quotes and unresolved gold speakers left out), their speaker
accuracy per confidence band, the Brier score and the accuracy at confidence >= 0.8. For the sets
whose gold lists reported speech (PolNeAR): a second table (reported P/R/F1 at token F1 >= 0.5,
reported speaker accuracy, reported attribution P/R/F1) and the calibration of the indirect quotes'
confidence against the gold reported speech. Progress goes to stderr.
``--json OUT`` writes every figure; ``--detail`` writes the scorer's per-article lines to
``SET.detail.jsonl`` in the scratch folder (which is then kept, as with ``--keep``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SPLITS = ("train", "dev")
RESERVED = ("test",)
MATCH_CUT = 0.8  # the scorer's "quotes" match: token F1 >= 0.8
REPORTED_MATCH_CUT = 0.5  # the scorer's "reported" match: token F1 >= 0.5
HIGH = 0.8  # "confident": the accuracy of quotes at or above this confidence
BANDS = (("<0.5", 0.0, 0.5), ("0.5-0.8", 0.5, 0.8), ("0.8-0.95", 0.8, 0.95), (">=0.95", 0.95, 1.01))
NONE_BAND = "none"


class UsageError(Exception):
    """A bad option or a missing input: printed as one line, exit status 2."""


@dataclass
class DataSet:
    """One scored set: the files to ingest and their gold file."""

    name: str
    files: list[Path]
    gold: Path
    polnear: bool = False


def log(msg: str) -> None:
    """Progress, on stderr."""
    print(msg, file=sys.stderr, flush=True)


def parse_splits(text: str) -> list[str]:
    """The comma list of ``--splits``, checked: only train and dev; test is reserved."""
    splits = [s.strip() for s in text.split(",") if s.strip()]
    for split in splits:
        if split in RESERVED:
            raise UsageError(f"split {split!r} is reserved (never used for measuring); use dev")
        if split not in SPLITS:
            raise UsageError(f"unknown split {split!r}: choose from {', '.join(SPLITS)}")
    if not splits:
        raise UsageError("--splits is empty")
    return list(dict.fromkeys(splits))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--polnear", help="PolNeAR git dir (fetch github:networkdynamics/PolNeAR)")
    ap.add_argument("--splits", default="dev", help="comma list of train, dev (default: dev)")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared/ folder")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes of archive ingest")
    ap.add_argument("--keep", help="scratch folder to keep (default: a temporary one)")
    ap.add_argument("--json", help="write every figure here as JSON")
    ap.add_argument("--detail", action="store_true", help="write per-article scorer lines")
    return ap.parse_args(argv)


def scorer_path(shared: Path) -> Path:
    """The official scorer ``SHARED/tools/score.py``; else its copy ``tests/scoring.py``."""
    path = shared / "tools" / "score.py"
    return path if path.is_file() else ROOT / "tests" / "scoring.py"


def load_scorer(shared: Path) -> ModuleType:
    """The scorer of ``scorer_path`` as a module (imported from its path)."""
    path = scorer_path(shared)
    if path.parent != shared / "tools":
        log(f"scorer: {shared / 'tools' / 'score.py'} missing, using the copy {path}")
    spec = importlib.util.spec_from_file_location("archive_bench_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fixture_sets() -> list[DataSet]:
    """The repository's own gold sets, ingested as tests/pipeline/test_ingest.py does."""
    dev = FIXTURES / "devset"
    dev_files = sorted(p for p in dev.iterdir() if p.suffix in (".txt", ".html", ".jsonl"))
    sets = [DataSet("devset", dev_files, dev / "gold.json")]
    for name in ("holdout", "pages", "pages2"):
        folder = FIXTURES / name
        sets.append(DataSet(name, sorted(folder.glob("*.txt")), folder / "gold.json"))
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    sets.append(DataSet("seeds", seeds, FIXTURES / "gold_seeds.json"))
    return [s for s in sets if s.files and s.gold.is_file()]


def build_polnear(shared: Path, git_dir: str, split: str, scratch: Path) -> DataSet:
    """Convert one PolNeAR split into SCRATCH/polnear-SPLIT (texts and gold.json)."""
    out = scratch / f"polnear-{split}"
    if out.exists():
        shutil.rmtree(out)
    tool = shared / "tools" / "polnear.py"
    cmd = [sys.executable, str(tool), git_dir, str(out), "--split", split]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise UsageError(f"polnear.py failed on {split}: {done.stderr.strip()[-300:]}")
    for line in done.stdout.splitlines():
        if line and not line[0].isspace():  # the totals, not the breakdowns
            log(f"  polnear.py: {line}")
    return DataSet(f"polnear-{split}", sorted(out.glob("*.txt")), out / "gold.json", polnear=True)


def _env() -> dict[str, str]:
    """The environment of the CLI runs, without a database chosen elsewhere."""
    return {k: v for k, v in os.environ.items() if k != "ARCHIVE_DB"}


def _archive(*args: str) -> subprocess.CompletedProcess:
    """Run the ``archive`` CLI of this tree; a failure stops the benchmark."""
    cmd = [sys.executable, "-m", "archive", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=_env())
    if done.returncode != 0:
        raise RuntimeError(f"archive {args[0]} failed ({done.returncode}): {done.stderr[-800:]}")
    return done


def fresh_db(path: Path) -> Path:
    """Remove a database file (and its WAL files) left by an earlier run in a kept folder."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def ingest(files: list[Path], db: Path, jobs: int) -> float:
    """``archive ingest FILES --db DB -q -j JOBS``: wall seconds (process start-up included)."""
    started = time.perf_counter()
    done = _archive("ingest", *map(str, files), "--db", str(db), "-q", "-j", str(jobs))
    seconds = time.perf_counter() - started
    for line in done.stderr.strip().splitlines() + done.stdout.strip().splitlines():
        if line.startswith("failed"):
            log(f"  {line}")
    return seconds


def export(db: Path, out: Path) -> Path:
    """``archive export --db DB --format jsonl OUT``."""
    _archive("export", str(out), "--db", str(db), "--format", "jsonl")
    return out


def summary(scores: dict) -> dict:
    """The scorer's result without its per-article rows."""
    return {k: v for k, v in scores.items() if k != "per_article"}


def _confidence(quote: dict) -> float | None:
    """A system quote's confidence as a float, None when missing or not a number."""
    value = quote.get("confidence")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def matched_quotes(
    scorer: ModuleType, gold: dict, system: dict, indirect: bool = False
) -> list[tuple[float | None, bool]]:
    """(confidence, speaker right) of every system quote the scorer matches to a gold quote whose
    speaker is resolved: greedy one-to-one, token F1 >= 0.8, indirect system quotes left out;
    with ``indirect``, the indirect ones against the gold reported speech (token F1 >= 0.5)."""
    is_indirect = getattr(scorer, "is_indirect", lambda q: False)
    cut = REPORTED_MATCH_CUT if indirect else MATCH_CUT

    def score(g: dict, s: dict) -> float | None:
        value = scorer.token_f1(g["text"], s["text"])
        return value if value >= cut else None

    out = []
    for ga in gold["articles"]:
        gq = ga.get("reported" if indirect else "quotes") or []
        sq = [
            q
            for q in system.get(ga["file"], {}).get("quotes") or []
            if bool(is_indirect(q)) == indirect
        ]
        for i, j in scorer.greedy_match(gq, sq, score):
            if gq[i].get("speaker_kind") == "unresolved":
                continue
            ok = scorer.speaker_ok(gq[i], sq[j], ga.get("people") or [])
            out.append((_confidence(sq[j]), bool(ok)))
    return out


def band_of(confidence: float | None) -> str:
    """The band label of a confidence (``none`` for null)."""
    if confidence is None:
        return NONE_BAND
    for label, low, high in BANDS:
        if low <= confidence < high:
            return label
    return BANDS[-1][0] if confidence >= 1 else BANDS[0][0]


def _accuracy(oks: list[bool]) -> float | None:
    return round(sum(oks) / len(oks), 3) if oks else None


def calibration(pairs: list[tuple[float | None, bool]]) -> dict:
    """Per band: n and speaker accuracy; the Brier score and the accuracy at confidence >= 0.8
    over the quotes that have a confidence (None when none has)."""
    bands = {label: [] for label, _, _ in BANDS}
    bands[NONE_BAND] = []
    for conf, ok in pairs:
        bands[band_of(conf)].append(ok)
    scored = [(c, ok) for c, ok in pairs if c is not None]
    high = [ok for c, ok in scored if c >= HIGH]
    brier = sum((c - ok) ** 2 for c, ok in scored) / len(scored) if scored else None
    return {
        "matched": len(pairs),
        "with_confidence": len(scored),
        "speaker_accuracy": _accuracy([ok for _, ok in pairs]),
        "bands": {k: {"n": len(v), "speaker_accuracy": _accuracy(v)} for k, v in bands.items()},
        "brier": round(brier, 4) if brier is not None else None,
        "high_confidence": {"n": len(high), "speaker_accuracy": _accuracy(high)},
    }


def run_set(scorer: ModuleType, data: DataSet, scratch: Path, args) -> dict:
    """Ingest, export and score one set; the figures as a dict."""
    log(f"{data.name}: ingesting {len(data.files)} files (-j {args.jobs})")
    db = fresh_db(scratch / f"{data.name}.db")
    seconds = ingest(data.files, db, args.jobs)
    jsonl = export(db, scratch / f"{data.name}.jsonl")
    gold = json.loads(data.gold.read_text(encoding="utf-8"))
    system = scorer.load_system(str(jsonl), False)
    scores = scorer.score(gold, system, quotes_only=False)
    if args.detail:
        write_detail(scores["per_article"], scratch / f"{data.name}.detail.jsonl")
    cal = calibration(matched_quotes(scorer, gold, system))
    reported = any("reported" in ga for ga in gold["articles"])
    cal_reported = calibration(matched_quotes(scorer, gold, system, True)) if reported else None
    if cal["speaker_accuracy"] != scores.get("speaker_accuracy"):
        log(f"  warning: speaker accuracy {cal['speaker_accuracy']} here, scorer's differs")
    log(f"{data.name}: ingest {seconds:.1f} s")
    return {
        "set": data.name,
        "files": len(data.files),
        "polnear": data.polnear,
        "ingest_seconds": round(seconds, 1),
        "scores": summary(scores),
        "calibration": cal,
        "calibration_reported": cal_reported,
    }


def write_detail(rows: list[dict], path: Path) -> None:
    """The scorer's ``--detail`` lines: one JSON object per article."""
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    log(f"  detail: {path}")


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _prf(scores: dict, key: str) -> list[str]:
    part = scores.get(key) or {}
    return [_fmt(part.get(k)) for k in ("p", "r", "f1")]


HEADER = (
    "set",
    "articles",
    "quotes P",
    "R",
    "F1",
    "speaker acc",
    "speaker acc (named)",
    "attribution P",
    "R",
    "F1",
    "title",
    "ingest s",
)


def table_row(result: dict) -> list[str]:
    """One line of the table for a set's figures."""
    s = result["scores"]
    return [
        result["set"],
        str(s.get("articles_found", result["files"])),
        *_prf(s, "quotes"),
        _fmt(s.get("speaker_accuracy")),
        _fmt(s.get("speaker_accuracy_named")),
        *_prf(s, "attribution"),
        _fmt(s.get("title_accuracy")),
        f"{result['ingest_seconds']:.1f}",
    ]


REPORTED_HEADER = (
    "set",
    "reported P",
    "R",
    "F1",
    "reported speaker acc",
    "reported attribution P",
    "R",
    "F1",
)


def reported_row(result: dict) -> list[str]:
    """One line of the reported-speech table (sets whose gold has reported speech)."""
    s = result["scores"]
    return [
        result["set"],
        *_prf(s, "reported"),
        _fmt(s.get("reported_speaker_accuracy")),
        *_prf(s, "reported_attribution"),
    ]


def markdown(header: tuple[str, ...] | list[str], rows: list[list[str]]) -> str:
    """A Markdown table, padded so that it also reads as plain text."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def calibration_text(name: str, cal: dict) -> str:
    """The calibration block of one set."""
    head = (
        f"calibration, {name}: {cal['matched']} matched quotes with a resolved gold speaker, "
        f"{cal['with_confidence']} with a confidence"
    )
    rows = [[k, str(v["n"]), _fmt(v["speaker_accuracy"])] for k, v in cal["bands"].items()]
    lines = [head, markdown(("confidence", "n", "speaker acc"), rows)]
    if not cal["with_confidence"]:
        lines.append("no confidences")
    else:
        high = cal["high_confidence"]
        lines.append(
            f"Brier {cal['brier']:.4f}; speaker accuracy at confidence >= {HIGH}: "
            f"{_fmt(high['speaker_accuracy'])} (n={high['n']})"
        )
    return "\n".join(lines)


def info(args, shared: Path, splits: list[str]) -> dict:
    """What the figures were measured on."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    dirty = bool(git("status", "--porcelain", "--untracked-files=no")) if commit else None
    return {
        "date": date.today().isoformat(),
        "commit": commit or None,
        "uncommitted_changes": dirty,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "jobs": args.jobs,
        "scorer": str(scorer_path(shared)),
        "splits": splits if args.polnear else [],
    }


def check_inputs(args) -> tuple[Path, list[str]]:
    """The shared/ folder and the splits, or a UsageError."""
    splits = parse_splits(args.splits)
    shared = Path(args.shared).resolve()
    if args.polnear:
        if not (shared / "tools" / "polnear.py").is_file():
            raise UsageError(f"{shared / 'tools' / 'polnear.py'} not found (use --shared DIR)")
        if not Path(args.polnear).exists():
            raise UsageError(f"PolNeAR git dir {args.polnear} not found (fetch it first)")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    return shared, splits


def measure_all(args, shared: Path, splits: list[str], scratch: Path) -> list[dict]:
    """Every set's figures: PolNeAR splits first, then the repository's fixture sets."""
    scorer = load_scorer(shared)
    sets = []
    if args.polnear:
        for split in splits:
            log(f"polnear-{split}: converting {args.polnear}")
            sets.append(build_polnear(shared, args.polnear, split, scratch))
    else:
        log("no --polnear: the repository's fixture sets only")
    sets += fixture_sets()
    return [run_set(scorer, data, scratch, args) for data in sets]


def report(results: list[dict]) -> str:
    """The table and the calibration blocks, as printed on stdout."""
    parts = [markdown(HEADER, [table_row(r) for r in results])]
    with_reported = [r for r in results if r.get("calibration_reported")]
    if with_reported:
        parts.append(markdown(REPORTED_HEADER, [reported_row(r) for r in with_reported]))
    for r in results:
        if r["polnear"]:
            parts.append(calibration_text(r["set"], r["calibration"]))
        if r.get("calibration_reported"):
            parts.append(calibration_text(f"{r['set']} reported", r["calibration_reported"]))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 2 on a usage error."""
    args = parse_args(argv)
    try:
        shared, splits = check_inputs(args)
        scratch = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="archive-attr-"))
        scratch.mkdir(parents=True, exist_ok=True)
        try:
            results = measure_all(args, shared, splits, scratch.resolve())
        finally:
            if not args.keep and not args.detail:
                shutil.rmtree(scratch, ignore_errors=True)
            else:
                log(f"scratch folder kept: {scratch}")
    except UsageError as exc:
        print(f"attribution.py: error: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:  # an archive command failed: its stderr is in the message
        print(f"attribution.py: {exc}", file=sys.stderr)
        return 1
    print(report(results))
    if args.json:
        out = {"info": info(args, shared, splits), "sets": results}
        Path(args.json).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
        log(f"figures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
