"""Who said a quote: the cue verb, its subject, and resolving that subject to a person.

Works on :class:`archive.quote_text.TextView`. With a dependency parse the cue is found on the
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

import re
from dataclasses import dataclass

from archive.quote_cues import CUE_FORMS, NOT_CUE_AFTER_CALL, TELL_LIKE, WEAK
from archive.quote_marks import paragraph_index
from archive.quote_text import TextView
from archive.records import PersonEntity

PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
PLURAL_PRONOUNS = {"they", "we", "them"}
SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
ORG_WORDS = set(
    """kremlin ministry government office agency agencies army military police court council committee
    administration embassy company service services department house party union commission parliament
    delegation newspaper outlet channel network bank fund authorities authority cabinet senate congress
    duma presidency secretariat board firm group prosecutor's headquarters command staff media press
    tass reuters ria interfax bbc cnn axios bloomberg afp ap un nato eu""".split()
)
SENT_FINAL = {".", "!", "?"}
# heads of descriptions that introduce an unnamed speaker, never an earlier named person
# ("a Ford spokesperson", "the official", "an analyst", "sources")
UNNAMED_HEADS = set(
    """spokesperson spokesman spokeswoman spokespeople official officials source sources analyst analysts
    expert experts insider insiders aide aides adviser advisers advisor advisors representative
    representatives diplomat diplomats observer observers witness witnesses resident residents person
    people man woman men women someone somebody member members staffer staffers employee employees
    executive executives statement report study paper letter document filing survey poll note release
    post article editorial memo complaint lawsuit order ruling judgment decision""".split()
)
# words denoting a person, for definite descriptions that point back to a person named earlier
# ("the Spaniard", "the World Cup winner", "the 45-year-old")
_PERSON_HEADS = set(
    """veteran star boss chief coach captain leader president minister champion legend actor actress singer
    father mother son daughter brother sister husband wife youngster teenager pensioner premier
    chancellor senator governor mayor judge lawyer attorney defendant suspect victim survivor candidate
    founder owner chairman chairwoman chair ceo billionaire tycoon politician lawmaker monarch king queen
    prince princess pope bishop priest artist author novelist poet director producer musician rapper
    striker midfielder goalkeeper keeper forward winger defender manager player skipper""".split()
)
_PERSON_SUFFIX = re.compile(r"(?:er|or|ist|ian|ard|ese|ean|man|woman)$")
_NOT_PERSON_ER = {"paper", "letter", "order", "number", "chapter", "newspaper", "poster", "flyer", "computer",
                  "matter", "quarter", "center", "centre", "border", "corner", "factor", "sector", "error",
                  "water", "power", "tower", "river", "winter", "summer", "manner", "filter", "register",
                  "counter", "charter", "cluster", "meter", "minor", "major", "mirror", "monitor", "motor",
                  "tabloid", "broadcaster", "operator", "regulator", "publisher", "carrier", "provider",
                  "retailer", "lender", "insurer", "manufacturer", "maker", "supplier", "distributor", "developer",
                  "contractor", "exporter", "importer", "producer's", "investor", "ruler's", "committee"}
_NOT_PERSON_ENTS = {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
_ROLE_HEAD_STOP = {"of", "at", "for", "in", "to", "with", "from", "on", "and", "who", "whose", "since"}
QUOTE_CHARS = "\"“”‘’'«»„"
DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "this", "that", "these", "those", "'s", "’s", "of", "for", "and", "in", "at", "with", "on", "to"}
_WORD = re.compile(r"[^\W\d_]+")
_TAIL_STOP = {"with", "and", "that", "but", "while", "as", "when", "meanwhile", "however", "also", "of", "to", "said", "told", "after", "before", "because", "if", "which", "who", "where"} | set(CUE_FORMS)
_ADVERBS = {"also", "again", "later", "earlier", "then", "previously", "repeatedly", "reportedly", "once", "had", "has", "have", "was", "were", "is", "are", "would", "will"}
_AUX = {"has", "had", "have", "was", "is", "were", "are", "will", "would", "also", "again", "later", "earlier", "then", "repeatedly", "previously", "told", "said", "says", "added", "could", "can", "did", "does", "might", "may"}


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
    """The article's people: mentions outside quotes, sorted, for lookups by offset."""

    def __init__(self, people: list[PersonEntity], quote_ranges: list[tuple[int, int]]):
        self.people = people
        ms = []
        for pi, p in enumerate(people):
            for m in p.mentions or []:
                if any(a <= m.start and m.end <= b for a, b in quote_ranges):
                    continue
                ms.append((m.start, m.end, pi))
        ms.sort()
        self.mentions = ms

    def at(self, start: int, end: int) -> int | None:
        """Person whose mention overlaps [start, end)."""
        for s, e, pi in self.mentions:
            if s < end and start < e:
                return pi
            if s >= end:
                break
        return None

    def between(self, start: int, end: int) -> list[tuple[int, int, int]]:
        return [m for m in self.mentions if m[0] >= start and m[1] <= end]

    def last_before(self, offset: int, pis: set[int]) -> int | None:
        best, pos = None, -1
        for s, e, pi in self.mentions:
            if e <= offset and pi in pis and s > pos:
                best, pos = pi, s
        return best

    def gender_ok(self, pi: int, gender: str | None) -> bool:
        g = self.people[pi].gender
        return gender is None or g is None or g == gender


