"""Quotes with no cue of their own, and speakers shared between quotes.

* a quote after a colon: the speaker of the reporting verb before it ("Zelensky said:"), or the
  person who is the subject of the clause before it ("X put it bluntly: "..."")
  (:mod:`archive.extract.quotes.colons`);
* a follow-up quote: the previous quote's speaker when nothing between them but that quote's
  attribution ("X said. "Y."", a quote opening the next paragraph);
* a full quote right after a sentence of the same paragraph whose reporting verb has a named
  subject ("Lee said he would not sell. "If I ...""): that person;
* the paragraphs of a quote running over several paragraphs share one speaker
  (:func:`share_in_groups`); a fragment repeating words of an attributed quote gets that quote's
  speaker (:func:`echoes`).
"""

from __future__ import annotations

import itertools

from archive.extract.quotes.attribution import Attributor
from archive.extract.quotes.colons import after_colon, after_comma, last_non_space
from archive.extract.quotes.lexicon import PRONOUN_GENDER, SUBJECT_PRONOUNS
from archive.extract.quotes.marks import MarkedSpan
from archive.extract.quotes.statements import statement_tokens
from archive.extract.quotes.units import (
    Attribution,
    FoundQuote,
    Speaker,
    mark_end,
    mark_start,
)
from archive.extract.quotes.verbs import is_cue
from archive.kinds import QuoteKind, SpeakerKind
from archive.records import QuoteRecord

_RELATIVE_PRONOUNS = ("who", "that", "which")


def apply(rec: QuoteRecord, attr: Attribution) -> None:
    """Fill the record's speaker, cue and medium from ``attr``."""
    rec.speaker_kind = attr.speaker.kind
    rec.speaker = attr.speaker.person if attr.speaker.kind == SpeakerKind.PERSON else None
    rec.speaker_text = attr.speaker.text
    rec.cue = attr.cue
    rec.medium = attr.medium
    rec.how = attr.how


def copy_speaker(src: QuoteRecord, dst: QuoteRecord, how: str) -> None:
    """Give ``dst`` the speaker of ``src`` (not its cue or medium), found by rule ``how``."""
    dst.speaker_kind, dst.speaker, dst.speaker_text = (
        src.speaker_kind,
        src.speaker,
        src.speaker_text,
    )
    dst.how = how


def share_in_groups(found: list[FoundQuote]) -> list[FoundQuote]:
    """The paragraphs of one multi-paragraph quote have one speaker: the attribution of the first
    piece that has one (usually the first or the last paragraph) serves them all."""
    groups: dict[int, list[int]] = {}
    for n, fq in enumerate(found):
        if fq.span.group is not None:
            groups.setdefault(fq.span.group, []).append(n)
    out = list(found)
    for members in groups.values():
        src = next((n for n in members if found[n].attribution is not None), None)
        if src is None:
            src = next(
                (n for n in members if found[n].record.speaker_kind != SpeakerKind.NONE), None
            )
        if src is None:
            continue
        s_rec, s_attr = found[src].record, found[src].attribution
        for n in members:
            fq = found[n]
            if n == src:
                continue
            copy_speaker(s_rec, fq.record, "group")
            fq.record.cue, fq.record.medium = s_rec.cue, s_rec.medium
            out[n] = FoundQuote(
                fq.span,
                fq.record,
                s_attr if s_attr is not None else fq.attribution,
                fq.initial,
            )
    return out


