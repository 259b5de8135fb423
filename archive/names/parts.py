"""The shape of personal names, in one import: titles, name words, first names, dictionary words,
folding.

The functions live in one module per idea (:mod:`archive.names.titles`,
:mod:`archive.names.tokens`, :mod:`archive.names.firstnames`, :mod:`archive.names.dictionary`,
:mod:`archive.names.fold`; the word lists in :mod:`archive.names.lexicon`); this module gathers
them under the names the extractors, the store and the queries import. Pure functions, no spaCy
pipeline.
"""

from __future__ import annotations

from archive.names.dictionary import english_words, is_english_word
from archive.names.firstnames import first_name_gender, is_clear_first_name, is_first_name
from archive.names.fold import ascii_fold, consonant_skeleton, fold_name, fold_word
from archive.names.lexicon import HONORIFIC_GENDER, PARTICLES, SUFFIXES
from archive.names.titles import (
    TITLE_BEFORE_RE,
    TITLE_CHAIN,
    TITLE_START_RE,
    is_title_word,
    strip_titles,
    title_info,
)
from archive.names.tokens import (
    POSSESSIVE_RE,
    given_names,
    is_full_name,
    is_initial,
    is_name_word,
    name_parts,
    surname,
    without_middle_initials,
)

__all__ = [
    "HONORIFIC_GENDER",
    "PARTICLES",
    "POSSESSIVE_RE",
    "SUFFIXES",
    "TITLE_BEFORE_RE",
    "TITLE_CHAIN",
    "TITLE_START_RE",
    "ascii_fold",
    "consonant_skeleton",
    "english_words",
    "first_name_gender",
    "fold_name",
    "fold_word",
    "given_names",
    "is_clear_first_name",
    "is_english_word",
    "is_first_name",
    "is_full_name",
    "is_initial",
    "is_name_word",
    "is_title_word",
    "name_parts",
    "strip_titles",
    "surname",
    "title_info",
    "without_middle_initials",
]
