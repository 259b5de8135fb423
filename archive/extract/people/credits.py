"""Where a body credits people instead of talking about them (bylines, photo credits, bios).

Names inside these ranges are not article subjects. The real pipeline removes most of them in
:mod:`archive.clean.page`; photo captions with inline credits ("(Pierre Albouy, Reuters)",
"Alexander Ryumin / TASS") usually stay.
"""

from __future__ import annotations

import re

UPPER = "A-ZÀ-ÖØ-ÞŁŚŠŽČŘĆŹŻĐ"
_WORD = rf"[{UPPER}][\w'’.\-]*"
_NAME = rf"{_WORD}(?:[ \t]+(?:(?:de|da|van|von|der|le|la|bin|al)[ \t]+)?{_WORD})*"
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
    return any(a <= start and end <= b for a, b in ranges)
