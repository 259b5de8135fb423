"""One article prepared for quote attribution: its tokens (:class:`TextView`), paragraphs, people
(:class:`PeopleIndex`) and quoted ranges, with the token facts every attribution step asks for
(inside a quote? which paragraph? a subject? how deep a clause?), each computed once per token.
"""

from __future__ import annotations

import bisect

from archive.extract.quotes.lexicon import ALL_CUE_FORMS, ORG_WORDS, SUBJECT_FOLLOWERS
from archive.extract.quotes.people_index import Mention, PeopleIndex
from archive.extract.quotes.text import TextView
from archive.records import PersonEntity

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
SENT_FINAL = {".", "!", "?"}
# dependency labels of clauses hanging below another one
_CLAUSE_DEPS = ("advcl", "ccomp", "relcl", "acl", "csubj", "pcomp", "xcomp", "parataxis")

# words a noun phrase does not end with
_DANGLING = frozenset({"CCONJ", "ADP", "DET", "PUNCT", "SCONJ"})


class TokenWalks:
    """Where the word-by-word walks next to a quote can jump to, so that no walk goes over the
    tokens of other quotes one by one (a paragraph of many short quotes made every walk from
    every quote run over all of them: quadratic).

    A token is *inert* for a walk when looking at it can only stop the walk by a paragraph
    change: inside a quote, or (outside) punctuation that ends no sentence (never a cue, no
    word). ``prev_live[k]``: the last token <= k that is not inert (-1); ``next_live[k]``:
    the first token >= k that is not inert (len); ``next_word[k]``: the first token >= k
    that is inside a quote or a word or a sentence end (the forward walk stops at a quote once
    it has passed a word); ``prev_out`` / ``next_out``: the nearest tokens outside quotes."""

    def __init__(self, toks: list, in_quote: list[bool]):
        inq = in_quote
        n = len(toks)
        punct = [not t.text[:1].isalnum() and t.text not in SENT_FINAL for t in toks]
        prev_live, last = [-1] * n, -1
        for k in range(n):
            if not (inq[k] or punct[k]):
                last = k
            prev_live[k] = last
        next_live, next_word = [n] * (n + 1), [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            inert = inq[k] or punct[k]
            next_live[k] = next_live[k + 1] if inert else k
            next_word[k] = next_word[k + 1] if (punct[k] and not inq[k]) else k
        self.prev_live, self.next_live, self.next_word = prev_live, next_live, next_word
        prev_out, last = [-1] * n, -1  # the last token <= k outside quotes
        for k in range(n):
            if not inq[k]:
                last = k
            prev_out[k] = last
        next_out = [n] * (n + 1)  # the first token >= k outside quotes
        for k in range(n - 1, -1, -1):
            next_out[k] = next_out[k + 1] if inq[k] else k
        self.prev_out, self.next_out = prev_out, next_out

    def free_between(self, a: int, b: int) -> list[int]:
        """The tokens of [a, b) outside quotes, in order (quoted runs are jumped over)."""
        out, k, nxt = [], a, self.next_out
        while True:
            k = nxt[k] if k < len(nxt) else k
            if k >= b:
                return out
            out.append(k)
            k += 1

    def free_backwards(self, a: int, b: int):
        """The tokens of [a, b) outside quotes, nearest ``b`` first."""
        prev = self.prev_out
        k = prev[b - 1] if b > 0 else -1
        while k >= a:
            yield k
            k = prev[k - 1] if k > 0 else -1


class QuoteArticle:
    """The article's tokens, paragraphs, people and quoted ranges, and per-token facts."""

    def __init__(
        self,
        view: TextView,
        people: list[PersonEntity],
        quote_ranges: list[tuple[int, int]],
        paragraphs: list[tuple[int, int]],
    ):
        self.view = view
        self.body = view.body
        self.idx = PeopleIndex(people, quote_ranges)  # the people's mentions outside quotes
        self.quote_ranges = quote_ranges  # (mark start, mark end) of every quote incl. marks
        self.paragraphs = paragraphs
        self.in_quote = [False] * len(view.toks)
        for a, b in quote_ranges:
            for k in view.tokens_in(a, b):
                self.in_quote[k] = True
        self._para_starts = [ps for ps, _ in paragraphs]
        self.tok_para = [self.para_of(t.idx) for t in view.toks]  # paragraph of every token
        self.walks = TokenWalks(view.toks, self.in_quote)
        self._depths: list[int | None] = [None] * len(view.toks)  # clause_depth
        self._subjects: list[bool | None] = [None] * len(view.toks)  # is_subject

    def para_of(self, offset: int) -> int:
        """paragraph_index(self.paragraphs, offset)"""
        return max(bisect.bisect_right(self._para_starts, offset) - 1, 0)

    def same_para(self, i: int, j: int) -> bool:
        return self.tok_para[i] == self.tok_para[j]

    def clause_depth(self, k: int) -> int:
        """How many clauses down from the sentence root the token's clause hangs (0: main
        clause)."""
        got = self._depths[k]
        if got is None:
            got = self._depths[k] = self._clause_depth_of(k)
        return got

    def _clause_depth_of(self, k: int) -> int:
        v = self.view
        if not v.parsed:
            return 0
        depth, steps, cur = 0, 0, k
        while cur is not None and steps < 30:
            if v.toks[cur].dep in _CLAUSE_DEPS:
                depth += 1
            cur = v.head(cur)
            steps += 1
        return depth

    def main_subject(self, ms: list[Mention]) -> Mention:
        """Of the subject mentions of one sentence, the one in the least embedded clause
        ("Asked whether Ford would ..., Farley was cautious." -> Farley), earliest on a tie."""
        if not self.view.parsed or len(ms) == 1:
            return ms[0]

        def depth(m):
            ks = list(self.view.tokens_in(m[0], m[1]))
            return min(self.clause_depth(k) for k in ks) if ks else 99

        return min(ms, key=lambda m: (depth(m), m[0]))

    def is_subject(self, k: int) -> bool:
        got = self._subjects[k]
        if got is None:
            got = self._subjects[k] = self._is_subject_of(k)
        return got

    def _is_subject_of(self, k: int) -> bool:
        v = self.view
        if not v.parsed:
            # surface guess: the name (last token of a mention) is followed by a verb-like word
            j = k + 1
            while (
                j < len(v.toks)
                and self.idx.at(v.toks[j].idx, v.toks[j].end) is not None
                and j < k + 4
            ):
                j += 1
            if j >= len(v.toks):
                return False
            w = v.toks[j].lower
            if w == ",":  # an apposition: "X, a spokesman, said"
                for m in range(j + 1, min(j + 10, len(v.toks) - 1)):
                    if v.toks[m].text in SENT_FINAL:
                        return False
                    if v.toks[m].text == ",":
                        nw = v.toks[m + 1].lower
                        return nw in ALL_CUE_FORMS or nw in SUBJECT_FOLLOWERS
                return False
            return w in ALL_CUE_FORMS or w in SUBJECT_FOLLOWERS or (w.endswith("ed") and len(w) > 4)
        steps = 0
        while k is not None and steps < 3:
            dep = v.toks[k].dep
            if dep in ("nsubj", "nsubjpass"):
                return True
            if v.head(k) is None and v.toks[k].pos == "PROPN" and v.children(k, "relcl"):
                # 'Gov. Jo Roe — who is being vetted as a running mate — made ...': the parser
                # took the name for the root of its own relative clause; it is the subject
                return True
            if dep not in ("compound", "appos", "conj", "flat"):
                return False
            k = v.head(k)
            steps += 1
        return False

    def np_range(self, head: int) -> tuple[int, int]:
        v = self.view
        if not v.parsed:
            return head, head + 1
        keep = []
        todo = [head]
        while todo:
            k = todo.pop()
            keep.append(k)
            for c in v.toks[k].children:
                if v.toks[c].dep not in ("relcl", "acl", "appos", "punct", "advcl", "parataxis"):
                    todo.append(c)
        keep = [k for k in keep if not self.in_quote[k]]
        if not keep:
            return head, head + 1
        a, b = min(keep), max(keep) + 1
        # no "and" or "of the" left hanging where a conjunct or a quoted title was cut off
        # ("31% of Republicans and", "the authors of the “Growth ...”")
        while b - 1 > head and v.toks[b - 1].pos in _DANGLING:
            b -= 1
        while a < head and v.toks[a].pos in ("CCONJ", "PUNCT"):
            a += 1
        return a, b

    def person_by_name_word(self, a: int, b: int) -> int | None:
        """The only known person whose name or aliases hold the last capitalised word of the
        phrase ("Taoiseach Micheal Martin" -> "Martin"; "Lula" -> "Luiz Inacio Lula da Silva")."""
        v = self.view
        words = [
            v.toks[k].text
            for k in range(a, b)
            if v.toks[k].text[:1].isupper() and v.toks[k].text[:1].isalpha()
        ]
        if not words:
            return None
        last = words[-1]
        if len(last) < 3 or last.lower() in ORG_WORDS:
            return None
        hits = self.idx.name_words().get(last, ())
        return next(iter(hits)) if len(hits) == 1 else None

    def looks_like_name(self, a: int, b: int) -> bool:
        toks = self.view.toks[a:b]
        return (
            len(toks) >= 2
            and all(x.text[:1].isupper() for x in toks)
            and any(x.ent == "PERSON" for x in toks)
        )

    def mention_text(self, pi: int, start: int, end: int) -> str:
        m = self.idx.mention_at(pi, start, end)
        return self.body[m[0] : m[1]] if m is not None else self.idx.people[pi].name
