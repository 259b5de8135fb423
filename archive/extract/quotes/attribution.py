"""Attribution of the quotes of one article: the public API the extractor calls.

:class:`Attributor` wires the units together (the prepared article, its token sets, the cue finder,
the pronoun, description and noun-phrase resolvers, the speaker finder and the media) and answers
one question per quote: who said it, with which reporting verb, in which medium
(:meth:`Attributor.attribute`). Follow-up quotes without a cue of their own are
:mod:`archive.extract.quotes.follow_ups`.
"""

from __future__ import annotations

import re

from archive.extract.quotes.antecedents import Antecedents
from archive.extract.quotes.article import QuoteArticle
from archive.extract.quotes.candidates import TokenSets
from archive.extract.quotes.cues import CueFinder
from archive.extract.quotes.documents import (
    claimant,
    document_owner,
    is_speech_noun,
    issued_noun,
    speaking_subject,
)
from archive.extract.quotes.lexicon import (
    NO_SPEAKER_WORDS,
    POSSESSIVE_TO_SUBJECT,
    SPEECH_NOUN_LINKS,
)
from archive.extract.quotes.marks import MarkedSpan
from archive.extract.quotes.medium import Media
from archive.extract.quotes.phrases import PhraseResolver
from archive.extract.quotes.pronouns import PronounResolver
from archive.extract.quotes.speakers import SpeakerFinder
from archive.extract.quotes.text import TextView
from archive.extract.quotes.units import (
    Attribution,
    QuoteTokens,
    Speaker,
    mark_end,
    mark_start,
)
from archive.kinds import SpeakerKind
from archive.records import PersonEntity

# "by his own account, "..."", "as she put it, "..."", "in the words of her ...": no reporting
# verb, but the words are credited to someone before the quote
_ACCOUNT = re.compile(
    r"(?:\b(?:by|in|on)\s+(his|her)\s+(?:own\s+)?(?:account|words|telling|recollection)"
    r"|\bas\s+(he|she)\s+(?:later\s+|once\s+|often\s+)?(?:put|puts|phrased|phrases)\s+it"
    r"|\b(?:in|by)\s+the\s+words\s+of\s+(his|her))\b[^.!?]{0,60}$",
    re.IGNORECASE,
)
# "as The Post's Jane Roe puts it, ...": the same with a name
# (the name may have a description: "As Jane Roe, professor of law at Yale, put it")
_NAMED_ACCOUNT = re.compile(
    r"\b[Aa]s\s+([^.;:!?\n]{2,140}?),?\s+(?:later\s+|once\s+|often\s+)?"
    r"(?:put|puts|phrased|phrases)\s+it\b[^.!?]{0,80}$"
)
# "in Forbes’ words, "..."", "in Roe's own words": the owner's name in the possessive
_IN_WHOSE_WORDS = re.compile(
    r"\b[Ii]n\s+(?:[A-Z][\w.-]*\s+){0,3}([A-Z][\w-]*)(?:['’]s|(?<=s)['’])\s+(?:own\s+)?words,?\s*$"
)
# a quote signed like an epigraph or a reader's comment: ""..." ― Jane Roe" (a dash, then the name
# ends the paragraph, perhaps with a short description: "― Jane Roe, Denver")
_SIGNATURE_DASH = re.compile(r"\s*(?:―|—|–|--?)\s*")
_CROSS_HEAD = re.compile(r"[^―—–\n]+(?:―|—|–|--?)\s*\.?\s*")  # the text and a closing dash
_TITLE_WORDS = re.compile(r"(?:[A-Z][\w.]*\s+){0,2}")  # "President ", "Sen. " before the name
# a dash that opens a heading, then a name and a colon right before the quote
_HEADING_TAIL = re.compile(r"\s[-–—]\s+[^:\n]{1,60}:\s*$")
_SIGNATURE_TAIL = re.compile(r"\s*(?:[,(][^.!?\"“”]{0,80})?[.)\s]*")


