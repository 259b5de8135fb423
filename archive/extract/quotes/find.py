"""Quotes: who said what, as pure functions over an article body (no database).

``find_quotes(body, doc, people)`` returns one :class:`QuoteRecord` per passage of reported
speech or writing between quotation marks:

1. passages between marks (:mod:`archive.extract.quotes.marks`; paragraphs are the runs of text between
   newline characters, ``QuoteRecord.paragraph`` is the 0-based index among non-blank ones);
2. the reporting verb and its speaker (:mod:`archive.extract.quotes.speakers`), with follow-up quotes
   ("X said. "Y."", a quote in the next paragraph, a speaker introduced by a colon, with or
   without a reporting verb: "X put it bluntly: "..."") given the previous quote's speaker;
   "by his own account, "..."" credits the possessor; the paragraphs of a quote running over
   several paragraphs (one record each) share one speaker; a fragment repeating words of an
   attributed quote (a cross-head picking up 'gifts') gets that quote's speaker;
3. kind: ``full`` when the passage is a clause with its own subject (a sentence or more of
   speech), else ``partial`` (a fragment woven into the reporter's sentence);
4. left out: scare quotes, titles and terms nobody is reported as saying (a fragment with no
   speaker, "so-called ...", a quoted term modified from outside: demilitarized "free economic
   zone", "undesirable" organisation), passages in boilerplate (appeals, newsletter blurbs), and
   repeats of the same quote by the same speaker.

``doc`` is the spaCy Doc of ``body`` (dependency parse used when present) or None (regular
expressions for tokens and sentences, surface patterns for attribution).
"""

from __future__ import annotations

import itertools
import re

from archive.extract.quotes.cues import is_cue
from archive.extract.quotes.lexicon import TITLE_SMALL_WORDS
from archive.extract.quotes.marks import MarkedSpan, find_marked_spans, paragraph_spans
from archive.extract.quotes.speakers import Attribution, Attributor
from archive.extract.quotes.statements import same_statement, statement_key
from archive.extract.quotes.text import TextView
from archive.records import PersonEntity, QuoteRecord

__all__ = ["find_quotes", "statement_key", "same_statement", "boilerplate_paragraphs"]

_BOILERPLATE = re.compile(
    r"^\s*(dear readers?\b|sign up\b|subscribe\b|subscribers agree|a message from\b|support (us|our|the)\b"
    r"|donate\b|make a donation|we are facing unprecedented|thank you for (reading|standing|supporting)"
    r"|join our commenting|read more\b|related (stories|topics|articles)|most recent .* stories|key takeaways"
    r"|the key takeaways|the post .* appeared first on|click here|follow us on|share this|advertisement\b"
    r"|by supporting\b|your support\b|if you can, please support)",
    re.IGNORECASE,
)
# the quoted words explained as a name or a term right after them
_TERM_AFTER = re.compile(
    r"[^.;\n]{0,80}?,?\s+(?:an?|the)\s+(?:\w+\s+){0,2}(?:term|phrase|expression|slogan|nickname|euphemism|"
    r"label|name|buzzword|catchphrase|hashtag)\b(?:\s+(?:used|coined|given|for|that|which|adopted|popularised|popularized))",
    re.IGNORECASE,
)
_TERM_BEFORE = re.compile(
    r"(so[-‑ ]called|known as|titled|entitled|nicknamed|hashtag|the words?|the terms?|the phrase|the slogan|labell?ed as)\s*$",
    re.IGNORECASE,
)
_SENT_OPEN = re.compile(r"(^|[.!?:…][”\"’')\]]*|[”\"])\s*$")


def boilerplate_paragraphs(body: str, paragraphs: list[tuple[int, int]]) -> set[int]:
    """Paragraphs that look like site boilerplate: appeals, newsletter blurbs, a trailing block of
    indented lines after the article (as scraped pages leave them)."""
    out = set()
    for i, (s, e) in enumerate(paragraphs):
        if _BOILERPLATE.match(body[s:e]):
            out.add(i)

    # a trailing run of indented lines after unindented article text
    def indented(i: int) -> bool:
        s = paragraphs[i][0]
        line_start = body.rfind("\n", 0, s) + 1
        return s - line_start >= 2

    flags = [indented(i) for i in range(len(paragraphs))]
    if flags and not all(flags):
        k = len(paragraphs)
        while k > 0 and flags[k - 1]:
            k -= 1
        if k < len(paragraphs) and any(not f for f in flags[:k]):
            out.update(range(k, len(paragraphs)))
    return out


