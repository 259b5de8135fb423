"""The rules on one name-shaped span that finding and accepting candidates share: is it shaped
like a name, like an organisation, in a person's context, headed by "the", made of dictionary
words, a "Firstname Surname" the model missed?"""

from __future__ import annotations

import re

from archive.extract.people import credits
from archive.extract.people.article import Article, norm
from archive.extract.people.lexicon import (
    FALLBACK_NOT_BEFORE,
    GEO_FEATURE_NOUNS,
    NON_PERSON_HEADS,
    NON_PERSON_NAMES,
    NON_PERSON_PHRASES,
    ROLE_BEFORE_NOUNS,
    STRONG_ORG_WORDS,
    TITLE_CASE_INNER_STOP,
    UPPER,
)
from archive.extract.quotes.lexicon import SPEECH_VERBS_AFTER_NAME
from archive.names.dictionary import english_words, is_english_word
from archive.names.firstnames import is_clear_first_name, is_first_name
from archive.names.lexicon import PARTICLES, SUFFIXES
from archive.names.titles import is_title_word
from archive.names.tokens import given_names, is_initial, is_name_word, surname

# a lowercase word right after a name that makes it a geographic feature or an area
# ("the Hindu Kush ranges", "the Ravi, Sutlej and Chenab rivers")
GEO_AFTER = re.compile(
    rf"^(?:(?:,|,?\s+and|,?\s+&)\s+[{UPPER}][\w'’\-]*(?:\s+[{UPPER}][\w'’\-]*)*)*\s+(?:"
    + "|".join(GEO_FEATURE_NOUNS)
    + r")\b"
)
_SPEECH_AFTER = re.compile(
    r"^(?:,\s+(?:the|a|an|who|whose|his|her|its|their|[a-z][\w\-]*(?:['’]s)?)\b|\s+(?:"
    + "|".join(SPEECH_VERBS_AFTER_NAME)
    + r")\b"
    + r"|:[ \t]*[\"“‘'])"  # a quote the name introduces: '- Jo Roe: "..."'
)
# a reporting verb after a quote, right before a name ('"...," said Jo Roe')
_SPEECH_BEFORE = re.compile(r"[,!?\"”’]\s*(?:" + "|".join(SPEECH_VERBS_AFTER_NAME) + r")[ \t]+$")
# a role noun right before a name ("Brazil forward Neymar", "spokesman Peskov")
ROLE_BEFORE = re.compile(r"\b(?:" + "|".join(ROLE_BEFORE_NOUNS) + r")\s+$")
_POSSESSIVE_START_RE = re.compile(r"^['’]s?")
_THE_BEFORE_RE = re.compile(r"(?<![\w])[Tt]he[ \t]+$")
_AT_BEFORE_RE = re.compile(r"\bat\s+$")
_NEXT_LOWER_RE = re.compile(r"^\s+([a-z]+)")


def shape_ok(text: str) -> bool:
    """One to six name words, no headline function word inside ("Just Responded To Smith"), not
    a title, an initial at the end or a non-person head."""
    words = text.split()
    if not words or len(words) > 6:
        return False
    if words[0].lower() in NON_PERSON_HEADS or text.lower().rstrip(".") in SUFFIXES:
        return False
    if not is_name_word(words[0]) or not is_name_word(words[-1]):
        return False
    if is_initial(words[-1]):
        return False
    for w in words[1:-1]:
        if not (is_name_word(w) or w.lower() in PARTICLES) or w.lower() in TITLE_CASE_INNER_STOP:
            return False
    if all(is_title_word(w) for w in words) or is_title_word(text):
        return False
    return True


def is_org_like(text: str, strong_only: bool) -> bool:
    """An outlet, platform or organisation-shaped name ("Bloomberg", "Morgan Stanley Bank");
    with ``strong_only`` a one-word name is not judged by its last word."""
    n = norm(text)
    if n in NON_PERSON_PHRASES or n in NON_PERSON_NAMES:
        return True
    last = n.split()[-1] if n else ""
    if last in STRONG_ORG_WORDS and (len(n.split()) > 1 or not strong_only):
        return True
    return False


def person_context(art: Article, start: int, end: int) -> bool:
    """Speech or an apposition after the span, an inverted reporting verb ('"...," said X'), a
    role noun or a person right before it."""
    body, doc = art.body, art.doc
    after = body[end : end + 40]
    after = _POSSESSIVE_START_RE.sub("", after)
    if _SPEECH_AFTER.match(after) or _SPEECH_BEFORE.search(body, max(0, start - 20), start):
        return True
    i = art.tok_start.get(start)
    if i is not None and i > 0:
        prev = doc[i - 1]
        if prev.pos_ == "NOUN" and prev.text[:1].islower():
            return True
        # appositive after a role: "Kyiv's chief negotiator, Rustem Umerov"
        if (
            prev.text == ","
            and i > 1
            and doc[i - 2].pos_ == "NOUN"
            and doc[i - 2].text[:1].islower()
        ):
            return True
        # coordinated with a person: "Prince Harry and Meghan Markle"
        if prev.lower_ == "and" and i > 1 and doc[i - 2].ent_type_ == "PERSON":
            return True
    return False


def the_before(art: Article, start: int, end: int) -> bool:
    """ "the Red Cross said", "the Ravi": a name headed by "the" (not "the Kevin Keegan era")."""
    if not _THE_BEFORE_RE.search(art.body[max(0, start - 5) : start]):
        return False
    j = art.tok_end.get(end)
    i = j + 1 if j is not None else None
    if i is not None and i < len(art.doc):
        nxt = art.doc[i]
        if nxt.text[:1].islower() and nxt.pos_ in ("NOUN", "ADJ", "PROPN"):
            return False  # the name is a modifier of a noun
    return True


def all_dictionary_words(words: list[str]) -> bool:
    """Two or more words, each a dictionary word, none a clear first name: "Penguin Random
    House"."""
    return (
        len(words) >= 2
        and bool(english_words())
        and all(is_english_word(w) and not is_clear_first_name(w) for w in words)
        and not all(is_first_name(w) for w in words)
    )


def fallback_name(art: Article, start: int, text: str, label: str = "") -> bool:
    """ "Firstname Surname" that spaCy missed or tagged ORG ("dispossessed by Sandro Tonali").

    Only a clear first name (mostly one sex) and a surname that is no dictionary word, no first
    place, and no first name either when spaCy tagged it ORG ("Morgan Stanley"); not after "at",
    not before an organisation word ("Foundation", "airport").
    """
    if not english_words():
        return False
    end = start + len(text)
    words = [w for w in text.split() if not is_initial(w)]
    given, sur = given_names(" ".join(words)), surname(" ".join(words))
    if len(given) != 1 or not sur or not is_clear_first_name(given[0]):
        return False
    last = sur.split()[-1]
    if (
        is_english_word(last)
        or (label == "ORG" and is_first_name(last))
        or is_title_word(last)
        or not is_name_word(last)
    ):
        return False
    if any(art.is_place(x) or art.is_norp(x) for x in (given[0], last, text)):
        return False
    if credits.inside(art.headline_lines, start, end) or art.in_credit(start, end):
        return False
    if _AT_BEFORE_RE.search(art.body[max(0, start - 6) : start]):
        return False
    nxt = _NEXT_LOWER_RE.match(art.body[end : end + 30])
    if nxt and nxt.group(1) in FALLBACK_NOT_BEFORE:
        return False
    return True
