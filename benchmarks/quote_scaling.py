"""Quote attribution and extraction time against article size, for quotation-heavy texts.

    .venv/bin/python benchmarks/quote_scaling.py [--sizes 4,8,16,32,50] [--shapes all] [--repeat 3]
                                                 [--extract] [--json OUT]

For each shape of invented text (below) and each size (KB of body text) it parses the body once
with the product's pipeline (``archive.nlp.load()``) and measures the CPU time
(``time.process_time``, less sensitive to other load on the machine than wall-clock time) of

* ``quotes``: ``archive.extract.quotes.find.find_quotes`` (marks, attribution, follow-ups,
  de-duplication), best of ``--repeat`` runs;
* ``extract`` (with ``--extract``): ``archive.pipeline.extraction.extract_parsed`` (places,
  people, quotes);
* ``parse``: the spaCy pipeline over the body, for comparison (one run).

It prints ms per KB for each size and ``grow``: the ms/KB at the largest size over the ms/KB at
the smallest (about 1 for linear time; 12.5 would be quadratic from 4 to 50 KB).

Shapes (each generated up to the size; names are invented):

  short       '"Yes," he said. "No," she said. ' repeated in one paragraph
  back2back   '"Yes." "No way." ' repeated: quotes with no cue, one after the other
  run_on      '"yes" he said "no" she said ' with no full stop: spaCy makes it one long sentence
  unbalanced  '" ' repeated: marks that pair with nothing
  openers     '“we ' repeated: opening marks never closed
  mixed       curly, straight and single marks in turn, "he/she said"
  named       one paragraph per quote, a named speaker, a follow-up every fourth
  named_one   the same in one paragraph
  no_cue      scare quotes and unattributed sentences, no reporting verb

To measure other code (the version before a change), put its tree first on the path:
``PYTHONPATH=/path/to/old/tree .venv/bin/python benchmarks/quote_scaling.py``.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("archive") is None:
    sys.path.insert(0, str(ROOT))

FIRST = ["Anna", "Boris", "Clara", "David", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas"]
LAST = [
    "Kovalenko",
    "Brennan",
    "Halvorsen",
    "Moravec",
    "Lindqvist",
    "Petrenko",
    "Castellano",
    "Novak",
    "Rahimi",
    "Sorensen",
]
WORDS = (
    "the talks were difficult but we will continue next week and the minister agreed to meet "
    "again soon"
).split()
LEAD = "Anna Kovalenko met Boris Brennan in Kyiv on Monday.\n"


def _repeat(unit: str, n: int) -> str:
    return LEAD + unit * max(1, (n - len(LEAD)) // len(unit))


def _named(n: int, sep: str) -> str:
    rng = random.Random(1)
    out, size, i = [], 0, 0
    while size < n:
        first, last = FIRST[i % 10], LAST[(i * 3) % 10]
        q = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))).capitalize()
        p = f'"{q}," {first} {last} said.' if i % 3 else f'{first} {last} said: "{q}."'
        if i % 4 == 0:
            p += ' "And more of it," he added.'
        out.append(p)
        size += len(p) + 1
        i += 1
    return sep.join(out)


def _mixed(n: int) -> str:
    units = [
        "“Yes,” he said. ",
        '"No," she said. ',
        "‘Maybe,’ he said. ",
        '“We will see," she said. ',
    ]
    out, size, i = [LEAD], len(LEAD), 0
    while size < n:
        out.append(units[i % 4])
        size += len(units[i % 4])
        i += 1
    return "".join(out)


def _no_cue(n: int) -> str:
    rng = random.Random(2)
    out, size = [LEAD.strip()], len(LEAD)
    while size < n:
        q = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8)))
        p = f'The "{q}" was "{rng.choice(WORDS)}" and "{q.capitalize()}."'
        out.append(p)
        size += len(p) + 1
    return "\n".join(out)


SHAPES = {
    "short": lambda n: _repeat('"Yes," he said. "No," she said. ', n),
    "back2back": lambda n: _repeat('"Yes." "No way." ', n),
    "run_on": lambda n: _repeat('"yes" he said "no" she said ', n),
    "unbalanced": lambda n: _repeat('" ', n),
    "openers": lambda n: _repeat("“we ", n),
    "mixed": _mixed,
    "named": lambda n: _named(n, "\n"),
    "named_one": lambda n: _named(n, " "),
    "no_cue": _no_cue,
}


def cpu(fn, repeat: int = 1) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t)
    return best, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="4,8,16,32,50", help="KB of body text (comma-separated)")
    ap.add_argument("--shapes", default="all", help="comma-separated, of: " + ", ".join(SHAPES))
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of find_quotes per point (best counts)"
    )
    ap.add_argument(
        "--extract",
        action="store_true",
        help="also time the whole extraction (places, people, quotes)",
    )
    ap.add_argument("--json", help="write every figure to this file")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = list(SHAPES) if args.shapes == "all" else args.shapes.split(",")

    import archive
    from archive import nlp as nlp_mod
    from archive.extract.people.mentions import find_people
    from archive.extract.places.resolve import find_places
    from archive.extract.quotes.find import find_quotes
    from archive.pipeline.extraction import extract_parsed, preload
    from archive.records import CleanArticle, RawDocument

    nlp = nlp_mod.load()
    preload()
    print(
        f"# archive from {Path(archive.__file__).parent}; CPU seconds (process_time); ms/KB "
        "per size",
        file=sys.stderr,
    )
    rows = []
    for shape in shapes:
        for kb in sizes:
            body = SHAPES[shape](kb * 1000)
            size_kb = len(body) / 1000
            t_parse, doc = cpu(lambda: nlp(body))
            places = find_places(body, doc)
            people = find_people(body, doc, places=places)
            t_quotes, quotes = cpu(lambda: find_quotes(body, doc, people), args.repeat)
            row = {
                "shape": shape,
                "kb": round(size_kb, 1),
                "parse_s": t_parse,
                "quotes_s": t_quotes,
                "n_quotes": len(quotes),
                "n_tokens": len(doc),
            }
            if args.extract:
                raw = RawDocument(path="bench.txt", name="bench.txt", raw_text=body, format="text")
                article = CleanArticle(title="", body=body)
                row["extract_s"], _ = cpu(lambda: extract_parsed(raw, article, doc))
            rows.append(row)
            print(
                f"{shape:<11} {size_kb:5.1f} KB  parse {t_parse:6.2f} s  quotes {t_quotes:7.3f} s"
                + (f"  extract {row['extract_s']:6.2f} s" if args.extract else "")
                + f"  ({len(quotes)} quotes)",
                file=sys.stderr,
                flush=True,
            )

    titles = {
        "quotes": "find_quotes",
        "parse": "spaCy parse",
        "extract": "extract_parsed (places, people, quotes)",
    }
    for c in ["quotes", "parse"] + (["extract"] if args.extract else []):
        print(f"\n{titles[c]}: ms of CPU per KB of text")
        print(f"{'shape':<11}" + "".join(f"{str(kb) + ' KB':>9}" for kb in sizes) + f"{'grow':>7}")
        for shape in shapes:
            per = [1000 * r[c + "_s"] / r["kb"] for r in rows if r["shape"] == shape]
            grow = per[-1] / per[0] if per[0] > 0 else float("nan")
            print(f"{shape:<11}" + "".join(f"{p:9.1f}" for p in per) + f"{grow:7.1f}")
    quotes_share = sum(r["quotes_s"] for r in rows) / max(sum(r["parse_s"] for r in rows), 1e-9)
    print(f"\nfind_quotes / parse, all points: {quotes_share:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
