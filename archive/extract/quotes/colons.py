"""Quotes introduced by a colon (or a comma or a dash in its place) with no reporting verb of
their own: the speaker of the reporting verb before the colon ("Zelensky said:"), the person who
is the subject of the clause before it ("X put it bluntly: "...""), or a name that is all there
is before the colon ("Rep. Jane Roe (D-Ohio): "..."", "Here's Roe in 1992:", "Republican
pollster Jane Roe:")."""

from __future__ import annotations

import re

from archive.extract.quotes.attribution import Attributor
from archive.extract.quotes.marks import MarkedSpan
from archive.extract.quotes.units import Attribution, Speaker, mark_end, mark_start
from archive.extract.quotes.verbs import is_cue
from archive.kinds import QuoteKind, SpeakerKind
from archive.names.firstnames import is_first_name


def after_colon(att: Attributor, colon: int, mark: int, kind: str) -> Attribution | None:
    """The attribution of a quote right after a colon: the speaker of a reporting verb before it,
    else (no such verb, a full quote) the subject of the clause before it."""
    cue = _colon_cue(att, colon)
    body = att.article.body
    if cue is not None and (dash := _last_dash(body, att.article.view.toks[cue].idx, colon)):
        # 'Pollsters agree - Jane Roe: "..."': the dash starts a heading of its own, the name
        # after it speaks, not the subject of the verb before it
        speaker = _name_before_colon(att, colon)
        if speaker is not None:
            return Attribution(speaker, how="colon")
        if (source := _source_after_dash(body, dash, colon)) is not None:
            return source
    if cue is not None:
        speaker = att.speakers.of_cue(cue, None, mark)
        if speaker.kind == SpeakerKind.NONE:
            return None
        return Attribution(
            speaker, att.article.view.toks[cue].text, att.media.of(cue), cue, "colon"
        )
    if kind == QuoteKind.FULL:
        speaker = _colon_subject(att, colon, mark) or _name_before_colon(att, colon)
        if speaker is not None:
            return Attribution(speaker, how="colon")
        dash = _last_dash(body, body.rfind("\n", 0, colon) + 1, colon)
        if dash is not None:
            return _source_after_dash(body, dash, colon)
    return None


def _last_dash(body: str, start: int, end: int) -> re.Match | None:
    """The last dash of a heading (a spaced dash) in body[start:end], if any."""
    dash = None
    for dash in _HEADING_DASH.finditer(body, start, end):
        pass
    return dash


# one to four capitalised words and nothing else (a source's name after a heading's dash)
_NAME_ONLY = re.compile(r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}\s*$")
_PARENTHETICAL_END = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_HEADING_DASH = re.compile(r"\s[-–—]\s+")


def _name_before_colon(att: Attributor, colon: int) -> Speaker | None:
    """'Rep. Jane Roe (D-Ohio): "..."', 'Roe: "..."': a person's name (a title before it, a
    parenthesis after it) is all there is between the sentence start (or a heading's dash) and
    the colon."""
    art = att.article
    body = art.body
    view = art.view
    k = view.token_at(colon)
    if k >= len(view.toks):
        return None
    a, _ = view.sent_range(k)
    start = max(art.paragraphs[art.para_of(colon)][0], view.toks[a].idx)
    dash = _last_dash(body, start, colon)
    if dash is not None:  # 'RED STATES OUTNUMBER BLUE - Jane Roe: "..."': a heading, then the name
        start = dash.end()
    before = body[start:colon]
    paren = _PARENTHETICAL_END.search(before)
    end = start + (paren.start() if paren else len(before.rstrip()))
    here = _HERE_IS.match(before)
    if here is not None and (when := _TRAILING_PHRASE.search(body, start, end)) is not None:
        end = when.start()  # "Here's Roe in December 1992:"
    ms = [m for m in art.idx.between(start, end) if m[1] == end]
    if not ms:
        return None
    m_start, m_end, pi = ms[-1]
    lead = len(body[start:m_start].split())
    if lead > 2 and here is None and not _described(att, m_start):
        return None
    return Speaker(SpeakerKind.PERSON, pi, body[m_start:m_end])