def attribute_follow_ups(att: Attributor, found: list[FoundQuote]) -> None:
    """Quotes with no cue of their own: the previous quote's speaker when they follow it, or the
    speaker introduced by a colon ("Zelensky said:" then the quote)."""
    body = att.article.body
    prev: QuoteRecord | None = None
    prev_sp: MarkedSpan | None = None
    for fq in found:
        sp, rec = fq.span, fq.record
        if fq.attribution is None and fq.initial:
            mark = mark_start(sp)
            last = last_non_space(body, mark)  # (not body[:mark].rstrip(): a copy per quote)
            if last >= 0 and (
                body[last] == ":"
                or (body[last] == "," and last < att.article.paragraphs[sp.paragraph][0])
            ):  # (a paragraph ending with a comma introduces the next one as a colon does)
                attr = after_colon(att, last, mark, rec.kind)
                if attr is not None:
                    apply(rec, attr)
                    prev, prev_sp = rec, sp
                    continue
            if att.signed(sp) is not None:
                pass  # signed by someone who is not a person of the article: nobody else's
            elif (
                prev is not None
                and prev.speaker_kind != SpeakerKind.NONE
                and _follows(att, prev_sp, sp, prev)
            ):
                copy_speaker(prev, rec, "follow")
            elif (
                prev is not None
                and prev.speaker_kind == SpeakerKind.PERSON
                and _resumes(att, prev_sp, sp, prev)
            ):
                # '"...," Roe said. ¶ Roe is upbeat about the race. ¶ "We will win."'
                copy_speaker(prev, rec, "follow")
            elif (
                rec.kind == QuoteKind.FULL
                and (speaker := _speaker_before_in_paragraph(att, sp)) is not None
            ):
                # 'Lee said he would not sell. "If I ..."'
                apply(rec, Attribution(speaker, how="paragraph"))
        elif (
            fq.attribution is None and rec.kind == QuoteKind.FULL and (attr := after_comma(att, sp))
        ):
            # 'Clinton shared her anxiety with an audience, "I do not know ..."'
            apply(rec, attr)
        elif (
            fq.attribution is None
            and rec.kind == QuoteKind.FULL
            and prev is not None
            and prev.speaker_kind == SpeakerKind.PERSON
            and sp.paragraph == prev_sp.paragraph
            and _lead_in_only(att, sp)
            and _follows(att, prev_sp, sp, prev)
        ):
            # '"We were not happy," said Roe, head of policy at the council. Now, "there is a
            # sizable constituency saying this is O.K."'
            copy_speaker(prev, rec, "follow")
        elif (
            fq.attribution is None
            and rec.kind == QuoteKind.PARTIAL
            and prev is not None
            and prev.speaker_kind == SpeakerKind.PERSON
            and _next_sentence_of(att, prev_sp, sp)
        ):
            # '"...," Mr. Solomon said. He has directed "a very ambitious reorganization."'
            copy_speaker(prev, rec, "follow")
        if rec.speaker_kind != SpeakerKind.NONE:
            prev, prev_sp = rec, sp
        elif rec.kind == QuoteKind.FULL:
            prev, prev_sp = None, None


def _resumes(att: Attributor, prev_sp: MarkedSpan, sp: MarkedSpan, prev: QuoteRecord) -> bool:
    """``sp`` is a paragraph that is only a quote, and the one paragraph between it and the
    previous quote is about that quote's speaker: it quotes nothing, it reports nobody else, the
    speaker is the subject of one of its clauses and no other person is (or, naming nobody, it
    is a short stage direction: "She pauses.", "Pause.")."""
    art = att.article
    view, body = art.view, art.body
    if sp.paragraph != prev_sp.paragraph + 2 or not view.parsed:
        return False
    ps, pe = art.paragraphs[sp.paragraph]
    if body[ps : mark_start(sp)].strip() or body[mark_end(sp) : pe].strip(" .,"):
        return False
    ms, me = art.paragraphs[sp.paragraph - 1]
    if me - ms > 400 or ms < mark_end(prev_sp):
        return False
    toks = list(view.tokens_in(ms, me))
    if not toks or any(art.in_quote[k] for k in toks):
        return False
    named = art.idx.between(ms, me)
    subjects = set()
    for m in named:
        for k in view.tokens_in(m[0], m[1]):
            if art.is_subject(k) and not _about_a_noun(view, k):
                subjects.add(m[2])
    if not named:
        if not _narrates(att, toks, prev.speaker):
            return False
    elif subjects != {prev.speaker}:
        return False
    for k in toks:
        if is_cue(view, k):
            for c in view.children(k, "nsubj", "nsubjpass"):
                t = view.toks[c]
                if t.pos != "PRON" and art.idx.at(t.idx, t.end) is None:
                    return False  # someone else reports ("Aides said ...")
    return True


