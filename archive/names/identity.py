"""Is the person in this article someone the archive already knows? Pure functions.

The store step calls :func:`best_match` with the people rows it has (id, name, aliases).

Rules (guarded against false merges; a wrong merge is worse than a duplicate):
  * Names are compared word by word after :func:`archive.names.fold.fold_word` (ASCII,
    lowercase, "y" -> "i", "kh" -> "h", doubled letters collapsed), with titles, suffixes,
    possessives and middle initials removed: "Zelensky", "Zelenskyy", "Zelenskiy" are one key.
  * Two full names ("Given Surname") match only when
      - surnames fold to the same key, or are rapidfuzz-close (ratio >= 85) with the same
        consonants ("Medvedev"/"Medvediev"; but not "Johnson"/"Johnston"), and
      - given names agree: same key, or one a prefix (>= 3 letters) of the other
        ("Steve"/"Steven", "Dan"/"Daniel"), or rapidfuzz-close (ratio >= 88) with the same
        consonants ("Dmitri"/"Dimitri"). "Vladimir" and "Volodymyr" never match (ratio 82).
        Short and long forms of one first name ("Bob"/"Robert", "Gary"/"Garrett") agree only
        as weakly as a bare surname (below), unless both people carry one role title before a
        full name ("Vice President Joe Biden" / "Vice President Joseph R. Biden Jr.",
        "Sen. Dick Durbin" / "Senator Richard Durbin"): then they are one person, and
      - middle initials, when both sides have one, are the same or one the start of the other
        ("George W." != "George H. W."; "H.W." == "H. W."), in every pair of forms: a person
        stored as plain "George Bush" who is also "George H.W. Bush" is not "George W. Bush".
    A conflict between the two canonical names vetoes any alias-level agreement.
  * A bare surname never decides on its own. An entity known only by one-word names ("Trump",
    "President Trump", "Mr. Medinsky") scores WEAK against a candidate with that surname, and
    :func:`best_match` accepts a WEAK match only when exactly one candidate has that surname at
    all (full or bare, compatible or not). The same holds the other way round (a full name
    against a candidate known only by that surname), so "President Trump" in one article and
    "Donald Trump" in another become one person while the archive has one Trump only.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

from rapidfuzz import fuzz

from archive.names.firstnames import first_name_gender, same_first_name
from archive.names.fold import consonant_skeleton, fold_word
from archive.names.titles import role_words, strip_titles, title_info
from archive.names.tokens import given_names, is_initial, name_parts, surname
from archive.records import PersonEntity

_INITIAL_LETTERS = re.compile(r"[^\W\d_]")
MATCH_THRESHOLD = 0.9  # same_person() at or above this is the same person
WEAK = 0.6  # surname-only agreement; accepted by best_match() only when unambiguous
_NICKNAME = 0.7  # _given_score() of two forms of one first name (Bob / Robert)


@dataclass(frozen=True)
class _Name:
    given: str  # folded first given name ("" for a bare surname)
    middles: tuple[str, ...]  # folded middle initials / names
    sur: str  # folded surname
    sur_raw: str

    @property
    def full(self) -> bool:
        return bool(self.given)


@functools.lru_cache(maxsize=100_000)
def _parse(name: str) -> _Name | None:
    """The parsed name (cached: the store compares the same names over and over; _Name is
    frozen)."""
    parts = name_parts(name)
    if not parts:
        return None
    sur = surname(name)
    given = given_names(name)
    sur_key = "".join(fold_word(w) for w in sur.split())
    if not sur_key:
        return None
    real_given = [g for g in given if not is_initial(g)]
    if not given or not real_given:
        return _Name("", (), sur_key, sur)
    first = real_given[0]
    middles = tuple(
        letter
        for g in given[given.index(first) + 1 :]
        for letter in (_INITIAL_LETTERS.findall(g.lower()) if is_initial(g) else fold_word(g)[:1])
    )  # "H.W." and "H. W." are the same two initials
    return _Name(fold_word(first), middles, sur_key, sur)


def title_sex(names: Iterable[str]) -> str | None:
    """The sex ("m"/"f") the titles of these names tell ("Mr. Obama", "Mrs. Laura Chen"); None
    when none tells one or they disagree."""
    found = set()
    for n in names:
        n = (n or "").strip()
        bare = strip_titles(n)
        if bare != n:
            g = title_info(n[: len(n) - len(bare)])[0]
            if g:
                found.add(g)
    return found.pop() if len(found) == 1 else None


def sex_of(names: Iterable[str]) -> str | None:
    """The sex of a person known by these names: their titles', else the one a full name's first
    name clearly has ("Michelle Obama": "f"); None when unknown or contradictory."""
    names = [n for n in names if n]
    g = title_sex(names)
    if g:
        return g
    found = set()
    for n in names:
        p = _parse(n)
        if p is not None and p.full:
            given = next((w for w in given_names(n) if not is_initial(w)), "")
            sex = first_name_gender(given)
            if sex in ("m", "f"):
                found.add(sex)
    return found.pop() if len(found) == 1 else None


def person_key(name: str) -> str:
    """Normalised key: "President Volodymyr Zelenskyy" -> "volodimir zelenski"."""
    p = _parse(name)
    if p is None:
        return ""
    return f"{p.given} {p.sur}".strip()


def surname_key(name: str) -> str:
    """The folded surname of a name ("President Volodymyr Zelenskyy" -> "zelenski"; "" if none):
    the key under which the store finds the people a name may belong to."""
    p = _parse(name)
    return p.sur if p is not None else ""


def _surnames_agree(a: _Name, b: _Name) -> bool:
    if a.sur == b.sur:
        return True
    return fuzz.ratio(a.sur, b.sur) >= 85 and consonant_skeleton(a.sur) == consonant_skeleton(b.sur)


def _given_score(a: str, b: str) -> float:
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return 0.95
    if fuzz.ratio(a, b) >= 88 and a[:1] == b[:1] and consonant_skeleton(a) == consonant_skeleton(b):
        return 0.9
    if same_first_name(a, b):  # Bob / Robert, Joe / Joseph: evidence, but weaker than one spelling
        return _NICKNAME
    return 0.0


def _middles_conflict(a: _Name, b: _Name) -> bool:
    """Both have middle initials and neither's are the first of the other's ("George W." /
    "George H. W."; but "George H." / "George H. W." may be one man)."""
    if not a.middles or not b.middles:
        return False
    short, long_ = sorted((a.middles, b.middles), key=len)
    return long_[: len(short)] != short


def middle_initials_conflict(a: str, b: str) -> bool:
    """The two names have middle initials and they differ ("George W. Bush" / "George H.W.
    Bush"); "George H. Bush" and "George H. W. Bush" do not (the one begins the other)."""
    pa, pb = _parse(a), _parse(b)
    return pa is not None and pb is not None and _middles_conflict(pa, pb)


def _middles_veto(af: Sequence[_Name], bf: Sequence[_Name]) -> bool:
    """Some forms of the two with one first name and surname have conflicting middle initials and
    none has agreeing ones: "George W. Bush" is not the person stored as "George Bush" who is
    also "George H.W. Bush" (the plain form agrees with both)."""
    conflict = agree = False
    for x in af:
        for y in bf:
            if x.middles and y.middles and _surnames_agree(x, y) and _given_score(x.given, y.given):
                if _middles_conflict(x, y):
                    conflict = True
                else:
                    agree = True
    return conflict and not agree


def _full_score(a: _Name, b: _Name) -> float:
    if not _surnames_agree(a, b) or _middles_conflict(a, b):
        return 0.0
    g = _given_score(a.given, b.given)
    s = 1.0 if a.sur == b.sur else 0.95
    return round(g * s, 4) if g else 0.0


@functools.lru_cache(maxsize=100_000)
def _role_title(name: str) -> tuple[str, ...]:
    """The role title written before a full name, as folded words ("Vice President Joe Biden" ->
    ("vice", "president"), "Sen. Dick Durbin" -> ("sen",)); () for none or an honorific only."""
    bare = strip_titles(name)
    p = _parse(bare)
    if bare == name or p is None or not p.full:
        return ()
    return role_words(name[: len(name) - len(bare)])


def _same_title(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One title, in full or abbreviated word by word ("sen" / "senator", "gov" / "governor")."""
    return len(a) == len(b) and all(
        x == y or (min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)))
        for x, y in zip(a, b)
    )


def _share_a_role(a: Sequence[str], b: Sequence[str]) -> bool:
    """Both lists of names hold a full name after the same role title."""
    ta = {t for t in map(_role_title, a) if t}
    tb = {t for t in map(_role_title, b) if t}
    return any(_same_title(x, y) for x in ta for y in tb)


def _names(name: str, aliases: Iterable[str]) -> list[_Name]:
    out = []
    for n in [name, *aliases]:
        p = _parse(n) if n else None
        if p is not None and p not in out:
            out.append(p)
    return out


def same_person(
    a_name: str, a_aliases: Sequence[str], b_name: str, b_aliases: Sequence[str]
) -> float:
    """Score in [0, 1]: >= MATCH_THRESHOLD same person, WEAK surname-only agreement, 0 different."""
    a, b = _names(a_name, a_aliases), _names(b_name, b_aliases)
    if not a or not b:
        return 0.0
    af, bf = [x for x in a if x.full], [x for x in b if x.full]
    if af and bf:
        ca, cb = _parse(a_name), _parse(b_name)
        if (
            ca
            and cb
            and ca.full
            and cb.full
            and _surnames_agree(ca, cb)
            and _full_score(ca, cb) == 0.0
        ):
            return 0.0  # "Boris Johnson" vs "Dustin Johnson": no alias can overrule
        if _middles_veto(af, bf):
            return 0.0
        best = max(_full_score(x, y) for x in af for y in bf)
        # names that agree only as short and long forms of a first name ("Bob Mason" / "Robert
        # Mason", "Garrett Johnson" / "Gary Johnson") are one person when both hold one role
        # title, else only when nobody else has the surname: as weak as a bare surname
        if 0 < best < MATCH_THRESHOLD and best <= _NICKNAME:
            same_role = _share_a_role([a_name, *a_aliases], [b_name, *b_aliases])
            return MATCH_THRESHOLD if same_role else WEAK
        return best
    a_sur = {x.sur for x in a}
    b_sur = {x.sur for x in b}
    return WEAK if a_sur & b_sur else 0.0


def _surname_keys(name: str, aliases: Sequence[str]) -> set[str]:
    return {x.sur for x in _names(name, aliases)}


def best_match(
    entity: PersonEntity, candidates: Sequence[tuple[Hashable, str, Sequence[str]]]
) -> Hashable | None:
    """The id of the candidate that is the same person as ``entity``, or None (a new person)."""
    names = [entity.name, *entity.aliases]
    scored = [
        (same_person(entity.name, entity.aliases, name, list(aliases)), cid)
        for cid, name, aliases in candidates
    ]
    strong = sorted((s for s in scored if s[0] >= MATCH_THRESHOLD), key=lambda s: -s[0])
    if strong:
        if len(strong) > 1 and strong[1][0] == strong[0][0] and strong[1][1] != strong[0][1]:
            return None  # two equally good people: do not guess
        return strong[0][1]
    weak = [cid for s, cid in scored if s == WEAK]
    if len(weak) != 1:
        return None
    mine = _surname_keys(entity.name, names)
    sharing = [
        cid for cid, name, aliases in candidates if _surname_keys(name, list(aliases)) & mine
    ]
    return weak[0] if len(set(sharing)) == 1 else None
