"""First names and the sex they are mostly given to (gender-guesser's name dictionary, shipped in
its wheel)."""

from __future__ import annotations

import functools

import gender_guesser.detector as gd

from archive.names.fold import ascii_fold
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
