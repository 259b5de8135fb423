"""Titles and honorifics before a personal name: the patterns built from
:data:`archive.names.lexicon.TITLES`, the gender and role a title chain gives, stripping them.

Pure functions of short strings, cached (the extractors and identity matching call them with
the same names hundreds of times per article).
"""

from __future__ import annotations

import functools
import re

from archive.names.lexicon import TITLES

CACHE_SIZE = 1 << 16  # the lru_cache size of the name helpers of this package

_TITLE_ALT = "|".join(sorted((t.pattern for t in TITLES), key=len, reverse=True))
# one or more titles in a row ("Brig. Gen."), ending right before a name
TITLE_CHAIN = rf"(?:(?:{_TITLE_ALT})\s+)+"
TITLE_BEFORE_RE = re.compile(rf"(?<![\w.])({TITLE_CHAIN})$")
TITLE_START_RE = re.compile(rf"(?<![\w.])(?:{TITLE_CHAIN})(?=[^\W\d_])")
_TITLE_ONLY_RE = re.compile(rf"^(?:(?:{_TITLE_ALT})\s*)+$")
_TITLE_ITEM_RES = [(re.compile(rf"^(?:{t.pattern})$"), t) for t in TITLES]
_TITLE_ANY_RE = re.compile(rf"(?:{_TITLE_ALT})")
_TITLE_LEAD_RE = re.compile(rf"^(?:{_TITLE_ALT})\s+(?=\S)")


@functools.lru_cache(maxsize=CACHE_SIZE)
def title_info(title_text: str) -> tuple[str | None, bool]:
    """(gender, is_role) of a title chain such as "Mr." or "Brig. Gen."."""
    gender, role = None, False
    for part in _TITLE_ANY_RE.findall(title_text):
        for rx, title in _TITLE_ITEM_RES:
            if rx.match(part):
                gender = gender or title.gender
                role = role or title.is_role
                break
    return gender, role


@functools.lru_cache(maxsize=CACHE_SIZE)
def role_words(title_text: str) -> tuple[str, ...]:
    """The words of the role titles in a title chain, lowercase, without dots or hyphens
    ("Mr. Vice-President" -> ("vice", "president"), "Sen." -> ("sen",), "Dr." -> ())."""
    words: list[str] = []
    for part in _TITLE_ANY_RE.findall(title_text):
        title = next((t for rx, t in _TITLE_ITEM_RES if rx.match(part)), None)
        if title is not None and title.is_role:
            words.extend(re.sub(r"[.-]", " ", part.lower()).split())
    return tuple(words)


@functools.lru_cache(maxsize=CACHE_SIZE)
def is_title_word(text: str) -> bool:
    """The text is only titles ("President", "Brig. Gen.")."""
    return bool(_TITLE_ONLY_RE.match(text.strip()))


def strip_titles(name: str) -> str:
    """ "President Vladimir V. Putin" -> "Vladimir V. Putin"."""
    prev = None
    name = name.strip()
    while prev != name:
        prev = name
        m = _TITLE_LEAD_RE.match(name)
        if m:
            name = name[m.end() :]
    return name
