"""The dictionary scan: capitalised token runs of the body matched against the well-known names
of the gazetteer (countries, first-level regions, cities >= 50,000, curated places). Catches
places spaCy mis-tags as PERSON/ORG ("Kyiv", "Crimea") and all-caps datelines ("GENEVA —"); a
place name inside a longer name ("The Moscow Times", "Denzel Washington") is not a mention."""

from __future__ import annotations

from archive.extract.places.context import in_org_name, named_mention
from archive.extract.places.gazetteer import Candidate, name_key
from archive.extract.places.lexicon import FUNCTION_WORDS
from archive.extract.places.mention import Article, Found, key, mask
from archive.extract.places.runs import CAP, NEXT, PREV, is_place_word, longest_prominent


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
            if not is_place_word(prv.group(1), g):
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
    return True