def _narrates(att: Attributor, toks: list[int], speaker: int | None) -> bool:
    """The paragraph of ``toks``, naming nobody, is a short stage direction of the speaker's:
    at most 12 words whose subjects are "he" or "she" as the speaker may be called ("She
    pauses.", "He laughs, then goes on."), or one or two words ("Pause."); no one else acts in
    it ("The crowd roars.", "They hang up."), it introduces nothing ("Transcript as follows:")."""
    view = att.article.view
    words = sum(view.toks[k].text[:1].isalnum() for k in toks)
    if speaker is None or words > 12 or view.toks[toks[-1]].text == ":":
        return False  # (not 'Partial transcript as follows:')
    subjects = [view.toks[k] for k in toks if view.toks[k].dep in ("nsubj", "nsubjpass", "expl")]
    for t in subjects:
        gender = PRONOUN_GENDER.get(t.lower)
        if t.lower not in SUBJECT_PRONOUNS or not att.article.idx.gender_ok(speaker, gender):
            return False
    return bool(subjects) or words <= 2  # "She pauses." or "Pause."


def _lead_in_only(att: Attributor, sp: MarkedSpan) -> bool:
    """Before the quote, its sentence holds only a short lead-in of the reporter's ending in a
    comma ("Now,", "Instead,", "Unless rivals quit the race,"): no person named, no reporting
    verb, at most 12 words."""
    art = att.article
    view, body = art.view, art.body
    mark = mark_start(sp)
    last = last_non_space(body, mark)
    if last < 0 or body[last] != "," or not view.parsed:
        return False
    k = view.token_at(mark)
    if k == 0 or k >= len(view.toks):
        return False
    a, _ = view.sent_range(k - 1)
    lo = max(view.toks[a].idx, art.paragraphs[sp.paragraph][0])
    if len(body[lo:mark].split()) > 12 or art.idx.between(lo, mark):
        return False
    return not any(not art.in_quote[j] and is_cue(view, j) for j in range(a, k))


def _next_sentence_of(att: Attributor, prev_sp: MarkedSpan, sp: MarkedSpan) -> bool:
    """``sp`` (a fragment) is in the sentence right after the one of ``prev_sp``, in the same
    paragraph, and that sentence reports nothing of its own (no reporting verb outside quotes,
    no other person named)."""
    art = att.article
    view = art.view
    if sp.paragraph != prev_sp.paragraph or not view.parsed:
        return False
    k_prev = view.token_at(mark_end(prev_sp))
    k = view.token_at(sp.start)
    if k >= len(view.toks) or k_prev >= len(view.toks):
        return False
    pa, pb = view.sent_range(k_prev)
    a, b = view.sent_range(k)
    if a != pb and not (a == pa and k_prev < k):
        return False
    if any(not art.in_quote[j] and is_cue(view, j) for j in range(a, b)):
        return False
    lo, hi = view.toks[a].idx, view.toks[b - 1].end
    return not art.idx.between(lo, hi)


