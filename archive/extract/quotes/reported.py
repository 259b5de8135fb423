"""Reported speech: what an article says someone said without quoting them.

"Clinton said the plan would fail", "According to two officials, the deal is off", "The senator
told reporters that he would vote no", "Police warned residents to stay indoors": a verb of speech
or writing (:data:`archive.extract.quotes.lexicon.REPORTED_SPEECH_VERBS`, or "according to"),
its source, and its content, the clause that is attributed. :func:`find_reported` returns one
:class:`~archive.records.QuoteRecord` of kind ``indirect`` per such cue, its text the content
(``body[start:end]``: in "X said on Monday that the plan would fail" it is "that the plan would
fail"), its speaker found as a quotation's is (the cue's subject resolved to a person, a pronoun
to the person it points back to, a description, an organisation: :class:`~archive.extract.
quotes.speakers.SpeakerFinder`).

The content is read off the dependency parse:

- the clause the verb governs (``ccomp``: "said (that) ...", "asked whether ...") or, for verbs
  that report a request, a promise or an accusation, their object and complement ("urged
  Congress to act", "promised to build a wall", "accused Smith of lying", "called for a recount");
- the clause around a reporting verb set off by commas ("The plan, he said, would fail");
- the clause that "according to X" modifies ("According to officials, the deal is off").

Left out: a content that is mostly within quotation marks (a quotation, which the quote extractor
keeps as it is: a sentence that mixes both, "X called the plan "a disaster" that would fail",
keeps its quotation as a direct quote and is reported speech only when most of it is not quoted);
a content of fewer than three words; one in a boilerplate paragraph; one whose source is nobody
found. Beliefs, plans and evidence ("X hopes", "polls show") are no verbs of speech and never
cues. Without a parse nothing is found: the surface gives no clause boundaries to trust.
"""

from __future__ import annotations

from archive.extract.quotes import reported_confidence
from archive.extract.quotes.attribution import Attributor
from archive.extract.quotes.lexicon import (
    ACCORDING_TO,
    REPORTED_CALL_PREPS,
    REPORTED_JUDGEMENT_VERBS,
    REPORTED_REQUEST_VERBS,
    REPORTED_SPEECH_VERBS,
    SUBORDINATORS,
)
from archive.extract.quotes.units import Speaker
from archive.kinds import QuoteKind, SpeakerKind
from archive.records import QuoteRecord

MIN_WORDS = 3  # a content of fewer words is no statement ("he said so")
# dependency labels of a verb's complement clause
_CLAUSE = ("ccomp",)
# ... of the object and complement of a request, a promise, an accusation
_OBJECT = ("dobj", "dative")
_COMPLEMENT = ("xcomp", "ccomp", "prep", "oprd", "advcl")
_CLAUSAL = ("xcomp", "ccomp", "advcl")  # ... of a request or a promise: a clause
# how a reporting verb set off by commas hangs from the clause it reports
_ASIDE = ("parataxis", "ccomp", "advcl")
_EDGE_PUNCT = frozenset(",;:-–—(")
_SUBJECTS = ("nsubj", "nsubjpass", "expl")
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "we", "i"})
_THING_SUBJECTS = frozenset({"which", "what"})  # unless they stand for a speaker
COLON = ":"
_NAME_MOST = 6  # words of a name before a headline's colon
_NAME_GLUE = frozenset({"'s", "’s", ".", "-", "&"})


def find_reported(att: Attributor, skip_paragraphs: set[int]) -> list[QuoteRecord]:
    """Reported speech of the article ``att`` reads, as records of kind ``indirect`` (text order;
    ``skip_paragraphs``: boilerplate paragraphs, left out)."""
    view = att.article.view
    if not view.parsed:
        return []
    finder = _Finder(att, skip_paragraphs)
    out = [rec for k in range(len(view.toks)) if (rec := finder.at(k)) is not None]
    return sorted(out, key=lambda r: (r.start, r.end))


