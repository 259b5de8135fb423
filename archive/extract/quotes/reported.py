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
    REPORTED_OBJECT_VERBS,
    REPORTED_SPEECH_VERBS,
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
# how a reporting verb set off by commas hangs from the clause it reports
_ASIDE = ("parataxis", "ccomp", "advcl")
_EDGE_PUNCT = frozenset(",;:-–—(")
_SUBJECTS = ("nsubj", "nsubjpass", "expl")


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
            cue=self.att.cues.text_of(k) if lemma != ACCORDING_TO else "according to",
            medium=self.att.media.of(k) if lemma != ACCORDING_TO else None,
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
        for c in v.children(k, *_CLAUSE):
            return self._trim(v.subtree(c), k)
        if lemma == "call":
            return self._call(k)
        if lemma in REPORTED_OBJECT_VERBS:
            got = self._object_and_complement(k)
            if got is not None:
                return got
        return self._aside(k)

    def _object_and_complement(self, k: int) -> tuple[int, int] | None:
        """ "urged Congress to act", "promised to build", "accused Smith of lying": the verb's
        object (if any) through its complement."""
        v = self.view
        objs = [c for c in v.children(k, *_OBJECT) if c > k]
        comps = [c for c in v.children(k, *_COMPLEMENT) if c > k]
        toks: list[int] = []
        for c in objs + comps:
            toks.extend(v.subtree(c))
        if not comps and not objs:
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

    def _speaker(self, k: int, lemma: str, start: int) -> Speaker:
        """Who the cue at ``k`` reports, resolved from before its sentence."""
        v = self.view
        sa, _ = v.sent_range(k)
        anchor = min(v.toks[sa].idx, start)
        if lemma == ACCORDING_TO:
            p = self.att.cues.subject_of(k)
            if p is None:
                return Speaker(SpeakerKind.NONE)
            return self.att.phrases.resolve(p, anchor)
        if self.att.cues.subject_of(k) is None and not v.children(k, "agent"):
            return Speaker(SpeakerKind.NONE)
        return self.att.speakers.of_cue(k, None, anchor)


def _lemma(view, k: int) -> str | None:
    """The lemma of the verb of speech at token ``k`` (or "according to"), else None."""
    t = view.toks[k]
    lemma = REPORTED_SPEECH_VERBS.get(t.lower)
    if lemma is None:
        return None
    if lemma == ACCORDING_TO:
        nxt = view.toks[k + 1].lower if k + 1 < len(view.toks) else ""
        return lemma if nxt == "to" else None
    if not (t.tag.startswith("VB") or t.pos == "VERB"):
        return None
    return lemma
