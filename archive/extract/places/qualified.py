"""Places qualified by their region or country: "Palm Beach, Fla.", "Springfield, Ill. @ Venue",
"College Station, TX", "Port St. Lucie, Florida", "CHICO, Calif. -", "Kyiv, Ukraine".

The qualifier decides the reading of the name before it: any town or county of the gazetteer in
that region or country, however small, and however the name reads elsewhere ("Moscow, Idaho";
"Paris, Texas"). An abbreviated region ("Fla.", "N.Y.", "Ont.") is a mention of the region
itself. Lists of regions or countries ("Oklahoma, Idaho, Oregon") are no qualified pairs.
"""

from __future__ import annotations

import re

from archive.extract.places.context import leads_with_region, qualifier
from archive.extract.places.gazetteer import Candidate, Gazetteer
from archive.extract.places.lexicon import FUNCTION_WORDS, TOWN_CONNECTORS
from archive.extract.places.mention import Article, Found, Mention
from archive.kinds import PlaceKind

# a comma after a word, then a capitalised word: where a qualifier may stand
_COMMA = re.compile(r"(?<=[\w.])(?=,[ \t]+[A-Z])")
# up to four capitalised words before the comma ("Port St. Lucie", "Oct. 3 Springfield"), with
# the connectors of town names ("Jerez de la Frontera")
_CONNECT = "|".join(TOWN_CONNECTORS)
_NAME_BEFORE = re.compile(
    rf"((?:[A-Z][\w'’.-]*[ \t]+(?:(?:{_CONNECT})[ \t]+)?){{0,3}}[A-Z][\w'’-]*\.?)$"
)
# after the qualifier: another member of a list ("Oklahoma, Idaho, Oregon", "Iowa and Ohio")
_LIST_NEXT = re.compile(
    r"(?:,[ \t]+|,?[ \t]+(?:and|or)[ \t]+)([A-Z][\w'’.-]*(?:[ \t][A-Z][\w'’-]*)?)"
)
_QUAL_TEXT = re.compile(r",[ \t]+")
_LIST_KINDS = (PlaceKind.REGION, PlaceKind.COUNTRY)


def qualified_places(art: Article, found: Found) -> None:
    """Add (or narrow) the mentions of every "Name, Qualifier" pair of the body."""
    body, g = art.body, art.g
    persons = _person_spans(art)
    for c in _COMMA.finditer(body):
        end = c.start()
        q = qualifier(body, end, g)
        if q is None:
            continue
        qm = _QUAL_TEXT.match(body, end)
        q_start = qm.end()
        q_text = _qualifier_text(body, q_start, q, g)
        if q_text is None or _in_list(body, q_start + len(q_text), g):
            continue
        got = _town(body, end, q, g, persons)
        if got is None:
            continue
        start, cands = got
        _put(found, start, end, body, cands)
        if q_text in g.abbreviations:
            _put(found, q_start, q_start + len(q_text), body, [q])


def _person_spans(art: Article) -> list[tuple[int, int]]:
    """Spans of the Doc's PERSON entities (no town ends a person's name)."""
    if art.doc is None:
        return []
    return [(e.start_char, e.end_char) for e in art.doc.ents if e.label_ == "PERSON"]


def _qualifier_text(body: str, start: int, q: Candidate, g: Gazetteer) -> str | None:
    """The words of the qualifier as written ("Fla.", "New York", "TX")."""
    words = re.match(r"[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,2}", body[start:])
    if not words:
        return None
    parts = words.group(0).split()
    for w in range(len(parts), 0, -1):
        text = " ".join(parts[:w])
        if g.abbreviations.get(text) == q or g.region_codes.get(text) == q:
            return text
        bare = text.rstrip(".")
        if any(c.gazetteer_id == q.gazetteer_id for c in g.lookup(bare, small=False)):
            return bare
    return None


def _in_list(body: str, end: int, g: Gazetteer) -> bool:
    """The qualifier is followed by another region or country: a list, not a qualifier."""
    m = _LIST_NEXT.match(body, end)
    return bool(m) and leads_with_region(m.group(1).split(), g)


def _town(
    body: str, end: int, q: Candidate, g: Gazetteer, persons: list[tuple[int, int]]
) -> tuple[int, list[Candidate]] | None:
    """(start, candidates in ``q``) of the longest name before ``end`` that is a town or county
    of the qualifier's region or country; None when there is none, when the name is itself a
    region or country (a list), or when it ends a person's name."""
    m = _NAME_BEFORE.search(body, max(0, end - 60), end)
    if not m:
        return None
    words = m.group(1).split()
    pos = m.start(1)
    offsets = []
    for w in words:
        pos = body.index(w, pos)
        offsets.append(pos)
        pos += len(w)
    for i, w in enumerate(words):
        if w in FUNCTION_WORDS or not w[0].isupper() or (i and not words[i - 1][0].isupper()):
            continue  # no name starts after a connector ("Jerez de| Frontera")
        start = offsets[i]
        if any(a < start < b for a, b in persons):
            return None
        name = body[start:end]
        default = g.lookup(name, small=False)
        if default and default[0].kind in _LIST_KINDS and default[0].level <= 1:
            if default[0].gazetteer_id != q.gazetteer_id:
                return None  # "Illinois, Massachusetts": a list
        fit = [c for c in g.lookup(name, small=True) if _fits(c, q)]
        if fit:
            # a town before a county of its name ("Palm Beach" before Palm Beach County)
            return start, sorted(fit, key=lambda c: (c.kind != PlaceKind.CITY, -c.population))
    return None


def _fits(c: Candidate, q: Candidate) -> bool:
    if c.gazetteer_id == q.gazetteer_id:
        return False
    if q.kind == PlaceKind.COUNTRY:
        return c.country_code == q.country_code and c.level != 0
    return c.region_id == q.gazetteer_id


def _put(found: Found, start: int, end: int, body: str, cands: list[Candidate]) -> None:
    """A qualified mention of ``start:end``: mentions of the same span take its candidates,
    mentions overlapping it otherwise give way."""
    kept = []
    for m in found.mentions:
        if m.start == start and m.end == end:
            m.cands, m.hint, m.weak, m.ctx = cands, "qualified", False, False
            return
        if not (m.start < end and start < m.end):
            kept.append(m)
    found.mentions[:] = kept
    found.mentions.append(Mention(start, end, body[start:end], cands, "qualified"))