def _speaker_before_in_paragraph(att: Attributor, sp: MarkedSpan) -> Speaker | None:
    """A quote that opens no sentence of attribution of its own, right after a sentence of the
    same paragraph whose reporting verb has a named subject ("Lee said he would not sell."):
    that person. None when the sentence before names nobody or reports nothing."""
    view, body = att.article.view, att.article.body
    if not view.parsed:
        return None
    mark = mark_start(sp)
    para_start, para_end = att.article.paragraphs[sp.paragraph]
    k = view.token_at(mark)
    if k == 0:
        return None
    a, _ = view.sent_range(k - 1)  # the sentence right before the quote
    quoted: list[int] = []
    if last_non_space(body, mark) < para_start:  # nothing before the quote in its paragraph
        # a paragraph that is only the quote, after a paragraph whose last sentence reports
        # someone ('Carter said that the region mattered. ¶ "That is because ..."')
        if body[mark_end(sp) : para_end].strip(" .,") or sp.paragraph == 0:
            return None
        quoted = [j for j in range(a, k) if att.article.in_quote[j]]
        para_start = att.article.paragraphs[sp.paragraph - 1][0]
    # (reporting verbs with a subject outside quotes, in this paragraph, other than those inside
    # what another one reports, and no infinitive: 'for people to marvel at' reports nothing)
    cues = [
        c
        for c in itertools.islice(
            att.tokens.within("reporting_with_subject", max(a, view.token_at(para_start)), k), 6
        )
        if view.toks[c - 1].tag != "TO"
    ]
    cues = [c for c in cues if not _beneath(view, c, set(cues) - {c})]
    if not cues:
        # 'Roe distanced herself from it by saying she would help.', 'Roe was quick to add
        # that ...', 'Roe accepts the risks, but says ...': a reporting verb whose subject is
        # the subject of the verb it hangs on
        lo = max(a, view.token_at(para_start))
        cues = [
            c
            for c in range(lo, k)
            if not att.article.in_quote[c]
            and view.toks[c].dep in _CONTROLLED
            and is_cue(view, c)
            and not view.children(c, "nsubj", "nsubjpass")
        ][:6]
        cues = [c for c in cues if not _beneath(view, c, set(cues) - {c})]
    if not cues:
        return None
    if quoted and any(set(quoted) & set(view.subtree(c)) for c in cues):
        return None  # the sentence before quotes its reporter: its attribution is that quote's
    # one reporting verb, or several of one person ('Roe says she hopes ... . It is easy, she
    # says, ...')
    speakers = [att.speakers.of_cue(c, None, mark) for c in cues]
    if any(sp.kind != SpeakerKind.PERSON for sp in speakers):
        return None
    return speakers[-1] if len({sp.person for sp in speakers}) == 1 else None


# a verb whose subject is the one of the verb it hangs on ("was quick to add", "by saying",
# "accepts the risks, but says")
_CONTROLLED = ("xcomp", "pcomp", "advcl", "conj")


def _follows(att: Attributor, prev_sp: MarkedSpan, sp: MarkedSpan, prev: QuoteRecord) -> bool:
    """``sp`` continues the speech of ``prev_sp``: same or next paragraph, nothing between but
    the attribution of the previous quote (no other person named, no other reporting verb)."""
    art = att.article
    view, body = art.view, art.body
    if sp.paragraph - prev_sp.paragraph > 1:
        return False
    a = mark_end(prev_sp)
    b = mark_start(sp)
    gap = body[a:b]
    if len(gap) > 250:
        return False
    if sp.paragraph != prev_sp.paragraph:
        # the new paragraph must open with the quote, the previous one must end with the old
        # one's attribution
        if body[art.paragraphs[sp.paragraph][0] : b].strip():
            return False
    cues = [k for k in view.tokens_in(a, b) if not art.in_quote[k] and is_cue(view, k)]
    if view.parsed:
        # a second reporting verb only takes over with a subject of its own ("Heald told Whitcomb
        # before announcing the sentence" is still Heald's attribution)
        cues = [k for k in cues if view.children(k, "nsubj", "nsubjpass")]
        # "said Kevin Otieno, a graduate who said he ...": a relative clause about the speaker
        cues = [
            k
            for k in cues
            if not all(
                view.toks[c].lower in _RELATIVE_PRONOUNS
                for c in view.children(k, "nsubj", "nsubjpass")
            )
        ]
        # '"...," added Jeff Weaver, speaking to CNN after the senator spoke. "..."': a verb in a
        # clause under another reporting verb of the gap is part of that attribution
        cues = [k for k in cues if not _under_any(view, k, set(cues) - {k})]
    if len(cues) > 1:
        return False
    gap_cues = set(cues)
    # another person named in the gap takes over only as a subject ("Heald told Whitcomb ..." and
    # "X wrote, referring to Y's business" keep X as the speaker)
    ms = art.idx.between(a, b)
    names = {m[2] for m in ms}
    if len(names) <= 1:
        return True
    subjects = {
        m[2]
        for m in ms
        if any(
            art.is_subject(k) and not _about_a_noun(view, k) and not _subordinate(view, k, gap_cues)
            for k in view.tokens_in(m[0], m[1])
        )
    }
    if not view.parsed:
        return False
    speaker = prev.speaker if prev.speaker_kind == SpeakerKind.PERSON else None
    return subjects <= {speaker}


