"""Whether a token is a reporting verb, and its base form: the forms of
:mod:`archive.extract.quotes.lexicon`, less the uses that report nothing ("a class called",
"called on", "pointed to", "the self-described")."""

from __future__ import annotations

from archive.extract.quotes.lexicon import (
    ACCORDING_TO,
    CUE_FORMS,
    CUE_PARTICLES,
    NOT_CUE_AFTER,
    NOT_CUE_AFTER_CALL,
    NOT_CUE_BEFORE,
)
from archive.extract.quotes.text import TextView

_NAMING = frozenset({"call", "dub", "label", "term", "brand"})


def is_cue(view: TextView, i: int) -> str | None:
    """Base form of the reporting verb at token ``i`` (None when it is not one)."""
    t = view.toks[i]
    base = CUE_FORMS.get(t.lower)
    if base is None:
        return None
    nxt = view.toks[i + 1].lower if i + 1 < len(view.toks) else ""
    if base == ACCORDING_TO:
        return base if nxt == "to" else None
    if t.tag and not (t.tag.startswith("VB") or t.pos in ("VERB", "AUX")):
        return None
    if i > 0 and view.toks[i - 1].text in ("-", "‑") and view.toks[i - 1].end == t.idx:
        return None  # a word of a compound: "the self-described Islamic State"
    if base in _NAMING and t.dep == "acl" and t.tag == "VBN" and not _verb_misread(view, i):
        return None  # a thing named: 'a class called "Perception"', 'a group dubbed "X"'
    if t.dep == "acl" and t.tag == "VB":
        return None  # an infinitive of a noun: 'a "sincere religious belief" to deny services'
    if base == "call" and nxt in NOT_CUE_AFTER_CALL:
        return None
    if base == "say" and _idiom_of_say(view, i, nxt):
        return None
    if nxt in NOT_CUE_BEFORE.get(base, ()):
        return None
    if i >= 2 and (view.toks[i - 2].lower, view.toks[i - 1].lower) in NOT_CUE_AFTER.get(base, ()):
        return None  # an idiom: "not to mention"
    if base in CUE_PARTICLES and nxt not in CUE_PARTICLES[base]:
        return None
    if base in ("report", "post") and t.tag in ("NN", "NNS"):
        return None
    return base


def _idiom_of_say(view: TextView, i: int, nxt: str) -> bool:
    """ "That said, ..." (however), "easier said than done", "needless to say": no one speaks."""
    prev = view.toks[i - 1].lower if i > 0 else ""
    if nxt == "than" or (prev == "to" and i > 1 and view.toks[i - 2].lower == "needless"):
        return True
    if prev != "that" or nxt != ",":
        return False
    return (
        i == 1
        or view.toks[i - 2].text in (".", "!", "?", "\n", "\n\n")
        or view.toks[i - 1].sent != view.toks[i - 2].sent
    )


def _verb_misread(view: TextView, i: int) -> bool:
    """The participle at ``i`` is the sentence's own verb that the parser read as naming the word
    before it ('Trump called Clinton a "liar"', 'The campaign called the report a "rush to
    judgment"', the sentence left with no verb at its root): its head comes right before it, is
    no noun after "a"/"an" ('a class called "Perception"'), and the sentence's root is no verb."""
    head = view.head(i)
    if head is None or head != i - 1 or view.toks[head].pos not in ("PROPN", "NOUN"):
        return False
    if any(view.toks[d].lower in ("a", "an") for d in view.children(head, "det")):
        return False
    lo, hi = view.sent_range(i)
    return not any(
        view.toks[k].head == k and view.toks[k].pos in ("VERB", "AUX") for k in range(lo, hi)
    )
