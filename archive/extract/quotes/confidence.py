"""How likely each quote's speaker is right: a small logistic model over facts of the attribution.

:func:`features` describes one kept quote by what a reader checking it would look at: the rule
that found its speaker (``QuoteRecord.how``), the kind of speaker (a name, a pronoun, a
description, an organisation), where the reporting verb stands and how far it is, how many other
people are named around the quote, whether the speaker shares a surname with someone else in the
article, how prominent the speaker is in the article. :func:`estimate` turns them into a
probability with the weights in ``data/confidence.json``, fitted on PolNeAR train (real news with
hand-annotated speakers) by ``benchmarks/train_confidence.py``, which rewrites that file
reproducibly from the fetched snapshot. The fit is calibrated: ``benchmarks/attribution.py``
prints the speaker accuracy per confidence band on PolNeAR dev.

A quote without a speaker gets the probability that a reader would find nobody named for it,
which on real news is low: it is a quote to check. No file or a file of another feature set
leaves the confidence None (the extractor still works).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from archive.extract.quotes.lexicon import PLURAL_PRONOUNS, PRONOUN_GENDER, SAID_SAYS_TOLD
from archive.extract.quotes.units import FoundQuote, mark_end, mark_start
from archive.kinds import QuoteKind, SpeakerKind
from archive.records import QuoteRecord

WEIGHTS = Path(__file__).parent / "data" / "confidence.json"
HOWS = (
    "cue",
    "signature",
    "account",
    "colon",
    "paragraph",
    "follow",
    "group",
    "echo",
    "repeat",
    "clause",
)
_PRONOUNS = frozenset({*PRONOUN_GENDER, *PLURAL_PRONOUNS, "i", "it", "his", "hers", "their"})
# the names of the features, in the order of the weights (the file records them and is refused
# when they differ)
FEATURES = (
    *(f"how={h}" for h in HOWS),
    "how=none",
    "speaker=unnamed",
    "speaker=organisation",
    "speaker=pronoun",
    "speaker=description",
    "kind=partial",
    "cue=said",
    "cue=after",
    "cue_distance",
    "others_in_paragraph",
    "others_in_sentence",
    "shared_surname",
    "speaker_share",
    "speaker_mentions",
    "quote_length",
    "paragraph_quotes",
    "first_paragraphs",
)


def features(att, fq: FoundQuote, quotes_in_paragraph: int) -> dict[str, float]:
    """The facts of one quote's attribution (``att``: the article's Attributor)."""
    rec = fq.record
    art = att.article
    view = art.view
    f = dict.fromkeys(FEATURES, 0.0)
    f[f"how={rec.how}" if rec.how in HOWS else "how=none"] = 1.0
    speaker_features(rec, f)
    f["kind=partial"] = float(rec.kind == QuoteKind.PARTIAL)
    f["cue=said"] = float((rec.cue or "").lower() in SAID_SAYS_TOLD)
    sp = fq.span
    start, end = mark_start(sp), mark_end(sp)
    cue = fq.attribution.cue_token if fq.attribution is not None else None
    if cue is not None and cue < len(view.toks):
        at = view.toks[cue].idx
        f["cue=after"] = float(at >= end)
        gap = at - end if at >= end else start - at
        f["cue_distance"] = math.log1p(max(gap, 0)) / 6
    ps, pe = art.paragraphs[sp.paragraph]
    speaker = rec.speaker if rec.speaker_kind == SpeakerKind.PERSON else None
    f["others_in_paragraph"] = others_named(art, ps, pe, speaker, 4)
    k = view.token_at(start)
    if k < len(view.toks):
        a, b = view.sent_range(k)
        f["others_in_sentence"] = others_named(
            art, view.toks[a].idx, view.toks[b - 1].end, speaker, 3
        )
    person_features(art, speaker, f)
    f["quote_length"] = math.log1p(len(rec.text)) / 7
    f["paragraph_quotes"] = min(quotes_in_paragraph - 1, 4) / 4
    f["first_paragraphs"] = float(sp.paragraph < 2)
    return f


def speaker_features(rec: QuoteRecord, f: dict[str, float]) -> None:
    """The kind of speaker, in ``f``: unnamed, an organisation, a pronoun, a description."""
    if rec.speaker_kind == SpeakerKind.UNNAMED:
        f["speaker=unnamed"] = 1.0
    elif rec.speaker_kind == SpeakerKind.ORGANISATION:
        f["speaker=organisation"] = 1.0
    written = (rec.speaker_text or "").strip()
    if written.lower() in _PRONOUNS:
        f["speaker=pronoun"] = 1.0
    elif written[:1].islower():
        f["speaker=description"] = 1.0  # "the senator", "a spokesman"


def person_features(art, speaker: int | None, f: dict[str, float]) -> None:
    """How the speaking person (an index into the article's people) stands out, in ``f``: a
    surname shared with someone else, their share of the mentions, how often named."""
    people = art.idx.people
    if speaker is None or speaker >= len(people):
        return
    surname = people[speaker].name.split()[-1:]
    f["shared_surname"] = float(
        bool(surname)
        and any(n != speaker and p.name.split()[-1:] == surname for n, p in enumerate(people))
    )
    counts = [len(p.mentions or []) for p in people]
    f["speaker_share"] = counts[speaker] / (sum(counts) or 1)
    f["speaker_mentions"] = math.log1p(counts[speaker]) / 4


def others_named(art, lo: int, hi: int, speaker: int | None, cap: int) -> float:
    """How many people other than the speaker are named in [lo, hi), as a share of ``cap``."""
    named = {m[2] for m in art.idx.between(lo, hi)} - {speaker}
    return min(len(named), cap) / cap


@lru_cache(maxsize=4)
def load_model(path: Path, names: tuple[str, ...]) -> tuple[tuple[float, ...], float] | None:
    """The weights and intercept fitted for the features ``names`` in the file ``path``; None
    without a usable file (missing, unreadable, or fitted for other features)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if tuple(data.get("features", ())) != names:
        return None
    return tuple(float(w) for w in data["weights"]), float(data["intercept"])


def logistic(model: tuple[tuple[float, ...], float] | None, names, f: dict[str, float]):
    """The model's probability for the features ``f`` (None without a model)."""
    if model is None:
        return None
    weights, intercept = model
    z = intercept + sum(w * f[name] for w, name in zip(weights, names))
    return round(1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))), 3)


def estimate(f: dict[str, float]) -> float | None:
    """The probability that the speaker is right (None without a model)."""
    return logistic(load_model(WEIGHTS, FEATURES), FEATURES, f)


# benchmarks/train_confidence.py sets a list here to collect (record, features) while it extracts
# the training articles in its own process; None otherwise
TRAINING_SINK: list | None = None


def fill_in(att, found: list[FoundQuote], kept: list[QuoteRecord]) -> None:
    """Set ``confidence`` on each kept record."""
    by_record = {id(fq.record): fq for fq in found}
    per_paragraph: dict[int, int] = {}
    for rec in kept:
        if rec.paragraph is not None:
            per_paragraph[rec.paragraph] = per_paragraph.get(rec.paragraph, 0) + 1
    for rec in kept:
        fq = by_record.get(id(rec))
        if fq is None:
            continue
        f = features(att, fq, per_paragraph.get(rec.paragraph, 1))
        rec.confidence = estimate(f)
        if TRAINING_SINK is not None:
            TRAINING_SINK.append((rec, f))
