"""The read side's name matching: how a looked-up name ("Mr Putin", "Zelenskiy") scores
against a stored name or alias. Pure functions, no database.

The notion of a personal name is :mod:`archive.names`: folding (:func:`archive.names.fold.
fold_name`), identity keys (:func:`archive.names.identity.person_key`) and the honorific and
title words a look-up drops from the front of a name (:data:`archive.names.lexicon.HONORIFICS`).
This module only turns them into tokens and scores. The identity keys and rapidfuzz are
imported on first use: every query command imports this module (through
:mod:`archive.query.people`), and most look no name up.
"""

from __future__ import annotations

import functools
import re

from archive.names.fold import fold_name
from archive.names.lexicon import HONORIFICS

# Score tiers: the same name, a surname or subset of the name's words, a spelling variant.
EXACT, SURNAME, FUZZY_MIN = 100.0, 95.0, 85.0
FILTER_MIN = 90.0  # spelling variants included by filters such as --speaker

_NON_TOKEN = re.compile(r"[^a-z0-9]+")


def name_tokens(name: str) -> list[str]:
    """Lowercased ASCII tokens of a name without leading honorifics/titles ("Mr Putin" -> putin)."""
    tokens = [t for t in _NON_TOKEN.split(fold_name(name).replace("'", "")) if t]
    while len(tokens) > 1 and tokens[0] in HONORIFICS:
        tokens.pop(0)
    # drop single-letter initials in the middle ("Vladimir V. Putin")
    if len(tokens) > 2:
        tokens = [tokens[0], *[t for t in tokens[1:-1] if len(t) > 1], tokens[-1]]
    return tokens


@functools.lru_cache(maxsize=200_000)
def identity_key(name: str) -> str | None:
    """The identity key of NAME (:func:`archive.names.identity.person_key`), None when it has
    none; cached, since the same stored forms are compared on every look-up."""
    from archive.names.identity import person_key

    return person_key(name) or None


@functools.lru_cache(maxsize=200_000)
def _form_tokens(form: str) -> tuple[str, ...]:
    """name_tokens of a stored name or alias, cached (the same forms are scored every look-up)."""
    return tuple(name_tokens(form))


def score(qtokens: list[str], qkey: str | None, form: str) -> float:
    """How well a stored FORM (a name or alias) matches a looked-up name, given as its
    :func:`name_tokens` QTOKENS and :func:`identity_key` QKEY: EXACT, SURNAME, or a spelling
    variant's rapidfuzz score below SURNAME."""
    ftokens = list(_form_tokens(form))
    if not ftokens or not qtokens:
        return 0.0
    from rapidfuzz import fuzz

    if ftokens == qtokens or (qkey is not None and identity_key(form) == qkey):
        return EXACT
    q, f = " ".join(qtokens), " ".join(ftokens)
    if qtokens[-1] == ftokens[-1] and set(qtokens) <= set(ftokens):
        return SURNAME  # "Putin" / "Mr Putin" -> "Vladimir Putin"
    if set(ftokens) <= set(qtokens) and ftokens[-1] == qtokens[-1] and len(ftokens) > 1:
        return SURNAME  # "Vladimir Vladimirovich Putin" -> "Vladimir Putin"
    best = max(fuzz.ratio(q, f), fuzz.token_sort_ratio(q, f))
    if len(qtokens) == 1:  # a surname alone against the form's surname ("Zelenskyy")
        best = max(best, fuzz.ratio(qtokens[0], ftokens[-1]) * 0.97)
    elif len(qtokens) == len(ftokens) and qtokens[:-1] == ftokens[:-1]:
        best = max(best, fuzz.ratio(qtokens[-1], ftokens[-1]) * 0.97)
    return min(best, SURNAME - 1)