class _Finder:
    """The reported speech at each token of one article."""

    def __init__(self, att: Attributor, skip_paragraphs: set[int]):
        self.att = att
        self.art = att.article
        self.view = att.article.view
        self.body = att.article.body
        self.skip = skip_paragraphs

    def at(self, k: int) -> QuoteRecord | None:
        """The record of the cue at token ``k``; None when ``k`` is no cue with a content."""
        v, art = self.view, self.art
        lemma = _lemma(v, k)
        if lemma is None or art.in_quote[k] or art.tok_para[k] in self.skip:
            return None
        content = self._content(k, lemma)
        if content is None:
            return None
        a, b = content
        if not self._speech(a, b):
            return None
        start, end = v.toks[a].idx, v.toks[b - 1].end
        speaker = self._speaker(k, lemma, start)
        if speaker.kind == SpeakerKind.NONE:
            return None
        rec = QuoteRecord(
            text=self.body[start:end],
            start=start,
            end=end,
            kind=QuoteKind.INDIRECT,
            speaker_kind=speaker.kind,
            speaker=speaker.person,
            speaker_text=speaker.text,
            cue=self.att.cues.text_of(k) if lemma not in (ACCORDING_TO, COLON) else lemma,
            medium=self.att.media.of(k) if lemma not in (ACCORDING_TO, COLON) else None,
            paragraph=art.tok_para[k],
            how="cue",
        )
        reported_confidence.fill_in(self.att, rec, k, lemma)
        return rec

    # --- the content ---------------------------------------------------------------------------

    def _content(self, k: int, lemma: str) -> tuple[int, int] | None:
        """The token range [a, b) of what the cue at ``k`` reports, None when it has none."""
        v = self.view
        if lemma == ACCORDING_TO:
            return self._according(k)
        if lemma == COLON:
            return self._after_colon(k)
        for c in v.children(k, *_CLAUSE):
            return None if _holds_its_speaker(self.att, c, k) else self._trim(self._clause(c), k)
        if lemma == "call":
            return self._call(k)
        if lemma in REPORTED_REQUEST_VERBS or lemma in REPORTED_JUDGEMENT_VERBS:
            got = self._object_and_complement(k, lemma in REPORTED_JUDGEMENT_VERBS)
            if got is not None:
                return got
        return self._aside(k)

    def _clause(self, c: int) -> list[int]:
        """The tokens of the clause headed by ``c``, without a second predicate of the reporting
        sentence that the parser hung on it: in "said she regretted her remarks and promised to
        stay out", "promised" (a finite verb with no subject of its own, after "and") is what
        the speaker did, not what they said."""
        v = self.view
        toks = v.subtree(c)
        for d in v.children(c, "conj"):
            if d > c and self._second_predicate(c, d):
                cut = min(v.subtree(d))  # (the "and" before it goes with the edges)
                return [x for x in toks if x < cut]
        return toks

    def _second_predicate(self, c: int, d: int) -> bool:
        """The conjunct ``d`` of the reported clause's verb ``c`` is the reporter's: a finite
        verb with no subject of its own where ``c`` has no auxiliary to share ("said she
        regretted it and promised ..."), or a finite verb after a comma and a conjunction whose
        subject is a pronoun ("said the plan was dead, and he railed against ...")."""
        v = self.view
        if v.toks[d].tag not in _FINITE and not v.children(d, "aux"):
            return False
        subjects = v.children(d, *_SUBJECTS)
        if not subjects:
            return v.toks[c].tag in _FINITE and not v.children(c, "aux")
        first = min(v.subtree(d))
        comma = first >= 2 and v.toks[first - 1].dep == "cc" and v.toks[first - 2].text == ","
        return comma and v.toks[subjects[0]].lower in _PRONOUN_SUBJECTS

    def _object_and_complement(self, k: int, judgement: bool) -> tuple[int, int] | None:
        """The verb's object (if any) through its complement: "urged Congress to act",
        "promised to build", "accused Smith of lying"; for a request or a promise (not
        ``judgement``), only with a complement."""
        v = self.view
        objs = [c for c in v.children(k, *_OBJECT) if c > k]
        # (not a reporting verb of its own: "described the talks as constructive, adding that
        # ..." reports two things)
        deps = _COMPLEMENT if judgement else _CLAUSAL
        comps = [c for c in v.children(k, *deps) if c > k and _lemma(v, c) is None]
        toks: list[int] = []
        for c in objs + comps:
            toks.extend(v.subtree(c))
        if not comps and (not objs or not judgement):
            return None
        return self._trim(toks, k)

    def _call(self, k: int) -> tuple[int, int] | None:
        """ "called for a recount", "called on Congress to act": after the preposition."""
        v = self.view
        for p in v.children(k, "prep"):
            if v.toks[p].lower in REPORTED_CALL_PREPS and p == k + 1:
                toks = [x for c in v.toks[p].children for x in v.subtree(c)]
                toks += [x for c in v.children(k, "xcomp") for x in v.subtree(c)]
                return self._trim(toks, k)
        return None

    def _aside(self, k: int) -> tuple[int, int] | None:
        """ "The plan would fail, he said." / "The plan, he said, would fail": the clause the
        reporting verb hangs from, without the verb's own words."""
        v = self.view
        t = v.toks[k]
        h = v.head(k)
        if h is None or t.dep not in _ASIDE or not v.children(k, *_SUBJECTS):
            return None
        if v.toks[h].pos not in ("VERB", "AUX") or not v.children(h, *_SUBJECTS):
            return None
        if not _may_be_aside(v, k, h):
            return None
        own = set(v.subtree(k))
        edges = (min(own) - 1, min(own), max(own), max(own) + 1)
        if not any(v.toks[j].text == "," for j in edges if 0 <= j < len(v.toks)):
            return None
        toks = [x for x in v.subtree(h) if x not in own]
        return self._trim(toks, k, around=own)

    def _according(self, k: int) -> tuple[int, int] | None:
        """The clause "according to X" modifies, without the phrase."""
        v = self.view
        cur = v.head(k)
        steps = 0
        while cur is not None and v.toks[cur].pos not in ("VERB", "AUX") and steps < 4:
            cur, steps = v.head(cur), steps + 1
        if cur is None or v.toks[cur].pos not in ("VERB", "AUX"):
            return None
        own = set(v.subtree(k))
        toks = [x for x in v.subtree(cur) if x not in own]
        return self._trim(toks, k, around=own)

    def _after_colon(self, k: int) -> tuple[int, int] | None:
        """ "NY Daily News: Paris Attacks Highlight Threat", "Sen. Roe: The Bill Is Dead": a name
        alone before a colon that opens its sentence (a headline's convention) says what
        follows."""
        v = self.view
        sa, sb = v.sent_range(k)
        name = range(sa, k)
        if not 0 < len(name) <= _NAME_MOST or k + 1 >= sb:
            return None
        if not all(v.toks[j].pos == "PROPN" or v.toks[j].text in _NAME_GLUE for j in name):
            return None
        return self._trim(list(range(k + 1, sb)), k)

    def _trim(self, toks: list[int], cue: int, around: set[int] | None = None):
        """The run of ``toks`` on the far side of the cue (the side with more of them) or, for a
        cue phrase set inside the content (``around``: "The plan, he said, would fail"), all of
        it; without punctuation and conjunctions at its edges."""
        v = self.view
        cut = around or {cue}
        lo_cut, hi_cut = min(cut), max(cut)
        before = sorted(x for x in toks if x < lo_cut)
        after = sorted(x for x in toks if x > hi_cut)

        def words(side: list[int]) -> bool:
            return any(v.toks[x].text[:1].isalnum() for x in side)

        if around is not None and words(before) and words(after):
            side = before + after
        else:
            side = after if words(after) and len(after) >= len(before) else before
        if not side:
            return None
        a, b = side[0], side[-1] + 1
        sa, sb = v.sent_range(cue)
        a, b = max(a, sa), min(b, sb)
        while a < b and (v.toks[a].text in _EDGE_PUNCT or v.toks[a].dep == "cc"):
            a += 1
        while b > a and (v.toks[b - 1].text in _EDGE_PUNCT or v.toks[b - 1].dep == "cc"):
            b -= 1
        while b > a and v.toks[b - 1].pos == "PUNCT" and v.toks[b - 1].text in ".!?":
            b -= 1
        return (a, b) if b > a else None

    def _speech(self, a: int, b: int) -> bool:
        """Enough words, most of them outside quotation marks."""
        v, art = self.view, self.art
        words = [j for j in range(a, b) if v.toks[j].text[:1].isalnum()]
        if len(words) < MIN_WORDS:
            return False
        quoted = sum(1 for j in words if art.in_quote[j])
        return 2 * quoted < len(words)

    # --- the source ----------------------------------------------------------------------------

    def _colon_speaker(self, k: int, anchor: int) -> Speaker:
        """The person or organisation named before a headline's colon; else nobody."""
        v = self.view
        sa, _ = v.sent_range(k)
        start, end = v.toks[sa].idx, v.toks[k - 1].end
        ms = self.art.idx.between(start, end)
        if ms and ms[-1][1] == end:
            a, b, pi = ms[-1]
            return Speaker(SpeakerKind.PERSON, pi, self.art.mention_text(pi, a, b))
        if k - 1 == sa and v.toks[sa].text.isupper():
            # a transcript's "ROE:" names the one person of that name; else it is a dateline
            # ("WASHINGTON:")
            word = v.toks[sa].lower
            hits = {
                pi for w, ps in self.art.idx.name_words().items() if w.lower() == word for pi in ps
            }
            if len(hits) != 1:
                return Speaker(SpeakerKind.NONE)
            (pi,) = hits
            return Speaker(SpeakerKind.PERSON, pi, v.toks[sa].text)
        sp = self.att.phrases.resolve(k - 1, anchor)
        if sp.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANISATION):
            return sp
        return Speaker(SpeakerKind.NONE)

    def _speaker(self, k: int, lemma: str, start: int) -> Speaker:
        """Who the cue at ``k`` reports, resolved from before its sentence."""
        v = self.view
        sa, _ = v.sent_range(k)
        anchor = min(v.toks[sa].idx, start)
        if lemma == COLON:
            return self._colon_speaker(k, anchor)
        if lemma == ACCORDING_TO:
            p = self.att.cues.subject_of(k)
            if p is None:
                return Speaker(SpeakerKind.NONE)
            return self.att.speakers.subject(p, anchor)
        subject = self.att.cues.subject_of(k)
        if subject is None and not v.children(k, "agent"):
            return Speaker(SpeakerKind.NONE)
        sp = self.att.speakers.of_cue(k, None, anchor)
        if (
            subject is not None
            and v.toks[subject].lower in _THING_SUBJECTS
            and sp.kind not in (SpeakerKind.PERSON, SpeakerKind.ORGANISATION)
        ):
            return Speaker(SpeakerKind.NONE)  # "which may explain why": a thing explains
        return sp


