"""Whether a token is a reporting (cue) verb: "said", "told", "wrote", "according to", ...

The verbs and their forms are in :mod:`archive.extract.quotes.lexicon`.
"""

from __future__ import annotations

from archive.extract.quotes.lexicon import ACCORDING_TO, CUE_FORMS, NOT_CUE_AFTER_CALL
from archive.extract.quotes.text import TextView


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
    if base == "call" and nxt in NOT_CUE_AFTER_CALL:
        return None
    if base in ("report", "post") and t.tag in ("NN", "NNS"):
        return None
    return base