def find_quotes(body: str, doc, people: list[PersonEntity]) -> list[QuoteRecord]:
    """Quotes in ``body`` with speakers (indices into ``people`` for speaker_kind "person")."""
    if not body:
        return []
    paragraphs = paragraph_spans(body)
    skip = boilerplate_paragraphs(body, paragraphs)
    spans = [s for s in find_marked_spans(body, paragraphs) if s.paragraph not in skip]
    if not spans:
        return []
    view = TextView(body, doc)
    ranges = [_mark_range(s) for s in spans]
    att = Attributor(view, people or [], ranges, paragraphs)
    found: list[tuple[MarkedSpan, QuoteRecord, Attribution | None, bool]] = []
    for sp in spans:
        qa, qb = view.token_at(sp.start), view.token_at(sp.end)
        open_tok = view.token_at(sp.open_mark) if sp.open_mark is not None else qa
        close_tok = view.token_at(sp.close_mark + 1) if sp.close_mark is not None else qb
        initial = _sentence_initial(body, sp, paragraphs)
        kind = _kind(view, qa, qb, body[sp.start : sp.end], initial)
        if sp.group is not None and (sp.open_mark is None or sp.open_mark != sp.group):
            kind = "full"  # a whole paragraph of a speech running over several paragraphs
        attr = _attribute(att, view, sp, qa, qb, open_tok, close_tok, initial or kind == "full")
        rec = QuoteRecord(
            text=body[sp.start : sp.end],
            start=sp.start,
            end=sp.end,
            kind=kind,
            speaker_kind="none",
            paragraph=sp.paragraph,
        )
        if attr is not None:
            _apply(rec, attr)
        found.append((sp, rec, attr, initial))
    found = _share_in_groups(found)
    _follow_ups(att, view, body, found)
    found = _share_in_groups(found)
    echoed = _echoes(found)
    out: list[QuoteRecord] = []
    by_key: dict[str, list[QuoteRecord]] = {}  # the records kept so far, by statement key
    for sp, rec, attr, initial in found:
        if id(rec) not in echoed and _is_not_speech(view, body, sp, rec):
            continue
        same = by_key.setdefault(statement_key(rec.text), [])
        dup = next((o for o in same if _same_speaker(o, rec)), None)
        if dup is not None:
            if dup.speaker_kind == "none" and rec.speaker_kind != "none":
                _copy_speaker(rec, dup)
            continue
        out.append(rec)
        same.append(rec)
    return out


# --- attribution ----------------------------------------------------------------------------------


def _mark_range(sp: MarkedSpan) -> tuple[int, int]:
    a = sp.open_mark if sp.open_mark is not None else sp.start
    b = sp.close_mark + 1 if sp.close_mark is not None else sp.end
    return a, b


def _attribute(
    att: Attributor,
    view: TextView,
    sp: MarkedSpan,
    qa: int,
    qb: int,
    open_tok: int,
    close_tok: int,
    after_first: bool,
) -> Attribution | None:
    cue = att.cue_by_parse(qa, qb)
    if cue is None and att.blocked:
        return None
    if cue is None:
        order = (att.cue_after, att.cue_before) if after_first else (att.cue_before, att.cue_after)
        for fn in order:
            cue = fn(close_tok) if fn == att.cue_after else fn(open_tok)
            if cue is not None:
                break
    if cue is None:
        return _account_phrase(att, view, sp)
    anchor = view.toks[open_tok].idx if open_tok < len(view.toks) else sp.start
    speaker = att.speaker_of_cue(cue, close_tok if cue >= close_tok else None, open_tok, anchor)
    if speaker.kind == "none":
        return None
    t = view.toks[cue]
    cue_text = "according to" if t.lower == "according" else t.text
    h = view.head(cue)
    if t.lower == "saying" and h is not None and view.toks[h].lower == "as":
        q = view.head(h)
        if q is not None and view.toks[q].lower.startswith("quot"):
            cue_text = f"{view.toks[q].text} as saying"
    return Attribution(speaker, cue_text, att.medium_of(cue), cue)


_ACCOUNT = re.compile(
    r"(?:\b(?:by|in|on)\s+(his|her)\s+(?:own\s+)?(?:account|words|telling|recollection)"
    r"|\bas\s+(he|she)\s+(?:later\s+|once\s+|often\s+)?(?:put|puts|phrased|phrases)\s+it"
    r"|\b(?:in|by)\s+the\s+words\s+of\s+(his|her))\b[^.!?]{0,60}$",
    re.IGNORECASE,
)


