"""Runs of capitalised words in the body, and the longest well-known place name over them."""

from __future__ import annotations

import re

from archive.extract.places.gazetteer import Candidate, Gazetteer
from archive.extract.places.mention import key

_UPPER = "".join(chr(c) for c in range(0x250) if chr(c).isupper())
# a capitalised word or an abbreviation ("U.S."), not preceded by a letter
CAP = re.compile(rf"(?<![^\W\d_])(?:[A-Z]\.(?:[A-Za-z]\.)+|[{_UPPER}][^\W\d_]*)")
# the next word of a name; what may stand between: spaces, a hyphen, an apostrophe, ", " before
# "D.C."
NEXT = re.compile(r"(?:[ \t]*[-'’]?[ \t]*|,[ \t])((?:[A-Za-z]\.){2,}|[^\W\d_]+)")
# the word before a name
PREV = re.compile(r"([^\W\d_]+)[ -]$")


def longest_at(body: str, start: int, g: Gazetteer) -> tuple[int, list[Candidate]] | None:
    """(end, candidates) of the longest well-known name starting at ``start`` ("Jammu and
    Kashmir" where spaCy tagged "Jammu"), or None."""
    m = CAP.match(body, start)
    if not m:
        return None
    t0, e0 = m.group(), m.end()
    k0 = key(t0)
    if g.scan_len.get(k0, 0) < 2:
        return None
    got = longest_prominent(body, e0, k0, t0, g, min_words=2)
    return (got[0], g.candidates(got[2], small=False)) if got else None


def longest_prominent(
    body: str, e0: int, k0: str, t0: str, g: Gazetteer, min_words: int = 1
) -> tuple[int, list[str], str] | None:
    """(end, words, key) of the longest prominent place name that starts with the word ``t0``
    ending at ``e0`` and runs over the next words (as far as the gazetteer's longest name with
    that first word), ending on a capitalised word; None when there is none."""
    parts = [(e0, k0, t0)]
    pos = e0
    while len(parts) < g.scan_len.get(k0, 0):
        nxt = NEXT.match(body, pos)
        if not nxt:
            break
        pos = nxt.end()
        parts.append((pos, key(nxt.group(1)), nxt.group(1)))
    for w in range(len(parts), min_words - 1, -1):
        last = parts[w - 1]
        if not last[2][0].isupper():
            continue
        k = " ".join(p[1] for p in parts[:w])
        if k in g.prominent:
            return last[0], [p[2] for p in parts[:w]], k
    return None


def is_place_word(word: str, g: Gazetteer) -> bool:
    """A word that is an acronym of a place or starts a well-known place name."""
    return bool(g.acronym(word)) or key(word) in g.scan_len
