"""Step 2 of finding people: which candidates are names of people, and which rejected candidates
and loose runs join an accepted one-word name ("Brewster Kahle" when "Kahle" was accepted).

Rejected: places, nationalities, outlets and organisation-shaped names, credit lines, names
headed by "the" or before a feature noun, spans made only of dictionary words; a one-word name
is accepted only weakly (it must find a title or a role later, see
:mod:`archive.extract.people.mentions`).
"""

from __future__ import annotations

import re

from archive.extract.people import credits
from archive.extract.people.article import Article
from archive.extract.people.candidates import Candidate, LooseRun
from archive.extract.people.lexicon import NON_PERSON_LABELS, ORG_PREPOSITIONS, WEAK_TITLES
from archive.extract.people.rules import (
    GEO_AFTER,
    ROLE_BEFORE,
    all_dictionary_words,
    fallback_name,
    is_org_like,
    person_context,
    shape_ok,
    the_before,
)
from archive.names.dictionary import english_words, is_english_word
from archive.names.firstnames import is_clear_first_name, is_first_name
from archive.names.titles import is_title_word

_ORG_PREP_BEFORE = re.compile(r"\b(?:" + "|".join(ORG_PREPOSITIONS) + r")\s+(?:the\s+)?$", re.I)


def accept(art: Article, cand: Candidate) -> bool:
    """The candidate is a person's name."""
    text, start = cand.text, cand.start
    end = start + len(text)
    if not shape_ok(text) or art.in_credit(start, end):
        return False
    words = text.split()
    if (
        art.body[end : end + 1] == "."
        and is_title_word(words[-1] + ".")
        and not is_title_word(words[-1])
    ):
        return False  # a title written short ends it: "Navy Capt. Jo Roe" tagged "Navy Capt"
    first_known = len(words) >= 2 and is_first_name(words[0])
    honorific = strong_title = False
    if cand.titled:
        title, _ = art.title_before(start)
        honorific = bool(title) and not art.is_title(title)
        # "Pope Leo" (Leo is also a town); but "General Kherson" proves nothing
        strong_title = (
            bool(title)
            and title.split()[-1].rstrip(".") not in WEAK_TITLES
            and title.split()[-1] not in art.extra_titles
        )
    if is_org_like(text, strong_only=cand.label == "PERSON" or honorific):
        return False
    if cand.appos:
        return True
    # a clear first name and a surname: a place only by the gazetteer, not by the model's label
    placeish = (
        art.is_known_place(text)
        if len(words) >= 2 and is_clear_first_name(words[0])
        else art.is_place(text)
    )
    if not strong_title and (placeish or art.is_norp(text)):
        return False
    if cand.titled:
        return True
    if GEO_AFTER.match(art.body[end : end + 80]) or the_before(art, start, end):
        return False  # "the Hindu Kush ranges", "The Red Cross said"
    if all_dictionary_words(words):
        return False  # "Penguin Random House", "Hindu Kush"
    in_headline = credits.inside(art.headline_lines, start, end)
    if len(words) == 1 and ROLE_BEFORE.search(art.body, max(0, start - 30), start):
        return cand.label != "NORP"  # "Brazil forward Neymar", "spokesman Peskov"
    if cand.label == "PERSON":
        if len(words) == 1:
            return True  # weak: kept only with a title or a role somewhere (see mentions)
        return first_known or not in_headline
    if cand.label in NON_PERSON_LABELS:
        # "Rustem Umerov, the secretary ..." tagged ORG; but "analysts at Morgan Stanley said"
        if (
            first_known
            and not _ORG_PREP_BEFORE.search(art.body, max(0, start - 12), start)
            and person_context(art, start, end)
        ):
            return True
        return cand.label != "NORP" and fallback_name(art, start, text, cand.label)
    return first_known  # untagged run already checked for a person context or the fallback


def _joins(art: Article, run: LooseRun, forms: set[str]) -> bool:
    """A run ending in an accepted one-word name joins it when its first word is a first name
    or, in a two-word run, a word that is no dictionary word."""
    start, text, label = run.start, run.text, run.label
    words = text.split()
    if not (len(words) >= 2 and label != "NORP" and words[-1] in forms and shape_ok(text)):
        return False
    if not (
        is_first_name(words[0])
        or (
            len(words) == 2
            and label in ("", "PERSON")
            and english_words()
            and not is_english_word(words[0])
            and not is_english_word(words[-1])
            and words[0] not in forms
            and not art.is_place(words[0])
            and not art.is_norp(words[0])
            and not is_title_word(words[0])
        )
    ):
        return False
    end = start + len(text)
    return (
        not art.in_credit(start, end)
        and not credits.inside(art.headline_lines, start, end)
        and not is_org_like(text, strong_only=False)
        and not art.is_place(text)
        and not the_before(art, start, end)
    )


def accepted_forms(art: Article, found: list[Candidate], loose_runs: list[LooseRun]) -> set[str]:
    """The surface forms of the accepted candidates, and of the rejected candidates and loose
    runs that join one of them (document consistency: "Rustem Umerov" tagged ORG once, "Umerov"
    tagged PERSON elsewhere; "Brewster Kahle, who founded ...", "Kahle said")."""
    forms: set[str] = set()
    rejected: list[Candidate] = []
    for cand in found:
        if accept(art, cand):
            forms.add(cand.text)
        else:
            rejected.append(cand)
    loose = [LooseRun(c.start, c.text, c.label) for c in rejected] + loose_runs
    for run in loose:
        if _joins(art, run, forms):
            forms.add(run.text)
    return {f for f in forms if not _stray_word_around(f, forms)}


def _stray_word_around(form: str, forms: set[str]) -> bool:
    """The form is another accepted full name with a dictionary word before or after it that is
    no first name or title: a headline's verb ("Donald Trump Leads", "Ted Cruz Apologizes") or a
    word that opens the sentence ("Entrusting Donald Trump with ..."; not "Go", a first name too).
    The scan then finds the name inside it."""
    words = form.split()
    if len(words) < 3:
        return False
    for extra, rest in ((words[0], words[1:]), (words[-1], words[:-1])):
        if (
            " ".join(rest) in forms
            and is_english_word(extra)
            and not is_first_name(extra)
            and not is_title_word(extra)
        ):
            return True
    return False
