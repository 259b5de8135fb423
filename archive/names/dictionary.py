"""Common English words, to tell a surname ("Keegan") from a word ("Villa", "Cross"): the lemma
index of the spaCy model's lemmatizer tables, read from its files (no second pipeline)."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from spacy.lookups import Lookups

from archive import nlp
from archive.names.titles import CACHE_SIZE


def _model_root() -> Path | None:
    """The directory of the configured spaCy model, or None when no model is installed."""
    try:
        name = nlp.model_name()
    except nlp.ModelNotFound:
        return None
    if Path(name).is_dir():
        return Path(name)
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:  # a dotted name whose parent package is not installed
        return None
    return Path(name) if spec is None else Path(spec.origin).parent


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lowercase English dictionary words ("villa", "cross", "taoiseach"), or empty when the model
    has no lemmatizer tables (then the rules using them stay off)."""
    root = _model_root()
    if root is None:
        return frozenset()
    d = next(root.glob("lemmatizer/lookups"), None) or next(root.glob("*/lemmatizer/lookups"), None)
    if d is None:
        return frozenset()
    table = Lookups().from_disk(d).get_table("lemma_index", None)
    if table is None:
        return frozenset()
    return frozenset(w for words in table.values() for w in words if w.isalpha())


@functools.lru_cache(maxsize=CACHE_SIZE)
def is_english_word(word: str) -> bool:
    """ "Villa", "Cross", "Woods" (plural of a word) are dictionary words; "Keegan", "Tonali"
    are not."""
    w = word.lower().replace("’", "'")
    words = english_words()
    if w in words:
        return True
    return len(w) > 3 and (
        (w.endswith("s") and w[:-1] in words) or (w.endswith("es") and w[:-2] in words)
    )
