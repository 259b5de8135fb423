"""How likely the speaker of a piece of reported speech is right: a logistic model of its own.

Reported speech (kind ``indirect``, :mod:`archive.extract.quotes.reported`) is attributed by
other rules than quotations, so it has its own features and its own weights
(``data/confidence_indirect.json``), fitted on PolNeAR train by ``benchmarks/train_confidence.py
--kind indirect`` against the gold reported speech, and checked per confidence band on PolNeAR
dev by ``benchmarks/attribution.py``. No file, or a file of other features, leaves the
confidence None.
"""

from __future__ import annotations

import math
from pathlib import Path

from archive.extract.quotes import confidence
from archive.extract.quotes.confidence import (
    load_model,
    logistic,
    others_named,
    person_features,
    speaker_features,
)
from archive.extract.quotes.lexicon import (
    ACCORDING_TO,
    SAID_SAYS_TOLD,
)
from archive.kinds import SpeakerKind
from archive.records import QuoteRecord

WEIGHTS = Path(__file__).parent / "data" / "confidence_indirect.json"
FEATURES = (
    "speaker=unnamed",
    "speaker=organisation",
    "speaker=pronoun",
    "speaker=description",
    "cue=said",
    "cue=according",
    "cue=after",
    "cue_distance",
    "others_in_sentence",
    "others_in_paragraph",
    "shared_surname",
    "speaker_share",
    "speaker_mentions",
    "content_length",
    "quoted_share",
    "first_paragraphs",
)


def features(att, rec: QuoteRecord, cue: int, lemma: str) -> dict[str, float]:
    """The facts of one reported statement's attribution (``cue``: its verb's token)."""
    art = att.article
    view = art.view
    f = dict.fromkeys(FEATURES, 0.0)
    speaker_features(rec, f)
    f["cue=said"] = float(view.toks[cue].lower in SAID_SAYS_TOLD)
    f["cue=according"] = float(lemma == ACCORDING_TO)
    at = view.toks[cue].idx
    f["cue=after"] = float(at >= rec.end)
    gap = at - rec.end if at >= rec.end else max(rec.start - at, 0)
    f["cue_distance"] = math.log1p(gap) / 6
    speaker = rec.speaker if rec.speaker_kind == SpeakerKind.PERSON else None
    a, b = view.sent_range(cue)
    f["others_in_sentence"] = others_named(art, view.toks[a].idx, view.toks[b - 1].end, speaker, 3)
    ps, pe = art.paragraphs[rec.paragraph or 0]
    f["others_in_paragraph"] = others_named(art, ps, pe, speaker, 4)
    person_features(art, speaker, f)
    f["content_length"] = math.log1p(len(rec.text)) / 7
    toks = view.tokens_in(rec.start, rec.end)
    f["quoted_share"] = sum(art.in_quote[k] for k in toks) / (len(toks) or 1)
    f["first_paragraphs"] = float((rec.paragraph or 0) < 2)
    return f


def estimate(f: dict[str, float]) -> float | None:
    """The probability that the speaker is right (None without a model)."""
    return logistic(load_model(WEIGHTS, FEATURES), FEATURES, f)


def fill_in(att, rec: QuoteRecord, cue: int, lemma: str) -> None:
    """Set the record's ``confidence`` (and hand its features to a training run, as
    :func:`archive.extract.quotes.confidence.fill_in` does)."""
    f = features(att, rec, cue, lemma)
    rec.confidence = estimate(f)
    if confidence.TRAINING_SINK is not None:
        confidence.TRAINING_SINK.append((rec, f))
