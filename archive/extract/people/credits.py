"""Where a body credits people instead of talking about them (bylines, photo credits, bios).

Names inside these ranges are not article subjects, and the credited authors and photographers
lose their mentions in bio and credit-like lines (:func:`drop_credited_mentions`). The real
pipeline removes most of them in :mod:`archive.clean.page`; photo captions with inline credits
("(Pierre Albouy, Reuters)", "Alexander Ryumin / TASS") usually stay.
"""

from __future__ import annotations

import re

from archive.extract.people.cluster import Person
from archive.extract.people.lexicon import UPPER
from archive.names.fold import fold_word
from archive.names.lexicon import CREDIT_PARTICLES
from archive.names.tokens import given_names, surname

_WORD = rf"[{UPPER}][\w'’.\-]*"
_NAME = rf"{_WORD}(?:[ \t]+(?:(?:{'|'.join(CREDIT_PARTICLES)})[ \t]+)?{_WORD})*"
# whole lines that are credits
_LINE_RES = [
    re.compile(
        rf"^[ \t]*(?:(?:By|BY|Words by|Photos? by|Photograph(?:s|y)? by|Reporting by|Writing by|"
        rf"Editing by|Edited by|Written by|Compiled by|Illustrations? by|Video by|"
        rf"Additional reporting by)[ \t]+(?:(?:contributors?|staff|our)[ \t]+)?[{UPPER}]|"
        rf"(?:Photo credit|Credits?|Image|Photos?|Picture|Source)[ \t]*:).*$",
        re.M,
    ),
    # "Nataliya Vasilyeva contributed reporting." / "X reports on the war ..." / "X is a reporter"
    re.compile(
        rf"^[ \t]*{_NAME}(?:[ \t]*(?:,|and|&)[ \t]*{_NAME})*[ \t]+(?:contributed|contributes|"
        r"reports|reported from|covers|writes about|is an? (?:[a-z\-]+ ){0,3}(?:reporter|writer|"
        r"correspondent|journalist|editor|photographer|contributor|columnist|producer)|"
        r"is the [a-z\- ]{0,40}(?:correspondent|editor|bureau chief))\b.*$",
        re.M,
    ),
]
# inline credits: "(Pierre Albouy, Reuters )", "(Iryna Rybakova/Ukraine’s ... via AP)",
# "Alexander Ryumin / TASS", "AP Photo/Evan Vucci", "Photo: Jane Doe"
_INLINE_RES = [
    re.compile(
        r"\((?:Photo(?:graph)?:?\s*|Credit:?\s*)?[^()\n,/]{1,60}?"
        r"(?:,[ \t]*(?:[A-Z][\w.&'’\-]*[ \t]*)+|/[^()\n]{1,120})\)"
    ),
    re.compile(rf"{_NAME}[ \t]*/[ \t]*[^\W\d_][^\n]{{0,60}}$", re.M),
    re.compile(r"(?:Photo|Photos|Photograph|Credit|Image|Picture)s?(?::| by)[ \t]*[^\n]{1,80}"),
    re.compile(r"\b[A-Z]{2,}[ \t]+Photo[ \t]*/[ \t]*[^\n)]{1,60}"),
    re.compile(r"[©®][ \t]*[^\n]{1,80}"),
]
_NAMES_ONLY_LINE = re.compile(
    rf"^[ \t]*(?:{_NAME})(?:[ \t]*(?:,|\band\b|&)[ \t]*(?:{_NAME}))*[ \t]*$", re.M
)


def credit_ranges(body: str) -> list[tuple[int, int]]:
    """Character ranges of ``body`` that are bylines, photo credits or author bios."""
    out: list[tuple[int, int]] = []
    for rx in _LINE_RES:
        out += [m.span() for m in rx.finditer(body) if len(m.group(0).split()) <= 60]
    for rx in _INLINE_RES:
        out += [m.span() for m in rx.finditer(body)]
    return sorted(out)


def names_only_lines(body: str) -> list[tuple[int, int]]:
    """Short lines made only of capitalised words joined by "and"/"," (bylines or headlines)."""
    out = []
    for m in _NAMES_ONLY_LINE.finditer(body):
        words = m.group(0).split()
        if 2 <= len(words) <= 12 and all(w[0].isupper() or w in ("and", "&", ",") for w in words):
            out.append(m.span())
    return out


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """[start, end) lies within one of ``ranges``."""
    return any(a <= start and end <= b for a, b in ranges)


_LINE_RE = re.compile(r"[^\n]*\S[^\n]*")
_QUOTE_MARK_RE = re.compile(r"[\"“”]")


def drop_credited_mentions(body: str, people: list[Person], credited: list[str]) -> None:
    """Authors and photographers (``credited``): drop their mentions in bio/credit-like lines
    at the top or the bottom of ``body`` (in place); their mentions elsewhere stay."""
    if not credited:
        return
    keys = {
        (fold_word((given_names(e) or [""])[0]), fold_word(surname(e).replace(" ", "")))
        for e in credited
    }
    sur_keys = {s for _, s in keys}
    lines = [m.span() for m in _LINE_RE.finditer(body)]
    edge = lines[:3] + lines[-5:]  # bylines and bios sit at the top or the bottom
    for p in people:
        if p.sur_key not in sur_keys:
            continue
        if p.full_forms and not any((fold_word(p.first_key), p.sur_key) == k for k in keys):
            continue
        kept = []
        for m in p.mentions:
            ls = body.rfind("\n", 0, m.start) + 1
            le = body.find("\n", m.end)
            line = body[ls : le if le >= 0 else len(body)]
            bio = (
                line.strip().startswith(m.text)
                and len(line.split()) <= 30
                and not _QUOTE_MARK_RE.search(line)
                and any(a <= m.start < b for a, b in edge)
            )
            if not bio:
                kept.append(m)
        p.mentions = kept