def _source_after_dash(body: str, dash: re.Match, colon: int) -> Attribution | None:
    """The source named between a heading's dash and the colon (one to four capitalised words)
    that is no person of the article ('Media shares blame - Pew Research: "..."'): an
    organisation, or an unnamed source when it reads as a person's name ("Carol Dunk")."""
    if not _NAME_ONLY.match(body, dash.end(), colon):
        return None
    name = body[dash.end() : colon].strip()
    kind = SpeakerKind.UNNAMED if is_first_name(name.split()[0]) else SpeakerKind.ORGANISATION
    return Attribution(Speaker(kind, None, name), how="colon")


# "Here's Roe: "..."", "Here is Roe on trade:": a presentative that introduces the speaker
_HERE_IS = re.compile(r"\s*here(?:’s|'s|\s+is)\s", re.IGNORECASE)
# a short phrase of time or topic after the name ("in December 1992", "on trade")
_TRAILING_PHRASE = re.compile(r"\s+(?:in|on|at|during|last|this)\s+[^,;:()]{1,40}$")


def _described(att: Attributor, m_start: int) -> bool:
    """The name at ``m_start`` comes with a description in small letters right before it, in
    its own noun phrase ("doesn't surprise Republican pollster Daron Shaw:"): the writer
    introduces a source."""
    view = att.article.view
    if not view.parsed:
        return False
    k = view.token_at(m_start)
    if k == 0 or k >= len(view.toks):
        return False
    d = view.toks[k - 1]
    head = view.head(k - 1)
    return (
        d.pos == "NOUN"
        and d.text.isalpha()
        and d.text.islower()
        and d.dep in ("compound", "amod", "nmod")
        and head is not None
        and head >= k
    )


def after_comma(att: Attributor, sp: MarkedSpan) -> Attribution | None:
    """A whole quote (ending its sentence) introduced by a comma or a dash instead of a colon,
    after a clause whose subject is a person: 'Trump also embraced harsher methods -- "I
    think ..."'. That person, as for a colon."""
    body = att.article.body
    mark = mark_start(sp)
    last = last_non_space(body, mark)
    if last < att.article.paragraphs[sp.paragraph][0] or body[last] not in ",-–—":
        return None
    rest = body[mark_end(sp) : att.article.paragraphs[sp.paragraph][1]]
    if rest.strip() and not re.match(r"\s*(?:\[[^\]]*\]\s*)?$|\s+[A-Z“\"]", rest):
        return None  # the reporter's sentence goes on after the quote
    speaker = _colon_subject(att, last, mark)
    if speaker is None:
        return None
    return Attribution(speaker, how="colon")


def last_non_space(body: str, end: int) -> int:
    """Offset of the last non-whitespace character before ``end`` (-1 when none)."""
    k = end - 1
    while k >= 0 and body[k].isspace():
        k -= 1
    return k


def _colon_cue(att: Attributor, colon: int) -> int | None:
    """The reporting verb before the colon in its sentence (at most 25 tokens back)."""
    view, in_quote = att.article.view, att.article.in_quote
    k = view.token_at(colon)
    if k >= len(view.toks):
        return None
    a, _ = view.sent_range(k)
    for j in range(k - 1, max(a, k - 25) - 1, -1):
        if in_quote[j]:
            continue
        if is_cue(view, j):
            return j
    return None


def _colon_subject(att: Attributor, colon: int, anchor: int) -> Speaker | None:
    """'X put it bluntly: "..."': the person who is the main subject of the clause before the
    colon."""
    view = att.article.view
    k = view.token_at(colon)
    if k >= len(view.toks) or not view.parsed:
        return None
    a, _ = view.sent_range(k)
    for j in att.tokens.within("clause_subject", a, k):  # outside quotes, the head a verb
        h = view.head(j)
        if not (a <= h < k):
            continue
        speaker = att.phrases.resolve(j, anchor)
        if speaker.kind == SpeakerKind.PERSON:
            return speaker
    return None
