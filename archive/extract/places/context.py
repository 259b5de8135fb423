"""What the words around a name say about it: part of an organisation name ("University of
Michigan"), a qualifier after it ("Paris, Texas"), a region or city word ("Donetsk region",
"Galway city"), a locative before it ("in Reno"), a facility used as a location."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from archive.extract.places import gazetteer
from archive.extract.places.gazetteer import Candidate, Gazetteer, name_key
from archive.extract.places.lexicon import (
    DEMONYM,
    DEMONYM_ENDINGS,
    FACILITY_BEFORE,
    FEATURE_HEADS,
    FUNCTION_WORDS,
    JOINING_LOCATIVE,
    LIST_OF_PLACES,
    LOCATIVE,
    METONYMS,
    ORG_BEFORE,
    ORG_CONNECT,
    ORG_HEADS,
    SPAN_JOINERS,
)
from archive.extract.places.mention import Mention, clean_name
from archive.extract.places.runs import NEXT
from archive.kinds import PlaceKind
from archive.names.dictionary import is_english_word

MISTAG_MIN_POPULATION = 500_000  # a city this big tagged PERSON/ORG is still the city
_ORG_TOKEN = re.compile(r"(?:[ \t]|['’]s[ \t])([A-Za-z&][\w&'’.-]*)")
_QUAL_AFTER = re.compile(r",[ \t]+((?:[A-Z][\w.'’-]*)(?:[ \t][A-Z][\w.'’-]*){0,2})")
_CITY_AFTER = re.compile(r"[ \t]+city\b")
_QUALIFIER_KINDS = (PlaceKind.REGION, PlaceKind.COUNTRY)
_LIST_JOIN_AFTER = re.compile(r",?[ \t]+(?:and|or)[ \t]+|,[ \t]+")
_LIST_JOIN_BEFORE = re.compile(r"(?:,?[ \t]+(?:and|or)|,)[ \t]+$")


def after_locative(body: str, start: int) -> bool:
    """A locative ("in", "near", ...) right before ``start``."""
    return bool(LOCATIVE.search(body[max(0, start - 12) : start]))


def after_place_locative(body: str, start: int) -> bool:
    """A locative that says a place follows ("in", "near", "and" in a list of places; not
    "with", which joins people and companies too: "in an email to Quanta", "shared with
    Quanta")."""
    m = LOCATIVE.search(body[max(0, start - 12) : start])
    return bool(m) and m.group().split()[0].lower() != "with"


def country_branch(text: str, g: Gazetteer, doc: Any) -> bool:
    """TEXT, a name the gazetteer does not know, is a company's branch in a country ("Yahoo
    Japan", "RT America"): its last word is a country, the words before it are no direction or
    sea ("Northern Japan", "Eastern Ukraine", "Atlantic Canada": a part of it) and name an
    organisation of the article ("Yahoo" tagged ORG; not "Nazi Germany", "White America")."""
    words = text.split()
    if len(words) < 2 or words[0].lower() in _DIRECTIONS:
        return False
    cands = g.lookup(words[-1], small=False)
    if not (cands and cands[0].kind == PlaceKind.COUNTRY and cands[0].level == 0):
        return False
    brand = " ".join(words[:-1])
    return doc is not None and any(e.label_ == "ORG" and e.text == brand for e in doc.ents)


_DIRECTIONS = frozenset(
    "north northern south southern east eastern west western central middle upper lower "
    "greater rural coastal inner outer northeast northwest southeast southwest atlantic pacific "
    "arctic mainland continental".split()
)


def common_unknown(text: str, g: Gazetteer) -> bool:
    """TEXT is one common word the gazetteer knows no place of, not even a small one
    ("Building 24", "Photos" the app): no unknown place (the model tagged a word) unless the
    text says it is one (entities._said_place: the dictionary has place names too, "Acapulco",
    "Vegas")."""
    return " " not in text.strip() and is_english_word(text) and not g.lookup(text, small=True)


def in_org_name(body: str, start: int, end: int) -> bool:
    """A place name inside an organisation name: "University of Michigan", "Southern District of
    Ohio", "Nova Scotia Community College", "Texas Water Development Board", "FBI's Cincinnati
    field office", "U.S. District Judge"."""
    if ORG_BEFORE.search(body, max(0, start - 40), start):
        return True
    pos, n = end, 0
    while n < 6:
        m = _ORG_TOKEN.match(body, pos)
        if not m:
            return False
        w = m.group(1)
        low = w.lower().rstrip(".")
        if w[0].islower():
            if low == "field" and body.startswith(" office", m.end()):
                return True
            if low not in ORG_CONNECT:
                return False
        elif low in ORG_HEADS:
            return True
        pos, n = m.end(), n + 1
    return False


def facility_context(body: str, start: int, text: str) -> bool:
    """A named building or landmark used as a location ("at Paris City Hall"), not a seat of
    government standing for its occupants ("the White House said")."""
    k = name_key(clean_name(text))
    if k in METONYMS or not k or len(k) < 4:
        return False
    return (
        bool(FACILITY_BEFORE.search(body, max(0, start - 16), start))
        and text[0].isupper()
        or (
            text[:4].lower() == "the "
            and bool(FACILITY_BEFORE.search(body, max(0, start - 12), start + 4))
        )
    )


def feature_word(text: str) -> bool:
    """The name has a physical-feature word ("Black Sea", "Amazon basin")."""
    return any(w in FEATURE_HEADS for w in name_key(text).split())


def unknown_ok(text: str) -> bool:
    """An entity span the gazetteer does not know may still be a place: not an acronym, a
    demonym ("Ukrainian"), a function word or a number."""
    if len(text) < 3 or not text[0].isupper() or text.isupper() or any(ch.isdigit() for ch in text):
        return False
    words = text.split()
    if words[0] in FUNCTION_WORDS:
        return False
    if any(w in SPAN_JOINERS for w in words[1:]):
        return False  # a span run over two names ("the Netherlands with Duisburg")
    if "-" in text and any(p.endswith(DEMONYM_ENDINGS) for p in text.split("-")):
        return False  # "Turkish-Gulf accords"
    return not (len(words) == 1 and DEMONYM.search(text) and text.endswith(DEMONYM_ENDINGS))


def qualifier_after(body: str, end: int, g: Gazetteer) -> bool:
    """A region or country follows after a comma ("Sandusky|, Ohio")."""
    m = _QUAL_AFTER.match(body, end)
    if not m:
        return False
    words = m.group(1).split()
    if words[0] in g.region_codes or any(
        " ".join(words[:w]) in g.abbreviations for w in range(1, len(words) + 1)
    ):
        return True
    return leads_with_region(words, g)


def leads_with_region(words: list[str], g: Gazetteer) -> bool:
    """The first of ``words`` name a region or a country ("New Mexico", "Ohio.")."""
    for w in range(len(words), 0, -1):
        cands = g.lookup(" ".join(words[:w]).rstrip("."), small=False)
        if cands and cands[0].kind in _QUALIFIER_KINDS:
            return True
    return False


def qualifier(body: str, end: int, g: Gazetteer) -> Candidate | None:
    """The well-known region or country after a comma ("Sandusky|, Ohio"), or None."""
    m = _QUAL_AFTER.match(body, end)
    if not m:
        return None
    words = m.group(1).split()
    for w in range(len(words), 0, -1):
        text = " ".join(words[:w])
        abbr = g.abbreviations.get(text) or (g.region_codes.get(text) if w == 1 else None)
        if abbr is not None:
            return abbr
        text = text.rstrip(".")
        cands = g.lookup(text, small=False) if gazetteer.is_place_name(text) else []
        if cands and cands[0].kind in _QUALIFIER_KINDS:
            return cands[0]
    return None


def mistagged_place(text: str, g: Gazetteer, before: str, label: str = "PERSON") -> bool:
    """A PERSON/ORG entity that is really a well-known place ("Kyiv", "Crimea", "around
    Shrewsbury"), not a company or person named after a town ("shares of Toyota", "customers
    to Toyota", "GoDaddy ... and Toyota": a locative word alone does not make an ORG a place)."""
    if not gazetteer.is_place_name(text):
        return False
    cands = g.lookup(text, small=False)
    if not cands:  # a name of the place-name list the gazetteer has no entry for ("Buckeye State")
        return False
    c = cands[0]
    if c.level <= 1 or c.population >= MISTAG_MIN_POPULATION or LIST_OF_PLACES.search(before):
        return True
    before = before[-12:]
    return bool(LOCATIVE.search(before)) and not (
        label == "ORG" and JOINING_LOCATIVE.search(before)
    )


def tagged_place_often(doc: Any, text: str, body: str, start: int) -> bool:
    """A word that is also a name or an English word ("Phoenix", "Victoria", "Nice") is the place
    when the model tags it GPE at least twice in the article, or once after a locative ("in")."""
    if not text[:1].isupper():
        return False
    if after_locative(body, start):
        return True
    return _gpe_counts(doc)[text] >= 2 or _listed_with_places(doc, body, start, start + len(text))


def _listed_with_places(doc: Any, body: str, start: int, end: int) -> bool:
    """ "New York City but also Buffalo, Rochester": a member of a list of places (the entity
    next to it, after ", " or "and", is tagged a place too)."""
    spans = doc.user_data.get("archive_gpe_spans")
    if spans is None:
        spans = doc.user_data["archive_gpe_spans"] = (
            {e.start_char for e in doc.ents if e.label_ == "GPE"},
            {e.end_char for e in doc.ents if e.label_ == "GPE"},
        )
    starts, ends = spans
    after = _LIST_JOIN_AFTER.match(body, end)
    if after and after.end() in starts:
        return True
    before = _LIST_JOIN_BEFORE.search(body, max(0, start - 8), start)
    return bool(before) and before.start() in ends


def _gpe_counts(doc: Any) -> Counter:
    """How often each text is tagged GPE in ``doc`` (computed once per document)."""
    counts = doc.user_data.get("archive_gpe_counts")
    if counts is None:
        counts = Counter(e.text for e in doc.ents if e.label_ == "GPE")
        doc.user_data["archive_gpe_counts"] = counts
    return counts


def region_suffix(
    body: str, end: int, cands: list[Candidate], g: Gazetteer
) -> tuple[list[Candidate], int] | None:
    """ "Donetsk| region": (region candidates, new end) when a region word follows, else None."""
    nxt = NEXT.match(body, end)
    if nxt and nxt.group(1).lower() in g.region_words and "," not in body[end : nxt.start(1)]:
        regions = [c for c in cands if c.kind == PlaceKind.REGION]
        if regions:
            return regions, nxt.end()
    return None


def city_suffix(body: str, end: int, m: Mention) -> str | None:
    """ "Galway city": the city reading of a name that is also a region (narrows ``m.cands``)."""
    if _CITY_AFTER.match(body, end):
        cities = [c for c in m.cands if c.kind == PlaceKind.CITY]
        if cities and len(cities) < len(m.cands):
            m.cands = cities
            return "city"
    return None


def named_mention(
    body: str, start: int, end: int, cands: list[Candidate], g: Gazetteer, hint: str | None
) -> Mention:
    """A mention of a well-known name, with "X region" / "X city" after it taken in."""
    suffix = None if hint else region_suffix(body, end, cands, g)
    if suffix:
        (cands, end), hint = suffix, "region"
    m = Mention(start, end, body[start:end], cands, hint)
    m.hint = hint or city_suffix(body, end, m)
    return m