def _account_phrase(att: Attributor, view: TextView, sp: MarkedSpan) -> Attribution | None:
    """No reporting verb, but the sentence credits the words to someone before the quote:
    "by his own account, "..."", "as she put it, "..."", "in her words"."""
    mark = sp.open_mark if sp.open_mark is not None else sp.start
    ps = att.paragraphs[sp.paragraph][0]
    m = _ACCOUNT.search(att.body, max(ps, mark - 120), mark)
    if m is None:
        return None
    surface = m.group(1) or m.group(2) or m.group(3) or ""
    pron = {"his": "he", "her": "she"}.get(surface.lower(), surface.lower())
    speaker = att.resolve_pronoun(pron, m.start(), surface)
    if speaker.kind != "person":
        return None
    return Attribution(speaker, None, None, None)


def _colon_subject(att: Attributor, view: TextView, colon: int, anchor: int):
    """'X put it bluntly: "..."': the person who is the main subject of the clause before the colon."""
    k = view.token_at(colon)
    if k >= len(view.toks) or not view.parsed:
        return None
    a, _ = view.sent_range(k)
    for j in att.candidates_in("clause_subject", a, k):  # outside quotes, the head a verb
        h = view.head(j)
        if not (a <= h < k):
            continue
        speaker = att.resolve_np(j, anchor)
        if speaker.kind == "person":
            return speaker
    return None


def _apply(rec: QuoteRecord, attr: Attribution) -> None:
    rec.speaker_kind = attr.speaker.kind
    rec.speaker = attr.speaker.person if attr.speaker.kind == "person" else None
    rec.speaker_text = attr.speaker.text
    rec.cue = attr.cue
    rec.medium = attr.medium


def _copy_speaker(src: QuoteRecord, dst: QuoteRecord) -> None:
    dst.speaker_kind, dst.speaker, dst.speaker_text = (
        src.speaker_kind,
        src.speaker,
        src.speaker_text,
    )


def _same_speaker(a: QuoteRecord, b: QuoteRecord) -> bool:
    if a.speaker_kind == "person" or b.speaker_kind == "person":
        return a.speaker == b.speaker and a.speaker_kind == b.speaker_kind
    return True


def _echoes(found) -> set[int]:
    """A fragment nobody is said to say that repeats words of an attributed quote (a headline or
    cross-head picking up 'gifts' from "... we gave them two gifts," Emery said): that speaker."""
    from archive.extract.quotes.statements import statement_tokens

    said = [(statement_tokens(r.text), r) for _, r, _, _ in found if r.speaker_kind != "none"]
    fragments = []
    for sp, rec, attr, initial in found:
        if rec.speaker_kind != "none" or rec.kind != "partial":
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
    first: dict[tuple[str, ...], tuple] = {}
    for ts, r in said:
        ts = tuple(ts)
        who = (r.speaker_kind, r.speaker, r.speaker_text if r.speaker_kind != "person" else None)
        for n in lengths:
            for i in range(len(ts) - n + 1):
                gram = ts[i : i + n]
                got = first.get(gram)
                if got is None:
                    first[gram] = (r, who, False)
                elif not got[2] and got[1] != who:
                    first[gram] = (got[0], got[1], True)
    echoed: set[int] = set()
    for rec, toks in fragments:
        got = first.get(toks)
        if got is not None and not got[2]:
            _copy_speaker(got[0], rec)
            echoed.add(id(rec))
    return echoed


def _share_in_groups(found):
    """The paragraphs of one multi-paragraph quote have one speaker: the attribution of the first
    piece that has one (usually the first or the last paragraph) serves them all."""
    groups: dict[int, list[int]] = {}
    for n, (sp, rec, attr, initial) in enumerate(found):
        if sp.group is not None:
            groups.setdefault(sp.group, []).append(n)
    out = list(found)
    for members in groups.values():
        src = next((n for n in members if found[n][2] is not None), None)
        if src is None:
            src = next((n for n in members if found[n][1].speaker_kind != "none"), None)
        if src is None:
            continue
        s_sp, s_rec, s_attr, _ = found[src]
        for n in members:
            sp, rec, attr, initial = found[n]
            if n == src:
                continue
            _copy_speaker(s_rec, rec)
            rec.cue, rec.medium = s_rec.cue, s_rec.medium
            out[n] = (sp, rec, s_attr if s_attr is not None else attr, initial)
    return out


def _sentence_initial(body: str, sp: MarkedSpan, paragraphs: list[tuple[int, int]]) -> bool:
    mark = sp.open_mark if sp.open_mark is not None else sp.start
    ps = paragraphs[sp.paragraph][0]
    return bool(_SENT_OPEN.search(body[max(ps, mark - 200) : mark])) or mark <= ps


