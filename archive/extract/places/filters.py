"""Mentions that are no places, dropped before resolution: celestial bodies ("Mars"), time zones
("EST"), court and electoral districts ("the Southern District"), a region abbreviation that
qualifies nothing ("Sen. X (Pa.)"), organisations and publications taken for buildings ("the
Charlotte Observer"), and the surname of a person of the article ("Bolton said") unless the text
says it is a place ("in Bolton", "Bolton, England")."""

from __future__ import annotations

import re

from archive.extract.places.lexicon import (
    AT_WORK,
    CELESTIAL,
    KINSHIP,
    LOCATIVE,
    METONYMS,
    NOT_FACILITY_WORDS,
    NOT_PLACE_DISTRICT,
    ORG_APPOSITIVE,
    ORG_HEADS,
    SURNAME_LOCATIVE,
    TIME_ZONES,
)
from archive.extract.places.mention import Article, Mention, key
from archive.extract.places.tiebreak import KEEP_POPULATION
from archive.kinds import PlaceKind
from archive.names.titles import is_title_word

_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)")
_TITLE_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]+\.?)[ \t]+$")
_WHO_AFTER = re.compile(r",[ \t]+who\b")  # a relative clause of a person after the name
# a preposition that makes the name after it a place ("in Dallas"), or a comma ("Toledo, Ohio")
_PLACE_PREP = re.compile(r"\b(?:in|of|from|at|near|outside|across|around|throughout)[ \t]+$")
_QUALIFIED = re.compile(r",[ \t]+$")
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "NUM"})
SMALL_PLACE_POPULATION = 500_000  # a word tagged as a person elsewhere is no smaller place