def _about_a_noun(view, k: int) -> bool:
    """Token ``k`` is in a clause that describes a noun (a relative clause, an apposition):
    'said Ann Ortiz, a Smith endorser who suggested that Jones could win': Jones speaks of
    nothing here, the clause is about the speaker."""
    h = view.head(k)
    for _ in range(50):
        if h is None:
            return False
        if view.toks[h].dep in ("relcl", "acl", "appos"):
            return True
        nh = view.head(h)
        if nh == h:
            return False
        h = nh
    return False


def _subordinate(view, k: int, cues: set[int]) -> bool:
    """Subject ``k`` is the subject of a clause subordinate to one of ``cues`` ('"...," Hooton
    said after Rubio spoke'), not of a verb co-ordinated with it ('and Rubio agreed')."""
    h = view.head(k)
    return h is not None and _beneath(view, h, cues)


def _beneath(view, h: int, cues: set[int]) -> bool:
    """Verb ``h`` heads a clause inside what one of ``cues`` reports or describes, reached
    without a co-ordination ("and Rubio agreed" is a report of its own)."""
    return _under_any(view, h, cues, through_conj=False)


def _under_any(view, k: int, others: set[int], through_conj: bool = True) -> bool:
    """Token ``k`` lies in the subtree of one of ``others`` (walking its heads to the root; with
    ``through_conj`` false, a co-ordinated verb on the way ends the walk)."""
    for _ in range(50):
        if not through_conj and view.toks[k].dep == "conj":
            return False
        h = view.head(k)
        if h is None or h == k:
            return False
        if h in others:
            return True
        k = h
    return False


def echoes(found: list[FoundQuote]) -> set[int]:
    """A fragment nobody is said to say that repeats words of an attributed quote (a headline or
    cross-head picking up 'gifts' from "... we gave them two gifts," Emery said): that speaker.
    Returns the ids of the records given a speaker so."""
    said = [
        (statement_tokens(fq.record.text), fq.record)
        for fq in found
        if fq.record.speaker_kind != SpeakerKind.NONE
    ]
    fragments = []
    for fq in found:
        rec = fq.record
        if rec.speaker_kind != SpeakerKind.NONE or rec.kind != QuoteKind.PARTIAL:
            continue
        toks = statement_tokens(rec.text)
        if not toks or not any(len(t) >= 4 for t in toks) or len(toks) > 12:
            continue
        fragments.append((rec, tuple(toks)))
    if not fragments or not said:
        return set()
    # every run of words of the attributed quotes as long as a fragment, once: the first quote
    # holding it and who says it (two speakers are enough to know it is not one speaker's).
    # The fragments are unattributed, so none of them is among the attributed quotes, and their
    # speakers, copied below, do not change what those quotes hold.
    lengths = {len(t) for _, t in fragments}
    first: dict[tuple[str, ...], _Holder] = {}
    for ts, r in said:
        ts = tuple(ts)
        who = (
            r.speaker_kind,
            r.speaker,
            r.speaker_text if r.speaker_kind != SpeakerKind.PERSON else None,
        )
        for n in lengths:
            for i in range(len(ts) - n + 1):
                gram = ts[i : i + n]
                got = first.get(gram)
                if got is None:
                    first[gram] = _Holder(r, who)
                elif not got.several and got.who != who:
                    got.several = True
    echoed: set[int] = set()
    for rec, toks in fragments:
        got = first.get(toks)
        if got is not None and not got.several:
            copy_speaker(got.record, rec, "echo")
            echoed.add(id(rec))
    return echoed


class _Holder:
    """The first attributed quote holding a run of words, its speaker, and whether another
    speaker's quote holds it too."""

    __slots__ = ("record", "who", "several")

    def __init__(self, record: QuoteRecord, who: tuple):
        self.record = record
        self.who = who
        self.several = False
