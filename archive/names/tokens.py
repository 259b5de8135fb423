"""The words of a personal name: which words can be name words, initials, the surname (with its
particles), the given names, a full name.

Pure functions of short strings, cached (see :data:`archive.names.titles.CACHE_SIZE`).
"""

from __future__ import annotations

import functools
import re

from archive.names.lexicon import (
    GIVEN_NAME_PARTICLES,
    HYPHEN_PREFIXES,
    LATE_PARTICLES,
    PARTICLES,
    SUFFIXES,
)
from archive.names.titles import CACHE_SIZE, strip_titles

POSSESSIVE_RE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_INITIAL_RE = re.compile(r"^(?:[^\W\d_]\.)+$")
_HYPHEN_PREFIX_RE = re.compile(rf"^(?:{'|'.join(HYPHEN_PREFIXES)})-(?=[^\W\d_])")
_SPACES_RE = re.compile(r"\s+")


def is_initial(tok: str) -> bool:
    """ "V." or "J.R." """
    return bool(_INITIAL_RE.match(tok))


@functools.lru_cache(maxsize=CACHE_SIZE)
def is_name_word(tok: str) -> bool:
    """A capitalised word that can be part of a name ("Putin", "O'Brien", "al-Sharaa", "V.")."""
    tok = _HYPHEN_PREFIX_RE.sub("", tok) if tok[:1].islower() else tok
    if not tok or not tok[0].isupper() or any(c.isdigit() for c in tok):
        return False
    if is_initial(tok):
        return True
    letters = [c for c in tok if c.isalpha()]
    if not letters or not all(c.isalpha() or c in "'’-." for c in tok):
        return False
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return False  # all-caps: acronyms, shouted headline words
    return True


def name_parts(name: str) -> list[str]:
    """Words of a bare name without titles, suffixes or a possessive ending."""
    return list(_name_parts(name))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _name_parts(name: str) -> tuple[str, ...]:
    name = POSSESSIVE_RE.sub("", strip_titles(name))
    parts = [p for p in _SPACES_RE.split(name.strip()) if p]
    while parts and parts[-1].lower().rstrip(",") in SUFFIXES:
        parts.pop()
    return tuple(p.rstrip(",") for p in parts)


@functools.lru_cache(maxsize=CACHE_SIZE)
def surname(name: str) -> str:
    """Last name word (with a preceding particle: "van Persie")."""
    parts = _name_parts(name)
    if not parts:
        return ""
    k = len(parts) - 1
    while k >= 1 and parts[k - 1].lower() in PARTICLES:  # "von der Leyen", "van Persie", "Ó Muirí"
        if k - 1 == 0 and (parts[0].lower() in LATE_PARTICLES or parts[0] in GIVEN_NAME_PARTICLES):
            break  # "Mac Jones", "Ben Carson": a given name
        k -= 1
    return " ".join(parts[k:])


def given_names(name: str) -> list[str]:
    """First and middle names (initials included)."""
    return list(_given_names(name))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _given_names(name: str) -> tuple[str, ...]:
    parts = _name_parts(name)
    sur = surname(name).split()
    return parts[: len(parts) - len(sur)]


def without_middle_initials(name: str) -> str:
    """ "Vladimir V. Putin" -> "Vladimir Putin" (a leading initial is kept: "J. Smith")."""
    parts = name_parts(name)
    if len(parts) >= 3:
        parts = [parts[0]] + [p for p in parts[1:-1] if not is_initial(p)] + [parts[-1]]
    return " ".join(parts)


@functools.lru_cache(maxsize=CACHE_SIZE)
def is_full_name(name: str) -> bool:
    """At least a given name (not an initial alone) and a surname."""
    g = _given_names(name)
    return bool(g) and not all(is_initial(x) for x in g)
