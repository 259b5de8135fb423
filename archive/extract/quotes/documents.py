"""Whose words a document carries: a statement, an ad, a letter or an email that is the subject
of a reporting verb ("X issued a statement saying", "her fundraising email notes", "according to a
court document filed by X", "X released an ad calling", "In a letter that ..., X struck a tone")
speaks for its owner: the possessor, the author named by "by", or the subject of the verb that
issued it."""

from __future__ import annotations

from archive.extract.quotes.lexicon import (
    CLAIM_NOUNS,
    CUE_FORMS,
    DOCUMENT_NOUNS,
    REACTION_VERBS,
    SPEECH_NOUN_PREPS,
    SPEECH_NOUN_VERBS,
    SPEECH_NOUNS,
)
from archive.extract.quotes.subjects import subject_of
from archive.extract.quotes.text import TextView


def is_speech_noun(v: TextView, k: int) -> bool:
    """Token ``k`` is a common noun of speech ("statement", "response", "email")."""
    t = v.toks[k]
    return t.pos == "NOUN" and t.lower in SPEECH_NOUNS


def is_document(v: TextView, k: int) -> bool:
    """Token ``k`` is a common noun of speech or of a work ("statement", "ad", "study")."""
    t = v.toks[k]
    return t.pos == "NOUN" and t.lower in DOCUMENT_NOUNS


def speaking_subject(v: TextView, k: int) -> int | None:
    """The noun of speech that is the subject of the clause of token ``k`` ("Roe's letter makes a
    modest case", "Her statement struck a defiant tone"); None when that clause has another, or
    its verb is one of a reaction ("Roe's tweet drew a sharp reply")."""
    for _ in range(4):
        t = v.toks[k]
        if t.pos in ("VERB", "AUX"):
            if t.lower in REACTION_VERBS:
                return None
            subj = v.children(k, "nsubj")
            return subj[0] if subj and is_speech_noun(v, subj[0]) else None
        h = v.head(k)
        if h is None or h == k:
            return None
        k = h
    return None


def issued_noun(v: TextView, k: int) -> int | None:
    """The noun of speech that the main verb of the sentence of token ``k`` issues ("Roe
    released a statement on Monday", "Her lawyer had a short reply"); None without one."""
    a, b = v.sent_range(k)
    root = next((j for j in range(a, b) if v.head(j) is None), None)
    if root is None or v.toks[root].lower not in SPEECH_NOUN_VERBS:
        return None
    for o in v.children(root, "dobj"):
        if is_speech_noun(v, o) and v.toks[o].tag == "NN":
            return o
    return None


def claimant(v: TextView, first: int, stop: int) -> int | None:
    """The possessor of the noun of speech whose "that" clause holds the quoted tokens
    [first, stop) ("Trump's claim that Obama "founded ISIS"": Trump), or that they are "about"
    ("his remarks about "rapists""); None when there is none."""
    inside = range(first, stop)
    k = next((t for t in inside if v.head(t) is None or v.head(t) not in inside), None)
    prev, steps = k, 0
    while k is not None and steps < 4:
        k = v.head(k)
        steps += 1
        if k is None or k == prev:
            return None
        t = v.toks[k]
        if t.pos == "NOUN":
            if t.lower not in CLAIM_NOUNS:
                return None
            about = v.toks[prev].lower == "about"  # "Trump's statement about "thousands of ...""
            if not about and (
                v.toks[prev].dep not in ("acl", "ccomp")
                or not any(v.toks[c].lower == "that" for c in v.children(prev, "mark"))
            ):
                return None
            owners = [c for c in v.children(k, "poss") if v.toks[c].pos in ("PROPN", "PRON")]
            return owners[0] if owners else None
        if t.pos == "ADP" and t.lower == "about" and t.dep == "prep" and steps == 1:
            prev = k
            continue
        if t.pos not in ("VERB", "AUX") or t.lower in CUE_FORMS:
            return None  # (a verb of speech on the way reports the quote itself)
        prev = k
    return None


def document_owner(v: TextView, k: int) -> int | None:
    """The token of whoever speaks through the document at token ``k``: its possessor ("Roe's
    email", "his remarks"), its author ("a study by X", "a document filed by X"), or the subject
    of the verb that issued it ("X released a statement", "In a letter, X wrote"); None when
    ``k`` is no such noun or the text names nobody."""
    if not v.parsed or not is_document(v, k):
        return None
    for owner in v.children(k, "poss"):
        return owner
    for by in _by_phrases(v, k):
        for p in v.children(by, "pobj"):
            return p
    t = v.toks[k]
    h = v.head(k)
    if h is None:
        return None
    if t.dep == "dobj" and v.toks[h].lower in SPEECH_NOUN_VERBS:
        return subject_of(v, h)
    if t.dep == "pobj" and v.toks[h].lower in SPEECH_NOUN_PREPS:
        verb = v.head(h)
        if verb is not None and verb != h and v.toks[verb].pos in ("VERB", "AUX"):
            return subject_of(v, verb)
    return None


def _by_phrases(v: TextView, k: int) -> list[int]:
    """The "by" of "a study by X" and of "a document filed by X"."""
    found = [p for p in v.children(k, "prep") if v.toks[p].lower == "by"]
    for acl in v.children(k, "acl"):
        found += v.children(acl, "agent")
    return found
