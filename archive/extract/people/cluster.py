"""Clustering one article's name mentions into people, and naming them.

Full names with the same surname (transliteration-folded), a compatible given name and no
conflicting middle initials ("George W." / "George H.W.") are one person; a one-word or titled
form joins the full name whose surname it is (when several share the surname: the one named in
full before it in its paragraph, else the article's subject), else the full name whose first
word it is ("Mr. Xi" -> "Xi Jinping") when there is exactly one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from archive.extract.people.lexicon import STRONG_ORG_WORDS
from archive.names.firstnames import first_name_gender, same_first_name
from archive.names.fold import fold_word
from archive.names.identity import middle_initials_conflict
from archive.names.titles import title_info
from archive.names.tokens import (
    given_names,
    is_full_name,
    is_initial,
    surname,
    without_middle_initials,
)


@dataclass
class Mention:
    """One mention of a name in the body."""

    start: int
    end: int
    text: str  # bare name as written (no title, no possessive)
    title: str = ""  # title chain right before it ("President ", "Brig. Gen. ")
    title_start: int | None = None
    label: str = ""  # spaCy entity label at this span
    # the name the mention gives where it is more than its words: the surname it shares with the
    # full name it is co-ordinated with ("Khizr" of "Khizr and Ghazala Khan" is "Khizr Khan")
    shared: str = ""

    @property
    def name(self) -> str:
        """The name as the text gives it (its words, with a shared surname)."""
        return self.shared or self.text


@dataclass
class Person:
    """The mentions that are one person, with the keys they were clustered by."""

    mentions: list[Mention] = field(default_factory=list)
    first_key: str = ""
    sur_key: str = ""

    @property
    def full_forms(self) -> list[str]:
        """The mentions that name the person in full."""
        return [m.name for m in self.mentions if is_full_name(m.name)]


def _first_compatible(a: str, b: str) -> bool:
    """Given names of one person in one article: equal, initial of, or transliteration variant."""
    if not a or not b:
        return True
    if is_initial(a) or is_initial(b):
        return fold_word(a)[:1] == fold_word(b)[:1]
    fa, fb = fold_word(a), fold_word(b)
    if fa == fb:
        return True
    short, long_ = sorted((fa, fb), key=len)
    return (len(short) >= 3 and long_.startswith(short)) or same_first_name(a, b)


def cluster(mentions: list[Mention], body: str) -> list[Person]:
    """The people of the mentions of ``body`` (see the module docstring), in body order."""
    people: list[Person] = []
    singles: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if not is_full_name(m.name):
            singles.append(m)
            continue
        given = given_names(m.name)[0]
        sk = fold_word(surname(m.name).replace(" ", ""))
        for p in people:
            if (
                p.sur_key == sk
                and _first_compatible(p.first_key, given)
                and not any(middle_initials_conflict(m.name, f) for f in p.full_forms)
            ):
                p.mentions.append(m)
                if is_initial(p.first_key) and not is_initial(given):
                    p.first_key = given
                break
        else:
            people.append(Person([m], given, sk))
    # a titled surname whose title's sex is no full name's of that surname ("Mr. Obama" in an
    # article that names only "Michelle Obama") is someone else: placed first, so that the
    # untitled forms can go to that person too
    others = [m for m in singles if _of_another_sex(m, people)]
    for m in others:
        sk = fold_word(m.text.replace(" ", ""))
        known = next((p for p in people if p.sur_key == sk and not p.full_forms), None)
        if known is None:
            people.append(Person([m], "", sk))
        else:
            known.mentions.append(m)
    for m in singles:
        if any(m is x for x in others):
            continue
        sk = fold_word(m.text.replace(" ", ""))
        gender = title_info(m.title)[0] if m.title else None
        cands = [p for p in people if p.sur_key == sk and p.full_forms]
        if cands and others:
            cands += [p for p in people if p.sur_key == sk and not p.full_forms]
        if gender and len(cands) > 1:
            cands = [p for p in cands if _gender_of(p) in (None, gender)] or cands
        if not cands:
            cands = [p for p in people if p.sur_key == sk]
        if not cands:
            # "Mr. Xi" / "Kim" for "Xi Jinping" / "Kim Jong Un": the first word of exactly one
            # full name
            firsts = [p for p in people if p.full_forms and fold_word(p.first_key) == sk]
            if len(firsts) == 1:
                firsts[0].mentions.append(m)
                continue
            people.append(Person([m], "", sk))
            continue
        chosen = _bare_surname_owner(cands, m, body)
        chosen.mentions.append(m)
    for p in people:
        p.mentions.sort(key=lambda m: m.start)
    return people


def _of_another_sex(m: Mention, people: list[Person]) -> bool:
    """M's title tells a sex ("Mr.", "Mrs.") and every person named in full with M's surname is
    of the other one (by title or a clearly gendered first name)."""
    gender = title_info(m.title)[0] if m.title else None
    if not gender:
        return False
    sk = fold_word(m.text.replace(" ", ""))
    full = [p for p in people if p.sur_key == sk and p.full_forms]
    return bool(full) and all(_gender_of(p) not in (None, gender) for p in full)


_PARAGRAPH_BREAK = re.compile(r"\n+")


def _bare_surname_owner(cands: list[Person], m: Mention, body: str) -> Person:
    """Which of several people sharing a surname a bare "Cruz" is: the one named in full before
    it in the same paragraph, or in the paragraph before when introduced there (with a title, or
    opening the sentence: "Sen. Ron Johnson of Wisconsin said ..."); else the one the article is
    about (most mentions so far, then the first introduced): a relative named in passing ("a photo
    of his wife, Heidi Cruz") or by first name ("Freddy", not counted for a titled "Mr. Trump")
    does not take the surname away from the article's subject."""
    sex = title_info(m.title)[0] if m.title else None
    recent = []
    for i, p in enumerate(cands):
        full = [
            x
            for x in p.mentions
            if x.start < m.start and is_full_name(x.name) and not _names_a_thing(x, body)
        ]
        if full:
            last = max(full, key=lambda x: x.start)
            recent.append((last.start, i, last))
    if recent:
        start, i, last = max(recent, key=lambda r: r[0])
        breaks = len(_PARAGRAPH_BREAK.findall(body, start, m.start))
        if breaks == 0 or (breaks == 1 and _introduced(last, body)):
            usual = _usual_owner(cands, m)
            if (
                usual is None
                or usual is cands[i]
                or _introduced(last, body)
                or not _SENTENCE_END.search(body, last.end, m.start)
            ):
                return cands[i]
            # 'a visit by Chelsea Clinton and her husband. Mrs. Clinton replied': named in
            # passing in another sentence, the relative does not take the titled surname the
            # article keeps for someone else
            return usual
    return min(
        cands,
        key=lambda p: (
            -sum(
                x.start < m.start
                and not (m.title and _first_name_only(p, x))
                and not _names_a_thing(x, body)
                and not _other_sex(x, m)
                for x in p.mentions
            ),
            bool(sex) and _gender_of(p) != sex,  # a tie: the one of the title's sex
            min(x.start for x in p.mentions),
        ),
    )


_THING_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)")