def _follow_ups(att: Attributor, view: TextView, body: str, found) -> None:
    """Quotes with no cue of their own: the previous quote's speaker when they follow it, or the
    speaker introduced by a colon ("Zelensky said:" then the quote)."""
    prev: QuoteRecord | None = None
    prev_sp: MarkedSpan | None = None
    for sp, rec, attr, initial in found:
        if attr is None and initial:
            mark = sp.open_mark if sp.open_mark is not None else sp.start
            last = _last_non_space(body, mark)  # (not body[:mark].rstrip(): a copy per quote)
            if last >= 0 and body[last] == ":":
                cue = _colon_cue(att, view, last)
                if cue is not None:
                    speaker = att.speaker_of_cue(cue, None, None, mark)
                    if speaker.kind != "none":
                        _apply(
                            rec, Attribution(speaker, view.toks[cue].text, att.medium_of(cue), cue)
                        )
                        prev, prev_sp = rec, sp
                        continue
                elif rec.kind == "full":
                    speaker = _colon_subject(att, view, last, mark)
                    if speaker is not None:
                        _apply(rec, Attribution(speaker, None, None, None))
                        prev, prev_sp = rec, sp
                        continue
            if (
                prev is not None
                and prev.speaker_kind != "none"
                and _follows(att, view, body, prev_sp, sp, prev)
            ):
                _copy_speaker(prev, rec)
            elif (
                rec.kind == "full"
                and (speaker := _speaker_before_in_paragraph(att, view, body, sp)) is not None
            ):
                _apply(
                    rec, Attribution(speaker, None, None, None)
                )  # 'Lee said he would not sell. "If I ..."'
        if rec.speaker_kind != "none":
            prev, prev_sp = rec, sp
        elif rec.kind == "full":
            prev, prev_sp = None, None


def _last_non_space(body: str, end: int) -> int:
    """Offset of the last non-whitespace character before ``end`` (-1 when none)."""
    k = end - 1
    while k >= 0 and body[k].isspace():
        k -= 1
    return k


def _speaker_before_in_paragraph(att: Attributor, view: TextView, body: str, sp: MarkedSpan):
    """A quote that opens no sentence of attribution of its own, right after a sentence of the
    same paragraph whose reporting verb has a named subject ("Lee said he would not sell."):
    that person. None when the sentence before names nobody or reports nothing."""
    if not view.parsed:
        return None
    mark = sp.open_mark if sp.open_mark is not None else sp.start
    para_start = att.paragraphs[sp.paragraph][0]
    if _last_non_space(body, mark) < para_start:  # nothing before the quote in its paragraph
        return None
    k = view.token_at(mark)
    if k == 0:
        return None
    a, _ = view.sent_range(k - 1)  # the sentence right before the quote
    # (reporting verbs with a subject outside quotes, in this paragraph: is there exactly one?)
    cues = list(
        itertools.islice(
            att.candidates_in("reporting_with_subject", max(a, view.token_at(para_start)), k), 2
        )
    )
    if len(cues) != 1:
        return None
    speaker = att.speaker_of_cue(cues[0], None, None, mark)
    return speaker if speaker.kind == "person" else None


def _colon_cue(att: Attributor, view: TextView, colon: int) -> int | None:
    k = view.token_at(colon)
    if k >= len(view.toks):
        return None
    a, _ = view.sent_range(k)
    for j in range(k - 1, max(a, k - 25) - 1, -1):
        if att.in_quote[j]:
            continue
        if is_cue(view, j):
            return j
    return None


