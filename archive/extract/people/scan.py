"""Step 3 of finding people: every mention of the accepted names, anywhere in the body.

Every accepted surface form, the surname of every full name and the full name without middle
initials are searched in the whole body, so a name tagged once counts at all its mentions; a
one-word form is skipped where it is part of another name, an organisation name or a place.
"""

from __future__ import annotations

import re

from archive.extract.people.article import Article, norm
from archive.extract.people.cluster import Mention
from archive.extract.people.lexicon import UPPER
from archive.names.titles import is_title_word
from archive.names.tokens import is_full_name, is_name_word, surname, without_middle_initials

_PREV_WORD_RE = re.compile(r"([^\s]+)[ \t]+$")
_SENTENCE_END_RE = re.compile(r"(?:[.!?\"“”]\s*|\n\s*)$")
_NAME_NEXT_RE = re.compile(rf"[ \t]+[{UPPER}]")


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
