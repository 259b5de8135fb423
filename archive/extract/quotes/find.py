"""Quotes: who said what, as pure functions over an article body (no database).

``find_quotes(body, doc, people)`` returns one :class:`QuoteRecord` per passage of reported
speech or writing between quotation marks. Read top-down, one article goes through:

1. passages between marks (:mod:`archive.extract.quotes.marks`; paragraphs are the runs of text
   between newline characters, ``QuoteRecord.paragraph`` is the 0-based index among non-blank
   ones), leaving out those in boilerplate paragraphs (:mod:`archive.extract.quotes.speech`);
2. each passage's kind (:func:`archive.extract.quotes.speech.quote_kind`): ``full`` when it is a
   clause with its own subject (a sentence or more of speech), else ``partial`` (a fragment woven
   into the reporter's sentence);
3. its cue and speaker (:class:`archive.extract.quotes.attribution.Attributor`): the reporting
   verb (:mod:`~archive.extract.quotes.cues`), its subject resolved to a person, an unnamed
   source or an organisation (:mod:`~archive.extract.quotes.speakers`,
   :mod:`~archive.extract.quotes.phrases`, :mod:`~archive.extract.quotes.pronouns`), the medium;
   "by his own account, "..."" credits the possessor;
4. follow-ups (:mod:`archive.extract.quotes.follow_ups`): quotes with no cue of their own given
   the previous quote's speaker ("X said. "Y."", a quote in the next paragraph) or the speaker
   introduced by a colon, with or without a reporting verb ("X put it bluntly: "...""); the
   paragraphs of a quote running over several paragraphs (one record each) share one speaker;
   a fragment repeating words of an attributed quote (a cross-head picking up 'gifts') gets that
   quote's speaker;
5. records: left out are scare quotes, titles and terms nobody is reported as saying (a fragment
   with no speaker, "so-called ...", a quoted term modified from outside: demilitarized "free
   economic zone", "undesirable" organisation) and repeats of the same quote by the same speaker.

``doc`` is the spaCy Doc of ``body`` (dependency parse used when present) or None (regular
expressions for tokens and sentences, surface patterns for attribution).
"""

from __future__ import annotations

from archive.extract.quotes import confidence
from archive.extract.quotes.attribution import Attributor
from archive.extract.quotes.follow_ups import (
    apply,
    attribute_follow_ups,
    copy_speaker,
    echoes,
    share_in_groups,
)
from archive.extract.quotes.marks import (
    MarkedSpan,
    find_marked_spans,
    fold_double_apostrophes,
    paragraph_spans,
)
from archive.extract.quotes.reported import find_reported
from archive.extract.quotes.speech import (
    boilerplate_paragraphs,
    is_not_speech,
    quote_kind,
    sentence_initial,
)
from archive.extract.quotes.statements import same_statement, statement_key
from archive.extract.quotes.text import TextView
from archive.extract.quotes.units import FoundQuote, QuoteTokens, mark_end, mark_start
from archive.kinds import QuoteKind, SpeakerKind
from archive.records import PersonEntity, QuoteRecord

__all__ = ["find_quotes", "statement_key", "same_statement", "boilerplate_paragraphs"]


def find_quotes(
    body: str, doc, people: list[PersonEntity], reported: bool = True
) -> list[QuoteRecord]:
    """Quotes in ``body`` with speakers (indices into ``people`` for speaker_kind "person"), in
    text order; with ``reported``, reported speech too (kind ``indirect``:
    :mod:`archive.extract.quotes.reported`)."""
    if not body:
        return []
    written = body
    body = fold_double_apostrophes(body)  # ''...'' as "..." (same offsets)
    paragraphs = paragraph_spans(body)
    skip = boilerplate_paragraphs(body, paragraphs)
    spans = [s for s in find_marked_spans(body, paragraphs) if s.paragraph not in skip]
    if not spans and not reported:
        return []
    view = TextView(body, doc)
    att = Attributor(view, people or [], [(mark_start(s), mark_end(s)) for s in spans], paragraphs)
    kept: list[QuoteRecord] = []
    if spans:
        found = [_attributed(att, view, body, paragraphs, sp) for sp in spans]
        found = share_in_groups(found)
        attribute_follow_ups(att, found)
        found = share_in_groups(found)
        kept = _records(view, body, found)
        confidence.fill_in(att, found, kept)
    if reported:
        kept = sorted(kept + find_reported(att, skip), key=lambda r: (r.start, r.end))
    if body is not written:
        for r in kept:  # the words as written (a pair of apostrophes inside stays a pair)
            r.text = written[r.start : r.end]
    return kept


def _attributed(
    att: Attributor,
    view: TextView,
    body: str,
    paragraphs: list[tuple[int, int]],
    sp: MarkedSpan,
) -> FoundQuote:
    """The passage's record with its kind and its own attribution (speaker, cue, medium)."""
    quote = QuoteTokens.of(view, sp)
    initial = sentence_initial(body, sp, paragraphs)
    kind = quote_kind(view, quote.first, quote.stop, body[sp.start : sp.end], initial)
    if sp.group is not None and (sp.open_mark is None or sp.open_mark != sp.group):
        kind = QuoteKind.FULL  # a whole paragraph of a speech running over several paragraphs
    attr = att.attribute(quote, after_first=initial or kind == QuoteKind.FULL)
    rec = QuoteRecord(
        text=body[sp.start : sp.end],
        start=sp.start,
        end=sp.end,
        kind=kind,
        speaker_kind=SpeakerKind.NONE,
        paragraph=sp.paragraph,
    )
    if attr is not None:
        apply(rec, attr)
    return FoundQuote(sp, rec, attr, initial)


def _records(view: TextView, body: str, found: list[FoundQuote]) -> list[QuoteRecord]:
    """The records to keep: speech (or an echo of an attributed quote), each quote of a speaker
    once (a repeat without a speaker lends its speaker to the first one that has none; an echo
    gives way to the quote it echoes)."""
    echoed = echoes(found)
    out: list[QuoteRecord] = []
    by_key: dict[str, list[QuoteRecord]] = {}  # the records kept so far, by statement key
    for fq in found:
        rec = fq.record
        cue_tok = fq.attribution.cue_token if fq.attribution is not None else None
        if id(rec) not in echoed and is_not_speech(view, body, fq.span, rec, cue_tok):
            continue
        same = by_key.setdefault(statement_key(rec.text), [])
        dup = next((o for o in same if _same_speaker(o, rec)), None)
        if dup is not None:
            if dup.speaker_kind == SpeakerKind.NONE and rec.speaker_kind != SpeakerKind.NONE:
                copy_speaker(rec, dup, "repeat")
            elif dup.how == "echo" and rec.how != "echo":
                # a headline's words that echo this quote took its speaker: the quote itself,
                # where the speaker says them, is the one to keep
                out.remove(dup)
                same.remove(dup)
                out.append(rec)
                same.append(rec)
            continue
        out.append(rec)
        same.append(rec)
    return out


def _same_speaker(a: QuoteRecord, b: QuoteRecord) -> bool:
    if a.speaker_kind == SpeakerKind.PERSON or b.speaker_kind == SpeakerKind.PERSON:
        return a.speaker == b.speaker and a.speaker_kind == b.speaker_kind
    return True
