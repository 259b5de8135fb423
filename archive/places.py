"""Geographic places in an article body: find mentions, resolve them against the gazetteer, merge
them into one :class:`PlaceEntity` per place.

Mentions come from (1) spaCy GPE/LOC/FAC entities when a Doc is given, resolved with the gazetteer,
and (2) a dictionary scan of capitalised token runs against the well-known names of the gazetteer
(countries, first-level regions, cities >= 50,000, curated places), which also catches places spaCy
mis-tags as PERSON/ORG ("Kyiv", "Crimea") and all-caps datelines ("GENEVA —"). A place name inside
a longer name (an outlet "The Moscow Times", a person "Denzel Washington", "Kyiv Independent") is
not a mention. "X region/oblast/province" mentions are the region X.

Ambiguous names are resolved by the gazetteer's default order (country > first-level region >
city by population, news defaults such as Washington -> Washington, D.C.) unless the article gives
context: a city of that region, another region of that country, "Paris, Texas", "Donetsk region".
"""
from __future__ import annotations

import functools
import re
from collections import Counter

from . import gazetteer
from .gazetteer import Candidate, name_key
from .records import PlaceEntity, Span

_UPPER = "".join(chr(c) for c in range(0x250) if chr(c).isupper())
# a capitalised word or an abbreviation ("U.S."), not preceded by a letter
_CAP = re.compile(rf"(?<![^\W\d_])(?:[A-Z]\.(?:[A-Za-z]\.)+|[{_UPPER}][^\W\d_]*)")
# the next word of a name; what may stand between: spaces, a hyphen, an apostrophe, ", " before "D.C."
_NEXT = re.compile(r"(?:[ \t]*[-'’]?[ \t]*|,[ \t])((?:[A-Za-z]\.){2,}|[^\W\d_]+)")
_PREV = re.compile(r"([^\W\d_]+)[ -]$")
_FUNCTION_WORDS = {
    "The", "A", "An", "In", "On", "At", "From", "To", "Of", "For", "By", "With", "And", "But", "Or", "As",
    "After", "Before", "While", "When", "Since", "Until", "Across", "Inside", "Outside", "Near", "Both",
    "Between", "Against", "Over", "Under", "Into", "Like", "If", "Meanwhile", "Then", "Why", "How",
    "What", "Where", "Who", "This", "That", "Its", "His", "Her", "Their", "Our", "Mr", "Ms", "Mrs",
}
MISTAG_MIN_POPULATION = 500_000
_LOCATIVE = re.compile(
    r"\b(?:in|at|from|to|near|around|outside|across|into|towards?|through|via|with|between|and)\s+$", re.I
)
_BLOCKING_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NORP", "FAC", "LANGUAGE"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


_key = functools.lru_cache(maxsize=1 << 16)(name_key)


class _Mention:
    __slots__ = ("start", "end", "text", "cands", "hint", "chosen")

    def __init__(self, start: int, end: int, text: str, cands: list[Candidate], hint: str | None = None):
        self.start, self.end, self.text, self.cands, self.hint = start, end, text, cands, hint
        self.chosen: Candidate | None = None


def find_places(body: str, doc=None) -> list[PlaceEntity]:
    """Places mentioned in ``body`` (``doc``: the spaCy Doc of body, or None to use the gazetteer
    scan alone). Offsets of every mention Span index ``body``."""
    g = gazetteer.load()
    mentions: list[_Mention] = []
    covered: list[tuple[int, int]] = []  # char ranges already taken or blocked
    blocked: list[tuple[int, int]] = []
    ner_place: list[tuple[int, int]] = []
    if doc is not None:
        _from_entities(body, doc, g, mentions, blocked, ner_place)
        covered = [(m.start, m.end) for m in mentions]
    _scan(body, g, mentions, covered, blocked, ner_place, doc)
    mentions.sort(key=lambda m: m.start)
    _resolve(mentions, body, g)
    return _merge(mentions)


# ---------------------------------------------------------------------------- mention finding
def _strip_ent(text: str, start: int) -> tuple[str, int]:
    """Drop a leading "the " and a trailing possessive/punctuation from an entity span."""
    if text[:4].lower() == "the ":
        text, start = text[4:], start + 4
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    text = text.rstrip(" \n\t,;:")
    return text, start


