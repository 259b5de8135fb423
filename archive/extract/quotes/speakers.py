"""Who said a quote, given its cue: the cue's subject resolved to a speaker.

The speaker is the cue's subject (inherited through participles and co-ordinated verbs: "...,
calling Zelensky 'illegitimate'"); without a parse (or when it finds nothing) the words next to the
marks: ``"...," X said``, ``"...," said X``, ``X said: "..."``. The subject of a passive cue with
no agent ("It is described as "..."") gives no speaker. Noun phrases are resolved by
:mod:`archive.extract.quotes.phrases`, pronouns by :mod:`archive.extract.quotes.pronouns`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from archive.extract.quotes.article import QuoteArticle
from archive.extract.quotes.candidates import TokenSets
from archive.extract.quotes.cues import CueFinder
from archive.extract.quotes.documents import document_owner
from archive.extract.quotes.inversions import (
    named_after_title,
    named_in_parenthesis,
    past_fronted_phrase,
)
from archive.extract.quotes.lexicon import PRONOUN_GENDER, SUBJECT_PRONOUNS, TAIL_ADVERBS, TAIL_STOP
from archive.extract.quotes.phrases import PhraseResolver
from archive.extract.quotes.pronouns import PronounResolver
from archive.extract.quotes.units import Speaker
from archive.kinds import SpeakerKind


class SpeakerFinder:
    """Finds the speaker of each cue of one article."""

    def __init__(
        self,
        article: QuoteArticle,
        tokens: TokenSets,
        cues: CueFinder,
        phrases: PhraseResolver,
        pronouns: PronounResolver,
    ):
        self.art = article
        self.view = article.view
        self.body = article.body
        self.idx = article.idx
        self.in_quote = article.in_quote
        self.walks = article.walks
        self.tokens = tokens
        self.cues = cues
        self.phrases = phrases
        self.pronouns = pronouns

    def of_cue(self, cue: int, close_tok: int | None, anchor: int) -> Speaker:
        """The speaker of the cue at token ``cue`` (kind NONE when none): ``close_tok`` is the
        token after the quote's closing mark when the cue follows the quote (else None);
        pronouns and descriptions are resolved from before ``anchor``."""
        v = self.view
        if v.parsed and v.children(cue, "nsubjpass") and v.children(cue, "auxpass"):
            # a passive reporting verb: its subject is what is described, the speaker is the agent
            # ("It is sometimes described as a "new pre-salt"" names no speaker)
            for ag in v.children(cue, "agent"):
                for p in v.children(ag, "pobj"):
                    if not self.in_quote[p]:
                        return self.phrases.resolve(p, anchor)
            return Speaker(SpeakerKind.NONE)
        sp = named_in_parenthesis(self.art, cue)
        if sp is not None:
            return sp
        s = self.cues.subject_of(cue)
        if s is not None and not self.in_quote[s]:
            sp = self.subject(s, anchor)
            if sp.kind not in (SpeakerKind.NONE, SpeakerKind.PERSON) and s > cue:
                sp = named_after_title(self.art, s) or sp
            if sp.kind != SpeakerKind.NONE:
                return sp
        # surface: '"...," X said' -> tokens between the close mark and the cue
        if close_tok is not None and close_tok <= cue:
            toks = self.walks.free_between(close_tok, cue)
            sp = self._speaker_in(toks, anchor)
            if sp is not None:
                return sp
            # '"...," said X' (not 'her "plan," promising to campaign': an infinitive is no one)
            after = []
            k = cue + 1
            if v.parsed and k < len(v.toks) and v.toks[k].tag == "TO":
                k = len(v.toks)
            while (
                k < len(v.toks)
                and v.toks[k].text not in (",", ".", ";", "!", "?")
                and len(after) < 12
            ):
                after.append(k)
                k += 1
            sp = self._owned_speaker(after, anchor) or self._speaker_in(after, anchor)
            if sp is not None:
                return sp
        # 'X said: "..."' -> the nearest speaker before the cue in its sentence
        a, _ = v.sent_range(cue)
        if cue == a and v.toks[cue].tag in ("VBD", "VBZ", "VBN"):
            # 'Said Roe, "..."': the verb opens the sentence, its subject follows (not 'Remarking
            # upon Roe's "...," Lee said')
            sp = named_after_title(self.art, cue)
            if sp is not None:
                return sp
        if v.parsed:
            # the nearest person or he/she, else the words right before the cue (no list of the
            # whole sentence so far: a run-on sentence would make that a walk per quote)
            marks = self.tokens.all("marker")
            j = bisect.bisect_left(marks, cue) - 1
            # (a name used as a modifier, "a top Trump surrogate", "Trump's plan", is not the
            # speaker: the one before it may be)
            while j > 0 and marks[j - 1] >= a and self._modifier(marks[j]):
                j -= 1
            if j >= 0 and marks[j] >= a:
                if self._modifier(marks[j]):
                    # the only name is a modifier ("In its coverage of X's firm, the Times
                    # claimed", the parser leaving the verb no subject): the words before the cue
                    sp = self._description_before(self.walks.free_backwards(a, cue), anchor)
                    if sp is not None and sp.kind != SpeakerKind.UNNAMED:
                        return sp
                return self._speaker_at(marks[j], anchor)
            sp = self._description_before(self.walks.free_backwards(a, cue), anchor)
            return sp if sp is not None else Speaker(SpeakerKind.NONE)
        before = self.walks.free_between(a, cue)
        if not v.parsed:
            m = re.search(
                r"quoted\s+(.{1,60}?)\s+as\s*$", self.body[v.toks[a].idx : v.toks[cue].idx]
            )
            if m:  # "agencies quoted a source as saying"
                text = m.group(1)
                pi = self.idx.at(v.toks[a].idx + m.start(1), v.toks[a].idx + m.end(1))
                if pi is not None:
                    return Speaker(SpeakerKind.PERSON, pi, text)
                return Speaker(SpeakerKind.UNNAMED, None, text)
            if v.toks[cue].lower.endswith("ing") and cue > 0 and v.toks[cue - 1].text == ",":
                # "X hit out at Y, arguing ..." -> the subject of the sentence
                subj = [
                    k
                    for k in before
                    if self.idx.at(v.toks[k].idx, v.toks[k].end) is not None
                    and self.art.is_subject(k)
                ]
                if subj:
                    return self._speaker_in(subj[:1], anchor) or Speaker(SpeakerKind.NONE)
        sp = self._speaker_in(before, anchor, nearest_last=True)
        if sp is not None:
            return sp
        sp = self._description_before(reversed(before), anchor)
        if sp is not None:
            return sp
        return Speaker(SpeakerKind.NONE)

    def _owned_speaker(self, after: list[int], anchor: int) -> Speaker | None:
        """'"...," exhorted Lopez's introducer, actress Jane Roe': the person in apposition to the
        noun a name possesses, not the possessor."""
        v = self.view
        if not v.parsed:
            return None
        for k in after:
            if v.toks[k].dep != "poss":
                continue
            head = v.head(k)
            for ap in v.children(head, "appos") if head is not None else []:
                sp = self.phrases.resolve(ap, anchor)
                if sp.kind == SpeakerKind.PERSON:
                    return sp
            return None
        return None

    def subject(self, s: int, anchor: int) -> Speaker:
        """Who the subject of a cue at token ``s`` is: the owner of a document ("X issued a
        statement saying", "her email notes") when the text names one, else the phrase itself."""
        s = past_fronted_phrase(self.view, s)
        owner = document_owner(self.view, s)
        if owner is not None and not self.in_quote[owner]:
            sp = self.phrases.resolve_owner(owner, anchor)
            if sp.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANISATION):
                return sp
        return self.phrases.resolve(s, anchor)

    def _description_before(self, rev: Iterable[int], anchor: int) -> Speaker | None:
        """The few words right before a cue: "sources", "both sides", "A Ukrainian diplomatic
        source".
        ``rev``: the tokens before the cue, nearest first."""
        v = self.view
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
        if v.parsed and (
            v.toks[tail[-1]].pos not in ("NOUN", "PROPN", "PRON", "NUM")
            or any(v.toks[k].pos in ("VERB", "AUX") for k in tail)
        ):
            return None  # no noun phrase: 'People are especially keen on telling'
        text = self.body[v.toks[tail[0]].idx : v.toks[tail[-1]].end]
        head = tail[-1]
        if v.toks[head].lower in SUBJECT_PRONOUNS:
            return self.pronouns.resolve(
                v.toks[head].lower, min(anchor, v.toks[head].idx), v.toks[head].text
            )
        return self.phrases.described(tail[0], head, anchor, text)

    def _speaker_in(
        self, toks: list[int], anchor: int, nearest_last: bool = False
    ) -> Speaker | None:
        v = self.view
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
        return self.phrases.described(words[0], words[-1], anchor, text)

    def _modifier(self, k: int) -> bool:
        """The token modifies a common noun ("Trump" in "a Trump surrogate") or is a possessor."""
        t = self.view.toks[k]
        if t.dep == "poss":
            return True
        h = self.view.head(k)
        return t.dep == "compound" and h is not None and self.view.toks[h].pos == "NOUN"

    def _speaker_at(self, k: int, anchor: int) -> Speaker | None:
        """The person mentioned at token ``k``, or who he/she at ``k`` is; None for other words."""
        t = self.view.toks[k]
        pi = self.idx.at(t.idx, t.end)
        if pi is not None:
            return Speaker(SpeakerKind.PERSON, pi, self.art.mention_text(pi, t.idx, t.end))
        if t.lower in PRONOUN_GENDER and t.lower in SUBJECT_PRONOUNS:
            return self.pronouns.resolve(t.lower, min(anchor, t.idx), t.text)
        return None
