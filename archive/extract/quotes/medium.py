"""The medium a cue names: "said on X", "told Axios", "in an interview with the BBC"."""

from __future__ import annotations

import re

from archive.extract.quotes.article import QuoteArticle
from archive.extract.quotes.lexicon import TELL_LIKE
from archive.extract.quotes.verbs import is_cue


class Media:
    """The medium of each cue of one article (several quotes may share one cue: remembered)."""

    def __init__(self, article: QuoteArticle):
        self.art = article
        self.view = article.view
        self.body = article.body
        self.idx = article.idx
        self.in_quote = article.in_quote
        self._memo: dict[int, str | None] = {}

    def of(self, cue: int) -> str | None:
        """The medium named by the cue at token ``cue`` (None when none)."""
        if cue not in self._memo:
            self._memo[cue] = self._medium_of(cue)
        return self._memo[cue]

    def _medium_of(self, cue: int) -> str | None:
        v = self.view
        if not v.parsed:
            return None
        base = is_cue(v, cue)
        for c in v.children(cue):
            ct = v.toks[c]
            if ct.dep == "prep" and ct.lower == "on":
                for p in v.children(c, "pobj"):
                    if v.toks[p].ent in ("DATE", "TIME"):
                        continue
                    a, b = self.art.np_range(p)
                    return _clean_medium(self.body[ct.idx : v.toks[b - 1].end])
            if ct.dep == "prep" and ct.lower == "in":
                for p in v.children(c, "pobj"):
                    if v.toks[p].lower == "interview":
                        for w in v.children(p, "prep"):
                            for o in v.children(w, "pobj"):
                                return self._np_text(o)
            if ct.dep == "prep" and ct.lower == "to" and base == "say":
                for p in v.children(c, "pobj"):
                    if v.toks[p].pos == "PROPN":
                        return self._np_text(p)
            if base in TELL_LIKE and ct.dep in ("dobj", "dative", "iobj") and not self.in_quote[c]:
                if self.idx.at(ct.idx, ct.end) is None and (
                    ct.pos == "PROPN" or ct.lower == "media"
                ):
                    return self._np_text(c)
        # "In an interview with Axios, X was quoted as saying"
        h = v.head(cue)
        if h is not None and v.toks[h].lower == "as" and v.head(h) is not None:
            return self.of(v.head(h))
        return None

    def _np_text(self, k: int) -> str:
        a, b = self.art.np_range(k)
        return _clean_medium(self.body[self.view.toks[a].idx : self.view.toks[b - 1].end])


def _clean_medium(text: str) -> str:
    text = text.strip()
    if text.endswith(".") and not re.search(r"(?:\b[A-Z]\.){2,}$", text):
        text = text[:-1]
    return text
