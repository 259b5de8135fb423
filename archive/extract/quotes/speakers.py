"""Who said a quote: the cue verb, its subject, and resolving that subject to a person.

Works on :class:`archive.extract.quotes.text.TextView`. With a dependency parse the cue is found on the
path from the quote up to the sentence root (the outermost reporting verb of a chain of reported
clauses wins: "Zelensky told Axios that Witkoff said ..." -> Zelensky) and the speaker is the
cue's subject (inherited through participles and co-ordinated verbs: "..., calling Zelensky
'illegitimate'"). Without a parse (or when it finds nothing) surface patterns next to the marks
are used: ``"...," X said``, ``"...," said X``, ``X said: "..."``, ``X told Reuters that "..."``.

Pronouns resolve to the article's people by gender (unknown gender is compatible), subject
position (the main clause's subject first) and recency; descriptions ("the Ukrainian president",
"the Kremlin spokesman") by the words of the people's roles (the description's head noun must be
a role's head noun: "Newcastle" is no description of a "former Newcastle striker"); a definite
person description with no role match ("the Spaniard", "the World Cup winner") by the person who
is the subject of one of the last sentences; spokesperson/official/source/analyst-headed phrases
stay unnamed even when a name modifies them ("a Ford spokesperson"). A quote inside the speaker's
own noun phrase ("X, who rates the stock "neutral," said") and the subject of a passive cue with
no agent ("It is described as "..."") give no speaker. A named person is never guessed without a
mention, a role or a word of their name in text.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from archive.extract.quotes.cues import is_cue
from archive.extract.quotes.lexicon import (
    ALL_CUE_FORMS,
    DETERMINERS,
    NOT_PERSON_ENTS,
    NOT_PERSON_ER,
    ORG_NAME_WORDS,
    ORG_WORDS,
    PERSON_HEADS,
    PERSON_SUFFIX,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    ROLE_HEAD_STOP,
    SUBJECT_FOLLOWERS,
    TAIL_ADVERBS,
    TAIL_STOP,
    TELL_LIKE,
    UNNAMED_HEADS,
    WEAK_CUES,
)
from archive.extract.quotes.text import TextView
from archive.records import PersonEntity

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
SENT_FINAL = {".", "!", "?"}
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Speaker:
    kind: str  # person | unnamed | organisation | none
    person: int | None = None
    text: str | None = None


@dataclass
class Attribution:
    speaker: Speaker
    cue: str | None = None
    medium: str | None = None
    cue_token: int | None = None


class PeopleIndex:
    """The article's people: mentions outside quotes, sorted, for lookups by offset.

    Lookups bisect the sorted mention starts: a mention overlapping [start, end) starts after
    ``start - longest mention``, so no lookup walks the mentions from the top of the article."""

    def __init__(self, people: list[PersonEntity], quote_ranges: list[tuple[int, int]]):
        self.people = people
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


class Attributor:
    def __init__(
        self,
        view: TextView,
        people: list[PersonEntity],
        quote_ranges: list[tuple[int, int]],
        paragraphs: list[tuple[int, int]],
    ):
        self.v = view
        self.body = view.body
        self.idx = PeopleIndex(people, quote_ranges)
        self.quote_ranges = quote_ranges  # (mark start, mark end) of every quote incl. marks
        self.paragraphs = paragraphs
        self.blocked = (
            False  # set by cue_by_parse: the quote sits in a non-reporting relative clause
        )
        self.in_quote = [False] * len(view.toks)
        for a, b in quote_ranges:
            for k in view.tokens_in(a, b):
                self.in_quote[k] = True
        self._para_starts = [ps for ps, _ in paragraphs]
        self.tok_para = [self._para_of(t.idx) for t in view.toks]  # paragraph of every token
        self._jumps()
        self._outer: dict[int, int] = {}  # _outermost_cue
        self._lists: dict[str, list[int]] = {}  # _candidates
        self._memo: dict[tuple, object] = {}  # medium_of, person words, role words, ages
        self._depths: list[int | None] = [None] * len(view.toks)  # _clause_depth
        self._subjects: list[bool | None] = [None] * len(view.toks)  # _is_subject

    def _jumps(self) -> None:
        """Where the word-by-word walks next to a quote can jump to, so that no walk goes over the
        tokens of other quotes one by one (a paragraph of many short quotes made every walk from
        every quote run over all of them: quadratic).

        A token is *inert* for a walk when looking at it can only stop the walk by a paragraph
        change: inside a quote, or (outside) punctuation that ends no sentence (never a cue, no
        word). ``_prev_live[k]``: the last token <= k that is not inert (-1); ``_next_live[k]``:
        the first token >= k that is not inert (len); ``_next_word[k]``: the first token >= k
        that is inside a quote or a word or a sentence end (the forward walk stops at a quote once
        it has passed a word)."""
        toks, inq = self.v.toks, self.in_quote
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
        self._prev_live, self._next_live, self._next_word = prev_live, next_live, next_word
        prev_out, last = [-1] * n, -1  # the last token <= k outside quotes
        for k in range(n):
            if not inq[k]:
                last = k
            prev_out[k] = last
        next_out = [n] * (n + 1)  # the first token >= k outside quotes
        for k in range(n - 1, -1, -1):
            next_out[k] = next_out[k + 1] if inq[k] else k
        self._prev_out, self._next_out = prev_out, next_out

    def _free_between(self, a: int, b: int) -> list[int]:
        """The tokens of [a, b) outside quotes, in order (quoted runs are jumped over)."""
        out, k, nxt = [], a, self._next_out
        while True:
            k = nxt[k] if k < len(nxt) else k
            if k >= b:
                return out
            out.append(k)
            k += 1

    def _free_backwards(self, a: int, b: int):
        """The tokens of [a, b) outside quotes, nearest ``b`` first."""
        prev = self._prev_out
        k = prev[b - 1] if b > 0 else -1
        while k >= a:
            yield k
            k = prev[k - 1] if k > 0 else -1

    def _candidates(self, name: str) -> list[int]:
        """Sorted indices of the tokens for which ``self._is_<name>(k)`` holds (a fixed property,
        tested once per token on first use), so that the scans of a sentence for its first such
        token are bisections, not walks over a long sentence once per quote."""
        got = self._lists.get(name)
        if got is None:
            test = getattr(self, "_is_" + name)
            got = self._lists[name] = [k for k in range(len(self.v.toks)) if test(k)]
        return got

    def candidates_in(self, name: str, a: int, b: int):
        """The tokens of :meth:`_candidates` in [a, b), in order."""
        lst = self._candidates(name)
        i = bisect.bisect_left(lst, a)
        while i < len(lst) and lst[i] < b:
            yield lst[i]
            i += 1

    def _is_marker(self, k: int) -> bool:
        """A mention of a known person or he/she outside quotes (what _speaker_in stops at)."""
        t = self.v.toks[k]
        return not self.in_quote[k] and (
            t.lower in ("he", "she") or self.idx.at(t.idx, t.end) is not None
        )

    def _is_led_pronoun(self, k: int) -> bool:
        t = self.v.toks[k]
        return t.lower in ("he", "she") and not self.in_quote[k] and self._is_subject(k)

    def _is_led_pronoun_main(self, k: int) -> bool:
        return self._is_led_pronoun(k) and self._clause_depth(k) == 0

    def _is_unknown_name(self, k: int) -> bool:
        """A main-clause PROPN subject that is no known mention and may be a person (see
        _unknown_name_subject; the name word it looks up is this token's own text, whatever
        compound precedes it, when the token starts with a letter)."""
        v = self.v
        t = v.toks[k]
        if (
            self.in_quote[k]
            or t.dep not in ("nsubj", "nsubjpass")
            or t.pos != "PROPN"
            or not t.text[:1].isupper()
        ):
            return False
        if (
            self._clause_depth(k) > 0
            or self.idx.at(t.idx, t.end) is not None
            or t.lower in ORG_WORDS
        ):
            return False
        if not t.text[:1].isalpha():
            return True  # (the name word looked up may be an earlier token: tested per sentence)
        return t.ent == "PERSON" or (
            t.ent not in NOT_PERSON_ENTS and self.person_by_name_word(k, k + 1) is not None
        )

    def _is_unnamed_head(self, k: int) -> bool:
        t = self.v.toks[k]
        return not (
            self.in_quote[k]
            or t.dep not in ("nsubj", "nsubjpass")
            or self._clause_depth(k) > 0
            or t.pos != "NOUN"
            or not (
                t.lower in UNNAMED_HEADS
                or t.lower in PERSON_HEADS
                or PERSON_SUFFIX.search(t.lower)
            )
        )

    def _is_clause_subject(self, k: int) -> bool:
        """A subject outside quotes whose head is a verb (quotes._colon_subject)."""
        v = self.v
        if self.in_quote[k] or v.toks[k].dep not in ("nsubj", "nsubjpass"):
            return False
        h = v.head(k)
        return h is not None and v.toks[h].pos in ("VERB", "AUX")

    def _is_reporting_with_subject(self, k: int) -> bool:
        """A reporting verb outside quotes with a subject of its own."""
        return (
            not self.in_quote[k] and bool(is_cue(self.v, k)) and bool(self.v.children(k, "nsubj"))
        )

    # --- cue finding ---------------------------------------------------------------------------

    def _para_of(self, offset: int) -> int:
        """paragraph_index(self.paragraphs, offset)"""
        return max(bisect.bisect_right(self._para_starts, offset) - 1, 0)

    def _same_para(self, i: int, j: int) -> bool:
        return self.tok_para[i] == self.tok_para[j]

    def cue_by_parse(self, qa: int, qb: int) -> int | None:
        v = self.v
        self.blocked = False
        if not v.parsed or qa >= qb:
            return None
        inside = range(qa, qb)
        heads = [k for k in inside if v.head(k) is None or v.head(k) not in inside]
        # punctuation inside the marks ("neutral,") hangs anywhere; the words decide
        heads = [k for k in heads if v.toks[k].pos != "PUNCT"] or heads
        found = None
        for h in heads:
            # a reporting verb hanging off the quoted clause ("..., he said" parsed as parataxis)
            for c in v.children(h, "parataxis", "ccomp", "advcl", "conj"):
                if (
                    c not in inside
                    and not self.in_quote[c]
                    and is_cue(v, c)
                    and self._subject_tok(c) is not None
                    and self._same_para(c, qa)
                ):
                    if abs(c - qb) <= 12 or abs(qa - c) <= 12:
                        found = found if found is not None else c
            cur, prev, steps = v.head(h), h, 0
            while cur is not None and steps < 15:
                if v.toks[prev].dep == "conj" and v.children(prev, *SUBJ_DEPS):
                    break  # a co-ordinated clause with its own subject is not reported by its head
                if not self.in_quote[cur] and is_cue(v, cur) and self._same_para(cur, qa):
                    if prev not in inside and v.toks[prev].dep in SUBJ_DEPS:
                        # the quote sits inside the speaker's own noun phrase ("X, who rates the
                        # stock "neutral," said ..."): the cue reports something else
                        self.blocked = True
                        break
                    return self._outermost_cue(cur)
                prev, cur, steps = cur, v.head(cur), steps + 1
        return found

    def _outermost_cue(self, cue: int) -> int:
        """Climb from ``cue`` through a chain of reported clauses to the outermost reporting verb
        of the same paragraph. Remembered for every token of the climb: a run-on sentence of
        "..., he said "...", she said ..." is one long chain, climbed once, not once per quote."""
        v, memo = self.v, self._outer
        path = []
        outer = cue
        while outer not in memo:
            path.append(outer)
            up = v.head(outer)
            if (
                v.toks[outer].dep in ("ccomp", "xcomp", "parataxis")
                and up is not None
                and not self.in_quote[up]
                and is_cue(v, up)
                and is_cue(v, up) not in WEAK_CUES
                and self._same_para(up, outer)
            ):
                outer = up
            else:
                break
        result = memo.get(outer, outer)
        for k in path:
            memo[k] = result
        return result

    def cue_after(self, close_tok: int) -> int | None:
        """Reporting verb just after the closing mark: '"...," X said' / '"...," said X'."""
        v, words = self.v, 0
        k = close_tok
        tok_para = self.tok_para
        para = tok_para[close_tok - 1] if close_tok > 0 else 0
        while k < len(v.toks) and words <= 10:
            # skip what cannot stop the walk but by a paragraph change (paragraphs only grow)
            j = self._next_word[k] if words else self._next_live[k]
            if j > k:
                if tok_para[j - 1] != para:
                    return None
                k = j
                continue
            t = v.toks[k]
            if tok_para[k] != para:
                return None
            if t.text in SENT_FINAL and not self.in_quote[k]:
                return None
            if self.in_quote[k]:
                if words:
                    return None
                k += 1
                continue
            base = is_cue(v, k)
            if base and base not in WEAK_CUES:
                return k
            if t.text[0].isalnum():
                words += 1
            k += 1
        return None

    def cue_before(self, open_tok: int) -> int | None:
        """Reporting verb just before the opening mark: 'X said: "..."', 'X told Reuters that "..."'."""
        v, words = self.v, 0
        k = open_tok - 1
        tok_para = self.tok_para
        para = tok_para[open_tok] if open_tok < len(v.toks) else None
        while k >= 0 and words <= 20:
            j = self._prev_live[k]  # skip quoted tokens and punctuation (paragraphs only shrink)
            if j < k:
                if tok_para[j + 1] != para:
                    return None
                k = j
                continue
            t = v.toks[k]
            if tok_para[k] != para:
                return None
            if not self.in_quote[k]:
                if t.text in SENT_FINAL:
                    return None
                base = is_cue(v, k)
                if base and base not in WEAK_CUES:
                    return k
                if t.text[0].isalnum():
                    words += 1
            k -= 1
        return None

    # --- speaker of a cue ----------------------------------------------------------------------

    def _subject_tok(self, cue: int) -> int | None:
        v = self.v
        if not v.parsed:
            return None
        t = v.toks[cue]
        if t.lower == "according":
            for to in v.children(cue, "prep"):
                for p in v.children(to, "pobj"):
                    return p
            return None
        # "X was quoted as saying" / "agencies quoted a source as saying"
        h = v.head(cue)
        if t.lower == "saying" and h is not None and v.toks[h].lower == "as":
            q = v.head(h)
            if q is not None and v.toks[q].lower.startswith("quot"):
                for deps in (("dobj",), ("nsubjpass",), ("nsubj",)):
                    kids = v.children(q, *deps)
                    if kids:
                        return kids[0]
        cur, steps = cue, 0
        while cur is not None and steps < 6:
            kids = v.children(cur, *SUBJ_DEPS)
            if kids:
                s = kids[0]
                if v.toks[s].lower in ("who", "which", "that") and v.toks[cur].dep == "relcl":
                    return v.head(cur)
                return s
            dep = v.toks[cur].dep
            nh = v.head(cur)
            if nh is None:
                return None
            if dep in ("acl",) and v.toks[nh].pos in ("NOUN", "PROPN", "PRON"):
                return nh
            if dep == "conj" and is_cue(v, cur) and not is_cue(v, nh):
                # "X said his side had been 'unlucky' and described it as 'a disgrace'": the second
                # reporting verb belongs with the first one, not with the reported clause
                up = v.head(nh) if v.toks[nh].dep == "ccomp" else None
                if up is not None and is_cue(v, up):
                    cur = up
                    steps += 1
                    continue
            if dep in ("advcl", "xcomp", "conj", "pcomp", "prep", "relcl", "ccomp", "dep", "oprd"):
                cur = nh
                steps += 1
                continue
            return None
        return None

    def speaker_of_cue(
        self, cue: int, close_tok: int | None, open_tok: int | None, anchor: int
    ) -> Speaker:
        v = self.v
        if v.parsed and v.children(cue, "nsubjpass") and v.children(cue, "auxpass"):
            # a passive reporting verb: its subject is what is described, the speaker is the agent
            # ("It is sometimes described as a "new pre-salt"" names no speaker)
            for ag in v.children(cue, "agent"):
                for p in v.children(ag, "pobj"):
                    if not self.in_quote[p]:
                        return self.resolve_np(p, anchor)
            return Speaker("none")
        s = self._subject_tok(cue)
        if s is not None and not self.in_quote[s]:
            sp = self.resolve_np(s, anchor)
            if sp.kind != "none":
                return sp
        # surface: '"...," X said' -> tokens between the close mark and the cue
        if close_tok is not None and close_tok <= cue:
            toks = self._free_between(close_tok, cue)
            sp = self._speaker_in(toks, anchor)
            if sp:
                return sp
            # '"...," said X'
            after = []
            k = cue + 1
            while (
                k < len(v.toks)
                and v.toks[k].text not in (",", ".", ";", "!", "?")
                and len(after) < 12
            ):
                after.append(k)
                k += 1
            sp = self._speaker_in(after, anchor)
            if sp:
                return sp
        # 'X said: "..."' -> the nearest speaker before the cue in its sentence
        a, _ = v.sent_range(cue)
        if v.parsed:
            # the nearest person or he/she, else the words right before the cue (no list of the
            # whole sentence so far: a run-on sentence would make that a walk per quote)
            marks = self._candidates("marker")
            j = bisect.bisect_left(marks, cue) - 1
            if j >= 0 and marks[j] >= a:
                return self._speaker_at(marks[j], anchor)
            sp = self._description_before(self._free_backwards(a, cue), anchor)
            return sp if sp else Speaker("none")
        before = self._free_between(a, cue)
        if not v.parsed:
            m = re.search(
                r"quoted\s+(.{1,60}?)\s+as\s*$", self.body[v.toks[a].idx : v.toks[cue].idx]
            )
            if m:  # "agencies quoted a source as saying"
                text = m.group(1)
                pi = self.idx.at(v.toks[a].idx + m.start(1), v.toks[a].idx + m.end(1))
                if pi is not None:
                    return Speaker("person", pi, text)
                return Speaker("unnamed", None, text)
            if v.toks[cue].lower.endswith("ing") and cue > 0 and v.toks[cue - 1].text == ",":
                # "X hit out at Y, arguing ..." -> the subject of the sentence
                subj = [
                    k
                    for k in before
                    if self.idx.at(v.toks[k].idx, v.toks[k].end) is not None and self._is_subject(k)
                ]
                if subj:
                    return self._speaker_in(subj[:1], anchor) or Speaker("none")
        sp = self._speaker_in(before, anchor, nearest_last=True)
        if sp:
            return sp
        sp = self._description_before(reversed(before), anchor)
        if sp:
            return sp
        return Speaker("none")

    def _description_before(self, rev, anchor: int) -> Speaker | None:
        """The few words right before a cue: "sources", "both sides", "A Ukrainian diplomatic source".
        ``rev``: the tokens before the cue, nearest first."""
        v = self.v
        tail: list[int] = []
        for k in rev:
            t = v.toks[k]
            if not t.text[:1].isalnum() or t.lower in TAIL_STOP or len(tail) >= 5:
                break
            tail.insert(0, k)
        while tail and v.toks[tail[-1]].lower in TAIL_ADVERBS:
            tail.pop()
        if not tail:
            return None
        text = self.body[v.toks[tail[0]].idx : v.toks[tail[-1]].end]
        head = tail[-1]
        if v.toks[head].lower in ("he", "she"):
            return self.resolve_pronoun(
                v.toks[head].lower, min(anchor, v.toks[head].idx), v.toks[head].text
            )
        return self._described(tail[0], head, anchor, text)

    def _person_of_age(self, a: int, head: int, anchor: int) -> int | None:
        """'the 58-year-old' -> the one person given that age before ("Sandra Whitfield, 58,",
        "58-year-old Sandra Whitfield")."""
        v = self.v
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

    def _indefinite_antecedent(self, a: int, head: int, anchor: int) -> str | None:
        """'the manager' after 'An HR manager at one of the companies, who ...': the unnamed
        person introduced just before (this or the previous paragraph, after the last mention of
        a named person of that role), as written."""
        v = self.v
        if v.toks[a].lower != "the" or head == a:
            return None
        word = v.toks[head].text
        if not word.isalpha() or not word.islower():
            return None
        para = self._para_of(v.toks[a].idx)
        lo = self.paragraphs[max(0, para - 1)][0] if self.paragraphs else 0
        hi = min(anchor, v.toks[a].idx)
        found = self._last_introduction(word, lo, hi)
        if found is None:
            return None
        start, text = found
        role_starts = self._role_word_mentions(word)
        i = bisect.bisect_right(role_starts, start)
        if i < len(role_starts) and role_starts[i] < hi:
            return None  # a named person of that role came after: 'the manager' is them
        return text

    def _last_introduction(self, word: str, lo: int, hi: int) -> tuple[int, str] | None:
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
            if self._mention_ends_within(at - 3, at):
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
                    if not self._mention_ends_within(m2.start() - 3, m2.start()):
                        goods.append((m2.start(), m2.group(0)))
            goods.sort()
            got = self._memo[key] = ([g[0] for g in goods], goods)
        return got

    def _mention_ends_within(self, lo: int, hi: int) -> bool:
        """Does a mention end in [lo, hi]?"""
        ends = self._memo.get(("ends",))
        if ends is None:
            ends = self._memo[("ends",)] = sorted(e for _s, e, _p in self.idx.mentions)
        i = bisect.bisect_left(ends, lo)
        return i < len(ends) and ends[i] <= hi

    def _role_word_mentions(self, word: str) -> list[int]:
        """Starts of the mentions of people with ``word`` in one of their roles (sorted)."""
        key = ("role_word", word)
        got = self._memo.get(key)
        if got is None:
            people = self.idx.people
            got = self._memo[key] = [
                s
                for s, _e, p in self.idx.mentions
                if people[p].roles and any(word in r.lower().split() for r in people[p].roles)
            ]
        return got

    def _described(self, a: int, head: int, anchor: int, text: str) -> Speaker:
        """A description without a parse link to the cue ("the Premier", "the 56-year-old"): the
        person whose role it names, or the recent subject it points back to; else as written."""
        ante = self._indefinite_antecedent(a, head, anchor)
        if ante is not None:
            return Speaker("unnamed", None, ante)
        pi = self._person_of_age(a, head, anchor)
        if pi is not None:
            return Speaker("person", pi, text)
        pi = self.resolve_description(a, head + 1, head, anchor)
        if pi is None and self._definite_person_description(a, head):
            pi = self.recent_subject(min(anchor, self.v.toks[a].idx))
        if pi is not None:
            return Speaker("person", pi, text)
        return Speaker(self._np_kind(head, text), None, text)

    def _speaker_in(
        self, toks: list[int], anchor: int, nearest_last: bool = False
    ) -> Speaker | None:
        v = self.v
        if not toks:
            return None
        order = list(reversed(toks)) if nearest_last else toks
        for k in order:
            sp = self._speaker_at(k, anchor)
            if sp is not None:
                return sp
        words = [k for k in toks if v.toks[k].text[0].isalnum()]
        if not words or nearest_last:
            return None
        text = self.body[v.toks[words[0]].idx : v.toks[words[-1]].end]
        return self._described(words[0], words[-1], anchor, text)

    def _speaker_at(self, k: int, anchor: int) -> Speaker | None:
        """The person mentioned at token ``k``, or who he/she at ``k`` is; None for other words."""
        t = self.v.toks[k]
        pi = self.idx.at(t.idx, t.end)
        if pi is not None:
            return Speaker("person", pi, self._mention_text(pi, t.idx, t.end))
        if t.lower in PRONOUN_GENDER and t.lower in ("he", "she"):
            return self.resolve_pronoun(t.lower, min(anchor, t.idx), t.text)
        return None

    def _mention_text(self, pi: int, start: int, end: int) -> str:
        m = self.idx.mention_at(pi, start, end)
        return self.body[m[0] : m[1]] if m is not None else self.idx.people[pi].name

    # --- noun phrases --------------------------------------------------------------------------

    def np_range(self, head: int) -> tuple[int, int]:
        v = self.v
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
        return min(keep), max(keep) + 1

    def resolve_np(self, head: int, anchor: int) -> Speaker:
        v = self.v
        t = v.toks[head]
        # a person named by the head, an apposition or a compound ("the head of X, Rustem Umerov");
        # a name modifying a common noun is not the speaker ("a Ford spokesperson", "a Trump aide")
        common = t.pos == "NOUN" or t.lower in UNNAMED_HEADS
        deps = ("appos", "conj") if common else ("appos", "compound", "conj")
        cands = [head] + (v.children(head, *deps) if v.parsed else [])
        for k in cands:
            tk = v.toks[k]
            pi = self.idx.at(tk.idx, tk.end)
            if pi is not None:
                return Speaker("person", pi, self._mention_text(pi, tk.idx, tk.end))
        if t.lower in ("he", "she"):
            return self.resolve_pronoun(t.lower, min(anchor, t.idx), t.text)
        if t.lower in PLURAL_PRONOUNS or t.lower in ("i", "you"):
            return Speaker("unnamed", None, t.text)
        if t.lower == "it":
            return Speaker("organisation", None, t.text)
        a, b = self.np_range(head)
        text = self.body[v.toks[a].idx : v.toks[b - 1].end].strip(" ,")
        ante = self._indefinite_antecedent(a, head, anchor)
        if ante is not None:
            return Speaker("unnamed", None, ante)
        pi = self._person_of_age(a, head, anchor)
        if pi is not None:
            return Speaker("person", pi, text)
        pi = self.resolve_description(a, b, head, anchor)
        if pi is not None:
            return Speaker("person", pi, text)
        if self._definite_person_description(a, head):
            pi = self.recent_subject(min(anchor, v.toks[a].idx))
            if pi is not None:
                return Speaker("person", pi, text)
        if t.ent == "PERSON" or (
            t.pos == "PROPN"
            and t.ent in ("", "PERSON")
            and t.text[:1].isupper()
            and t.lower not in ORG_WORDS
            and self._looks_like_name(a, b)
        ):
            # a named person the people list does not know (a mention the people step missed):
            # the one known person whose name holds the surname, else keep the name, claim no identity
            pi = self.person_by_name_word(a, b)
            if pi is not None:
                return Speaker("person", pi, text)
            return Speaker("unnamed", None, text)
        if (
            t.pos == "PROPN"
            and t.ent not in ("ORG", "GPE", "NORP", "FAC", "LOC")
            and t.lower not in ORG_WORDS
            and b - a >= 2
        ):
            pi = self.person_by_name_word(a, b)
            if pi is not None:
                return Speaker("person", pi, text)
        return Speaker(self._np_kind(head, text), None, text)

    def person_by_name_word(self, a: int, b: int) -> int | None:
        """The only known person whose name or aliases hold the last capitalised word of the
        phrase ("Taoiseach Micheal Martin" -> "Martin"; "Lula" -> "Luiz Inacio Lula da Silva")."""
        v = self.v
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
        hits = self._name_words().get(last, ())
        return next(iter(hits)) if len(hits) == 1 else None

    def _name_words(self) -> dict[str, set[int]]:
        """Every word of the names and aliases of the people (subjects) -> who bears it (once per
        article, not a pass over all people per lookup)."""
        got = self._memo.get(("name_words",))
        if got is None:
            got = {}
            for pi, p in enumerate(self.idx.people):
                if p.role not in ("subject", None):
                    continue
                for f in [p.name, *(p.aliases or [])]:
                    for w in _WORD.findall(f):
                        got.setdefault(w, set()).add(pi)
            self._memo[("name_words",)] = got
        return got

    def _definite_person_description(self, a: int, head: int) -> bool:
        """'the Spaniard', 'the World Cup winner', 'the 45-year-old': a singular definite noun
        phrase whose head denotes a person (not a spokesman/source-type description)."""
        v = self.v
        t = v.toks[head]
        if v.toks[a].lower == "the" and re.fullmatch(
            r"the\s+\d{1,3}\s*-\s*year\s*-\s*old", self.body[v.toks[a].idx : t.end]
        ):
            return True  # "the 56-year-old" (the model tags the age DATE)
        if (
            t.tag in ("NNS", "NNPS")
            or t.lower in UNNAMED_HEADS
            or t.lower in ORG_WORDS
            or t.lower in NOT_PERSON_ER
        ):
            return False
        if v.toks[a].lower != "the" or t.ent in (
            "ORG",
            "GPE",
            "FAC",
            "LOC",
            "DATE",
            "EVENT",
            "PRODUCT",
            "WORK_OF_ART",
        ):
            return False
        return t.lower in PERSON_HEADS or t.ent == "NORP" or bool(PERSON_SUFFIX.search(t.lower))

    def recent_subject(self, anchor: int, max_sents: int = 3) -> int | None:
        """The person named as the subject of the nearest of the last few sentences before
        ``anchor`` (same or previous paragraph): what a definite description points back to."""
        v = self.v
        if not v.toks:
            return None
        ai = min(v.token_at(anchor), len(v.toks) - 1)
        si = v.toks[ai].sent
        para = self._para_of(anchor)
        looked = 0
        while looked < max_sents:
            if si < 0:
                break
            a, b = v.sents[si] if v.sents else (0, len(v.toks))
            if self._para_of(v.toks[a].idx) < para - 1:
                break
            hi = min(v.toks[b - 1].end, anchor)
            ms = [
                m
                for m in self.idx.between(v.toks[a].idx, hi)
                if any(self._is_subject(k) for k in v.tokens_in(m[0], m[1]))
            ]
            if ms:
                return self._main_subject(ms)[2]
            if any(
                not self.in_quote[k] and v.toks[k].text[:1].isalnum()
                for k in range(a, b)
                if v.toks[k].idx < hi
            ):
                looked += 1  # sentences of quoted speech do not count
            si -= 1
        return None

    def _clause_depth(self, k: int) -> int:
        """How many clauses down from the sentence root the token's clause hangs (0: main clause)."""
        got = self._depths[k]
        if got is None:
            got = self._depths[k] = self._clause_depth_of(k)
        return got

    def _clause_depth_of(self, k: int) -> int:
        v = self.v
        if not v.parsed:
            return 0
        depth, steps, cur = 0, 0, k
        while cur is not None and steps < 30:
            if v.toks[cur].dep in (
                "advcl",
                "ccomp",
                "relcl",
                "acl",
                "csubj",
                "pcomp",
                "xcomp",
                "parataxis",
            ):
                depth += 1
            cur = v.head(cur)
            steps += 1
        return depth

    def _main_subject(self, ms: list[tuple[int, int, int]]) -> tuple[int, int, int]:
        """Of the subject mentions of one sentence, the one in the least embedded clause
        ("Asked whether Ford would ..., Farley was cautious." -> Farley), earliest on a tie."""
        if not self.v.parsed or len(ms) == 1:
            return ms[0]

        def depth(m):
            ks = list(self.v.tokens_in(m[0], m[1]))
            return min(self._clause_depth(k) for k in ks) if ks else 99

        return min(ms, key=lambda m: (depth(m), m[0]))

    def _looks_like_name(self, a: int, b: int) -> bool:
        toks = self.v.toks[a:b]
        return (
            len(toks) >= 2
            and all(x.text[:1].isupper() for x in toks)
            and any(x.ent == "PERSON" for x in toks)
        )

    def _np_kind(self, head: int, text: str) -> str:
        t = self.v.toks[head]
        words = {w.lower() for w in _WORD.findall(text)}
        if (
            t.lower in ORG_WORDS
            or t.ent in ("ORG", "GPE")
            or (words & ORG_NAME_WORDS and t.lower in ORG_WORDS)
        ):
            return "organisation"
        if (
            t.pos == "PROPN"
            and t.ent not in ("PERSON", "NORP")
            and t.lower not in ("sources", "source")
        ):
            return "organisation"
        return "unnamed"

    def resolve_description(self, a: int, b: int, head: int, anchor: int) -> int | None:
        """'the Ukrainian president' -> the person whose roles say president of Ukraine."""
        v = self.v
        ht = v.toks[head]
        if ht.tag in ("NNS", "NNPS") or not ht.text[:1].isalpha():
            return None
        words = [v.toks[k].lower for k in range(a, b) if k != head and v.toks[k].text[:1].isalnum()]
        mods = [w for w in words if w not in DETERMINERS]
        key = ("described", ht.lower, tuple(mods))  # (the same description comes back)
        hits = self._memo.get(key)
        if hits is None:
            hits = self._memo[key] = {
                pi
                for pi, role_words in self._role_heads().get(ht.lower, ())
                if all(any(_stem_match(m, r) for r in role_words) for m in mods)
            }
        if not hits:
            return None
        if len(hits) == 1:
            return next(iter(hits))
        return self.idx.last_before(anchor, hits)

    def _role_heads(self) -> dict[str, list[tuple[int, set[str]]]]:
        """Head word of a role -> [(person, all words of that person's roles)], in people order
        (built once per article)."""
        got = self._memo.get(("role_heads",))
        if got is not None:
            return got
        got = {}
        for pi, p in enumerate(self.idx.people):
            role_words, role_heads = set(), set()
            for r in p.roles or []:
                ws = [w.lower() for w in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", r)]
                role_words.update(w.lower() for w in _WORD.findall(r))
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

    # --- pronouns ------------------------------------------------------------------------------

    def _is_subject(self, k: int) -> bool:
        got = self._subjects[k]
        if got is None:
            got = self._subjects[k] = self._is_subject_of(k)
        return got

    def _is_subject_of(self, k: int) -> bool:
        v = self.v
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
            if dep not in ("compound", "appos", "conj", "flat"):
                return False
            k = v.head(k)
            steps += 1
        return False

    def resolve_pronoun(self, pron: str, anchor: int, surface: str) -> Speaker:
        """He/she before ``anchor``: the subject of the nearest sentence naming a compatible person."""
        v = self.v
        gender = PRONOUN_GENDER.get(pron)
        if not v.toks:
            return Speaker("unnamed", None, surface)
        ai = min(v.token_at(anchor), len(v.toks) - 1)
        si = v.toks[ai].sent if v.toks else 0
        first_para = self._para_of(anchor)
        looked = 0
        while si >= 0 and looked < 8:
            a, b = v.sents[si] if v.sents else (0, len(v.toks))
            if self._para_of(v.toks[a].idx) < first_para - 3:
                break
            lo = v.toks[a].idx
            hi = min(v.toks[b - 1].end, anchor)
            ms = [m for m in self.idx.between(lo, hi) if self.idx.gender_ok(m[2], gender)]
            subj = [m for m in ms if any(self._is_subject(k) for k in v.tokens_in(m[0], m[1]))]
            unknown = self._unknown_name_subject(a, b, hi)
            if unknown is not None and (
                not subj
                or self._clause_depth(unknown[0])
                < min(self._clause_depth(k) for m in subj for k in v.tokens_in(m[0], m[1]))
            ):
                # the sentence is about a person the people list missed ("Lula, 79, has said ..."):
                # never skip past it to an earlier person
                ua, ub = unknown
                pi = self.person_by_name_word(ua, ub)
                if pi is not None:
                    return Speaker("person", pi, surface)
                return Speaker("unnamed", None, self.body[v.toks[ua].idx : v.toks[ub - 1].end])
            if subj:
                pi = self._main_subject(subj)[2]
                return Speaker("person", pi, surface)
            unnamed = self._unnamed_subject(a, b, hi)
            if unnamed is not None:
                return Speaker("unnamed", None, unnamed)  # "A senior police officer, who ..., said"
            # a sentence led by a compatible pronoun continues the same referent
            # (the first he/she of the sentence before hi that is its subject, in the main clause
            # when a compatible person is named in it; without a parse: the sentence's first word)
            if v.parsed:
                led = next(
                    self.candidates_in(
                        "led_pronoun_main" if ms else "led_pronoun", a, min(b, v.token_at(hi))
                    ),
                    None,
                )
            else:
                led = (
                    a
                    if a < b
                    and v.toks[a].idx < hi
                    and v.toks[a].lower in ("he", "she")
                    and not self.in_quote[a]
                    else None
                )
            if led is not None and PRONOUN_GENDER[v.toks[led].lower] == gender:
                si -= 1
                looked += 1
                continue
            if ms:
                pi = ms[0][2] if not v.parsed else ms[-1][2]
                return Speaker("person", pi, surface)
            si -= 1
            looked += 1
        return Speaker("unnamed", None, surface)

    def _unnamed_subject(self, a: int, b: int, hi: int) -> str | None:
        """The main-clause subject of sentence [a, b) when it is an unnamed person introduced by
        "a"/"an" ("A senior police officer", "An aide to the minister"), as written."""
        v = self.v
        if not v.parsed:
            return None
        for k in self.candidates_in("unnamed_head", a, min(b, v.token_at(hi))):
            t = v.toks[k]
            s = k
            while (
                s > a
                and v.toks[s - 1].head == k
                and v.toks[s - 1].dep in ("det", "amod", "compound", "nmod")
            ):
                s -= 1
            if v.toks[s].lower not in ("a", "an"):
                return None
            return self.body[v.toks[s].idx : t.end]
        return None

    def _unknown_name_subject(self, a: int, b: int, hi: int) -> tuple[int, int] | None:
        """Token range of a person's name (spaCy PERSON entity) that is the main-clause subject of
        the sentence [a, b) but no mention of a known person."""
        v = self.v
        if not v.parsed:
            return None
        for k in self.candidates_in("unknown_name", a, min(b, v.token_at(hi))):
            t = v.toks[k]
            s = k
            while (
                s > a
                and v.toks[s - 1].pos == "PROPN"
                and v.toks[s - 1].head == k
                and v.toks[s - 1].dep in ("compound", "flat")
            ):
                s -= 1
            # a PERSON entity, or (entity labels misfire: "Lula, 79," tagged DATE) a word of a known
            # person's name; never an organisation or a place
            if t.ent == "PERSON" or (
                t.ent not in NOT_PERSON_ENTS and self.person_by_name_word(s, k + 1) is not None
            ):
                return s, k + 1
        return None

    # --- medium --------------------------------------------------------------------------------

    def medium_of(self, cue: int) -> str | None:
        key = ("medium", cue)  # (several quotes may share one cue)
        if key not in self._memo:
            self._memo[key] = self._medium_of(cue)
        return self._memo[key]

    def _medium_of(self, cue: int) -> str | None:
        v = self.v
        if not v.parsed:
            return None
        base = is_cue(v, cue)
        for c in v.children(cue):
            ct = v.toks[c]
            if ct.dep == "prep" and ct.lower == "on":
                for p in v.children(c, "pobj"):
                    if v.toks[p].ent in ("DATE", "TIME"):
                        continue
                    a, b = self.np_range(p)
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
            return self.medium_of(v.head(h))
        return None

    def _np_text(self, k: int) -> str:
        a, b = self.np_range(k)
        return _clean_medium(self.body[self.v.toks[a].idx : self.v.toks[b - 1].end])


# characters no match of _introduction_re can hold
_BARRIER = re.compile(r'[,.;:"“”]')


@functools.lru_cache(maxsize=256)
def _introduction_re(word: str) -> re.Pattern:
    """'An HR manager at one of the companies', 'a manager', 'one senior manager' for ``word``."""
    return re.compile(
        r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w'’-]+\s+){0,3}?"
        + re.escape(word)
        + r"\b(?:\s+(?:at|of|for|from|with|in)\s+[^,.;:\"“”\n]{1,50})?"
    )


def _stem_match(a: str, b: str) -> bool:
    if a == b:
        return True
    n = 5 if min(len(a), len(b)) >= 5 else max(len(a), len(b))
    return len(a) >= 4 and len(b) >= 4 and a[:n] == b[:n]


def _clean_medium(text: str) -> str:
    text = text.strip()
    if text.endswith(".") and not re.search(r"(?:\b[A-Z]\.){2,}$", text):
        text = text[:-1]
    return text
