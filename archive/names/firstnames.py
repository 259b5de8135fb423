"""First names: the sex they are mostly given to (gender-guesser's name dictionary, shipped in its
wheel), and the short forms of one first name (Bob/Robert, Joe/Joseph: the names.csv of the
nicknames package, shipped in its wheel)."""

from __future__ import annotations

import functools

import gender_guesser.detector as gd
from nicknames import name_triplets

from archive.names.fold import ascii_fold, fold_word
from archive.names.tokens import is_initial

# gender-guesser's answers -> ours: "m"/"f" (clearly), "?m"/"?f" (mostly), "?" (either)
_GENDERS = {
    "male": "m",
    "mostly_male": "?m",
    "female": "f",
    "mostly_female": "?f",
    "andy": "?",
}


@functools.lru_cache(maxsize=1)
def _detector() -> gd.Detector:
    return gd.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=20000)
def first_name_gender(word: str) -> str | None:
    """ "m"/"f" (clearly), "?m"/"?f" (mostly), "?" (either) for a known first name, else None."""
    if not word or not word[0].isupper() or is_initial(word):
        return None
    det = _detector()
    w = word.split("-")[0]
    res = det.get_gender(w)
    if res == "unknown" and ascii_fold(w) != w:
        res = det.get_gender(ascii_fold(w))  # "Micheál", "Éamon", "Siobhán"
    return _GENDERS.get(res)


def is_first_name(word: str) -> bool:
    """A first name in the dictionary, whatever sex it is given to."""
    return first_name_gender(word) is not None


def is_clear_first_name(word: str) -> bool:
    """A first name that is mostly used for one sex ("Kevin", "Bertie"); not "Red", "Summer"."""
    return first_name_gender(word) in ("m", "f", "?m", "?f")


@functools.lru_cache(maxsize=1)
def _short_forms() -> dict[str, frozenset[str]]:
    """Folded first name -> the folded names it is a short or long form of (both ways)."""
    table: dict[str, set[str]] = {}
    for t in name_triplets():
        a, b = fold_word(t.name1), fold_word(t.name2)
        if a and b and a != b:
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in table.items()}


def same_first_name(a: str, b: str) -> bool:
    """Two first names that are forms of one name (Bob/Robert, Joe/Joseph, Bill/William);
    plain or already folded (:func:`archive.names.fold.fold_word`)."""
    if not a or not b or is_initial(a) or is_initial(b):
        return False
    fa, fb = fold_word(a), fold_word(b)
    return fa == fb or fb in _short_forms().get(fa, ())
