"""Who a noun phrase is: a person of the article named by it (or by its apposition or compound),
the person whose roles a description names ("the Ukrainian president": the description's head
noun must be a role's head noun, so "Newcastle" is no description of a "former Newcastle
striker"), the recent subject a definite person description ("the Spaniard") points back to, or
an unnamed source / organisation as written (spokesperson/official/source/analyst-headed phrases
stay unnamed even when a name modifies them: "a Ford spokesperson"). A named person is never
guessed without a mention, a role or a word of their name in text."""

from __future__ import annotations

import re

from archive.extract.quotes.antecedents import Antecedents
from archive.extract.quotes.article import QuoteArticle
from archive.extract.quotes.lexicon import (
    CUE_FORMS,
    DETERMINERS,
    NOT_PERSON_ER,
    ORG_NAME_WORDS,
    ORG_WORDS,
    PERSON_HEADS,
    PERSON_SUFFIX,
    PLURAL_PRONOUNS,
    POSSESSIVE_TO_SUBJECT,
    REPLY_LEMMAS,
    SUBJECT_PRONOUNS,
    UNNAMED_HEADS,
)
from archive.extract.quotes.people_index import WORD
from archive.extract.quotes.pronouns import PronounResolver
from archive.extract.quotes.units import Speaker
from archive.kinds import SpeakerKind

_POSSESSIVE_END = re.compile(r"\s*['’]s?$")

_OBJECT_PRONOUNS = {"him": "he", "her": "she"}  # the object that speaks: "led her to say"


# what a name set between commas holds none of ("former Colorado Rep. Jo Roe"): the words of a
# clause or of two people ("who backs Cruz", "steered by Jo Roe", "David and Jeanne Heidler")
_CLAUSE_POS = frozenset({"VERB", "AUX", "PRON", "ADP", "SCONJ", "CCONJ"})