def _follows(
    att: Attributor,
    view: TextView,
    body: str,
    prev_sp: MarkedSpan,
    sp: MarkedSpan,
    prev: QuoteRecord,
) -> bool:
    """``sp`` continues the speech of ``prev_sp``: same or next paragraph, nothing between but
    the attribution of the previous quote (no other person named, no other reporting verb)."""
    if sp.paragraph - prev_sp.paragraph > 1:
        return False
    a = prev_sp.close_mark + 1 if prev_sp.close_mark is not None else prev_sp.end
    b = sp.open_mark if sp.open_mark is not None else sp.start
    gap = body[a:b]
    if len(gap) > 250:
        return False
    if sp.paragraph != prev_sp.paragraph:
        # the new paragraph must open with the quote, the previous one must end with the old one's attribution
        if body[att.paragraphs[sp.paragraph][0] : b].strip():
            return False
    cues = [k for k in view.tokens_in(a, b) if not att.in_quote[k] and is_cue(view, k)]
    if view.parsed:
        # a second reporting verb only takes over with a subject of its own ("Heald told Whitcomb
        # before announcing the sentence" is still Heald's attribution)
        cues = [k for k in cues if view.children(k, "nsubj", "nsubjpass")]
        # "said Kevin Otieno, a graduate who said he ...": a relative clause about the speaker
        cues = [
            k
            for k in cues
            if not all(
                view.toks[c].lower in ("who", "that", "which")
                for c in view.children(k, "nsubj", "nsubjpass")
            )
        ]
    if len(cues) > 1:
        return False
    # another person named in the gap takes over only as a subject ("Heald told Whitcomb ..." and
    # "X wrote, referring to Y's business" keep X as the speaker)
    ms = att.idx.between(a, b)
    names = {m[2] for m in ms}
    if len(names) <= 1:
        return True
    subjects = {m[2] for m in ms if any(att._is_subject(k) for k in view.tokens_in(m[0], m[1]))}
    if not view.parsed:
        return False
    speaker = prev.speaker if prev.speaker_kind == "person" else None
    return subjects <= {speaker}


# --- kind and non-speech ---------------------------------------------------------------------------


def _kind(view: TextView, qa: int, qb: int, text: str, initial: bool) -> str:
    words = re.findall(r"\w+", text)
    inside = range(qa, qb)
    if initial and text[:1].isupper() and text.rstrip()[-1:] in ".!?…":
        return "full"  # a sentence of its own: "Always."
    if view.parsed and qb > qa:
        for k in inside:
            t = view.toks[k]
            h = view.head(k)
            if h is not None and h in inside:
                continue
            if t.pos in ("VERB", "AUX") and any(
                c in inside for c in view.children(k, "nsubj", "nsubjpass", "expl", "csubj")
            ):
                return "full"
            # a quoted clause may hang inside the quote below a fragment head ("Never. They will ...")
        for k in inside:
            t = view.toks[k]
            if (
                t.dep == "ROOT"
                and t.pos in ("VERB", "AUX")
                and any(c in inside for c in view.children(k, "nsubj", "nsubjpass", "expl"))
            ):
                return "full"
        if (
            initial
            and text[:1].isupper()
            and len(words) >= 4
            and any(view.toks[k].pos in ("VERB", "AUX") for k in inside)
        ):
            return "full"
        return "partial"
    if (initial or text[:1].isupper()) and len(words) >= 4:
        return "full"
    if len(words) >= 8 and text.rstrip()[-1:] in ".,!?":
        return "full"
    return "partial"


def _is_not_speech(view: TextView, body: str, sp: MarkedSpan, rec: QuoteRecord) -> bool:
    words = re.findall(r"\w+", rec.text)
    if len(re.findall(r"[^\W\d_]", rec.text)) < 2:
        return True
    if rec.speaker_kind == "none":
        if rec.kind == "partial":
            return True  # a fragment nobody is reported as saying: scare quote, term, title
        if sp.broken == "missing_open":
            return True  # a stray closing mark without attribution
        if _title_like(rec.text):
            return True
    if rec.kind == "partial" and len(words) <= 5:
        mark = sp.open_mark if sp.open_mark is not None else sp.start
        if _TERM_BEFORE.search(body[max(0, mark - 40) : mark]):
            return True
        end = sp.close_mark + 1 if sp.close_mark is not None else sp.end
        if _TERM_AFTER.match(body, end):  # a “clean zone” ..., a term used by host cities
            return True
        if view.parsed and _modified_term(view, sp):
            return True
    return False


def _title_like(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text)
    return (
        bool(words)
        and len(words) <= 8
        and text.rstrip()[-1:] not in ".,!?"
        and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)
    )


def _modified_term(view: TextView, sp: MarkedSpan) -> bool:
    """A quoted term used as part of a noun phrase outside it: demilitarized "free economic zone",
    an "undesirable" organisation, 2 days of 'difficult' talks."""
    qa, qb = view.token_at(sp.start), view.token_at(sp.end)
    inside = range(qa, qb)
    if sp.open_mark is not None:
        o = view.token_at(sp.open_mark)
        if o > 0:
            prev = view.toks[o - 1]
            if prev.dep in ("amod", "compound", "nmod") and prev.head in inside:
                return True
    if sp.close_mark is not None:
        c = view.token_at(sp.close_mark + 1)
        if c < len(view.toks):
            nxt = view.toks[c]
            if nxt.pos in ("NOUN", "PROPN") and any(
                view.toks[k].head == c and view.toks[k].dep in ("amod", "compound", "nmod")
                for k in inside
            ):
                return True
    return False
