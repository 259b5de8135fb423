"""Places on real text: ingest a folder of articles, export, score the places against a gold file.

    .venv/bin/python -m benchmarks.places GOLD.json TEXTS_DIR [--keep DIR] [--detail] [--jobs N]
    .venv/bin/python -m benchmarks.places ../shared/gold/seeds.json seeds

``GOLD.json`` is in the format of ``../shared/gold/FORMAT.md`` (only ``places`` is read: name,
aliases, ISO country); ``TEXTS_DIR`` holds the files it names (``.txt``, ``.html``, ``.jsonl``).
Every file of the folder is ingested into a new SQLite file by the CLI of this tree (``archive
ingest -q``), exported (``archive export --format jsonl``) and scored by the official scorer
(``../shared/tools/score.py``, imported from its path; ``--shared DIR`` if it is elsewhere): places
P/R/F1 (names matched one-to-one by the scorer's ``entity_score``) and the country accuracy of
the matched places. ``--detail`` prints, per article, the gold places missed, the stored places
the gold lacks and the matched ones whose country differs. The data stays outside the
repository: the script only takes paths.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from benchmarks.attribution import ROOT, export, fresh_db, ingest, load_scorer

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".json")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", help="gold file (../shared/gold/FORMAT.md)")
    ap.add_argument("texts", help="folder of the articles the gold names")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared/ folder")
    ap.add_argument("--keep", help="keep the database and export in this folder")
    ap.add_argument("--jobs", type=int, default=1, help="ingest processes")
    ap.add_argument("--detail", action="store_true", help="missed/spurious/wrong country")
    return ap.parse_args(argv)


def place_detail(scorer, gold: dict, system: dict) -> list[dict]:
    """Per gold article: missed gold places, spurious stored places, wrong countries."""
    rows = []
    for ga in gold["articles"]:
        if ga.get("places") is None:
            continue
        g, s = ga["places"], system.get(ga["file"], {}).get("places") or []
        pairs = scorer.greedy_match(g, s, scorer.entity_score)
        got_g, got_s = {i for i, _ in pairs}, {j for _, j in pairs}
        wrong = [
            (g[i]["name"], g[i].get("country"), s[j].get("country"))
            for i, j in pairs
            if (g[i].get("country") or "").upper() != (s[j].get("country") or "").upper()
        ]
        row = {
            "file": ga["file"],
            "missed": [g[i]["name"] for i in range(len(g)) if i not in got_g],
            "spurious": [
                f"{s[j]['name']} ({s[j].get('country')})" for j in range(len(s)) if j not in got_s
            ],
            "wrong_country": wrong,
        }
        if row["missed"] or row["spurious"] or wrong:
            rows.append(row)
    return rows


def run(args: argparse.Namespace, scratch: Path) -> dict:
    """Ingest, export and score; the figures as a dict."""
    scorer = load_scorer(Path(args.shared).resolve())
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    gold_path = Path(args.gold).resolve()
    files = sorted(
        p
        for p in Path(args.texts).iterdir()
        if p.suffix in SUFFIXES and p.resolve() != gold_path and p.name != "gold.json"
    )
    db = fresh_db(scratch / "places.db")
    seconds = ingest(files, db, args.jobs)
    out = export(db, scratch / "places.jsonl")
    system = scorer.load_system(str(out), False)
    scores = scorer.score(gold, system, False)
    result = {
        "articles": scores["articles_found"],
        "places": scores["places"],
        "country_accuracy": scores.get("place_country_accuracy"),
        "ingest_s": round(seconds, 1),
    }
    if args.detail:
        result["detail"] = place_detail(scorer, gold, system)
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.keep:
        scratch = Path(args.keep)
        scratch.mkdir(parents=True, exist_ok=True)
        result = run(args, scratch)
    else:
        with tempfile.TemporaryDirectory(prefix="places-bench-") as tmp:
            result = run(args, Path(tmp))
    p = result["places"]
    print(
        f"articles {result['articles']}  places P {p['p']:.3f} R {p['r']:.3f} F1 {p['f1']:.3f}"
        f" (sys {p['sys']}, gold {p['gold']})  country accuracy {result['country_accuracy']}"
        f"  ingest {result['ingest_s']} s"
    )
    for row in result.get("detail", []):
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
