"""Shared by test_people.py and test_identity.py: run find_people on the seeds, score like
score.py."""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "fixtures" / "gold_seeds.json"
SCORE_PY = ROOT.parent / "shared" / "tools" / "score.py"


def _local_entity_score(g: dict, s: dict):
    """Copy of score.py's people rule (used when shared/ is not beside the repository)."""
    punct = re.compile(r"[^\w\s]")

    def norm(x):
        if not x:
            return ""
        x = unicodedata.normalize("NFKC", x)
        x = x.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        return " ".join(punct.sub(" ", x.lower()).split())

    best = 0.0
    for a in [g.get("name") or ""] + list(g.get("aliases") or []):
        for b in [s.get("name") or ""] + list(s.get("aliases") or []):
            na, nb = norm(a), norm(b)
            if len(na) > 1 and len(nb) > 1:
                best = max(best, 1.0 if na == nb else SequenceMatcher(None, na, nb).ratio())
    return best if best >= 0.9 else None


@functools.lru_cache(maxsize=1)
def scorer():
    """(entity_score, greedy_match) from score.py (the copy in tests/, else shared/tools/),
    or the local copy of the rule."""
    vendored = Path(__file__).with_name("scoring.py")
    if vendored.exists() or SCORE_PY.exists():
        path = vendored if vendored.exists() else SCORE_PY
        spec = importlib.util.spec_from_file_location("archive_score_py", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod.entity_score, mod.greedy_match
    return _local_entity_score, _greedy


def _greedy(gold, sys_, score):
    cands = sorted(
        (
            (v, i, j)
            for i, g in enumerate(gold)
            for j, s in enumerate(sys_)
            if (v := score(g, s)) is not None
        ),
        reverse=True,
    )
    ug, us, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in ug and j not in us:
            ug.add(i)
            us.add(j)
            pairs.append((i, j))
    return pairs


@functools.lru_cache(maxsize=1)
def seed_people():
    """[(file, body, gold_article, [PersonEntity])] for every seed, in file order."""
    from archive import nlp
    from archive.extract.people.mentions import find_people
    from archive.extract.places.resolve import find_places

    gold = {a["file"]: a for a in json.loads(GOLD.read_text(encoding="utf-8"))["articles"]}
    pipe = nlp.load()
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        g = gold[path.name]
        doc = pipe(body)
        places = find_places(body, doc)  # as the real pipeline does
        people = find_people(body, doc, places=places, exclude=g["authors"] + g["photographers"])
        out.append((path.name, body, g, people))
    return out