def _may_be_aside(v, k: int, h: int) -> bool:
    """'"...," Lee told the Journal, after Roe stated an interest in ...': a clause with a
    subordinator is no aside ("as Roe said" is one), and a clause whose head ``h`` is a reporting
    verb of its own reports that verb's speaker's words, not the words of the cue ``k``."""
    marks = {v.toks[m].lower for m in v.children(k, "mark")} - {"as"}
    return not (marks & SUBORDINATORS) and _lemma(v, h) is None


def _lemma(view, k: int) -> str | None:
    """The lemma of the verb of speech at token ``k`` (or "according to", or a colon), else
    None."""
    t = view.toks[k]
    if t.text == COLON:
        return COLON
    lemma = REPORTED_SPEECH_VERBS.get(t.lower)
    if lemma is None:
        return None
    if lemma == ACCORDING_TO:
        nxt = view.toks[k + 1].lower if k + 1 < len(view.toks) else ""
        return lemma if nxt == "to" else None
    if not (t.tag.startswith("VB") or t.pos == "VERB"):
        return None
    return lemma


def _holds_its_speaker(att: Attributor, c: int, k: int) -> bool:
    """The clause ``c`` comes before the reporting verb ``k`` and holds the verb's subject: the
    words before the speaker that the parser hung on the verb ("The issue had come up after
    Mr. Roe, asked about it, had said"), not what the speaker said."""
    return c < k and att.cues.subject_of(k) in att.article.view.subtree(c)
