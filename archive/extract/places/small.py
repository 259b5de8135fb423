"""Small places the scan leaves out: counties ("Franklin County", "Co Galway") and towns under
the scanning threshold ("Sandusky, Ohio", "near Sandusky", "Reno, a small town"). They are weak
mentions: resolution keeps them only when the article supports them (a region or country of
theirs is mentioned)."""

from __future__ import annotations

import re

from archive.extract.places.context import in_org_name, qualifier
from archive.extract.places.lexicon import APPOSITIVE, FUNCTION_WORDS, LOCATIVE, WEAK_LOCATIVE
from archive.extract.places.mention import Article, Found, Mention, key, mask
from archive.kinds import PlaceKind

_W = r"[A-Z][\w'’-]*"
_COUNTY_RE = re.compile(
    rf"(?<![\w'’-])(?:((?:{_W} ){{1,2}})"
    r"(County|Parish|District|district|county|Prefecture|prefecture)"
    rf"|(County|Co\.?) ({_W}))(?![\w-])"
)
_SMALL_TOKEN = re.compile(rf"(?<![\w'’.-])({_W})(?![\w'’-])")


def small_places(art: Article, found: Found) -> None:
    """Add counties, then small towns with a qualifier, a locative or an appositive, to
    ``found``."""
    mentions = found.mentions
    # the explicit "County" outweighs a PERSON tag
    own = mask(len(art.body), [(m.start, m.end) for m in mentions])
    new = _counties(art, own)
    _towns(art, found, own, new)
    mentions.extend(new)


def _counties(art: Article, own: bytearray) -> list[Mention]:
    """ "Franklin County", "County Galway", "Co Galway" (marked in ``own`` as they are found)."""
    body, g = art.body, art.g
    new: list[Mention] = []
    for c in _COUNTY_RE.finditer(body):
        if own[c.start()] or own[c.end() - 1]:
            continue
        if c.group(1):
            words = c.group(1).split()
            while words and words[0] in FUNCTION_WORDS:
                words = words[1:]
            if not words or all(key(w) in g.not_place_words for w in words):
                continue  # "Southern District of Ohio"
            name = " ".join(words)
            start = c.start(2) - len(name) - 1
            query = f"{name} {c.group(2)}"
        else:
            start, name = c.start(), c.group(4)
            query = f"County {name}"
        end = c.end()
        if in_org_name(body, start, end):
            continue
        cands = g.lookup(query, small=False)
        if cands and cands[0].level <= 1:
            m = Mention(
                start,
                end,
                body[start:end],
                [x for x in cands if x.kind == PlaceKind.REGION] or cands,
                "region",
            )
        else:
            cands = [x for x in g.lookup(query, small=True) if x.kind == PlaceKind.REGION]
            if not cands:
                continue
            m = Mention(start, end, body[start:end], cands)
            m.weak = m.support = True
        new.append(m)
        own[start:end] = b"\x01" * (end - start)
    return new


def _lone_entities(art: Article, own: bytearray) -> set[int]:
    """Starts of single-word PERSON/ORG entities that may still be towns when the text says so
    ("Reno, a small town"); a word of a longer PERSON name elsewhere is not."""
    if art.doc is None:
        return set()
    persons: set[str] = set()
    for ent in art.doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            persons.update(t.text for t in ent)
    return {
        ent.start_char
        for ent in art.doc.ents
        if ent.label_ in ("PERSON", "ORG")
        and len(ent) == 1
        and not own[ent.start_char]
        and ent.text not in persons
    }


def _towns(art: Article, found: Found, own: bytearray, new: list[Mention]) -> None:
    """Capitalised words that are small towns of the gazetteer, after a locative ("near
    Sandusky") or before a qualifier ("Sandusky, Ohio") or an appositive ("Reno, a small
    town"); appended to ``new``."""
    body, g, propn = art.body, art.g, art.propn
    taken = mask(len(body), [(m.start, m.end) for m in found.mentions + new] + found.blocked)
    lone = _lone_entities(art, own)
    for t in _SMALL_TOKEN.finditer(body):
        s0, e0 = t.span()
        if t.group(1).isupper() or t.group(1) in FUNCTION_WORDS:
            continue
        if propn is not None and s0 not in propn:
            continue
        if (taken[s0] or taken[e0 - 1]) and s0 not in lone:
            continue
        if any(m.start <= s0 < m.end for m in new):
            continue
        qual = qualifier(body, e0, g)
        appos = bool(APPOSITIVE.match(body, e0))
        loc = bool(LOCATIVE.search(body, max(0, s0 - 12), s0))
        if not qual and not loc and not appos:
            continue
        if s0 in lone and (
            taken[s0] and not qual and not appos and WEAK_LOCATIVE.search(body, max(0, s0 - 12), s0)
        ):
            continue
        k = key(t.group(1))
        if k in g.not_place_words or len(k) < 3:
            continue
        cands = [x for x in g.candidates(k, small=True) if x.kind == PlaceKind.CITY]
        if qual is not None:
            cands = [
                x
                for x in cands
                if x.region_id == qual.gazetteer_id
                or (qual.kind == PlaceKind.COUNTRY and x.country_code == qual.country_code)
            ]
        if not cands or in_org_name(body, s0, e0):
            continue
        m = Mention(s0, e0, t.group(1), cands)
        m.weak, m.support = True, qual is not None or appos
        new.append(m)