def _function_words(speaker: Speaker) -> bool:
    """An unnamed speaker whose words are only function words ("and", "that would")."""
    if speaker.kind != SpeakerKind.UNNAMED or not speaker.text:
        return False
    words = re.findall(r"[\w'’-]+", speaker.text.lower())
    return all(w in NO_SPEAKER_WORDS for w in words)


class Attributor:
    """Who said each quote of one article (``quote_ranges``: every quote with its marks)."""

    def __init__(
        self,
        view: TextView,
        people: list[PersonEntity],
        quote_ranges: list[tuple[int, int]],
        paragraphs: list[tuple[int, int]],
    ):
        self.article = QuoteArticle(view, people, quote_ranges, paragraphs)
        self.tokens = TokenSets(self.article)
        self.cues = CueFinder(self.article)
        self.media = Media(self.article)
        self.pronouns = PronounResolver(self.article, self.tokens)
        self.antecedents = Antecedents(self.article)
        self.phrases = PhraseResolver(self.article, self.pronouns, self.antecedents)
        self.speakers = SpeakerFinder(
            self.article, self.tokens, self.cues, self.phrases, self.pronouns
        )

    def attribute(self, quote: QuoteTokens, after_first: bool) -> Attribution | None:
        """The quote's own attribution: its cue and the cue's speaker, else a phrase crediting the
        words ("by his own account"); None when neither names anyone. ``after_first``: look for
        the cue after the quote first (it opens a sentence or is a full one)."""
        claim = self._claim(quote)
        if claim is not None:
            return claim
        found = self.cues.find(quote, after_first)
        if found.blocked:
            return None
        cue = found.token
        if cue is not None and cue < quote.open_tok and self._heading_between(cue, quote.span):
            return None  # the name after the dash speaks (follow_ups: after a colon)
        if cue is not None and cue < quote.open_tok and self._inside_put_it(cue, quote):
            account = self._account_phrase(quote)
            if account is not None:
                return account
        if cue is None:
            return (
                self._signature(quote)
                or self._account_phrase(quote)
                or self._speech_noun(quote)
                or self._clause_subject(quote)
            )
        view = self.article.view
        sp = quote.span
        open_tok, close_tok = quote.open_tok, quote.close_tok
        anchor = view.toks[open_tok].idx if open_tok < len(view.toks) else sp.start
        speaker = self.speakers.of_cue(cue, close_tok if cue >= close_tok else None, anchor)
        if speaker.kind == SpeakerKind.NONE:
            # 'The summit was held there because, in Forbes’ words, "..."': a verb of nobody's
            return self._account_phrase(quote)
        if _function_words(speaker):  # a misparse's leftover: the clause may still say who
            return self._clause_subject(quote)
        return Attribution(speaker, self.cues.text_of(cue), self.media.of(cue), cue)

    def _heading_between(self, cue: int, sp: MarkedSpan) -> bool:
        """'Pollsters agree - Jane Roe: "..."': a dash between the reporting verb and a colon
        right before the quote starts a heading of its own; the verb reports nothing here."""
        body = self.article.body
        mark = mark_start(sp)
        return bool(_HEADING_TAIL.search(body, self.article.view.toks[cue].idx, mark))

    def _clause_subject(self, quote: QuoteTokens) -> Attribution | None:
        """A fragment in small letters inside the clause of a named person who does something
        with words but by no reporting verb ('Roe supports "appropriate pay raises"', 'Roe fired
        back that the plan was "a disgrace"'): that person's words."""
        view = self.article.view
        sp = quote.span
        body = self.article.body
        text = body[sp.start : sp.end]
        if not view.parsed or not text[:1].islower() or quote.first >= quote.stop:
            return None
        inside = range(quote.first, quote.stop)
        k = next((t for t in inside if view.head(t) is None or view.head(t) not in inside), None)
        steps = 0
        while k is not None and steps < 10:
            k = view.head(k)
            steps += 1
            if k is None or self.article.in_quote[k]:
                return None
            t = view.toks[k]
            if t.pos in ("VERB", "AUX"):
                if view.children(k, "nsubjpass", "auxpass"):
                    return None
                subj = view.children(k, "nsubj")
                if subj:
                    s = subj[0]
                    if self.article.in_quote[s]:
                        return None
                    o = quote.open_tok
                    anchor = view.toks[o].idx if o < len(view.toks) else sp.start
                    speaker = self.speakers.subject(s, anchor)
                    if speaker.kind != SpeakerKind.PERSON:
                        return None
                    return Attribution(speaker, None, None, None, "clause")
        return None

    def signed(self, sp: MarkedSpan) -> int | None:
        """Where the signature of a quote signed with a dash starts (""..." ― Jane Roe": the
        offset of "Jane"), whether or not it names a person of the article; None if unsigned.
        The signature may be a paragraph of its own right after the quote's (""..." ¶ - Roe.")."""
        return self._signature_at(sp)[0]

    def _signature_at(self, sp: MarkedSpan) -> tuple[int | None, int]:
        """``signed`` and the end of the paragraph the signature is in."""
        body = self.article.body
        paragraphs = self.article.paragraphs
        end = mark_end(sp)
        pe = paragraphs[sp.paragraph][1]
        dash = _SIGNATURE_DASH.match(body, end, pe)
        if dash is None or not body[end : dash.end()].strip() or dash.end() >= pe:
            if body[end:pe].strip(" .,") or sp.paragraph + 1 >= len(paragraphs):
                return None, pe
            # the quote ends its paragraph; the next one may be its signature
            ns, pe = paragraphs[sp.paragraph + 1]
            dash = _SIGNATURE_DASH.match(body, ns, pe)
            if dash is None or not body[ns : dash.end()].strip() or dash.end() >= pe:
                return None, pe
            if _CROSS_HEAD.fullmatch(body, dash.end(), pe):
                return None, pe  # "– An immigrant himself –": a cross-head between dashes
        return (dash.end() if body[dash.end()].isupper() else None), pe

    def _signature(self, quote: QuoteTokens) -> Attribution | None:
        """A quote signed with a dash and a name that ends its paragraph (""..." ― Jane Roe",
        ""..." ¶ -President Roe, tweeting."): that person."""
        sp = quote.span
        body = self.article.body
        at, pe = self._signature_at(sp)
        if at is None:
            return None
        ms = self.article.idx.between(at, pe)
        if not ms or not _TITLE_WORDS.fullmatch(body, at, ms[0][0]):
            return None
        start, stop, pi = ms[0]
        tail = _SIGNATURE_TAIL.match(body, stop, pe)
        if tail is None or tail.end() != pe:
            return None
        return Attribution(
            Speaker(SpeakerKind.PERSON, pi, body[start:stop]), None, None, None, "signature"
        )

    def _account_phrase(self, quote: QuoteTokens) -> Attribution | None:
        """No reporting verb, but the sentence credits the words to someone before the quote:
        "by his own account, "..."", "as she put it, "..."", "in her words"."""
        sp = quote.span
        mark = mark_start(sp)
        ps = self.article.paragraphs[sp.paragraph][0]
        m = _ACCOUNT.search(self.article.body, max(ps, mark - 120), mark)
        if m is None:
            return self._named_account(max(ps, mark - 240), mark) or _in_whose_words(
                self, max(ps, mark - 120), mark
            )
        surface = m.group(1) or m.group(2) or m.group(3) or ""
        pron = POSSESSIVE_TO_SUBJECT.get(surface.lower(), surface.lower())
        speaker = self.pronouns.resolve(pron, m.start(), surface)
        if speaker.kind != SpeakerKind.PERSON:
            return None
        return Attribution(speaker, None, None, None, "account")

    def _inside_put_it(self, cue: int, quote: QuoteTokens) -> bool:
        """The cue is a word of an "as X put it" clause right before the quote ('As Roe put it
        in a memo to employees explaining the deal, "..."'): the clause credits the words."""
        sp = quote.span
        mark = mark_start(sp)
        ps = self.article.paragraphs[sp.paragraph][0]
        at = self.article.view.toks[cue].idx
        m = _ACCOUNT.search(self.article.body, max(ps, mark - 120), mark)
        if m is not None and m.group(2) and m.start() < at:
            return True
        m = _NAMED_ACCOUNT.search(self.article.body, max(ps, mark - 240), mark)
        return m is not None and m.start() < at

    def _named_account(self, lo: int, mark: int) -> Attribution | None:
        """'As The Post's Jane Roe puts it, the plan is "..."': the person named between "as" and
        "put it"."""
        m = _NAMED_ACCOUNT.search(self.article.body, lo, mark)
        if m is None:
            return None
        body = self.article.body
        # (not a possessor: "As Roe's lawyer put it"; a name before a description's comma)
        ms = [x for x in self.article.idx.between(m.start(1), m.end(1)) if body[x[1]] not in "'’"]
        if not ms:
            return None
        comma = body.find(",", m.start(1), m.end(1))
        named = [x for x in ms if x[1] <= comma] if comma >= 0 else []
        start, stop, pi = (named or ms)[-1]
        speaker = Speaker(SpeakerKind.PERSON, pi, self.article.body[start:stop])
        return Attribution(speaker, None, None, None, "account")

    def _claim(self, quote: QuoteTokens) -> Attribution | None:
        """A quote in the "that" clause of someone's claim ("blamed the media for Trump's claim
        that Obama "founded ISIS""): the claimant's words, whatever verb governs the noun."""
        view = self.article.view
        if not view.parsed or quote.first >= quote.stop:
            return None
        owner = claimant(view, quote.first, quote.stop)
        if owner is None or self.article.in_quote[owner]:
            return None
        speaker = self.phrases.resolve_owner(owner, view.toks[quote.open_tok].idx)
        if speaker.kind not in (SpeakerKind.PERSON, SpeakerKind.ORGANISATION):
            return None
        return Attribution(speaker, None, None, None, "account")

    def _speech_noun(self, quote: QuoteTokens) -> Attribution | None:
        """No reporting verb, but a noun of speech introduces the quote, and its owner is a
        person: "Greer's response was: "..."", "Tate issued a statement: "..."", "her
        slogan is "..."" (the noun's possessor, or the subject of the verb that issued it)."""
        view = self.article.view
        if not view.parsed or quote.open_tok == 0:
            return None
        toks, k = view.toks, quote.open_tok - 1
        links = 0
        while k >= 0 and links < 3 and toks[k].lower in SPEECH_NOUN_LINKS:
            k, links = k - 1, links + 1
        if k >= 0 and not is_speech_noun(view, k) and toks[quote.open_tok - 1].text == ":":
            # "Hoff's letter makes a modest case: "..."": the noun of speech is the subject of
            # the clause that the colon ends
            k = speaking_subject(view, k)
            if k is None:
                return None
        elif k >= 0 and links == 0 and toks[k].text == ".":
            # 'Roe's lawyer had a short statement after the ruling. "..."': the quote right
            # after a sentence that issues a noun of speech is what it says
            k = issued_noun(view, k)
            if k is None:
                return None
        elif k < 0 or not is_speech_noun(view, k):
            return None
        if self.article.in_quote[k] or not self.article.same_para(k, quote.open_tok):
            return None
        owner = document_owner(view, k)
        if owner is None or self.article.in_quote[owner]:
            return None
        speaker = self.phrases.resolve_owner(owner, toks[quote.open_tok].idx)
        if speaker.kind not in (SpeakerKind.PERSON, SpeakerKind.ORGANISATION):
            return None
        return Attribution(speaker, None, None, None, "account")  # a phrase credits the words


def _in_whose_words(att: Attributor, lo: int, mark: int) -> Attribution | None:
    """'in Forbes’ words, "..."': a name in the possessive before "words", where the parse
    gives the noun of speech no owner (a bare apostrophe split off, a verb of nobody's)."""
    m = _IN_WHOSE_WORDS.search(att.article.body, lo, mark)
    if m is None:
        return None
    view = att.article.view
    k = view.token_at(m.start(1))
    if k >= len(view.toks) or view.toks[k].pos != "PROPN":
        return None
    speaker = att.phrases.resolve_owner(k, mark)
    if speaker.kind not in (SpeakerKind.PERSON, SpeakerKind.ORGANISATION):
        return None
    return Attribution(speaker, None, None, None, "account")
