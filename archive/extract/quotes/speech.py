"""What a passage between marks is: a whole quote or a fragment (its kind), and whether it is speech
at all (scare quotes, titles and terms nobody is reported as saying are not; nor is site
boilerplate: appeals, newsletter blurbs, a trailing block of indented lines)."""

from __future__ import annotations

import re

from archive.extract.quotes.lexicon import TITLE_SMALL_WORDS, TITLED_WORKS
from archive.extract.quotes.marks import MarkedSpan
from archive.extract.quotes.text import TextView
from archive.extract.quotes.units import mark_end, mark_start
from archive.kinds import QuoteKind, SpeakerKind
from archive.records import QuoteRecord

_BOILERPLATE = re.compile(
    r"^\s*(dear readers?\b|sign up\b|subscribe\b|subscribers agree|a message from\b"
    r"|support (us|our|the)\b"
    r"|donate\b|make a donation|we are facing unprecedented"
    r"|thank you for (reading|standing|supporting)"
    r"|join our commenting|read more\b|related (stories|topics|articles)"
    r"|most recent .* stories|key takeaways"
    r"|the key takeaways|the post .* appeared first on|click here|follow us on|share this"
    r"|advertisement\b"
    r"|by supporting\b|your support\b|if you can, please support)",
    re.IGNORECASE,
)
# the quoted words explained as a name or a term right after them
_TERM_AFTER = re.compile(
    r"[^.;\n]{0,80}?,?\s+(?:an?|the)\s+(?:\w+\s+){0,2}"
    r"(?:term|phrase|expression|slogan|nickname|euphemism|"
    r"label|name|buzzword|catchphrase|hashtag)\b"
    r"(?:\s+(?:used|coined|given|for|that|which|adopted|popularised|popularized))",
    re.IGNORECASE,
)
# the quoted words announced as a term right before them
_TERM_BEFORE = re.compile(
    r"(so[-‑ ]called|known as|titled|entitled|nicknamed|(?:the|a|his|her) nickname|hashtag"
    r"|the words?|the terms?"
    r"|the phrase|the slogan|labell?ed as)\s*$",
    re.IGNORECASE,
)
# a title in marks after a preposition or a possessive: a programme, a book, a film ('in an
# interview on CBS's "Face the Nation,"', 'told "Fox and Friends."', 'appeared on "Morning Joe"')
_TITLE_BEFORE = re.compile(r"(?:\b(?:on|to|in|at|from|of|with|for|told)|['’]s)\s*$", re.IGNORECASE)
# a work right before: 'her book, "Strangers at the Gate,"', 'the film "Hard Times"'
_WORK_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, TITLED_WORKS))) + r")\s*,?\s*$", re.IGNORECASE
)
# a byline right after the closing mark: the quote is the headline of a story ('"Met accused
# of whitewashing baby Jesus," by Post's Kathianne Boniello')
_BYLINE_AFTER = re.compile(r"[,;]?\s+by\s+(?:the\s+)?[A-Z]")
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


def sentence_initial(body: str, sp: MarkedSpan, paragraphs: list[tuple[int, int]]) -> bool:
    """Does the passage open a sentence (or its paragraph)?"""
    mark = mark_start(sp)
    ps = paragraphs[sp.paragraph][0]
    return bool(_SENT_OPEN.search(body[max(ps, mark - 200) : mark])) or mark <= ps


def quote_kind(view: TextView, qa: int, qb: int, text: str, initial: bool) -> QuoteKind:
    """FULL when the passage (tokens [qa, qb)) is a clause with its own subject (a sentence or
    more of speech), else PARTIAL (a fragment woven into the reporter's sentence)."""
    words = re.findall(r"\w+", text)
    inside = range(qa, qb)
    if initial and text[:1].isupper() and text.rstrip()[-1:] in ".!?…":
        return QuoteKind.FULL  # a sentence of its own: "Always."
    if view.parsed and qb > qa:
        for k in inside:
            t = view.toks[k]
            h = view.head(k)
            if h is not None and h in inside:
                continue
            if t.pos in ("VERB", "AUX") and any(
                c in inside for c in view.children(k, "nsubj", "nsubjpass", "expl", "csubj")
            ):
                return QuoteKind.FULL
            # a quoted clause may hang inside the quote below a fragment head ("Never. They
            # will ...")
        for k in inside:
            t = view.toks[k]
            if (
                t.dep == "ROOT"
                and t.pos in ("VERB", "AUX")
                and any(c in inside for c in view.children(k, "nsubj", "nsubjpass", "expl"))
            ):
                return QuoteKind.FULL
        if (
            initial
            and text[:1].isupper()
            and len(words) >= 4
            and any(view.toks[k].pos in ("VERB", "AUX") for k in inside)
        ):
            return QuoteKind.FULL
        return QuoteKind.PARTIAL
    if (initial or text[:1].isupper()) and len(words) >= 4:
        return QuoteKind.FULL
    if len(words) >= 8 and text.rstrip()[-1:] in ".,!?":
        return QuoteKind.FULL
    return QuoteKind.PARTIAL