def _from_entities(body, doc, g, mentions, blocked, ner_place) -> None:
    for ent in doc.ents:
        label = ent.label_
        if label not in _PLACE_LABELS and label not in _BLOCKING_LABELS:
            continue
        text, start = _strip_ent(ent.text, ent.start_char)
        if not text or "\n" in text:
            if label in _BLOCKING_LABELS:
                blocked.append((ent.start_char, ent.end_char))
            continue
        if label in _PLACE_LABELS:
            ner_place.append((start, start + len(text)))
            cands = g.lookup(text, small=False)
            if cands and label != "FAC" and name_key(text) not in g.not_place_words:
                end = start + len(text)
                hint = "region" if name_key(text).split()[-1] in g.region_words else None
                suffix = None if hint else _region_suffix(body, end, cands, g)
                if suffix:
                    (cands, end), hint = suffix, "region"
                mentions.append(_Mention(start, end, body[start:end], cands, hint))
            elif label == "FAC":
                blocked.append((ent.start_char, ent.end_char))
        elif label in _BLOCKING_LABELS and not _mistagged_place(text, g, body[max(0, start - 12) : start]):
            blocked.append((ent.start_char, ent.end_char))


def _mistagged_place(text: str, g, before: str) -> bool:
    """A PERSON/ORG entity that is really a well-known place ("Kyiv", "Crimea", "around
    Shrewsbury"), not a company or person named after a town ("shares of Toyota")."""
    if not gazetteer.is_place_name(text):
        return False
    c = g.lookup(text, small=False)[0]
    return c.level <= 1 or c.population >= MISTAG_MIN_POPULATION or bool(_LOCATIVE.search(before))


def _region_suffix(body: str, end: int, cands: list[Candidate], g):
    """"Donetsk| region": (region candidates, new end) when a region word follows, else None."""
    nxt = _NEXT.match(body, end)
    if nxt and nxt.group(1).lower() in g.region_words and "," not in body[end : nxt.start(1)]:
        regions = [c for c in cands if c.kind == "region"]
        if regions:
            return regions, nxt.end()
    return None


def _mask(length: int, ranges: list[tuple[int, int]]) -> bytearray:
    m = bytearray(length + 1)
    for a, b in ranges:
        m[a:b] = b"\x01" * (b - a)
    return m


def _scan(body, g, mentions, covered, blocked, ner_place, doc) -> None:
    taken = _mask(len(body), covered + blocked)
    tagged = _mask(len(body), ner_place)
    propn = None
    if doc is not None:
        from spacy.attrs import IDX, POS
        from spacy.symbols import PROPN

        arr = doc.to_array([IDX, POS])
        propn = set(arr[arr[:, 1] == PROPN, 0].tolist())
    resume = 0
    for m in _CAP.finditer(body):
        s0, e0 = m.span()
        if s0 < resume or taken[s0]:
            continue
        t0 = m.group()
        cands = g.acronyms.get(t0.replace(".", "")) if t0.isupper() else None
        end, words = e0, [t0]
        if not cands:
            k0 = _key(t0)
            width = g.scan_len.get(k0, 0)
            if not width:
                continue
            # extend over the following tokens while a longer name is possible
            parts = [(e0, k0, t0)]
            pos = e0
            while len(parts) < width:
                nxt = _NEXT.match(body, pos)
                if not nxt:
                    break
                pos = nxt.end()
                parts.append((pos, _key(nxt.group(1)), nxt.group(1)))
            for w in range(len(parts), 0, -1):
                last = parts[w - 1]
                if not last[2][0].isupper():
                    continue
                key = " ".join(p[1] for p in parts[:w])
                if key in g.prominent:
                    cands = g.candidates(key, small=False)
                    end, words = last[0], [p[2] for p in parts[:w]]
                    break
            if not cands:
                continue
        resume = end
        if taken[end - 1] or not _plausible(body, s0, end, words, cands, g, doc, propn, tagged):
            continue
        hint = None
        suffix = _region_suffix(body, end, cands, g)
        if suffix:
            (cands, end), hint = suffix, "region"
            resume = end
        mentions.append(_Mention(s0, end, body[s0:end], cands, hint))


