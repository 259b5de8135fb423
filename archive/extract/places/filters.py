"""Mentions that are no places, dropped before resolution: celestial bodies ("Mars"), time zones
("EST"), court and electoral districts ("the Southern District"), a region abbreviation that
qualifies nothing ("Sen. X (Pa.)"), organisations and publications taken for buildings ("the
Charlotte Observer"), and the surname of a person of the article ("Bolton said") unless the text
says it is a place ("in Bolton", "Bolton, England")."""

from __future__ import annotations

from archive.extract.places.lexicon import (
    CELESTIAL,
    NOT_FACILITY_WORDS,
    NOT_PLACE_DISTRICT,
    SURNAME_LOCATIVE,
    TIME_ZONES,
)
from archive.extract.places.mention import Article, Mention, key
from archive.kinds import PlaceKind


def not_places(art: Article, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without the ones that are no places."""
    surnames = _surnames(art)
    return [m for m in mentions if m.hint == "qualified" or not _no_place(art, m, surnames)]


def _no_place(art: Article, m: Mention, surnames: set[str]) -> bool:
    text = m.text
    k = key(text)
    if k in CELESTIAL or text in TIME_ZONES or NOT_PLACE_DISTRICT.match(text):
        return True
    if text in art.g.abbreviations or text.rstrip(".") + "." in art.g.abbreviations:
        return True  # an abbreviation that qualifies no town: "Charlie Dent (Pa.)"
    c = m.cands[0] if m.cands else None
    if c is not None and c.kind == PlaceKind.OTHER and m.ctx:
        words = k.split()
        if words and words[-1] in NOT_FACILITY_WORDS:
            return True
    if k in surnames and not SURNAME_LOCATIVE.search(art.body, max(0, m.start - 16), m.start):
        # a country by its own name stays ("Jordan" of Michael Jordan is no country alias)
        return not (c is not None and c.level == 0 and key(c.name) == k)
    return False


def _surnames(art: Article) -> set[str]:
    """name keys of the last words of the article's people named by two words or more."""
    if art.doc is None:
        return set()
    out = set()
    for e in art.doc.ents:
        if e.label_ == "PERSON" and len(e) >= 2:
            last = e[-1].text
            if last in ("'s", "’s") and len(e) >= 3:
                last = e[-2].text
            if last[:1].isupper():
                out.add(key(last))
    return out
