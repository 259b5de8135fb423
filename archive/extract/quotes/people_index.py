"""The article's people for quote attribution: their mentions outside quotes, sorted by offset,
and the per-article tables of their names and roles (built once per article, on first use)."""

from __future__ import annotations

import bisect
import re

from archive.extract.quotes.lexicon import ROLE_HEAD_STOP
from archive.kinds import PersonRole
from archive.records import PersonEntity

WORD = re.compile(r"[^\W\d_]+")

# a mention: (start, end, index of the person in the people list)
Mention = tuple[int, int, int]


class PeopleIndex:
    """The article's people: mentions outside quotes, sorted, for lookups by offset.

    Lookups bisect the sorted mention starts: a mention overlapping [start, end) starts after
    ``start - longest mention``, so no lookup walks the mentions from the top of the article."""

    def __init__(self, people: list[PersonEntity], quote_ranges: list[tuple[int, int]]):
        self.people = people
        self._memo: dict[tuple, object] = {}  # the per-article tables below, built on first use
        ranges = sorted(quote_ranges)
        range_starts = [a for a, _ in ranges]
        max_end: list[int] = []
        for _, b in ranges:
            max_end.append(max(b, max_end[-1]) if max_end else b)
        ms = []
        for pi, p in enumerate(people):
            for m in p.mentions or []:
                if self._inside_quote(ranges, range_starts, max_end, m.start, m.end):
                    continue
                ms.append((m.start, m.end, pi))
        ms.sort()
        self.mentions = ms
        self.starts = [m[0] for m in ms]
        self.longest = max((e - s for s, e, _ in ms), default=0)

    @staticmethod
    def _inside_quote(ranges, range_starts, max_end, start: int, end: int) -> bool:
        """any(a <= start and end <= b for a, b in ranges), without scanning all of them."""
        j = bisect.bisect_right(range_starts, start) - 1
        if j < 0 or max_end[j] < end:
            return False
        while (
            j >= 0 and max_end[j] >= end
        ):  # some range up to j reaches end: find one that holds it
            if ranges[j][1] >= end:
                return True
            j -= 1
        return False

    def _first_overlapping(self, start: int) -> int:
        """Index of the first mention that can overlap an offset range beginning at ``start``."""
        return bisect.bisect_right(self.starts, start - self.longest)

    def at(self, start: int, end: int) -> int | None:
        """Person whose mention overlaps [start, end)."""
        ms = self.mentions
        for j in range(self._first_overlapping(start), len(ms)):
            s, e, pi = ms[j]
            if s < end and start < e:
                return pi
            if s >= end:
                break
        return None

    def mention_at(self, pi: int, start: int, end: int) -> tuple[int, int, int] | None:
        """The first mention of person ``pi`` overlapping [start, end)."""
        ms = self.mentions
        for j in range(self._first_overlapping(start), len(ms)):
            m = ms[j]
            if m[0] >= end:
                break
            if m[2] == pi and start < m[1]:
                return m
        return None

    def between(self, start: int, end: int) -> list[tuple[int, int, int]]:
        ms, out = self.mentions, []
        for j in range(bisect.bisect_left(self.starts, start), len(ms)):
            m = ms[j]
            if m[0] > end:
                break
            if m[1] <= end:
                out.append(m)
        return out

    def last_before(self, offset: int, pis: set[int]) -> int | None:
        """Of the mentions ending by ``offset``, the person of the one starting last (the first
        such mention in order on a tie)."""
        ms = self.mentions
        best, pos = None, None
        for j in range(bisect.bisect_right(self.starts, offset) - 1, -1, -1):
            s, e, pi = ms[j]
            if pos is not None and s < pos:
                break
            if e <= offset and pi in pis:
                best, pos = pi, s
        return best

    def gender_ok(self, pi: int, gender: str | None) -> bool:
        g = self.people[pi].gender
        return gender is None or g is None or g == gender

    def name_words(self) -> dict[str, set[int]]:
        """Every word of the names and aliases of the people (subjects) -> who bears it (once per
        article, not a pass over all people per lookup)."""
        got = self._memo.get(("name_words",))
        if got is None:
            got = {}
            for pi, p in enumerate(self.people):
                if p.role not in (PersonRole.SUBJECT, None):
                    continue
                for f in [p.name, *(p.aliases or [])]:
                    for w in WORD.findall(f):
                        got.setdefault(w, set()).add(pi)
            self._memo[("name_words",)] = got
        return got

    def role_heads(self) -> dict[str, list[tuple[int, set[str]]]]:
        """Head word of a role -> [(person, all words of that person's roles)], in people order
        (built once per article)."""
        got = self._memo.get(("role_heads",))
        if got is not None:
            return got
        got = {}
        for pi, p in enumerate(self.people):
            role_words, role_heads = set(), set()
            for r in p.roles or []:
                ws = [w.lower() for w in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", r)]
                role_words.update(w.lower() for w in WORD.findall(r))
                role_words.update(ws)
                # the head of the role: its last word before "of"/"at"/... ("Chief Executive of
                # Ford" -> executive, "former Newcastle striker" -> striker), never a modifier
                pre = []
                for w in ws:
                    if w in ROLE_HEAD_STOP:
                        break
                    pre.append(w)
                if pre:
                    role_heads.add(pre[-1])
            for h in role_heads:
                got.setdefault(h, []).append((pi, role_words))
        self._memo[("role_heads",)] = got
        return got

    def role_word_mentions(self, word: str) -> list[int]:
        """Starts of the mentions of people with ``word`` in one of their roles (sorted)."""
        key = ("role_word", word)
        got = self._memo.get(key)
        if got is None:
            people = self.people
            got = self._memo[key] = [
                s
                for s, _e, p in self.mentions
                if people[p].roles and any(word in r.lower().split() for r in people[p].roles)
            ]
        return got

    def mention_ends_within(self, lo: int, hi: int) -> bool:
        """Does a mention end in [lo, hi]?"""
        ends = self._memo.get(("ends",))
        if ends is None:
            ends = self._memo[("ends",)] = sorted(e for _s, e, _p in self.mentions)
        i = bisect.bisect_left(ends, lo)
        return i < len(ends) and ends[i] <= hi
