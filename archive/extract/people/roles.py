"""Roles an article gives a person, read off the text around one mention.

Patterns (all on the spaCy parse of the body):
  pre-modifier   "Kremlin spokesman Dmitry Peskov", "U.S. Army Secretary Daniel Driscoll"
  appositive     "Dmitry Peskov, the Kremlin spokesman,"; "Trump's son-in-law, Jared Kushner,"
  title + of     "President Volodymyr Zelensky of Ukraine" -> "President of Ukraine"
Roles are kept as written, without a leading article; a person's roles are those at all their
mentions, without descriptions of organisations ("oil company").
"""

from __future__ import annotations

import re

from archive.extract.people.article import Article, norm
from archive.extract.people.cluster import Person
from archive.extract.people.lexicon import ORG_ROLE_HEADS, ROLE_STOP_WORDS, ROLE_TITLE_WORDS
from archive.extract.quotes.lexicon import SAID_SAYS_TOLD

_LEADING_DET = re.compile(r"^(?:the|a|an)\s+", re.I)
_ROLE_POS = {"NOUN", "PROPN", "ADJ", "NUM"}
_STOP_AFTER = ROLE_STOP_WORDS | frozenset(SAID_SAYS_TOLD)
_ORG_ROLE_SPLIT_RE = re.compile(r"\s+(?:of|at|for|with|in|from|on)\s+")


def clean_role(text: str) -> str:
    """A role as kept: one line, no edge punctuation, no leading article."""
    text = " ".join(text.split()).strip(" ,;:—–-")
    return _LEADING_DET.sub("", text)


def _has_role_noun(tokens) -> bool:
    return any(t.pos_ == "NOUN" and t.text[:1].islower() for t in tokens) or any(
        t.lower_ in ROLE_TITLE_WORDS for t in tokens
    )


def _premodifier(doc, first_tok: int, for_title: bool = False):
    """Tokens of a role noun phrase ending right before token ``first_tok`` (the title or name).

    Without a title the nearest token must be a role noun ("spokesman", "son-in-law", "CEO");
    before a title any modifier will do ("U.S.", "Ukrainian").
    """
    i = first_tok - 1
    toks = []
    while i >= 0:
        t = doc[i]
        if t.is_space or "\n" in t.whitespace_:
            break
        glued = t.whitespace_ == "" and i > 0 and doc[i - 1].whitespace_ == ""
        if t.text in ("’s", "'s") and t.tag_ == "POS" and toks:
            toks.append(t)
        elif t.text == "-" and toks and t.whitespace_ == "":
            toks.append(t)
        elif t.lower_ == "in" and glued and toks and toks[-1].text == "-":  # son-in-law
            toks.append(t)
        elif (t.pos_ in _ROLE_POS or t.lower_ in ROLE_TITLE_WORDS) and not t.is_punct:
            if (
                not toks
                and not for_title
                and not (t.text[:1].islower() or _looks_role_word(t) or t.is_upper)
            ):
                break  # "in Geneva Zelensky": a proper noun right before the name is no role
            toks.append(t)
        elif (
            t.lower_ == "and"
            and toks
            and i > 0
            and doc[i - 1].text[:1].islower()
            and doc[i - 1].pos_ in ("NOUN", "ADJ")
        ):
            toks.append(t)
        else:
            break
        if t.is_sent_start:
            break
        i -= 1
    toks.reverse()
    while toks and (toks[0].pos_ == "CCONJ" or toks[0].text in ("’s", "'s", "-")):
        toks.pop(0)
    if not toks:
        return None
    if not for_title and not _has_role_noun(toks):
        return None
    return toks


def _looks_role_word(t) -> bool:
    return t.text.lower() in ROLE_TITLE_WORDS


def _appositive_after(doc, last_tok: int):
    """ ", the Kremlin spokesman," right after the name."""
    i = last_tok + 1
    if i + 1 >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    if (
        doc[j].pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ", "PUNCT")
        or doc[j].lower_ in _STOP_AFTER
    ):
        return None
    toks = []
    while j < len(doc) and len(toks) < 14:
        t = doc[j]
        if (
            t.is_space
            or t.text in (",", ".", ";", ":", "—", "–", "(", ")", '"', "“", "”")
            or t.lower_ in _STOP_AFTER
        ):
            break
        if (
            t.pos_ in ("VERB", "AUX")
            and toks
            and t.tag_ not in ("VBG",)
            and not (t.tag_ == "VBN" and doc[j - 1].text == "-")
        ):
            break
        toks.append(t)
        j += 1
    if not toks or len(toks) > 12:
        return None
    if toks[0].pos_ == "PROPN" and not any(t.pos_ == "NOUN" for t in toks):
        return None  # a list of names or places
    if not _has_role_noun(toks):
        return None
    return toks