def is_not_speech(
    view: TextView, body: str, sp: MarkedSpan, rec: QuoteRecord, cue_tok: int | None = None
) -> bool:
    """A scare quote, title or term nobody is reported as saying (a fragment with no speaker,
    "so-called ...", a quoted term modified from outside), a stray closing mark, no letters.
    ``cue_tok``: the token of the reporting verb that gives the quote its speaker, if any."""
    words = re.findall(r"\w+", rec.text)
    if len(re.findall(r"[^\W\d_]", rec.text)) < 2:
        return True
    if rec.speaker_kind == SpeakerKind.NONE:
        if rec.kind == QuoteKind.PARTIAL:
            return True  # a fragment nobody is reported as saying: scare quote, term, title
        if sp.broken == "missing_open":
            return True  # a stray closing mark without attribution
        if _title_like(rec.text):
            return True
        if _BYLINE_AFTER.match(body, mark_end(sp)):
            return True  # a story's headline before its byline
    mark = mark_start(sp)
    if (
        rec.kind == QuoteKind.PARTIAL
        and len(words) <= 6
        and _title_like(rec.text.rstrip(" ,.;:"))
        and (
            _TITLE_BEFORE.search(body, max(0, mark - 20), mark)
            or _WORK_BEFORE.search(body, max(0, mark - 20), mark)
        )
    ):
        return True
    if rec.kind == QuoteKind.PARTIAL and len(words) <= 5:
        end = mark_end(sp)
        if _TERM_AFTER.match(body, end):  # a “clean zone” ..., a term used by host cities
            return True
        if view.parsed and rec.text[:1].islower() and _term_of_another(view, sp):
            return True
        if _reported_words(view, sp, rec, cue_tok):
            return False
        if _TERM_BEFORE.search(body[max(0, mark - 40) : mark]):
            return True
        if view.parsed and _modified_term(view, sp):
            return True
    return False


def _reported_words(view: TextView, sp: MarkedSpan, rec: QuoteRecord, cue_tok: int | None) -> bool:
    """A fragment in small letters within the clause of the reporting verb that gives it a
    speaker ('Sanders promised a "comprehensive" plan', 'Cruz chided him over the "natural
    born" clause'): the speaker's own words, however much it looks like a term. A clause with a
    subject of its own between them ('..., and the council backed an "undesirable" tax') is
    someone else's."""
    if cue_tok is None or rec.speaker_kind == SpeakerKind.NONE or not rec.text[:1].islower():
        return False
    if not view.parsed:
        return False
    k, steps = view.token_at(sp.start), 0
    while k is not None and k != cue_tok and steps < 12:
        t = view.toks[k]
        if t.dep == "conj" and t.pos in ("VERB", "AUX") and view.children(k, "nsubj", "nsubjpass"):
            return False  # a co-ordinated clause with a subject of its own
        k, steps = view.head(k), steps + 1
    return k == cue_tok


def _term_of_another(view: TextView, sp: MarkedSpan) -> bool:
    """The fragment is given to someone by a relative clause of its own ('the "free economic
    zone" that the administration is proposing', 'the kind of "deal" that the mayor wants'):
    their term, not the words of the sentence's speaker."""
    k = view.token_at(sp.start)
    if k >= len(view.toks):
        return False
    head = k  # the fragment's own head word
    while (up := view.head(head)) is not None and sp.start <= view.toks[up].idx < sp.end:
        head = up
    nouns = [head]  # and the nouns it is "of" ('the kind of "free economic zone" that ...')
    while view.toks[nouns[-1]].dep == "pobj" and len(nouns) < 4:
        prep = view.head(nouns[-1])
        noun = view.head(prep) if prep is not None else None
        if noun is None or view.toks[noun].pos not in ("NOUN", "PROPN"):
            break
        nouns.append(noun)
    # the relative clause has the term for its object ("that" ... proposes) and a subject that
    # is no pronoun ('the "deal" that he signed' may be his)
    return any(
        any(view.toks[o].lower in ("that", "which") for o in view.children(r, "dobj"))
        and any(view.toks[s].pos != "PRON" for s in view.children(r, "nsubj"))
        for n in nouns
        for r in view.children(n, "relcl")
    )


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