class PhraseResolver:
    """Resolves the noun phrases of one article to speakers."""

    def __init__(self, article: QuoteArticle, pronouns: PronounResolver, antecedents: Antecedents):
        self.art = article
        self.view = article.view
        self.body = article.body
        self.idx = article.idx
        self.in_quote = article.in_quote
        self.pronouns = pronouns
        self.antecedents = antecedents
        self._described: dict[tuple[str, tuple[str, ...]], set[int]] = {}  # resolve_description

    def _name_before_verb(self, head: int) -> int | None:
        """The last token of a person's name set between commas right before the verb of the
        subject HEAD, after the subject's own words ("The editor I was talking to, Tim Grieve,
        interrupted"; "One of his supporters who backs Soto, former Rep. Jo Roe, wrote"): the
        parser hangs such a name on the relative clause, not on the subject."""
        v = self.view
        verb = v.head(head)
        if verb is None or verb <= head + 3 or verb - head > 30:
            return None
        k = verb - 1
        while k > head and v.toks[k].pos in ("ADV", "AUX", "PART"):  # ", Jo Roe, also wrote"
            k -= 1
        if v.toks[k].text != "," or k - 1 <= head:
            return None
        last = k - 1
        if self.idx.at(v.toks[last].idx, v.toks[last].end) is None:
            return None
        for j in range(last - 1, max(head, last - 9), -1):
            if v.toks[j].text == ",":
                return last if j > head else None
            if v.toks[j].pos in _CLAUSE_POS:
                return None  # a clause, not a name: ", who backs Cruz,", ", steered by Jo Roe,"
        return None

    def resolve(self, head: int, anchor: int) -> Speaker:
        v = self.view
        t = v.toks[head]
        # a person named by the head, an apposition or a compound ("the head of X, Rustem Umerov");
        # a name modifying a common noun is not the speaker ("a Ford spokesperson", "a Trump aide")
        common = t.pos == "NOUN" or t.lower in UNNAMED_HEADS
        deps = ("appos", "conj") if common else ("appos", "compound", "conj")
        cands = [head] + (v.children(head, *deps) if v.parsed else [])
        for k in cands:
            tk = v.toks[k]
            pi = self.idx.at(tk.idx, tk.end)
            if pi is not None:
                return Speaker(SpeakerKind.PERSON, pi, self.art.mention_text(pi, tk.idx, tk.end))
        k = self._name_before_verb(head) if v.parsed and t.lower not in SUBJECT_PRONOUNS else None
        if k is not None:
            tk = v.toks[k]
            pi = self.idx.at(tk.idx, tk.end)
            return Speaker(SpeakerKind.PERSON, pi, self.art.mention_text(pi, tk.idx, tk.end))
        if t.lower in SUBJECT_PRONOUNS:
            h = v.head(head) if v.parsed else None
            if h is not None and CUE_FORMS.get(v.toks[h].lower) in REPLY_LEMMAS:
                pi = self.pronouns.addressee(t.lower, min(anchor, t.idx))
                if pi is not None:  # '... asked Jo Roe, "...?" / "...," she replied'
                    return Speaker(SpeakerKind.PERSON, pi, t.text)
            return self.pronouns.resolve(t.lower, min(anchor, t.idx), t.text)
        if t.lower in _OBJECT_PRONOUNS and t.dep == "dobj":  # "led her to declare"
            return self.pronouns.resolve(_OBJECT_PRONOUNS[t.lower], min(anchor, t.idx), t.text)
        if t.lower in PLURAL_PRONOUNS or t.lower in ("i", "you"):
            return Speaker(SpeakerKind.UNNAMED, None, t.text)
        if t.lower == "it":
            return Speaker(SpeakerKind.ORGANISATION, None, t.text)
        if v.parsed and t.pos in ("VERB", "AUX"):
            return Speaker(SpeakerKind.NONE)  # a clause is nobody ('But which get answered says')
        a, b = self.art.np_range(head)
        text = self.body[v.toks[a].idx : v.toks[b - 1].end].strip(" ,")
        ante = self.antecedents.indefinite(a, head, anchor)
        if ante is not None:
            return Speaker(SpeakerKind.UNNAMED, None, ante)
        pi = self.antecedents.person_of_age(a, head, anchor)
        if pi is not None:
            return Speaker(SpeakerKind.PERSON, pi, text)
        pi = self.resolve_description(a, b, head, anchor)
        if pi is not None:
            return Speaker(SpeakerKind.PERSON, pi, text)
        if self.definite_person_description(a, head):
            pi = self.pronouns.recent_subject(min(anchor, v.toks[a].idx), head=t.lower)
            if pi is not None:
                return Speaker(SpeakerKind.PERSON, pi, text)
        if t.ent == "PERSON" or (
            t.pos == "PROPN"
            and t.ent in ("", "PERSON")
            and t.text[:1].isupper()
            and t.lower not in ORG_WORDS
            and self.art.looks_like_name(a, b)
        ):
            # a named person the people list does not know (a mention the people step missed):
            # the one known person whose name holds the surname, else keep the name, claim no
            # identity
            pi = self.art.person_by_name_word(a, b)
            if pi is not None:
                return Speaker(SpeakerKind.PERSON, pi, text)
            return Speaker(SpeakerKind.UNNAMED, None, text)
        if (
            t.pos == "PROPN"
            and t.ent not in ("ORG", "GPE", "NORP", "FAC", "LOC")
            and t.lower not in ORG_WORDS
            and b - a >= 2
        ):
            pi = self.art.person_by_name_word(a, b)
            if pi is not None:
                return Speaker(SpeakerKind.PERSON, pi, text)
        if b - a == 1 and t.pos == "PROPN" and t.ent in ("ORG", "") and t.lower not in ORG_WORDS:
            # a bare surname the model took for an organisation ('"...," Ramos said'): the one
            # known person of that name
            pi = self.art.person_by_name_word(a, b)
            if pi is not None:
                return Speaker(SpeakerKind.PERSON, pi, text)
        kind = self.np_kind(head, text)
        if kind == SpeakerKind.ORGANISATION and common:
            # "Law's advocacy group One Nation began ..., praising": the organisation's name
            for c in v.children(head, "appos"):
                if v.toks[c].pos == "PROPN" and not self.in_quote[c]:
                    ca, cb = self.art.np_range(c)
                    return Speaker(kind, None, self.body[v.toks[ca].idx : v.toks[cb - 1].end])
        return Speaker(kind, None, text)

    def resolve_owner(self, k: int, anchor: int) -> Speaker:
        """Who the owner of a document at token ``k`` is: a possessive pronoun ("his remarks")
        as the subject pronoun it stands for, any other phrase as :meth:`resolve` does."""
        t = self.view.toks[k]
        if t.lower in POSSESSIVE_TO_SUBJECT:
            return self.pronouns.resolve(POSSESSIVE_TO_SUBJECT[t.lower], min(anchor, t.idx), t.text)
        sp = self.resolve(k, anchor)
        if not sp.text:
            return sp
        text = _POSSESSIVE_END.sub("", sp.text)  # "the newspaper's" -> "the newspaper"
        return sp if text == sp.text else Speaker(sp.kind, sp.person, text)

    def resolve_description(self, a: int, b: int, head: int, anchor: int) -> int | None:
        """'the Ukrainian president' -> the person whose roles say president of Ukraine."""
        v = self.view
        ht = v.toks[head]
        if ht.tag in ("NNS", "NNPS") or not ht.text[:1].isalpha():
            return None
        words = [v.toks[k].lower for k in range(a, b) if k != head and v.toks[k].text[:1].isalnum()]
        mods = [w for w in words if w not in DETERMINERS]
        key = (ht.lower, tuple(mods))  # (the same description comes back)
        hits = self._described.get(key)
        if hits is None:
            hits = self._described[key] = {
                pi
                for pi, role_words in self.idx.role_heads().get(ht.lower, ())
                if all(any(_stem_match(m, r) for r in role_words) for m in mods)
            }
        if not hits:
            return None
        if len(hits) == 1:
            return next(iter(hits))
        return self.idx.last_before(anchor, hits)

    def described(self, a: int, head: int, anchor: int, text: str) -> Speaker:
        """A description without a parse link to the cue ("the Premier", "the 56-year-old"): the
        person whose role it names, or the recent subject it points back to; else as written."""
        ante = self.antecedents.indefinite(a, head, anchor)
        if ante is not None:
            return Speaker(SpeakerKind.UNNAMED, None, ante)
        pi = self.antecedents.person_of_age(a, head, anchor)
        if pi is not None:
            return Speaker(SpeakerKind.PERSON, pi, text)
        pi = self.resolve_description(a, head + 1, head, anchor)
        if pi is None and self.definite_person_description(a, head):
            pi = self.pronouns.recent_subject(
                min(anchor, self.view.toks[a].idx), head=self.view.toks[head].lower
            )
        if pi is not None:
            return Speaker(SpeakerKind.PERSON, pi, text)
        return Speaker(self.np_kind(head, text), None, text)

    def definite_person_description(self, a: int, head: int) -> bool:
        """'the Spaniard', 'the World Cup winner', 'the 45-year-old': a singular definite noun
        phrase whose head denotes a person (not a spokesman/source-type description)."""
        v = self.view
        t = v.toks[head]
        if v.toks[a].lower == "the" and re.fullmatch(
            r"the\s+\d{1,3}\s*-\s*year\s*-\s*old", self.body[v.toks[a].idx : t.end]
        ):
            return True  # "the 56-year-old" (the model tags the age DATE)
        if (
            t.tag in ("NNS", "NNPS")
            or t.lower in UNNAMED_HEADS
            or t.lower in ORG_WORDS
            or t.lower in NOT_PERSON_ER
        ):
            return False
        if v.toks[a].lower != "the" or t.ent in (
            "ORG",
            "GPE",
            "FAC",
            "LOC",
            "DATE",
            "EVENT",
            "PRODUCT",
            "WORK_OF_ART",
        ):
            return False
        return t.lower in PERSON_HEADS or t.ent == "NORP" or bool(PERSON_SUFFIX.search(t.lower))

    def np_kind(self, head: int, text: str) -> SpeakerKind:
        t = self.view.toks[head]
        words = {w.lower() for w in WORD.findall(text)}
        if (
            t.lower in ORG_WORDS
            or t.ent in ("ORG", "GPE")
            or (words & ORG_NAME_WORDS and t.lower in ORG_WORDS)
            or self._acronym(head, text)
        ):
            return SpeakerKind.ORGANISATION
        if (
            t.pos == "PROPN"
            and t.ent not in ("PERSON", "NORP")
            and t.lower not in ("sources", "source")
        ):
            return SpeakerKind.ORGANISATION
        return SpeakerKind.UNNAMED

    def _acronym(self, head: int, text: str) -> bool:
        """The phrase is one word in capitals ("PETA said", tagged a plural noun) in a sentence
        that is not written in capitals: the initials of an organisation."""
        v = self.view
        nxt = v.toks[head + 1].text if head + 1 < len(v.toks) else ""
        return (
            text == v.toks[head].text
            and 3 <= len(text) <= 6
            and text.isalpha()
            and text.isupper()
            and not (nxt.isalpha() and nxt.isupper())
        )


def _stem_match(a: str, b: str) -> bool:
    if a == b:
        return True
    n = 5 if min(len(a), len(b)) >= 5 else max(len(a), len(b))
    return len(a) >= 4 and len(b) >= 4 and a[:n] == b[:n]