def _appositive_before(doc, first_tok: int, last_tok: int):
    """ "Trump's son-in-law, Jared Kushner," - only when the name is closed by punctuation."""
    after = doc[last_tok + 1] if last_tok + 1 < len(doc) else None
    if after is not None and after.text in ("’s", "'s"):
        return None
    if after is not None and not (after.is_punct or after.is_space):
        return None
    i = first_tok - 1
    if i < 1 or doc[i].text != ",":
        return None
    root = doc[last_tok]
    head = root.head
    # "the head of the delegation in Switzerland, X": climb from a place to the role noun
    while (
        root.dep_ == "appos"
        and head.lower_ not in ROLE_TITLE_WORDS
        and head.dep_ == "pobj"
        and head.head.dep_ == "prep"
    ):
        head = head.head.head
    if root.dep_ == "appos" and head.i < first_tok and first_tok - head.left_edge.i <= 18:
        # the parser found the appositive: take the head's phrase up to the comma
        toks = [t for t in doc[head.left_edge.i : i] if not t.is_space]
        if toks and not any(t.pos_ in ("VERB", "AUX") for t in toks) and _has_role_noun(toks):
            while toks and toks[0].pos_ in ("ADP", "CCONJ", "PUNCT"):
                toks.pop(0)
            if toks:
                return toks
    i -= 1
    toks = []
    while i >= 0 and len(toks) < 16:
        t = doc[i]
        if t.is_space or t.is_sent_end and toks:
            break
        joined = t.whitespace_ == ""
        if (
            t.pos_ in _ROLE_POS
            or t.pos_ == "DET"
            or t.text in ("’s", "'s", "-")
            or (t.lower_ in ("of", "for") and toks)
            or (t.lower_ == "and" and toks)
            or (t.lower_ in ("in", "of") and joined)
        ):
            toks.append(t)
            if t.is_sent_start:
                break
            i -= 1
            continue
        break
    toks.reverse()
    while toks and toks[0].lower_ in ("of", "for", "and", "’s", "'s", "-"):
        toks.pop(0)
    if not toks or not _has_role_noun(toks) or toks[-1].pos_ not in ("NOUN", "PROPN"):
        return None
    # a fronted phrase at the start of a sentence followed by the subject is not an appositive
    if toks[0].is_sent_start and toks[0].pos_ == "ADP":
        return None
    return toks


def _span_text(body: str, toks) -> str:
    return body[toks[0].idx : toks[-1].idx + len(toks[-1])]


def roles_at(
    body: str,
    doc,
    tok_start: int,
    tok_end: int,
    title: str,
    title_tok: int | None,
    title_is_role: bool,
) -> list[str]:
    """Roles around one mention: name tokens [tok_start, tok_end), title chain starting at
    title_tok."""
    out: list[str] = []
    first = title_tok if title_tok is not None else tok_start
    pre = _premodifier(doc, first, for_title=bool(title and title_is_role))
    if title and title_is_role:
        t = title.strip()
        out.append(f"{_span_text(body, pre)} {t}" if pre else t)
        # "President Volodymyr Zelensky of Ukraine"
        if (
            tok_end + 1 < len(doc)
            and doc[tok_end].lower_ == "of"
            and doc[tok_end + 1].ent_type_ in ("GPE", "LOC", "ORG", "NORP")
        ):
            k = tok_end + 1
            while k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I":
                k += 1
            out.append(f"{t} of {doc[tok_end + 1 : k + 1].text}")
    elif pre:
        out.append(_span_text(body, pre))
    app = _appositive_after(
        doc, tok_end - 1 if doc[tok_end - 1].text not in ("’s", "'s") else tok_end - 2
    )
    if app:
        out.append(_span_text(body, app))
    before = _appositive_before(doc, first if pre is None else pre[0].i, tok_end - 1)
    if before:
        out.append(_span_text(body, before))
    return [r for r in (clean_role(x) for x in out) if r]


def person_roles(art: Article, p: Person) -> list[str]:
    """The roles of one person at all their mentions, first seen first, case-insensitively
    unique, none that is the mention itself."""
    out: list[str] = []
    seen: set[str] = set()
    for m in p.mentions:
        ts, te = art.tok_start.get(m.start), art.tok_end.get(m.end)
        if ts is None or te is None:
            continue
        title_tok = art.tok_start.get(m.title_start) if m.title_start is not None else None
        if title_tok is None and m.title_start is not None:
            # a title glued to punctuation in one token ("-President Obama" on a signature line)
            span = art.doc.char_span(m.title_start, m.title_start + 1, alignment_mode="expand")
            title_tok = span.start if span is not None else None
        is_role = art.is_title(m.title)
        for r in roles_at(
            art.body, art.doc, ts, te + 1, m.title if is_role else "", title_tok, is_role
        ):
            k = r.lower()
            if k not in seen and norm(r) != norm(m.text):
                seen.add(k)
                out.append(r)
    return out


def is_org_role(role: str) -> bool:
    """ "oil company", "state-run lender": a description of an organisation, not of a person."""
    head = _ORG_ROLE_SPLIT_RE.split(role.strip(), maxsplit=1)[0].split()
    return bool(head) and head[-1].lower() in ORG_ROLE_HEADS
