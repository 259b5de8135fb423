"""Named sets of tokens of one article (a person mention or he/she outside quotes, a pronoun
leading a sentence, an unnamed or unknown subject, a reporting verb with a subject, ...): each a
fixed property of a token, tested once per token on first use, so that the scans of a sentence for
its first such token are bisections, not walks over a long sentence once per quote."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from typing import Literal

from archive.extract.quotes.article import QuoteArticle
from archive.extract.quotes.lexicon import (
    NOT_PERSON_ENTS,
    ORG_WORDS,
    PERSON_HEADS,
    PERSON_SUFFIX,
    SUBJECT_PRONOUNS,
    UNNAMED_HEADS,
)
from archive.extract.quotes.verbs import is_cue

TokenSet = Literal[
    "marker",
    "led_pronoun",
    "led_pronoun_main",
    "unknown_name",
    "unnamed_head",
    "clause_subject",
    "reporting_with_subject",
]


class TokenSets:
    """The sorted tokens of each :data:`TokenSet` of one article."""

    def __init__(self, article: QuoteArticle):
        self.art = article
        self.view = article.view
        self.body = article.body
        self.idx = article.idx
        self.in_quote = article.in_quote
        self._lists: dict[str, list[int]] = {}
        self._tests: dict[str, Callable[[int], bool]] = {
            "marker": self._is_marker,
            "led_pronoun": self._is_led_pronoun,
            "led_pronoun_main": self._is_led_pronoun_main,
            "unknown_name": self._is_unknown_name,
            "unnamed_head": self._is_unnamed_head,
            "clause_subject": self._is_clause_subject,
            "reporting_with_subject": self._is_reporting_with_subject,
        }

    def all(self, name: TokenSet) -> list[int]:
        """Sorted indices of the tokens of the set ``name``."""
        got = self._lists.get(name)
        if got is None:
            test = self._tests[name]
            got = self._lists[name] = [k for k in range(len(self.view.toks)) if test(k)]
        return got

    def within(self, name: TokenSet, a: int, b: int) -> Iterator[int]:
        """The tokens of the set ``name`` in [a, b), in order."""
        lst = self.all(name)
        i = bisect.bisect_left(lst, a)
        while i < len(lst) and lst[i] < b:
            yield lst[i]
            i += 1

    def _is_marker(self, k: int) -> bool:
        """A mention of a known person or he/she outside quotes (what _speaker_in stops at)."""
        t = self.view.toks[k]
        return not self.in_quote[k] and (
            t.lower in SUBJECT_PRONOUNS or self.idx.at(t.idx, t.end) is not None
        )

    def _is_led_pronoun(self, k: int) -> bool:
        t = self.view.toks[k]
        return t.lower in SUBJECT_PRONOUNS and not self.in_quote[k] and self.art.is_subject(k)

    def _is_led_pronoun_main(self, k: int) -> bool:
        return self._is_led_pronoun(k) and self.art.clause_depth(k) == 0

    def _is_unknown_name(self, k: int) -> bool:
        """A main-clause PROPN subject that is no known mention and may be a person (see
        pronouns._unknown_name_subject; the name word it looks up is this token's own text, whatever
        compound precedes it, when the token starts with a letter)."""
        v = self.view
        t = v.toks[k]
        if (
            self.in_quote[k]
            or t.dep not in ("nsubj", "nsubjpass")
            or t.pos != "PROPN"
            or not t.text[:1].isupper()
        ):
            return False
        if (
            self.art.clause_depth(k) > 0
            or self.idx.at(t.idx, t.end) is not None
            or t.lower in ORG_WORDS
        ):
            return False
        if not t.text[:1].isalpha():
            return True  # (the name word looked up may be an earlier token: tested per sentence)
        return t.ent == "PERSON" or (
            t.ent not in NOT_PERSON_ENTS and self.art.person_by_name_word(k, k + 1) is not None
        )

    def _is_unnamed_head(self, k: int) -> bool:
        t = self.view.toks[k]
        return not (
            self.in_quote[k]
            or t.dep not in ("nsubj", "nsubjpass")
            or self.art.clause_depth(k) > 0
            or t.pos != "NOUN"
            or not (
                t.lower in UNNAMED_HEADS or t.lower in PERSON_HEADS or PERSON_SUFFIX.search(t.lower)
            )
        )

    def _is_clause_subject(self, k: int) -> bool:
        """A subject outside quotes whose head is a verb (follow_ups.colon_subject)."""
        v = self.view
        if self.in_quote[k] or v.toks[k].dep not in ("nsubj", "nsubjpass"):
            return False
        h = v.head(k)
        return h is not None and v.toks[h].pos in ("VERB", "AUX")

    def _is_reporting_with_subject(self, k: int) -> bool:
        """A reporting verb outside quotes with a subject of its own."""
        return (
            not self.in_quote[k]
            and bool(is_cue(self.view, k))
            and bool(self.view.children(k, "nsubj"))
        )
