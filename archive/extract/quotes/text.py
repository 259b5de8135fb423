"""A light token view of an article body shared by the quote modules.

Built from a spaCy ``Doc`` (tokens, tags, dependency parse, entities, sentences) or, when no doc
is given, from regular expressions (tokens and sentences only; the parse fields stay empty so that
the callers fall back to surface patterns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.extract.quotes.marks import fold_double_apostrophes

_TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|St|Jr|Sr|Prof|Lt|Col|Capt|Brig)\.|\w+(?:[’'\-]\w+)*|[^\w\s]"
)
# (a run of stops is tried from its first character only: tried from each of them, a long run of
# dots not followed by a capital cost the square of its length; the outcome is the same, as a try
# from inside the run ends where the one from its start does)
_SENT_END_RE = re.compile(r"\n+|(?<![.!?…])[.!?…]+[”\"’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_ABBREV_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|St|Jr|Sr|Prof|Lt|Col|Capt|Brig|No|vs|etc|Inc|Ltd|Co)\.|\b(?:[A-Z]\.){1,}[A-Z]?\.?)$"
)


# the labels of a noun phrase, and of the words that belong to its noun (_join_hyphenated)
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"})
_NP_MODIFIERS = frozenset({"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "case"})


def _same_text(parsed: str, body: str) -> bool:
    """``body`` is the parsed text, perhaps with its ''...'' marks folded into "..."."""
    return parsed == body or (len(parsed) == len(body) and fold_double_apostrophes(parsed) == body)


@dataclass
class Tok:
    i: int
    idx: int  # character offset in body
    end: int
    text: str
    lower: str
    tag: str = ""
    pos: str = ""
    dep: str = ""
    head: int = -1  # index of the head token (itself for a root); -1 without a parse
    ent: str = ""
    sent: int = 0
    children: list[int] = field(default_factory=list)


class TextView:
    """Tokens and sentences of ``body``; ``parsed`` tells whether dependency labels exist."""

    def __init__(self, body: str, doc=None):
        self.body = body
        self.toks: list[Tok] = []
        self.sents: list[tuple[int, int]] = []  # token index ranges [a, b)
        self.parsed = False
        if doc is not None and len(doc) and _same_text(doc.text, body):
            self._from_doc(doc)
        else:
            self._from_regex()
        self._starts = [t.idx for t in self.toks]

    def _from_doc(self, doc) -> None:
        import numpy as np
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_SPACE, POS, SENT_START, TAG

        self.parsed = doc.has_annotation("DEP")
        has_sents = self.parsed or doc.has_annotation("SENT_START")
        arr = doc.to_array([HEAD, SENT_START, IDX, IS_SPACE, TAG, POS, DEP, ENT_TYPE])
        # HEAD and SENT_START are signed values in unsigned columns: the cast wraps them back
        heads, sent_flags, idxs, spaces = arr[:, :4].astype(np.int64).T.tolist()
        store = doc.vocab.strings

        def names(col: int) -> list[str]:
            """The strings of a column of string hashes (each distinct hash looked up once)."""
            uniq, inverse = np.unique(arr[:, col], return_inverse=True)
            table = [store[h] if h else "" for h in uniq.tolist()]
            return [table[j] for j in inverse.ravel().tolist()]

        tags, poss, deps, ents = names(4), names(5), names(6), names(7)
        if not self.parsed:
            deps = [""] * len(deps)
        mapping: dict[int, int] = {}
        for i, space in enumerate(spaces):
            if not space:
                mapping[i] = len(mapping)
        sent_starts: list[int] = []
        toks = self.toks
        for i, k in mapping.items():
            head = mapping.get(i + heads[i], k) if self.parsed else -1
            toks.append(Tok(k, idxs[i], 0, "", "", tags[i], poss[i], deps[i], head, ents[i]))
            if has_sents and (sent_flags[i] == 1 or not sent_starts):
                sent_starts.append(k)
        # token texts from the offsets (no spaCy Token objects: they are slow to create)
        body = self.body
        nexts = [t.idx for t in toks[1:]] + [len(body)]
        for t, nxt in zip(toks, nexts):
            piece = body[t.idx : nxt]
            if piece[:1].isspace() and piece.strip():  # a folded '' (" ""): the mark only
                lead = len(piece) - len(piece.lstrip())
                t.idx, piece = t.idx + lead, piece[lead:]
            text = piece.rstrip() if piece[:1] and not piece[:1].isspace() else piece
            t.text, t.lower, t.end = text, text.lower(), t.idx + len(text)
        if has_sents:
            bounds = sent_starts + [len(toks)]
            self.sents = [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
        else:
            self._regex_sents()
        self._finish()

    def _from_regex(self) -> None:
        for k, m in enumerate(_TOKEN_RE.finditer(self.body)):
            self.toks.append(Tok(k, m.start(), m.end(), m.group(), m.group().lower()))
        self._regex_sents()
        self._finish()

    def _regex_sents(self) -> None:
        bounds = []
        start = 0
        for m in _SENT_END_RE.finditer(self.body):
            if m.group().startswith("\n") or not _ABBREV_END.search(
                self.body, max(0, m.start() - 12), m.start() + 1
            ):
                bounds.append((start, m.end()))
                start = m.end()
        bounds.append((start, len(self.body)))
        self.sents = []
        ti = 0
        for s, e in bounds:
            a = ti
            while ti < len(self.toks) and self.toks[ti].idx < e:
                ti += 1
            if ti > a:
                self.sents.append((a, ti))
        if ti < len(self.toks):
            self.sents.append((ti, len(self.toks)))

    def _finish(self) -> None:
        # a sentence never runs over a line break (paragraphs are separated by newlines)
        split: list[tuple[int, int]] = []
        for a, b in self.sents:
            start = a
            for k in range(a + 1, b):
                if "\n" in self.body[self.toks[k - 1].end : self.toks[k].idx]:
                    split.append((start, k))
                    start = k
            split.append((start, b))
        self.sents = split
        for si, (a, b) in enumerate(self.sents):
            for k in range(a, b):
                self.toks[k].sent = si
        if self.parsed:
            self._join_hyphenated()
            for t in self.toks:
                if t.head != t.i and 0 <= t.head < len(self.toks):
                    self.toks[t.head].children.append(t.i)

    def _join_hyphenated(self) -> None:
        """A hyphenated noun the parser split into three siblings of one label ("the ex - partner",
        each an nsubj of "testified"): the last word is the head, the first its compound; the
        first word's determiners and modifiers go with it, its other children (a stray "When") to
        the verb."""
        toks = self.toks
        for k in range(1, len(toks) - 1):
            hy = toks[k]
            if hy.text != "-":
                continue
            a, b = toks[k - 1], toks[k + 1]
            if not (
                a.end == hy.idx
                and hy.end == b.idx
                and a.dep == hy.dep == b.dep
                and a.head == hy.head == b.head
                and a.head not in (a.i, hy.i, b.i)
                and a.dep in NOMINAL_DEPS
            ):
                continue
            for t in toks[max(0, a.i - 8) : a.i]:
                if t.head == a.i:
                    t.head = b.i if t.dep in _NP_MODIFIERS else a.head
            a.head, a.dep = b.i, "compound"
            hy.head, hy.dep = b.i, "punct"

    # --- helpers -------------------------------------------------------------------------------

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset`` (len(toks) when none)."""
        import bisect

        return bisect.bisect_left(self._starts, offset)

    def tokens_in(self, start: int, end: int) -> range:
        return range(self.token_at(start), self.token_at(end))

    def head(self, i: int) -> int | None:
        t = self.toks[i]
        if not self.parsed or t.head == i or t.head < 0:
            return None
        return t.head

    def children(self, i: int, *deps: str) -> list[int]:
        kids = self.toks[i].children
        if not deps:
            return list(kids)
        return [c for c in kids if self.toks[c].dep in deps]

    def subtree(self, i: int) -> list[int]:
        out, todo = [], [i]
        while todo:
            k = todo.pop()
            out.append(k)
            todo.extend(self.toks[k].children)
        return sorted(out)

    def sent_range(self, i: int) -> tuple[int, int]:
        return self.sents[self.toks[i].sent] if self.sents else (0, len(self.toks))
