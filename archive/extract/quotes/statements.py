"""The same statement reported by several outlets (pure helpers for cross-outlet grouping).

"difficult but businesslike" / "difficult, but business-like" / "were difficult but businesslike"
are one statement; so are "Ukraine better come to the table, fast." and "Ukraine better come to
the table fast. That's all I'm telling you." The store step combines this with "same speaker".
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz import fuzz

_APOS = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-", "–": "-", "—": " "}
)
_HYPHEN_JOIN = re.compile(r"(?<=\w)-(?=\w)")
_NON_WORD = re.compile(r"[^\w\s']|(?<!\w)'|'(?!\w)")

MIN_CONTAINED_TOKENS = 3  # a contained statement must have at least this many tokens ...
MIN_CONTAINED_CHARS = 15  # ... and this many characters (so "not fair" only matches exactly)
FUZZY_MIN_TOKENS = 5
FUZZY_RATIO = 92.0


def statement_tokens(text: str) -> list[str]:
    return list(_tokens(text))


# Cached: the store compares each new quote with every statement of its speaker, and the
# extractors compare each quote with the ones before it, so the same texts come back often.
@functools.lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    s = unicodedata.normalize("NFKC", text or "").translate(_APOS).lower()
    s = _HYPHEN_JOIN.sub("", s)  # business-like -> businesslike
    s = _NON_WORD.sub(" ", s)
    s = s.replace("'", "")  # that's -> thats
    return tuple(s.split())


@functools.lru_cache(maxsize=8192)
def statement_key(text: str) -> str:
    """Normalised tokens: case, punctuation, curly marks and hyphens do not matter."""
    return " ".join(_tokens(text))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def same_statement(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` report the same words: identical after normalisation, one contained
    in the other (the contained one long enough), or near-identical long texts."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if (
        len(short) >= MIN_CONTAINED_TOKENS
        and len(" ".join(short)) >= MIN_CONTAINED_CHARS
        and _contains(long_, short)
    ):
        return True
    if len(short) >= FUZZY_MIN_TOKENS:
        ka, kb = " ".join(ta), " ".join(tb)
        if fuzz.ratio(ka, kb) >= FUZZY_RATIO:
            return True
        # near-identical text inside a longer report ("..., fast. That's all I'm telling you.")
        if len(short) >= 6 and fuzz.partial_ratio(" ".join(short), " ".join(long_)) >= 95:
            return True
    return False
