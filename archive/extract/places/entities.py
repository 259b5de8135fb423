"""Place mentions from spaCy's entities (GPE, LOC, FAC), resolved with the gazetteer; the spans
of other entities (people, organisations, works, ...) are blocked for the later scans unless
they are a mis-tagged well-known place ("Kyiv" as PERSON)."""

from __future__ import annotations

import re

from archive.extract.places.context import (
    after_locative,
    after_place_locative,
    common_unknown,
    country_branch,
    facility_context,
    feature_word,
    in_org_name,
    mistagged_place,
    named_mention,
    qualifier_after,
    tagged_place_often,
    unknown_ok,
)
from archive.extract.places.gazetteer import Gazetteer, name_key
from archive.extract.places.lexicon import BLOCKING_LABELS, PLACE_LABELS
from archive.extract.places.mention import (
    Article,
    Found,
    Mention,
    clean_name,
    overlaps,
    synthetic,
    synthetic_cand,
)
from archive.extract.places.runs import longest_at
from archive.kinds import PlaceKind

_PAIR_PART = re.compile(r"(?:(?<=^)|(?<=,\s)|(?<=\sand\s))(?!and\s)[^,]+?(?=,?\s+and\s|,\s|$)")


def from_entities(art: Article, found: Found) -> None:
    """Add the mentions of the Doc's place entities to ``found``, block the other entities."""
    body, g = art.body, art.g
    mentions, blocked = found.mentions, found.blocked
    pre = list(mentions)  # features found by pattern win over entities
    for ent in art.doc.ents:
        label = ent.label_
        if label not in PLACE_LABELS and label not in BLOCKING_LABELS:
            continue
        text, start = _strip_ent(ent.text, ent.start_char)
        if pre and overlaps(pre, ent.start_char, ent.end_char):
            continue
        if mentions and mentions[-1].end > ent.start_char and mentions[-1].start < ent.end_char:
            continue  # inside a longer name taken from an earlier entity ("Jammu and Kashmir")
        if not text or "\n" in text:
            if label in BLOCKING_LABELS:
                blocked.append((ent.start_char, ent.end_char))
            continue
        end = start + len(text)
        if label in PLACE_LABELS:
            if not _place_entity(art, found, ent, label, text, start, end):
                blocked.append((ent.start_char, ent.end_char))
        elif not mistagged_place(text, g, body[max(0, start - 60) : start], label):
            blocked.append((ent.start_char, ent.end_char))


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


def _place_entity(
    art: Article, found: Found, ent, label: str, text: str, start: int, end: int
) -> bool:
    """Add the mention(s) of one GPE/LOC/FAC entity; False when its span is to be blocked
    instead (an organisation name, a seat of government)."""
    body, g, mentions = art.body, art.g, found.mentions
    found.ner_place.append((start, end))
    if label == "GPE" and (parts := _split_pair(text, start, g)):
        mentions.extend(parts)  # "Abuja and Lagos": two places, one entity
        return True
    if in_org_name(body, start, end):
        return False
    longer = longest_at(body, start, g)
    if longer and longer[0] > end and "\n" not in body[start : longer[0]]:
        end, cands = longer
        text = body[start:end]
    else:
        cands = g.lookup(text, small=False)
    if (
        cands
        and label != "FAC"
        and (
            name_key(text) not in g.not_place_words
            or (label == "GPE" and tagged_place_often(art.doc, text, body, start))
        )
    ):
        hint = "region" if name_key(text).split()[-1] in g.region_words else None
        mentions.append(named_mention(body, start, end, cands, g, hint))
    elif label == "FAC" and cands and cands[0].level == 0 and cands[0].country_code:
        mentions.append(Mention(start, end, text, cands[:1]))  # "the Vatican"
    elif label == "FAC":
        if not facility_context(body, start, text):
            return False
        mentions.append(synthetic(start, end, body, clean_name(text), PlaceKind.OTHER))
        mentions[-1].hint = "landmark"
    elif (
        not cands
        and unknown_ok(text)
        and not (common_unknown(text, g) and not _said_place(body, start, end, g))
    ):
        if country_branch(text, g, art.doc):
            return False  # "Yahoo Japan": a company's, blocked
        mentions.append(_unknown_place(art, label, text, start, end))
    return True


def _said_place(body: str, start: int, end: int, g: Gazetteer) -> bool:
    """The text says a common word is a place: a region or country qualifies it ("Acapulco,
    Mexico") or "in", "near", "at", "from" come before it ("on stage in Vegas"), unless a
    number follows ("in Building 24": a building's)."""
    if qualifier_after(body, end, g):
        return True
    near = re.search(r"\b(?:in|near|at|from|outside|around)\s+$", body[max(0, start - 10) : start])
    return bool(near) and not re.match(r"\s+\d", body[end : end + 4])


def _unknown_place(art: Article, label: str, text: str, start: int, end: int) -> Mention:
    """A LOC the gazetteer lacks (a synthetic region or feature), or a GPE it lacks: a small town
    or county, kept if the article supports it."""
    body, g = art.body, art.g
    if label == "LOC":
        kind = PlaceKind.OTHER if feature_word(text) else PlaceKind.REGION
        return synthetic(start, end, body, clean_name(text), kind)
    small = g.lookup(text, small=True)
    m = Mention(
        start, end, text, small or [synthetic_cand(clean_name(text), PlaceKind.CITY, "gpe")]
    )
    m.weak, m.ctx = True, not small
    near = after_locative(body, start) if small else after_place_locative(body, start)
    m.support = near or qualifier_after(body, end, g)
    return m


def _split_pair(text: str, start: int, g: Gazetteer) -> list[Mention] | None:
    """Mentions of "A and B" / "A, B and C" when the whole is no place name ("Trinidad and
    Tobago" is) and every part is one."""
    if " and " not in text or g.lookup(text, small=False):
        return None
    out = []
    for m in _PAIR_PART.finditer(text):
        part = m.group(0)
        offset = start + m.start()
        cands = g.lookup(part, small=False)
        if not cands or name_key(part) in g.not_place_words:
            return None
        out.append(Mention(offset, offset + len(part), part, cands))
    return out if len(out) >= 2 else None
