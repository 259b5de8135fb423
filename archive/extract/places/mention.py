"""The typed units place extraction passes between its steps: :class:`Mention` (one span of the
body and the gazetteer candidates it may be), :class:`Found` (what the finders collected) and
:class:`Article` (the body, its spaCy Doc and the gazetteer), plus small span helpers."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from archive.extract.places.gazetteer import Candidate, Gazetteer, name_key
from archive.kinds import PlaceKind

# name_key of single words and short runs, cached (the scan asks for the same words often)
key = functools.lru_cache(maxsize=1 << 16)(name_key)


@dataclass(slots=True, eq=False)
class Mention:
    """One place mention: its span of the body, the candidates it may be and, after resolution,
    the chosen one."""

    start: int
    end: int
    text: str
    cands: list[Candidate]
    # how the text names it: "region" ("Donetsk region"), "city" ("Galway city"), "plural-region",
    # "qualified" ("Paris, Texas"), "landmark" (a building or street: "Broadway Bridge")
    hint: str | None = None
    chosen: Candidate | None = None
    weak: bool = (
        False  # a small town / county / unknown name: kept only when the article supports it
    )
    ctx: bool = False  # a synthetic place (feature, facility) whose country comes from the article
    alias: str | None = None  # an extra surface form ("Sutlej" of "Sutlej river")
    support: bool = False  # weak mention with a locative or a qualifier ("in X", "X, Texas")


@dataclass
class Found:
    """What the finders collect: mentions, and spans no later finder may take."""

    mentions: list[Mention] = field(default_factory=list)
    blocked: list[tuple[int, int]] = field(default_factory=list)  # names of people, orgs, ...
    ner_place: list[tuple[int, int]] = field(default_factory=list)  # spans spaCy tagged a place


@dataclass
class Article:
    """The text place extraction works on. ``doc``: the spaCy Doc of ``body`` or None;
    ``propn``: start offsets of its proper-noun tokens (None without a Doc)."""

    body: str
    doc: Any
    g: Gazetteer
    propn: set[int] | None = None

    @classmethod
    def of(cls, body: str, doc: Any, g: Gazetteer) -> Article:
        propn = None
        if doc is not None:
            from spacy.attrs import IDX, POS
            from spacy.symbols import PROPN

            arr = doc.to_array([IDX, POS])
            propn = set(arr[arr[:, 1] == PROPN, 0].tolist())
        return cls(body, doc, g, propn)


def synthetic_cand(name: str, kind: PlaceKind, tag: str) -> Candidate:
    """A candidate for a place no gazetteer knows, id ``"<tag>:<name-key>"``."""
    return Candidate(
        kind, name, None, None, None, f"{tag}:{name_key(name).replace(' ', '-')}", 0, None, 0
    )


def synthetic(start: int, end: int, body: str, name: str, kind: PlaceKind) -> Mention:
    """A mention of a synthetic place ("place:<name-key>") whose country comes from the
    article."""
    m = Mention(start, end, body[start:end], [synthetic_cand(name, kind, "place")])
    m.ctx = True
    return m


def clean_name(text: str) -> str:
    """The name of an entity span without a leading "the "."""
    text = text.strip()
    if text[:4].lower() == "the ":
        text = text[4:]
    return text


def overlaps(mentions: list[Mention], start: int, end: int) -> bool:
    """Some mention overlaps ``start:end``."""
    return any(m.start < end and start < m.end for m in mentions)


def mask(length: int, ranges: list[tuple[int, int]]) -> bytearray:
    """One byte per character of a text of ``length``, 1 inside ``ranges``."""
    m = bytearray(length + 1)
    for a, b in ranges:
        m[a:b] = b"\x01" * (b - a)
    return m