def is_cue(view: TextView, i: int) -> str | None:
    """Base form of the reporting verb at token ``i`` (None when it is not one)."""
    t = view.toks[i]
    base = CUE_FORMS.get(t.lower)
    if base is None:
        return None
    nxt = view.toks[i + 1].lower if i + 1 < len(view.toks) else ""
    if base == "according to":
        return base if nxt == "to" else None
    if t.tag and not (t.tag.startswith("VB") or t.pos in ("VERB", "AUX")):
        return None
    if base == "call" and nxt in NOT_CUE_AFTER_CALL:
        return None
    if base in ("report", "post") and t.tag in ("NN", "NNS"):
        return None
    return base


class Attributor:
    def __init__(self, view: TextView, people: list[PersonEntity], quote_ranges: list[tuple[int, int]], paragraphs: list[tuple[int, int]]):
        self.v = view
        self.body = view.body
        self.idx = PeopleIndex(people, quote_ranges)
        self.quote_ranges = quote_ranges  # (mark start, mark end) of every quote incl. marks
        self.paragraphs = paragraphs
        self.blocked = False  # set by cue_by_parse: the quote sits in a non-reporting relative clause
        self.in_quote = [False] * len(view.toks)
        for a, b in quote_ranges:
            for k in view.tokens_in(a, b):
                self.in_quote[k] = True

    # --- cue finding ---------------------------------------------------------------------------

    def _para_of(self, offset: int) -> int:
        return paragraph_index(self.paragraphs, offset)

    def _same_para(self, i: int, j: int) -> bool:
        return self._para_of(self.v.toks[i].idx) == self._para_of(self.v.toks[j].idx)

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
                if c not in inside and not self.in_quote[c] and is_cue(v, c) and self._subject_tok(c) is not None and self._same_para(c, qa):
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
                    # climb through a chain of reported clauses to the outermost reporting verb
                    outer = cur
                    while v.toks[outer].dep in ("ccomp", "xcomp", "parataxis") and v.head(outer) is not None:
                        up = v.head(outer)
                        if not self.in_quote[up] and is_cue(v, up) and is_cue(v, up) not in WEAK and self._same_para(up, qa):
                            outer = up
                        else:
                            break
                    return outer
                prev, cur, steps = cur, v.head(cur), steps + 1
        return found

    def cue_after(self, close_tok: int) -> int | None:
        """Reporting verb just after the closing mark: '"...," X said' / '"...," said X'."""
        v, words = self.v, 0
        k = close_tok
        para = self._para_of(v.toks[close_tok - 1].idx) if close_tok > 0 else 0
        while k < len(v.toks) and words <= 10:
            t = v.toks[k]
            if self._para_of(t.idx) != para:
                return None
            if t.text in SENT_FINAL and not self.in_quote[k]:
                return None
            if self.in_quote[k]:
                if words:
                    return None
                k += 1
                continue
            base = is_cue(v, k)
            if base and base not in WEAK:
                return k
            if t.text[0].isalnum():
                words += 1
            k += 1
        return None

    def cue_before(self, open_tok: int) -> int | None:
        """Reporting verb just before the opening mark: 'X said: "..."', 'X told Reuters that "..."'."""
        v, words = self.v, 0
        k = open_tok - 1
        para = self._para_of(v.toks[open_tok].idx) if open_tok < len(v.toks) else None
        while k >= 0 and words <= 20:
            t = v.toks[k]
            if self._para_of(t.idx) != para:
                return None
            if not self.in_quote[k]:
                if t.text in SENT_FINAL:
                    return None
                base = is_cue(v, k)
                if base and base not in WEAK:
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

    def speaker_of_cue(self, cue: int, close_tok: int | None, open_tok: int | None, anchor: int) -> Speaker:
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
            toks = [k for k in range(close_tok, cue) if not self.in_quote[k]]
            sp = self._speaker_in(toks, anchor)
            if sp:
                return sp
            # '"...," said X'
            after = []
            k = cue + 1
            while k < len(v.toks) and v.toks[k].text not in (",", ".", ";", "!", "?") and len(after) < 12:
                after.append(k)
                k += 1
            sp = self._speaker_in(after, anchor)
            if sp:
                return sp
        # 'X said: "..."' -> the nearest speaker before the cue in its sentence
        a, _ = v.sent_range(cue)
        before = [k for k in range(a, cue) if not self.in_quote[k]]
        if not v.parsed:
            m = re.search(r"quoted\s+(.{1,60}?)\s+as\s*$", self.body[v.toks[a].idx : v.toks[cue].idx])
            if m:  # "agencies quoted a source as saying"
                text = m.group(1)
                pi = self.idx.at(v.toks[a].idx + m.start(1), v.toks[a].idx + m.end(1))
                if pi is not None:
                    return Speaker("person", pi, text)
                return Speaker("unnamed", None, text)
            if v.toks[cue].lower.endswith("ing") and cue > 0 and v.toks[cue - 1].text == ",":
                # "X hit out at Y, arguing ..." -> the subject of the sentence
                subj = [k for k in before if self.idx.at(v.toks[k].idx, v.toks[k].end) is not None and self._is_subject(k)]
                if subj:
                    return self._speaker_in(subj[:1], anchor) or Speaker("none")
        sp = self._speaker_in(before, anchor, nearest_last=True)
        if sp:
            return sp
        sp = self._description_before(before, anchor)
        if sp:
            return sp
        return Speaker("none")

    def _description_before(self, toks: list[int], anchor: int) -> Speaker | None:
        """The few words right before a cue: "sources", "both sides", "A Ukrainian diplomatic source"."""
        v = self.v
        tail: list[int] = []
        for k in reversed(toks):
            t = v.toks[k]
            if not t.text[:1].isalnum() or t.lower in _TAIL_STOP or len(tail) >= 5:
                break
            tail.insert(0, k)
        while tail and v.toks[tail[-1]].lower in _ADVERBS:
            tail.pop()
        if not tail:
            return None
        text = self.body[v.toks[tail[0]].idx : v.toks[tail[-1]].end]
        head = tail[-1]
        if v.toks[head].lower in ("he", "she"):
            return self.resolve_pronoun(v.toks[head].lower, min(anchor, v.toks[head].idx), v.toks[head].text)
        return self._described(tail[0], head, anchor, text)

    def _person_of_age(self, a: int, head: int, anchor: int) -> int | None:
        """'the 58-year-old' -> the one person given that age before ("Sandra Whitfield, 58,",
        "58-year-old Sandra Whitfield")."""
        v = self.v
        m = re.fullmatch(r"the\s+(\d{1,3})\s*-\s*year\s*-\s*old", self.body[v.toks[a].idx : v.toks[head].end])
        if not m:
            return None
        age = m.group(1)
        hits = set()
        for s, e, pi in self.idx.mentions:
            if s >= anchor:
                break
            if re.match(r"(?:['’]s?)?,\s+" + age + r"\s*,", self.body[e : e + 8]) or re.search(
                    age + r"\s*-\s*year\s*-\s*old\s+(?:\w+\s+){0,2}$", self.body[max(0, s - 40) : s]):
                hits.add(pi)
        return next(iter(hits)) if len(hits) == 1 else None

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
        found = None
        for m in re.finditer(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w'’-]+\s+){0,3}?" + re.escape(word)
                             + r"\b(?:\s+(?:at|of|for|from|with|in)\s+[^,.;:\"“”\n]{1,50})?", self.body[lo:hi]):
            at = lo + m.start()
            if any(at - 3 <= e <= at for _s, e, _p in self.idx.mentions):
                continue  # "Fergal Brennan, a former minister": the apposition of a named person
            found = (at, m.group(0))
        if found is None:
            return None
        start, text = found
        if any(start < s < hi for s, _e, _p in self.idx.mentions if self.idx.people[_p].roles and any(
                word in r.lower().split() for r in self.idx.people[_p].roles)):
            return None  # a named person of that role came after: 'the manager' is them
        return text

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

    def _speaker_in(self, toks: list[int], anchor: int, nearest_last: bool = False) -> Speaker | None:
        v = self.v
        if not toks:
            return None
        order = list(reversed(toks)) if nearest_last else toks
        for k in order:
            t = v.toks[k]
            pi = self.idx.at(t.idx, t.end)
            if pi is not None:
                return Speaker("person", pi, self._mention_text(pi, t.idx, t.end))
            if t.lower in PRONOUN_GENDER and t.lower in ("he", "she"):
                return self.resolve_pronoun(t.lower, min(anchor, t.idx), t.text)
        words = [k for k in toks if v.toks[k].text[0].isalnum()]
        if not words or nearest_last:
            return None
        text = self.body[v.toks[words[0]].idx : v.toks[words[-1]].end]
        return self._described(words[0], words[-1], anchor, text)

    def _mention_text(self, pi: int, start: int, end: int) -> str:
        for s, e, p in self.idx.mentions:
            if p == pi and s < end and start < e:
                return self.body[s:e]
        return self.idx.people[pi].name

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
        if t.ent == "PERSON" or (t.pos == "PROPN" and t.ent in ("", "PERSON") and t.text[:1].isupper() and t.lower not in ORG_WORDS and self._looks_like_name(a, b)):
            # a named person the people list does not know (a mention the people step missed):
            # the one known person whose name holds the surname, else keep the name, claim no identity
            pi = self.person_by_name_word(a, b)
            if pi is not None:
                return Speaker("person", pi, text)
            return Speaker("unnamed", None, text)
        if t.pos == "PROPN" and t.ent not in ("ORG", "GPE", "NORP", "FAC", "LOC") and t.lower not in ORG_WORDS and b - a >= 2:
            pi = self.person_by_name_word(a, b)
            if pi is not None:
                return Speaker("person", pi, text)
        return Speaker(self._np_kind(head, text), None, text)

    def person_by_name_word(self, a: int, b: int) -> int | None:
        """The only known person whose name or aliases hold the last capitalised word of the
        phrase ("Taoiseach Micheal Martin" -> "Martin"; "Lula" -> "Luiz Inacio Lula da Silva")."""
        v = self.v
        words = [v.toks[k].text for k in range(a, b) if v.toks[k].text[:1].isupper() and v.toks[k].text[:1].isalpha()]
        if not words:
            return None
        last = words[-1]
        if len(last) < 3 or last.lower() in ORG_WORDS:
            return None
        hits = set()
        for pi, p in enumerate(self.idx.people):
            if p.role not in ("subject", None):
                continue
            forms = [p.name, *(p.aliases or [])]
            if any(last in _WORD.findall(f) for f in forms):
                hits.add(pi)
        return next(iter(hits)) if len(hits) == 1 else None

    def _definite_person_description(self, a: int, head: int) -> bool:
        """'the Spaniard', 'the World Cup winner', 'the 45-year-old': a singular definite noun
        phrase whose head denotes a person (not a spokesman/source-type description)."""
        v = self.v
        t = v.toks[head]
        if v.toks[a].lower == "the" and re.fullmatch(
                r"the\s+\d{1,3}\s*-\s*year\s*-\s*old", self.body[v.toks[a].idx : t.end]):
            return True  # "the 56-year-old" (the model tags the age DATE)
        if t.tag in ("NNS", "NNPS") or t.lower in UNNAMED_HEADS or t.lower in ORG_WORDS or t.lower in _NOT_PERSON_ER:
            return False
        if v.toks[a].lower != "the" or t.ent in ("ORG", "GPE", "FAC", "LOC", "DATE", "EVENT", "PRODUCT", "WORK_OF_ART"):
            return False
        return t.lower in _PERSON_HEADS or t.ent == "NORP" or bool(_PERSON_SUFFIX.search(t.lower))

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
            ms = [m for m in self.idx.between(v.toks[a].idx, hi) if any(self._is_subject(k) for k in v.tokens_in(m[0], m[1]))]
            if ms:
                return self._main_subject(ms)[2]
            if any(not self.in_quote[k] and v.toks[k].text[:1].isalnum() for k in range(a, b) if v.toks[k].idx < hi):
                looked += 1  # sentences of quoted speech do not count
            si -= 1
        return None

    def _clause_depth(self, k: int) -> int:
        """How many clauses down from the sentence root the token's clause hangs (0: main clause)."""
        v = self.v
        if not v.parsed:
            return 0
        depth, steps, cur = 0, 0, k
        while cur is not None and steps < 30:
            if v.toks[cur].dep in ("advcl", "ccomp", "relcl", "acl", "csubj", "pcomp", "xcomp", "parataxis"):
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
        return len(toks) >= 2 and all(x.text[:1].isupper() for x in toks) and any(x.ent == "PERSON" for x in toks)

    def _np_kind(self, head: int, text: str) -> str:
        t = self.v.toks[head]
        words = {w.lower() for w in _WORD.findall(text)}
        if t.lower in ORG_WORDS or t.ent in ("ORG", "GPE") or (words & {"kremlin", "ministry", "government", "white"} and t.lower in ORG_WORDS):
            return "organisation"
        if t.pos == "PROPN" and t.ent not in ("PERSON", "NORP") and t.lower not in ("sources", "source"):
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
        hits = set()
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
                    if w in _ROLE_HEAD_STOP:
                        break
                    pre.append(w)
                if pre:
                    role_heads.add(pre[-1])
            if ht.lower not in role_heads:
                continue
            if all(any(_stem_match(m, r) for r in role_words) for m in mods):
                hits.add(pi)
        if not hits:
            return None
        if len(hits) == 1:
            return next(iter(hits))
        return self.idx.last_before(anchor, hits)

    # --- pronouns ------------------------------------------------------------------------------

    def _is_subject(self, k: int) -> bool:
        v = self.v
        if not v.parsed:
            # surface guess: the name (last token of a mention) is followed by a verb-like word
            j = k + 1
            while j < len(v.toks) and self.idx.at(v.toks[j].idx, v.toks[j].end) is not None and j < k + 4:
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
                        return nw in CUE_FORMS or nw in _AUX
                return False
            return w in CUE_FORMS or w in _AUX or (w.endswith("ed") and len(w) > 4)
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
            if unknown is not None and (not subj or self._clause_depth(unknown[0]) < min(self._clause_depth(k) for m in subj for k in v.tokens_in(m[0], m[1]))):
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
            led = [k for k in range(a, b) if v.toks[k].idx < hi and v.toks[k].lower in ("he", "she") and not self.in_quote[k]]
            led_subj = [k for k in led if (self._is_subject(k) and (not ms or self._clause_depth(k) == 0)
                                           if v.parsed else k == a)]
            if led_subj and PRONOUN_GENDER[v.toks[led_subj[0]].lower] == gender:
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
        for k in range(a, b):
            t = v.toks[k]
            if t.idx >= hi:
                break
            if (self.in_quote[k] or t.dep not in ("nsubj", "nsubjpass") or self._clause_depth(k) > 0
                    or t.pos != "NOUN" or not (t.lower in UNNAMED_HEADS or t.lower in _PERSON_HEADS
                                               or _PERSON_SUFFIX.search(t.lower))):
                continue
            s = k
            while s > a and v.toks[s - 1].head == k and v.toks[s - 1].dep in ("det", "amod", "compound", "nmod"):
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
        for k in range(a, b):
            t = v.toks[k]
            if t.idx >= hi:
                break
            if self.in_quote[k] or t.dep not in ("nsubj", "nsubjpass") or t.pos != "PROPN" or not t.text[:1].isupper():
                continue
            if self._clause_depth(k) > 0 or self.idx.at(t.idx, t.end) is not None or t.lower in ORG_WORDS:
                continue
            s = k
            while s > a and v.toks[s - 1].pos == "PROPN" and v.toks[s - 1].head == k and v.toks[s - 1].dep in ("compound", "flat"):
                s -= 1
            # a PERSON entity, or (entity labels misfire: "Lula, 79," tagged DATE) a word of a known
            # person's name; never an organisation or a place
            if t.ent == "PERSON" or (t.ent not in _NOT_PERSON_ENTS and self.person_by_name_word(s, k + 1) is not None):
                return s, k + 1
        return None

    # --- medium --------------------------------------------------------------------------------

    def medium_of(self, cue: int) -> str | None:
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
                if self.idx.at(ct.idx, ct.end) is None and (ct.pos == "PROPN" or ct.lower == "media"):
                    return self._np_text(c)
        # "In an interview with Axios, X was quoted as saying"
        h = v.head(cue)
        if h is not None and v.toks[h].lower == "as" and v.head(h) is not None:
            return self.medium_of(v.head(h))
        return None

    def _np_text(self, k: int) -> str:
        a, b = self.np_range(k)
        return _clean_medium(self.body[self.v.toks[a].idx : self.v.toks[b - 1].end])


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
