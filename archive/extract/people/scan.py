"""Step 3 of finding people: every mention of the accepted names, anywhere in the body.

Every accepted surface form, the surname of every full name and the full name without middle
initials are searched in the whole body, so a name tagged once counts at all its mentions; a
one-word form is skipped where it is part of another name, an organisation name or a place. A
given name co-ordinated before a full name shares its surname ("Khizr and Ghazala Khan",
"David and Charles Koch": :func:`shared_surnames`).
"""

from __future__ import annotations

import re

from archive.extract.people.article import Article, norm
from archive.extract.people.cluster import Mention
from archive.extract.people.lexicon import UPPER
from archive.names.firstnames import is_first_name
from archive.names.titles import is_title_word
from archive.names.tokens import (
    is_full_name,
    is_initial,
    is_name_word,
    name_parts,
    surname,
    without_middle_initials,
)

_PREV_WORD_RE = re.compile(r"([^\s]+)[ \t]+$")
_SENTENCE_END_RE = re.compile(r"(?:[.!?\"“”]\s*|\n\s*)$")
_NAME_NEXT_RE = re.compile(rf"[ \t]+[{UPPER}]")
# "Khizr and " / "Bill & " right before a full name; the words before it: "Eric, Ivanka and "
_GIVEN_AND_RE = re.compile(rf"(?<![\w'’.\-])([{UPPER}][^\W\d_]+)(,?[ \t]+(?:and|&)[ \t]+)$")
_GIVEN_COMMA_RE = re.compile(rf"(?<![\w'’.\-])([{UPPER}][^\W\d_]+),[ \t]+$")
_PLACE_OR_BODY = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP"})


def scan_forms(forms: set[str]) -> tuple[set[str], frozenset[str]]:
    """The forms to search for (accepted forms, surnames and full names without middle initials
    of the full names) and the surnames among them."""
    out = set(forms)
    surnames = set()
    for f in forms:
        if is_full_name(f):
            surnames.add(surname(f))
            out.add(surname(f))
            out.add(without_middle_initials(f))
    out = {f for f in out if f and len(f) > 1 and not (is_title_word(f) and f not in surnames)}
    return out, frozenset(surnames)


def _inside_other_name(art: Article, start: int, end: int, text: str, surnames) -> bool:
    """A one-word form without a title that is part of another name ("Dustin Johnson" when
    scanning "Johnson"), of an organisation name ("Trump Organization") or a place."""
    body = art.body
    prev = _PREV_WORD_RE.search(body[max(0, start - 40) : start])
    if prev:
        pw = prev.group(1)
        p_start = start - len(prev.group(0))
        sentence_start = p_start == 0 or _SENTENCE_END_RE.search(body[:p_start]) is not None
        if (
            is_name_word(pw)
            and not is_title_word(pw)
            and not sentence_start
            and not pw.endswith(".")
        ):
            plabel = art.label_at(p_start, p_start + len(pw))
            if plabel in ("", "PERSON"):
                return True
    i = art.tok_end.get(end)  # the last token of the name ("Adeyemi-Clarke" is three)
    if i is None:
        i = art.tok_start.get(start)
    if i is not None and i + 1 < len(art.doc):
        nxt = art.doc[i + 1]
        if nxt.ent_iob_ == "I" and nxt.ent_type_ not in ("PERSON", ""):
            return True  # inside an organisation name ("Trump Organization")
    # the surname of a person named in full is a place only when the article's places have it,
    # not by the model's votes ("Andreou said ..." tagged GPE; "Carlisle said")
    label = art.label_at(start, end)
    return label != "PERSON" and (
        norm(text) in art.place_names if text in surnames else art.is_place(text)
    )


def scan(art: Article, forms: set[str], surnames: frozenset[str] = frozenset()) -> list[Mention]:
    """The mentions of ``forms`` in the body, outside credit lines."""
    body = art.body
    alts = sorted(forms, key=len, reverse=True)
    if not alts:
        return []
    rx = re.compile(
        r"(?<![\w\-'’])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w\-]|['’][^\Ws])"
    )
    out: list[Mention] = []
    for m in rx.finditer(body):
        start, end, text = m.start(), m.end(), m.group(0)
        if art.in_credit(start, end):
            continue
        if is_title_word(text) and _NAME_NEXT_RE.match(body[end : end + 2]):
            continue  # "King Charles": the surname "King" used as a title
        title, title_start = art.title_before(start)
        label = art.label_at(start, end)
        if (
            len(text.split()) == 1
            and not title
            and _inside_other_name(art, start, end, text, surnames)
        ):
            continue
        out.append(Mention(start, end, text, title, title_start, label))
    return out


def shared_surnames(art: Article, mentions: list[Mention]) -> list[Mention]:
    """The mentions with the given names co-ordinated before a full name, which share its surname
    ("Khizr and Ghazala Khan" names Khizr Khan too, "Eric, Ivanka and Donald Trump" Eric Trump):
    each such word becomes (or is added as) a mention of its own with ``shared`` set. The word is
    a first name or tagged a person by the model, no one's surname, title or place, and no name
    word comes right before it ("Hillary Clinton and Bernie Sanders" is two people)."""
    body = art.body
    at = {(m.start, m.end): m for m in mentions}
    surnames = {surname(m.text) for m in mentions if is_full_name(m.text)}
    out = list(mentions)
    for m in mentions:
        parts = name_parts(m.text)
        if m.title or len(parts) < 2 or is_initial(parts[0]) or not is_full_name(m.text):
            continue
        family = surname(m.text)
        end = m.start
        pattern = _GIVEN_AND_RE
        while True:
            g = pattern.search(body, max(0, end - 60), end)
            if not g or not _shares(art, g.group(1), g.start(1), surnames, at):
                break
            start, stop = g.start(1), g.end(1)
            shared = f"{g.group(1)} {family}"
            known = at.get((start, stop))
            if known is not None:
                known.shared = shared
            else:
                label = art.label_at(start, stop)
                out.append(Mention(start, stop, g.group(1), label=label, shared=shared))
            end, pattern = start, _GIVEN_COMMA_RE
    return out


def _shares(art: Article, word: str, start: int, surnames: set[str], at) -> bool:
    """WORD at START can be a given name of a list before a full name (see
    :func:`shared_surnames`)."""
    if word in surnames or is_title_word(word) or art.in_credit(start, start + len(word)):
        return False
    label = art.label_at(start, start + len(word))
    if label != "PERSON" and (label in _PLACE_OR_BODY or not is_first_name(word)):
        return False
    if art.is_known_place(word) and (label != "PERSON" or not is_first_name(word)):
        return False  # "Georgia and Mike Pence", "Gorakhpur and ..."; "David" is no Panama town
    if art.title_before(start)[0]:
        return False  # "Sen. Paul and John Kasich": a surname
    before = _PREV_WORD_RE.search(art.body, max(0, start - 40), start)
    # "Hillary Clinton and Bernie Sanders"; not a sentence's last word ("... in Iraq. Bill and")
    return not (before and is_name_word(before.group(1)) and before.group(1)[-1:] not in ".!?")