def _plausible(body, start, end, words, cands, g, doc, propn, tagged) -> bool:
    """Reject matches that are part of a longer proper name, or common words."""
    is_tagged = bool(tagged[start])
    single = len(words) == 1
    key = name_key(body[start:end])
    if single and key in g.not_place_words and not is_tagged:
        return False
    # followed by an outlet/organisation word: "Moscow Times", "Kyiv Independent", "Geneva Convention"
    nxt = _NEXT.match(body, end)
    if nxt and nxt.group(1)[0].isupper() and "-" not in body[end : nxt.start(1)] and "," not in body[end : nxt.start(1)]:
        word = nxt.group(1)
        if word.lower() in g.outlet_words:
            return False
        if doc is None and not is_tagged and not _is_place_word(word, g):
            return False
    # preceded by a capitalised word of the same name: "Denzel Washington", "Real Madrid"
    if not is_tagged:
        prv = _PREV.search(body, max(0, start - 40), start)
        if prv and prv.group(1)[0].isupper() and prv.group(1) not in _FUNCTION_WORDS:
            if not _is_place_word(prv.group(1), g):
                return False
    if doc is not None and single and not is_tagged and cands[0].level != 0 and start not in propn:
        # a city or region found by scanning alone must at least be tagged as a proper noun
        return False
    return True


def _is_place_word(word: str, g) -> bool:
    return bool(g.acronym(word)) or _key(word) in g.scan_len


# ---------------------------------------------------------------------------- resolution
def _resolve(mentions: list[_Mention], body: str, g) -> None:
    # "Paris, Texas" / "Kyiv, Ukraine": a qualifier right after a name narrows it
    for a, b in zip(mentions, mentions[1:]):
        if body[a.end : b.start] == ", " and b.cands and b.cands[0].kind in ("region", "country"):
            q = b.cands[0]
            fit = [c for c in a.cands if (q.kind == "country" and c.country_code == q.country_code)
                   or (q.kind == "region" and c.region_id == q.gazetteer_id)]
            if fit:
                a.cands = fit
    # "Donetsk region" anywhere makes every bare "Donetsk" the region
    region_by_key = {}
    for m in mentions:
        if m.hint == "region":
            base = " ".join(name_key(m.text).split()[:-1])
            region_by_key[base] = m.cands[0].gazetteer_id
    for m in mentions:
        rid = region_by_key.get(name_key(m.text))
        if rid:
            fit = [c for c in m.cands if c.gazetteer_id == rid]
            if fit:
                m.cands = fit
    # context from the unambiguous mentions
    countries: Counter[str] = Counter()
    regions: set[str] = set()
    admin1_countries: Counter[str] = Counter()
    ambiguous = set()
    for k, m in enumerate(mentions):
        top = m.cands[0]
        if top.level == 0 and any(c.kind == "region" and c.level == 1 and c.country_code != top.country_code
                                  for c in m.cands[1:]):
            ambiguous.add(k)  # "Georgia": the country or the US state
            continue
        if len(m.cands) == 1 or top.level == 0 or m.hint:
            c = m.cands[0]
            m.chosen = c
            if c.country_code:
                countries[c.country_code] += 1
            if c.kind == "region" and c.level == 1:
                regions.add(c.gazetteer_id)
                admin1_countries[c.country_code] += 1
            if c.region_id:
                regions.add(c.region_id)
    for k, m in enumerate(mentions):
        if m.chosen is None:
            m.chosen = _choose(m.cands, countries, regions, admin1_countries)


def _choose(cands, countries, regions, admin1_countries) -> Candidate:
    strong = [c for c in cands if (c.kind == "city" and c.region_id in regions)
              or (c.kind == "region" and c.gazetteer_id in regions)]
    if strong:
        return strong[0]
    siblings = [c for c in cands if c.kind == "region" and c.level == 1
                and admin1_countries.get(c.country_code, 0) > 0]
    if siblings and cands[0].level == 0 and cands[0].country_code not in countries:
        return siblings[0]
    top = cands[0]
    if top.kind != "city":
        return top
    # cities: population, tripled when the article mentions the city's country
    return max((c for c in cands if c.kind == "city"),
               key=lambda c: c.population * (3 if c.country_code in countries else 1))


# ---------------------------------------------------------------------------- merging
def _merge(mentions: list[_Mention]) -> list[PlaceEntity]:
    out: dict[str, PlaceEntity] = {}
    for m in mentions:
        c = m.chosen or m.cands[0]
        ent = out.get(c.gazetteer_id)
        if ent is None:
            ent = out[c.gazetteer_id] = PlaceEntity(
                name=c.name, kind=c.kind, country_code=c.country_code, latitude=c.lat,
                longitude=c.lon, gazetteer_id=c.gazetteer_id,
            )
        if m.text not in ent.aliases:
            ent.aliases.append(m.text)
        ent.mentions.append(Span(m.start, m.end, m.text))
    return list(out.values())
