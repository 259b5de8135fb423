"""The dictionary scan: capitalised token runs of the body matched against the well-known names
of the gazetteer (countries, first-level regions, cities >= 50,000, curated places). Catches
places spaCy mis-tags as PERSON/ORG ("Kyiv", "Crimea") and all-caps datelines ("GENEVA —"); a
place name inside a longer name ("The Moscow Times", "Denzel Washington", "the Arab Spring",
"Mission Control") is not a mention."""

from __future__ import annotations

from archive.extract.places.context import in_org_name, named_mention
from archive.extract.places.gazetteer import Candidate, name_key
from archive.extract.places.lexicon import FUNCTION_WORDS
from archive.extract.places.mention import Article, Found, key, mask
from archive.extract.places.runs import CAP, NEXT, PREV, is_place_word, longest_prominent
from archive.kinds import PlaceKind
from archive.names.titles import is_title_word


def scan(art: Article, found: Found) -> None:
    """Add the well-known names outside the spans already taken or blocked to ``found``."""
    body, g = art.body, art.g
    mentions = found.mentions
    taken = mask(len(body), [(m.start, m.end) for m in mentions] + found.blocked)
    tagged = mask(len(body), found.ner_place)
    resume = 0
    for m in CAP.finditer(body):
        s0, e0 = m.span()
        if s0 < resume or taken[s0]:
            continue
        t0 = m.group()
        cands = g.acronyms.get(t0.replace(".", "")) if t0.isupper() else None
        end, words = e0, [t0]
        if not cands:
            k0 = key(t0)
            if not g.scan_len.get(k0, 0):
                continue
            # extend over the following tokens while a longer name is possible
            got = longest_prominent(body, e0, k0, t0, g)
            if not got:
                continue
            end, words, k = got
            cands = g.candidates(k, small=False)
            if not cands:
                continue
        resume = end
        if taken[end - 1] or not _plausible(art, s0, end, words, cands, tagged):
            continue
        if body[end : end + 1] == "$" or in_org_name(body, s0, end):
            continue  # "US$30 billion", "Texas Water Board"
        mention = named_mention(body, s0, end, cands, g, None)
        resume = mention.end
        mentions.append(mention)


def _plausible(
    art: Article, start: int, end: int, words: list[str], cands: list[Candidate], tagged: bytearray
) -> bool:
    """Reject matches that are part of a longer proper name, or common words."""
    body, g, doc = art.body, art.g, art.doc
    is_tagged = bool(tagged[start])
    single = len(words) == 1
    if single and name_key(body[start:end]) in g.not_place_words and not is_tagged:
        return False
    # followed by an outlet/organisation word: "Moscow Times", "Kyiv Independent", "Geneva
    # Convention"
    nxt = NEXT.match(body, end)
    if (
        nxt
        and nxt.group(1)[0].isupper()
        and "-" not in body[end : nxt.start(1)]
        and "," not in body[end : nxt.start(1)]
    ):
        word = nxt.group(1)
        if word.lower() in g.outlet_words:
            return False
        if doc is None and not is_tagged and not is_place_word(word, g):
            return False
    # preceded by a capitalised word of the same name: "Denzel Washington", "Real Madrid"
    if not is_tagged:
        prv = PREV.search(body, max(0, start - 40), start)
        if prv and prv.group(1)[0].isupper() and prv.group(1) not in FUNCTION_WORDS:
            # a place before it ("Kenya Uganda"), not the first word of a longer place name
            # alone ("Arab" of "Arab Republic of Egypt": "the Arab Spring")
            word = prv.group(1)
            if not is_place_word(word, g):
                return False
            if _town(cands) and not (g.acronym(word) or g.candidates(key(word), small=False)):
                return False
    if (
        doc is not None
        and single
        and not is_tagged
        and cands[0].level != 0
        and start not in art.propn
    ):
        # a city or region found by scanning alone must at least be tagged as a proper noun
        return False
    if doc is not None and single and not is_tagged and cands[0].level != 0:
        if _in_other_entity(doc, start, end):
            return False  # "the Arab Spring" (an event the model reads as a date)
        if nxt and _town(cands) and _name_goes_on(body, end, nxt, g):
            return False  # "Mission Control", "Spring Break"
    return True


def _town(cands: list[Candidate]) -> bool:
    """The name's best reading is a town (a city under 100,000): "Spring", "Mission"; a
    region or a big city is the place before another name too ("Democratic Vermont", "Queens
    Rep. Joe Crowley", "Houston police")."""
    return cands[0].kind == PlaceKind.CITY and cands[0].population < TOWN_POPULATION


TOWN_POPULATION = 100_000


def _in_other_entity(doc, start: int, end: int) -> bool:
    """Whether [START, END) lies inside a longer entity of the Doc that is a name, not a place
    or a number ("Zeeland.[14][15" is a CARDINAL of a footnote)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or not span[0].ent_type_:
        return False
    ent = next((e for e in doc.ents if e.start <= span[0].i < e.end), None)
    return (
        ent is not None
        and ent.label_ not in _NOT_NAMES
        and (ent.start_char < start or ent.end_char > end)
    )


_NOT_NAMES = frozenset(
    {"GPE", "LOC", "FAC", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME"}
)


def _name_goes_on(body: str, end: int, nxt, g) -> bool:
    """The capitalised word right after a scanned name continues a longer name that is no
    place: not a place word, a day, a month or the start of a sentence or a line."""
    word = nxt.group(1)
    if not word[:1].isupper() or body[end : nxt.start(1)].strip() not in ("",):
        return False
    if is_title_word(word) or is_title_word(word + "."):
        return False  # a title after the place: "Dayton Mayor Jo Roe", "Queens Rep."
    return (
        not is_place_word(word, g)
        and word.lower() not in _CALENDAR
        and word not in FUNCTION_WORDS
        and not word.isupper()
    )


_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)