_SENTENCE_END = re.compile(r"[.!?][\"'”’]*\s")


def _usual_owner(cands: list[Person], m: Mention) -> Person | None:
    """The one person whom the article has already called by M's title and surname at least
    twice ("Mrs. Clinton" in an article that calls Hillary Clinton so), else None."""
    title = m.title.strip()
    if not title:
        return None
    counts = [
        sum(x.start < m.start and x.title.strip() == title and x.text == m.text for x in p.mentions)
        for p in cands
    ]
    best = max(counts, default=0)
    return cands[counts.index(best)] if best >= 2 and counts.count(best) == 1 else None


def _names_a_thing(x: Mention, body: str) -> bool:
    """The name is part of an organisation's ("the Jane Doe Foundation", "Doe Center"): it does
    not put the person in the paragraph."""
    nxt = _THING_AFTER.match(body, x.end)
    return bool(nxt) and nxt.group(1).lower() in STRONG_ORG_WORDS


def _other_sex(x: Mention, m: Mention) -> bool:
    """X's title tells the other sex than M's ("Mr. Khan" does not make "Mrs. Khan" his)."""
    gx = title_info(x.title)[0] if x.title else None
    gm = title_info(m.title)[0] if m.title else None
    return bool(gx and gm and gx != gm)


def _first_name_only(p: Person, x: Mention) -> bool:
    """X names P by the first name alone ("Freddy"): how an article that calls its subject
    "Mr. Trump" names a relative, so it does not count toward who a titled surname is (a bare
    "Clinton" may be the "Hillary" of a less formal article)."""
    return (
        bool(p.first_key)
        and not is_full_name(x.name)
        and fold_word(x.text) == fold_word(p.first_key)
    )


def _introduced(x: Mention, body: str) -> bool:
    """The full name is introduced, not named in passing: with a title, or opening its sentence
    (at most two words before it)."""
    if x.title:
        return True
    begin = x.title_start if x.title_start is not None else x.start
    cut = max(body.rfind(c, 0, begin) for c in ".!?\n")
    return len(body[cut + 1 : begin].split()) <= 2


def _gender_of(p: Person) -> str | None:
    """The gender the titles tell ("Mr.", "Queen"), else the one the first name clearly has
    ("Hillary" for "Mrs. Clinton" next to "Bill Clinton")."""
    g = gender_of_titles(p)
    if g is None and p.first_key:
        given = next((given_names(m.name)[0] for m in p.mentions if is_full_name(m.name)), "")
        g = first_name_gender(given) if given else None
        g = g if g in ("m", "f") else None
    return g


def gender_of_titles(p: Person) -> str | None:
    """The gender of the first titled mention whose title tells one ("Mr.", "Queen")."""
    for m in p.mentions:
        if m.title:
            g = title_info(m.title)[0]
            if g:
                return g
    return None


def canonical(p: Person, middles: bool = False) -> str:
    """The longest full form without middle initials (the commonest, then the first seen), or the
    commonest form of a person never named in full. With ``middles`` the initials stay (two
    people of the article that they tell apart: "George H.W. Bush", "George W. Bush")."""
    fulls = p.full_forms
    if not fulls:
        return Counter(m.text for m in p.mentions).most_common(1)[0][0]
    form = (lambda f: f) if middles else without_middle_initials
    counts = Counter(form(f) for f in fulls)
    first_seen = {}
    for f in fulls:
        first_seen.setdefault(form(f), len(first_seen))
    return max(
        counts,
        key=lambda f: (len(f.split()), not is_initial(f.split()[0]), counts[f], -first_seen[f]),
    )


def aliases(p: Person) -> list[str]:
    """Every surface form, bare and with its title ("Zelensky", "President Zelensky")."""
    out: list[str] = []
    for m in p.mentions:
        forms = [m.name, m.text]  # "Khizr Khan" and the "Khizr" written
        if m.title:
            forms.append(f"{' '.join(m.title.split())} {m.text}")
        for f in forms:
            if f not in out:
                out.append(f)
    return out
