"""Folding personal names for comparison, kept once: ASCII transliteration, lowercase keys.

:func:`fold_word` is the transliteration-tolerant key of one name word that clustering in an
article and identity across articles compare; :func:`fold_name` is the plain ASCII-lowercase
form the name look-ups of :mod:`archive.query.matching` split into tokens.
"""

from __future__ import annotations

import re

from unidecode import unidecode

_NON_LETTER_RE = re.compile(r"[^a-z]")
_DOUBLED_RE = re.compile(r"(.)\1+")
_FINAL_IJ_RE = re.compile(r"ij$")
_VOWEL_RE = re.compile(r"[aeiou]")


def ascii_fold(s: str) -> str:
    """ASCII transliteration ("Micheál" -> "Micheal", "Zelenskyy" stays)."""
    return unidecode(s)


def fold_name(s: str) -> str:
    """ASCII, lowercase ("Éamon Ó Cuív" -> "eamon o cuiv")."""
    return unidecode(s).lower()


def fold_word(word: str) -> str:
    """Transliteration-tolerant form of one name word.

    lowercase ASCII, "kh" -> "h", "y" -> "i", doubled letters collapsed, final "ij" -> "i":
    Zelensky / Zelenskyy / Zelenskiy / Zelenskyi / Zelenskij -> "zelenski"; Dmitry / Dmitriy /
    Dmitri -> "dmitri"; Kostyukov / Kostiukov -> "kostiukov". Volodymyr -> "volodimir" stays
    distinct from Vladimir -> "vladimir".
    """
    w = _NON_LETTER_RE.sub("", ascii_fold(word).lower())
    w = w.replace("kh", "h").replace("y", "i")
    w = _DOUBLED_RE.sub(r"\1", w)
    return _FINAL_IJ_RE.sub("i", w)


def consonant_skeleton(word: str) -> str:
    """Folded word without vowels: "medvedev"/"medvediev" -> "mdvdv"."""
    return _VOWEL_RE.sub("", fold_word(word))