def not_places(art: Article, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without the ones that are no places."""
    placed = [(m.start, m.end) for m in mentions if m.hint]  # "Co Galway" tagged a person
    surnames, person_words, firsts = _surnames(art, placed)
    in_names = _inside_names(art, mentions)
    return [
        m
        for m in mentions
        if m.hint == "qualified"
        or (id(m) not in in_names and not _no_place(art, m, surnames, person_words, firsts))
    ]


def _inside_names(art: Article, mentions: list[Mention]) -> set[int]:
    """The mentions that are two halves of one name the model split ("Cambridge| Analytica"
    tagged a city and a region): a place, a space, then a word that is no place the gazetteer
    knows, and no place by the two words together either. The ids of both mentions."""
    by_start = {m.start: m for m in mentions}
    out: set[int] = set()
    for m in mentions:
        n = by_start.get(m.end + 1)
        if n is None or art.body[m.end] != " " or n.hint == "qualified":
            continue
        if _known(n) or art.g.lookup(f"{m.text} {n.text}"):
            continue
        out.update((id(m), id(n)))
    return out


def _known(m: Mention) -> bool:
    """A mention with a reading in the gazetteer (not one made up for a name it lacks)."""
    return any(c.gazetteer_id.split(":", 1)[0] not in _MADE_UP for c in m.cands)


_MADE_UP = ("place", "gpe")  # the tags of synthetic candidates (mention.synthetic_cand)


def _possessive(body: str, m: Mention) -> bool:
    """The name is in the possessive: "Bolton's", or a bare apostrophe after a final s ("in
    Hollis’ own words")."""
    after = body[m.end : m.end + 2]
    return after in ("'s", "’s") or (
        m.text.endswith("s") and after[:1] in ("'", "’") and after[1:2] in ("", " ")
    )


def _said_to_be_place(art: Article, m: Mention) -> bool:
    """ "in Hastings", "lives in Hastings" (not "in Bolton's view", nor "confidence in Rubio":
    a locative after a noun says nothing of a person's name)."""
    body = art.body
    if _possessive(body, m):
        return False
    if not SURNAME_LOCATIVE.search(body, max(0, m.start - 16), m.start):
        return False
    if art.doc is None:
        return True
    span = art.doc.char_span(m.start, m.end, alignment_mode="expand")
    i = span[0].i if span is not None and len(span) else 0
    return i < 2 or art.doc[i - 2].pos_ not in _NOMINAL


def _no_place(
    art: Article, m: Mention, surnames: set[str], person_words: set[str], firsts: set[str]
) -> bool:
    text = m.text
    k = key(text)
    if k in CELESTIAL or text in TIME_ZONES or NOT_PLACE_DISTRICT.match(text):
        return True
    title = _TITLE_BEFORE.search(art.body, max(0, m.start - 24), m.start)
    if title and (is_title_word(title.group(1)) or title.group(1).lower() in KINSHIP):
        return True  # a person's title or kinship word before it: "Gen. Washington", "Aunt Miranda"
    nxt = _NEXT_WORD.match(art.body, m.end)
    if nxt and key(f"{text} {nxt.group(1)}") in METONYMS:
        return True  # "Wall| Street executives"
    if text in art.g.abbreviations or text.rstrip(".") + "." in art.g.abbreviations:
        return True  # an abbreviation that qualifies no town: "Charlie Dent (Pa.)"
    c = m.cands[0] if m.cands else None
    if c is not None and c.kind == PlaceKind.OTHER and m.ctx:
        words = k.split()
        if words and words[-1] in NOT_FACILITY_WORDS:
            return True
    if c is not None and c.kind == PlaceKind.REGION and m.ctx and k.split()[-1] in ORG_HEADS:
        return True  # a region the gazetteer lacks, named as an organisation: "Midlands Railway"
    if c is not None and _organisation_use(art, m, c):
        return True
    if (
        c is not None
        and c.kind == PlaceKind.CITY
        and c.population < SMALL_PLACE_POPULATION
        and _WHO_AFTER.match(art.body, m.end)
        and not _PLACE_PREP.search(art.body, max(0, m.start - 12), m.start)
        and not _QUALIFIED.search(art.body, max(0, m.start - 3), m.start)
    ):
        # "tying the bill to Rubio, who supported it": a person (not "a pastor in Dallas, who",
        # "from Toledo, Ohio, who")
        return True
    if k in surnames and not _said_to_be_place(art, m):
        # a country by its own name stays ("Jordan" of Michael Jordan is no country alias)
        return not (c is not None and c.kind == PlaceKind.COUNTRY and key(c.name) == k)
    if (
        k in person_words
        and c is not None
        and (
            _possessive(art.body, m)
            or not LOCATIVE.search(art.body, max(0, m.start - 12), m.start)
            # "Nancy Reagan ... after clashing with Nancy": a first name of the article's
            or (k in firsts and _tagged_person(art, m) and not _said_to_be_place(art, m))
        )
    ):
        # "Obama's approval": a word the model reads as a person elsewhere is no small town
        small = c.level >= 2 and c.population < SMALL_PLACE_POPULATION
        return small or (m.ctx and c.kind == PlaceKind.CITY)  # an unknown "town" too
    return False


def _tagged_person(art: Article, m: Mention) -> bool:
    """The model tags the mention itself as a person."""
    if art.doc is None:
        return False
    span = art.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and all(t.ent_type_ == "PERSON" for t in span)


def _organisation_use(art: Article, m: Mention, c) -> bool:
    """The text uses a name that is no country nor big city as an organisation's: where someone
    works ("a partner at Rhodium"), with an apposition that says so ("Mila, an AI research
    institute"), in a list of mostly companies ("from Nvidia, Gigabyte, MSI, Asus"), or, a town
    the gazetteer knows no place of, as the modifier of a noun ("in Netflix domestic drama")."""
    if c.kind == PlaceKind.COUNTRY or c.population >= KEEP_POPULATION:  # (known by its name)
        return False
    body = art.body
    if AT_WORK.search(body, max(0, m.start - 40), m.start) or ORG_APPOSITIVE.match(body, m.end):
        return True
    if art.doc is None:
        return False
    span = art.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    if (
        not _known(m)
        and c.kind == PlaceKind.CITY
        and root.dep_ in ("compound", "nmod")
        and root.head.pos_ == "NOUN"
    ):
        return True
    others = _series_labels(span)
    places = sum(e in ("GPE", "LOC", "FAC") for e in others)
    orgs = sum(e in ("ORG", "PRODUCT") for e in others)
    people = sum(e == "PERSON" for e in others)
    if orgs >= 2 and orgs > places:
        return True
    # a list of mostly people is one of names too ("Trump, Cruz, Kasich, Bush and Rubio"), unless
    # a preposition makes this one a place ("the debate in Detroit, a chance for Rubio, ...")
    return (
        people >= 2
        and people > places
        and not _PLACE_PREP.search(body, max(0, m.start - 12), m.start)
    )


def _series_labels(span) -> list[str]:
    """The entity labels of the other items of the list the span is an item of."""
    first = span.root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    todo, series = [first], []
    while todo and len(series) < 20:
        t = todo.pop()
        series.append(t)
        todo.extend(x for x in t.children if x.dep_ == "conj")
    return [t.ent_type_ for t in series if not (span.start <= t.i < span.end)]


def _surnames(art: Article, placed: list[tuple[int, int]]) -> tuple[set[str], ...]:
    """name keys of the last words of the article's people named by two words or more, of the
    one-word names the model tags as a person, and of the first words of the longer ones (not
    where a pattern found a place)."""
    if art.doc is None:
        return set(), set(), set()
    out, words, firsts = set(), set(), set()
    for e in art.doc.ents:
        if e.label_ != "PERSON" or any(a < e.end_char and e.start_char < b for a, b in placed):
            continue
        toks = [t.text for t in e if t.text not in ("'s", "’s")]
        if toks and all(t[:1].isupper() for t in toks):  # not "TD for Galway"
            (out if len(toks) >= 2 else words).add(key(toks[-1]))
            if len(toks) >= 2:
                firsts.add(key(toks[0]))
    return out, words, firsts
