"""Named buildings, streets and landmarks by their generic last word (the curated
``facility_words``: "the Broadway Bridge", "Figueroa Street", "Trump Tower", "SoFi Stadium",
"Beacon Close"): places of kind ``other`` whose country comes from the article (a place in
their name, "in X" after them, the dominant country). Seats of government standing for their
occupants ("Downing Street", "Wall Street") are not. Found by pattern after the physical
features and before the entities, which they win over."""

from __future__ import annotations

import re

from archive.extract.places.gazetteer import Gazetteer, name_key
from archive.extract.places.lexicon import FUNCTION_WORDS, METONYMS
from archive.extract.places.mention import Mention, overlaps, synthetic
from archive.kinds import PlaceKind

_W = r"[A-Z][\w'’.&-]*"
_LOWER_COMPOUND = re.compile(r"-[a-z]")  # "Russian-controlled", "Kremlin-backed"


def _pattern(g: Gazetteer) -> re.Pattern:
    heads = sorted({w.split()[-1].capitalize() for w in g.facility_words}, key=len, reverse=True)
    return re.compile(
        rf"(?<![\w'’-])((?:{_W}[ \t]+){{1,4}})({'|'.join(heads)})(?![\w'’-])(?![ \t]+[A-Z])"
    )


def landmarks(body: str, g: Gazetteer, mentions: list[Mention]) -> None:
    """Add the named landmarks of ``body`` that overlap no mention found before."""
    pat = g.__dict__.get("_landmark_re")
    if pat is None:
        pat = g.__dict__["_landmark_re"] = _pattern(g)
    for m in pat.finditer(body):
        words = m.group(1).split()
        k = max((i for i, w in enumerate(words) if w.endswith(("'s", "’s"))), default=-1)
        words = words[k + 1 :]  # "Saskatoon's| Broadway Bridge"
        while words and (words[0] in FUNCTION_WORDS or _LOWER_COMPOUND.search(words[0])):
            words = words[1:]  # "the Russian-controlled| Zaporizhzhia Nuclear Power Plant"
        if not words:
            continue
        name = " ".join(words) + " " + m.group(2)
        start = m.end() - len(name)
        if body[start : m.end()] != name or name_key(name) in METONYMS:
            continue
        if g.lookup(name, small=True):
            continue  # a town or region of that name ("Buena Park", "Hyde Park")
        if overlaps(mentions, start, m.end()):
            continue
        mention = synthetic(start, m.end(), body, name, PlaceKind.OTHER)
        mention.hint = "landmark"
        mentions.append(mention)
