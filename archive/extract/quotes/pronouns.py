"""Who he/she is: the article's people by gender (unknown gender is compatible), subject
position (the main clause's subject first) and recency; and the person a definite description
points back to (the subject of one of the last sentences)."""

from __future__ import annotations

from archive.extract.quotes.article import QuoteArticle
from archive.extract.quotes.candidates import TokenSets
from archive.extract.quotes.lexicon import (
    CUE_FORMS,
    GENDERED_HEADS,
    NOT_PERSON_ENTS,
    PRONOUN_GENDER,
    SUBJECT_PRONOUNS,
)
from archive.extract.quotes.units import Speaker
from archive.kinds import SpeakerKind


class PronounResolver:
    """Resolves the pronouns and recent subjects of one article."""

    def __init__(self, article: QuoteArticle, tokens: TokenSets):
        self.art = article
        self.view = article.view
        self.body = article.body
        self.idx = article.idx
        self.in_quote = article.in_quote
        self.tokens = tokens

    def resolve(self, pron: str, anchor: int, surface: str) -> Speaker:
        """He/she before ``anchor``: the subject of the nearest sentence naming a compatible
        person."""
        v = self.view
        gender = PRONOUN_GENDER.get(pron)
        if not v.toks:
            return Speaker(SpeakerKind.UNNAMED, None, surface)
        ai = min(v.token_at(anchor), len(v.toks) - 1)
        si = v.toks[ai].sent if v.toks else 0
        first_para = self.art.para_of(anchor)
        looked = 0
        while si >= 0 and looked < 8:
            a, b = v.sents[si] if v.sents else (0, len(v.toks))
            if self.art.para_of(v.toks[a].idx) < first_para - 3:
                break
            lo = v.toks[a].idx
            hi = min(v.toks[b - 1].end, anchor)
            ms = [m for m in self.idx.between(lo, hi) if self.idx.gender_ok(m[2], gender)]
            subj = [m for m in ms if any(self.art.is_subject(k) for k in v.tokens_in(m[0], m[1]))]
            unknown = self._unknown_name_subject(a, b, hi)
            if unknown is not None and (
                not subj
                or self.art.clause_depth(unknown[0])
                < min(self.art.clause_depth(k) for m in subj for k in v.tokens_in(m[0], m[1]))
            ):
                # the sentence is about a person the people list missed ("Lula, 79, has said ..."):
                # never skip past it to an earlier person
                ua, ub = unknown
                pi = self.art.person_by_name_word(ua, ub)
                if pi is not None:
                    return Speaker(SpeakerKind.PERSON, pi, surface)
                return Speaker(
                    SpeakerKind.UNNAMED, None, self.body[v.toks[ua].idx : v.toks[ub - 1].end]
                )
            if subj:
                pi = self.art.main_subject(subj)[2]
                return Speaker(SpeakerKind.PERSON, pi, surface)
            unnamed = self._unnamed_subject(a, b, hi, gender)
            if unnamed is not None:
                return Speaker(
                    SpeakerKind.UNNAMED, None, unnamed
                )  # "A senior police officer, who ..., said"
            # a sentence led by a compatible pronoun continues the same referent
            # (the first he/she of the sentence before hi that is its subject, in the main clause
            # when a compatible person is named in it; without a parse: the sentence's first word)
            if v.parsed:
                led = next(
                    self.tokens.within(
                        "led_pronoun_main" if ms else "led_pronoun", a, min(b, v.token_at(hi))
                    ),
                    None,
                )
            else:
                led = (
                    a
                    if a < b
                    and v.toks[a].idx < hi
                    and v.toks[a].lower in SUBJECT_PRONOUNS
                    and not self.in_quote[a]
                    else None
                )
            if led is not None and PRONOUN_GENDER[v.toks[led].lower] == gender:
                owner = self._possessor_before(ms, led, a)
                if owner is not None:
                    return Speaker(SpeakerKind.PERSON, owner, surface)
                # (the chain of he/she goes on: the window of paragraphs moves with it)
                first_para = self.art.para_of(v.toks[a].idx)
                si -= 1
                looked += 1
                continue
            if ms:
                pi = ms[0][2] if not v.parsed else ms[-1][2]
                return Speaker(SpeakerKind.PERSON, pi, surface)
            si -= 1
            looked += 1
        return Speaker(SpeakerKind.UNNAMED, None, surface)

    def addressee(self, pron: str, anchor: int) -> int | None:
        """The known person whom a question was put to in the last sentences before ``anchor``
        ('a reporter asked Jo Roe, "...?"') when ``pron`` fits: whom the he/she of a reply
        ('"...," she replied') names. None when other speech comes between."""
        v = self.view
        if not v.parsed or not v.toks:
            return None
        gender = PRONOUN_GENDER.get(pron)
        si = v.toks[min(v.token_at(anchor), len(v.toks) - 1)].sent
        para = self.art.para_of(anchor)
        for s in range(si, max(-1, si - 3), -1):
            a, b = v.sents[s]
            if self.art.para_of(v.toks[a].idx) < para - 2:
                return None
            for k in range(b - 1, a - 1, -1):
                t = v.toks[k]
                if t.idx >= anchor or self.in_quote[k] or t.lower not in CUE_FORMS:
                    continue
                if CUE_FORMS[t.lower] != "ask":
                    return None
                for o in v.children(k, "dobj", "dative"):
                    pi = self.idx.at(v.toks[o].idx, v.toks[o].end)
                    if pi is not None and self.idx.gender_ok(pi, gender):
                        return pi
                return None
        return None

    def _possessor_before(self, ms: list, led: int, a: int) -> int | None:
        """The one person named as a possessor before any he/she of the sentence that ``led``
        leads (from token ``a``), in its subject or in a phrase opening it ("In Roe's case, she
        decided", "Roe's fate is unclear, but she said", "According to Roe's plea, he"; not
        "doubted Roe's plan, but he" nor "When he took the stage after Roe's speech, he"):
        whom that pronoun stands for."""
        v = self.view
        gender = PRONOUN_GENDER[v.toks[led].lower]
        first = next(j for j in range(a, led + 1) if PRONOUN_GENDER.get(v.toks[j].lower) == gender)
        owners = set()
        for m in ms:
            for k in v.tokens_in(m[0], m[1]):
                n = v.head(k)
                if k >= first or v.toks[k].dep != "poss" or n is None:
                    continue
                p = v.head(n)
                if v.toks[n].dep in ("nsubj", "nsubjpass") or (
                    v.toks[n].dep == "pobj" and p is not None and p <= a + 1
                ):
                    owners.add(m[2])
        return next(iter(owners)) if len(owners) == 1 else None

    def _unnamed_subject(self, a: int, b: int, hi: int, gender: str | None = None) -> str | None:
        """The main-clause subject of sentence [a, b) when it is an unnamed person introduced by
        "a"/"an" ("A senior police officer", "An aide to the minister") or, by "the", one of the
        pronoun's sex ("The woman who started it all"), as written."""
        v = self.view
        if not v.parsed:
            return None
        for k in self.tokens.within("unnamed_head", a, min(b, v.token_at(hi))):
            t = v.toks[k]
            s = k
            while (
                s > a
                and v.toks[s - 1].head == k
                and v.toks[s - 1].dep in ("det", "amod", "compound", "nmod")
            ):
                s -= 1
            det = v.toks[s].lower
            if det in ("a", "an") or (
                det == "the" and gender is not None and GENDERED_HEADS.get(t.lower) == gender
            ):
                return self.body[v.toks[s].idx : t.end]
            return None
        return None

    def _unknown_name_subject(self, a: int, b: int, hi: int) -> tuple[int, int] | None:
        """Token range of a person's name (spaCy PERSON entity) that is the main-clause subject of
        the sentence [a, b) but no mention of a known person."""
        v = self.view
        if not v.parsed:
            return None
        for k in self.tokens.within("unknown_name", a, min(b, v.token_at(hi))):
            t = v.toks[k]
            s = k
            while (
                s > a
                and v.toks[s - 1].pos == "PROPN"
                and v.toks[s - 1].head == k
                and v.toks[s - 1].dep in ("compound", "flat")
            ):
                s -= 1
            # a PERSON entity, or (entity labels misfire: "Lula, 79," tagged DATE) a word of a known
            # person's name; never an organisation or a place
            if t.ent == "PERSON" or (
                t.ent not in NOT_PERSON_ENTS and self.art.person_by_name_word(s, k + 1) is not None
            ):
                return s, k + 1
        return None

    def recent_subject(self, anchor: int, max_sents: int = 3, head: str = "") -> int | None:
        """The person named as the subject of the nearest of the last few sentences before
        ``anchor`` (same or previous paragraph): what a definite description points back to.
        A description whose ``head`` noun was the subject of one of those sentences points back
        to that subject: the person it names ("The lawyer, Jo Roe, ..."), else no one ("The
        ex-partner suspected that X lied. ... the ex-partner said"), not X."""
        v = self.view
        if not v.toks:
            return None
        ai = min(v.token_at(anchor), len(v.toks) - 1)
        si = v.toks[ai].sent
        para = self.art.para_of(anchor)
        looked = 0
        while looked < max_sents:
            if si < 0:
                break
            a, b = v.sents[si] if v.sents else (0, len(v.toks))
            if self.art.para_of(v.toks[a].idx) < para - 1:
                break
            hi = min(v.toks[b - 1].end, anchor)
            if head:
                same = [
                    k
                    for k in range(a, b)
                    if v.toks[k].lower == head
                    and v.toks[k].idx < hi
                    and not self.in_quote[k]
                    and _subject_description(v, k)
                ]
                if same:
                    return _person_beside(v, self.idx, same[-1])
            ms = [
                m
                for m in self.idx.between(v.toks[a].idx, hi)
                if any(self.art.is_subject(k) for k in v.tokens_in(m[0], m[1]))
            ]
            if ms:
                return self.art.main_subject(ms)[2]
            if any(
                not self.in_quote[k] and v.toks[k].text[:1].isalnum()
                for k in range(a, b)
                if v.toks[k].idx < hi
            ):
                looked += 1  # sentences of quoted speech do not count
            si -= 1
        return None


def _subject_description(v, k: int) -> bool:
    """Token ``k`` heads a description of its own that is the subject of its clause ("The
    ex-partner suspected that X ..."): a common noun with an article, not a word inside a
    name or a title ("Republican candidate X") nor an object ("a riposte to the candidate")."""
    t = v.toks[k]
    if t.pos != "NOUN" or t.dep not in ("nsubj", "nsubjpass"):
        return False
    words = [k] + v.children(k, "compound")  # ("The" of "The ex-partner" hangs on "ex")
    dets = [d for w in words for d in v.children(w, "det")]
    return any(v.toks[d].lower in ("the", "a", "an") for d in dets)


def _person_beside(v, idx, k: int) -> int | None:
    """The person a subject noun at ``k`` names: a title in the name ("The Senator Jo Roe"), or
    a name in apposition ("The lawyer, Jo Roe, ...")."""
    for j in [k] + v.children(k, "appos", "compound"):
        pi = idx.at(v.toks[j].idx, v.toks[j].end)
        if pi is not None:
            return pi
    return None
