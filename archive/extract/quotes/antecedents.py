"""What a description without a name points back to: an unnamed person introduced just before
('the manager' after "An HR manager at one of the companies, who ...") or the one person given an
age ('the 58-year-old' after "Sandra Whitfield, 58,")."""

from __future__ import annotations

import bisect
import functools
import re

from archive.extract.quotes.article import QuoteArticle

# characters no match of _introduction_re can hold
_BARRIER = re.compile(r'[,.;:"“”]')


@functools.lru_cache(maxsize=256)
def _introduction_re(word: str) -> re.Pattern:
    """'An HR manager at one of the companies', 'a manager', 'one senior manager' for ``word``."""
    return re.compile(
        r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w'’-]+\s+){0,3}?"
        + re.escape(word)
        + r"\b(?:\s+(?:at|of|for|from|with|in)\s+[^,.;:\"“”\n]{0,49}\w\b)?"  # whole words
    )


_SMALL_WORDS_AT_END = re.compile(
    r"(?:\s+(?:the|a|an|of|in|at|for|from|with|to|and|or|on|about|by|his|her|its|their))+$"
)


class Antecedents:
    """Unnamed introductions and people of an age in one article (each searched once per word or
    age)."""

    def __init__(self, article: QuoteArticle):
        self.art = article
        self.view = article.view
        self.body = article.body
        self.idx = article.idx
        self.in_quote = article.in_quote
        self.paragraphs = article.paragraphs
        self._memo: dict[tuple, object] = {}

    def person_of_age(self, a: int, head: int, anchor: int) -> int | None:
        """'the 58-year-old' -> the one person given that age before ("Sandra Whitfield, 58,",
        "58-year-old Sandra Whitfield")."""
        v = self.view
        m = re.fullmatch(
            r"the\s+(\d{1,3})\s*-\s*year\s*-\s*old", self.body[v.toks[a].idx : v.toks[head].end]
        )
        if not m:
            return None
        age = m.group(1)
        starts, first_pi, several = self._aged(age)
        j = bisect.bisect_left(starts, anchor) - 1  # the mentions given that age before the anchor
        if j < 0 or several[j]:
            return None
        return first_pi

    def _aged(self, age: str) -> tuple[list[int], int | None, list[bool]]:
        """The mentions given ``age`` ("X, 58," / "58-year-old X"), once per article and age: their
        starts, the first one's person, and for each whether two people are among it and those
        before it."""
        key = ("age", age)
        got = self._memo.get(key)
        if got is None:
            starts, several, first_pi = [], [], None
            for s, e, pi in self.idx.mentions:
                if re.match(r"(?:['’]s?)?,\s+" + age + r"\s*,", self.body[e : e + 8]) or re.search(
                    age + r"\s*-\s*year\s*-\s*old\s+(?:\w+\s+){0,2}$", self.body[max(0, s - 40) : s]
                ):
                    if first_pi is None:
                        first_pi = pi
                    starts.append(s)
                    several.append(bool(several and several[-1]) or pi != first_pi)
            got = self._memo[key] = (starts, first_pi, several)
        return got

    def indefinite(self, a: int, head: int, anchor: int) -> str | None:
        """'the manager' after 'An HR manager at one of the companies, who ...': the unnamed
        person introduced just before (this or the previous paragraph, after the last mention of
        a named person of that role), as written."""
        v = self.view
        if v.toks[a].lower != "the" or head == a:
            return None
        word = v.toks[head].text
        if not word.isalpha() or not word.islower():
            return None
        para = self.art.para_of(v.toks[a].idx)
        lo = self.paragraphs[max(0, para - 1)][0] if self.paragraphs else 0
        hi = min(anchor, v.toks[a].idx)
        found = self.last_introduction(word, lo, hi)
        if found is None:
            return None
        start, text = found
        text = _SMALL_WORDS_AT_END.sub("", text)  # '... inquiries about the' (cut at 50)
        role_starts = self.idx.role_word_mentions(word)
        i = bisect.bisect_right(role_starts, start)
        if i < len(role_starts) and role_starts[i] < hi:
            return None  # a named person of that role came after: 'the manager' is them
        return text

    def last_introduction(self, word: str, lo: int, hi: int) -> tuple[int, str] | None:
        """The last "a/an/one ... <word> (at/of/... X)" in body[lo:hi] that is no apposition of a
        named person (a mention ends right before it), as (offset, text).

        No match holds a comma, full stop, semicolon, colon or double quotation mark, so the
        matches of the whole range are those of the stretches between such characters (each
        searched alone, with the same word boundaries: the character that ends a stretch is no
        word character, and ``lo`` follows whitespace). Whole stretches are searched once per
        article and word (only those holding the word); the two cut ones at the ends of the range
        are searched here. A paragraph of many "the minister said" is no longer searched from its
        start for each of them."""
        rx = _introduction_re(word)
        barriers = self._barriers()
        b1 = bisect.bisect_left(barriers, lo)  # first barrier in the range ...
        bk = bisect.bisect_left(barriers, hi) - 1  # ... and the last one
        if b1 > bk:
            return self._last_good(rx, lo, hi)
        found = self._last_good(rx, barriers[bk] + 1, hi)
        if found is not None:
            return found
        if b1 < bk:
            starts, goods = self._introductions(word, rx)
            j = bisect.bisect_left(starts, barriers[bk]) - 1
            if j >= 0 and starts[j] > barriers[b1]:
                return goods[j]
        return self._last_good(rx, lo, barriers[b1])

    def _last_good(self, rx: re.Pattern, lo: int, hi: int) -> tuple[int, str] | None:
        found = None
        for m in rx.finditer(self.body, lo, hi):
            at = m.start()
            if self.idx.mention_ends_within(at - 3, at):
                continue  # "Fergal Brennan, a former minister": the apposition of a named person
            found = (at, m.group(0))
        return found

    def _barriers(self) -> list[int]:
        got = self._memo.get(("barriers",))
        if got is None:
            got = self._memo[("barriers",)] = [m.start() for m in _BARRIER.finditer(self.body)]
        return got

    def _introductions(self, word: str, rx: re.Pattern) -> tuple[list[int], list[tuple[int, str]]]:
        """The matches of ``rx`` that are no apposition, over every stretch of the body between
        two barriers that holds ``word`` (once per article and word): starts, (start, text)."""
        key = ("introductions", word)
        got = self._memo.get(key)
        if got is None:
            barriers, goods, done = self._barriers(), [], set()
            for m in re.finditer(re.escape(word), self.body):
                j = bisect.bisect_left(barriers, m.start())
                if j == 0 or j >= len(barriers) or j in done:
                    continue  # before the first / after the last barrier: never a whole stretch
                done.add(j)
                for m2 in rx.finditer(self.body, barriers[j - 1] + 1, barriers[j]):
                    if not self.idx.mention_ends_within(m2.start() - 3, m2.start()):
                        goods.append((m2.start(), m2.group(0)))
            goods.sort()
            got = self._memo[key] = ([g[0] for g in goods], goods)
        return got
