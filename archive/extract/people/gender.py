"""The gender an article gives a person: honorifics, then he/she in the sentences where the person
is the only one named, then the first-name dictionary for clearly male/female first names."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass

from archive.extract.people.cluster import Person, gender_of_titles
from archive.extract.people.lexicon import PRONOUNS_F, PRONOUNS_M
from archive.names.firstnames import first_name_gender
from archive.names.tokens import given_names


@dataclass
class Sentences:
    """The sentences of the Doc and, for each, the people (by index) named in it."""

    sents: list
    by_sentence: dict[int, set[int]]

    @classmethod
    def of(cls, doc, people: list[Person], keep: list[int]) -> Sentences:
        """Sentences of ``doc`` with the kept people's mentions."""
        sents = list(doc.sents)
        sent_starts = [s.start_char for s in sents]
        by_sentence: dict[int, set[int]] = defaultdict(set)
        for i in keep:
            for m in people[i].mentions:
                by_sentence[bisect.bisect_right(sent_starts, m.start) - 1].add(i)
        return cls(sents, by_sentence)


def gender(p: Person, sentences: Sentences, pid: int) -> str | None:
    """ "m", "f" or None for person ``pid`` of the article."""
    g = gender_of_titles(p)
    clear = {first_name_gender(given_names(f)[0]) for f in p.full_forms if given_names(f)}
    clear &= {"m", "f"}
    if g and len(clear) == 1 and g not in clear:
        return clear.pop()  # "Graeme Doyle" is no "Ms Doyle": the title belongs to a namesake
    if g:
        return g
    counts = Counter()
    sents, by_sentence = sentences.sents, sentences.by_sentence
    for k, ids in by_sentence.items():
        if ids != {pid}:
            continue
        s = sents[k]
        first = min(m.start for m in p.mentions if s.start_char <= m.start < s.end_char)
        toks = [t for t in s if t.idx > first]
        if k + 1 < len(sents) and not by_sentence.get(k + 1):
            toks += list(sents[k + 1])
        for t in toks:
            low = t.lower_
            if (low in PRONOUNS_M or low in PRONOUNS_F) and _someone_else(t, first):
                continue
            if low in PRONOUNS_M:
                counts["m"] += 1
            elif low in PRONOUNS_F:
                counts["f"] += 1
    if counts["m"] and not counts["f"]:
        return "m"
    if counts["f"] and not counts["m"]:
        return "f"
    if not counts:
        for f in p.full_forms:
            fg = first_name_gender(given_names(f)[0])
            if fg in ("m", "f"):
                return fg
    return None


def _someone_else(t, mention: int) -> bool:
    """Pronoun ``t`` cannot be the person whose mention is at offset ``mention``: the subject of
    a verb whose reported clause, before it, holds the mention ('Roe "caused havoc," he said'),
    or the object of a verb whose subject is the mention ("Roe scolded him")."""
    h = t.head
    if h is t:
        return False
    if t.dep_ in ("nsubj", "nsubjpass"):
        return any(
            c.dep_ in ("ccomp", "parataxis") and c.left_edge.idx <= mention < c.right_edge.idx
            for c in h.children
            if c.i < t.i
        )
    if t.dep_ == "pobj" and h.dep_ in ("prep", "dative"):
        h = h.head
    elif t.dep_ not in ("dobj", "dative"):
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.idx <= mention <= c.right_edge.idx
        for c in h.children
    )
