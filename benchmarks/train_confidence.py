"""Fit the attribution confidence (``archive/extract/quotes/data/confidence.json``) on PolNeAR.

    .venv/bin/python benchmarks/train_confidence.py --polnear GIT_DIR [--shared ../shared]
                                                    [--split train] [--l2 1.0] [--out FILE]
                                                    [--kind direct|indirect]

``--kind indirect`` fits the confidence of reported speech instead
(``data/confidence_indirect.json``, :mod:`archive.extract.quotes.reported_confidence`): its
records are matched to the gold "reported" list as the scorer matches them (token F1 >= 0.5).

``GIT_DIR`` is the snapshot the fetch tool gives for ``github:networkdynamics/PolNeAR``; the split
is converted by ``SHARED/tools/polnear.py`` into a scratch folder (never the test split). Every
article is read, cleaned and extracted in this process exactly as ``archive ingest`` does
(``archive.pipeline.extraction.extract_batch``) while
:data:`archive.extract.quotes.confidence.TRAINING_SINK` collects each kept quote's features. The
quotes are matched to the gold quotes as the scorer matches them (token F1 >= 0.8; gold speakers
given only as a pronoun are left out) and labelled right or wrong by the scorer's ``speaker_ok``.
A logistic regression with an L2 penalty (Newton's method, numpy) is fitted on those labels and
written with its feature names, the split, the number of quotes and the training accuracy.
The same snapshot and code give the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.extract.quotes import confidence, reported_confidence  # noqa: E402
from archive.kinds import QuoteKind  # noqa: E402
from archive.pipeline.extraction import Failure, extract_batch  # noqa: E402
from archive.readers.files import read_path  # noqa: E402
from archive.records import RawDocument  # noqa: E402
from benchmarks.attribution import UsageError, build_polnear, load_scorer, log  # noqa: E402

BATCH = 32


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--polnear", required=True, help="the fetched PolNeAR git dir")
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--split", default="train", choices=("train", "dev"))
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the weights")
    ap.add_argument("--kind", default="direct", choices=("direct", "indirect"))
    ap.add_argument("--out", help="default: the weights file of the kind")
    ap.add_argument("--cache", help="keep the features and labels in this JSON file (reused)")
    return ap.parse_args(argv)


def _documents(files: list[Path]) -> list[RawDocument]:
    docs = []
    for path in files:
        for doc in read_path(str(path)):
            if isinstance(doc, RawDocument):
                docs.append(doc)
    return docs


def _system_quote(ex, rec) -> dict:
    """The record as the export names it (the person's name, or the speaker as written)."""
    name = ex.people[rec.speaker].name if rec.speaker is not None else rec.speaker_text
    return {"text": rec.text, "speaker": name, "speaker_kind": str(rec.speaker_kind)}


@dataclass(frozen=True)
class Kind:
    """What one fit is about: the records (direct or indirect), their gold list, the match
    threshold, the feature names and the default weights file."""

    indirect: bool
    gold_list: str
    threshold: float
    features: tuple[str, ...]
    weights: Path


KINDS = {
    "direct": Kind(False, "quotes", 0.8, confidence.FEATURES, confidence.WEIGHTS),
    "indirect": Kind(
        True, "reported", 0.5, reported_confidence.FEATURES, reported_confidence.WEIGHTS
    ),
}


def labelled(
    scorer, gold: dict, docs: list[RawDocument], kind: Kind
) -> list[tuple[list[float], int]]:
    """(features, right) for every extracted quote matched to a gold quote with a named speaker."""
    by_file = {a["file"]: a for a in gold["articles"]}
    out: list[tuple[list[float], int]] = []
    for i in range(0, len(docs), BATCH):
        sink: list = []
        confidence.TRAINING_SINK = sink
        try:
            results = extract_batch(docs[i : i + BATCH])
        finally:
            confidence.TRAINING_SINK = None
        feats = {id(rec): f for rec, f in sink}
        for doc, ex in zip(docs[i : i + BATCH], results):
            if isinstance(ex, Failure) or doc.name not in by_file:
                continue
            out.extend(_article_pairs(scorer, by_file[doc.name], ex, feats, kind))
        log(f"  {min(i + BATCH, len(docs))}/{len(docs)} articles, {len(out)} quotes")
    return out


def _article_pairs(scorer, ga: dict, ex, feats: dict, kind: Kind) -> list[tuple[list[float], int]]:
    gq = ga.get(kind.gold_list) or []
    recs = [
        r for r in ex.quotes if id(r) in feats and (r.kind == QuoteKind.INDIRECT) == kind.indirect
    ]
    sq = [_system_quote(ex, r) for r in recs]

    def match(x, y):
        v = scorer.token_f1(x["text"], y["text"])
        return v if v >= kind.threshold else None

    out = []
    for gi, sj in scorer.greedy_match(gq, sq, match):
        if gq[gi].get("speaker_kind") == "unresolved":
            continue
        ok = scorer.speaker_ok(gq[gi], sq[sj], ga.get("people") or [])
        out.append(([feats[id(recs[sj])][n] for n in kind.features], int(ok)))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method; the intercept is not penalised."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[1:], float(w[0])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    kind = KINDS[args.kind]
    out = Path(args.out) if args.out else kind.weights
    shared = Path(args.shared)
    scorer = load_scorer(shared)
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        rows = [(r[0], r[1]) for r in json.loads(cache.read_text())]
    else:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                data = build_polnear(shared, args.polnear, args.split, Path(tmp))
            except UsageError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
            gold = json.loads(data.gold.read_text(encoding="utf-8"))
            rows = labelled(scorer, gold, _documents(data.files), kind)
        if cache is not None:
            cache.write_text(json.dumps(rows))
    x = np.array([r[0] for r in rows], dtype=float)
    y = np.array([r[1] for r in rows], dtype=float)
    weights, intercept = fit(x, y, args.l2)
    p = 1.0 / (1.0 + np.exp(-(x @ weights + intercept)))
    brier = float(np.mean((p - y) ** 2))
    model = {
        "about": f"archive.extract.quotes confidence of {args.kind} quotes: logistic weights, "
        f"fitted by benchmarks/train_confidence.py --kind {args.kind}",
        "split": f"PolNeAR {args.split}",
        "date": date.today().isoformat(),
        "quotes": len(rows),
        "speaker_accuracy": round(float(y.mean()), 4),
        "brier": round(brier, 4),
        "l2": args.l2,
        "features": list(kind.features),
        "weights": [round(float(w), 4) for w in weights],
        "intercept": round(intercept, 4),
    }
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    log(f"{len(rows)} quotes, accuracy {y.mean():.3f}, Brier {brier:.4f} -> {out}")
    for name, w in sorted(zip(kind.features, weights), key=lambda t: -abs(t[1])):
        print(f"{name:24} {w:+.3f}")
    print(f"{'intercept':24} {intercept:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
