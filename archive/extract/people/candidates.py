"""Step 1 of finding people: the spans of one article that may be people's names.

spaCy entities (PERSON, and the other labels the small model often gives names), names after a
title or honorific, untagged runs of capitalised words with a person's role or age in apposition
or a person's context, and as a last resort a clear "Firstname Surname" (see
:mod:`archive.extract.people.mentions` for the whole procedure). Every span is trimmed to a bare
name; the runs that fit no rule are handed on as loose runs (they may join an accepted name).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from archive.extract.people import credits
from archive.extract.people.article import Article
from archive.extract.people.lexicon import (
    APPOSITION_ROLE_NOUNS,
    CANDIDATE_LABELS,
    ROLE_TITLE_WORDS,
    SENT_START_STOP,
    UPPER,
)
from archive.extract.people.rules import (
    ROLE_BEFORE,
    all_dictionary_words,
    fallback_name,
    is_org_like,
    person_context,
    the_before,
)
from archive.extract.quotes.lexicon import CUE_FORMS, SAID_SAYS_TOLD
from archive.names.dictionary import is_english_word
from archive.names.firstnames import is_clear_first_name, is_first_name
from archive.names.lexicon import NAME_RUN_HYPHEN_PREFIXES, PARTICLES
from archive.names.titles import TITLE_CHAIN, TITLE_START_RE
from archive.names.tokens import is_initial, is_name_word

# a word that can be part of a name: "Putin", "O'Brien", "Jean-Claude", "V." (not "Trump’s")
_WORD = (
    rf"(?:[{UPPER}]\.(?:[{UPPER}]\.)*|(?:(?:{'|'.join(NAME_RUN_HYPHEN_PREFIXES)})-)?[{UPPER}]"
    rf"(?:[^\W_]|-(?=[^\W\d_])|['’](?=[^\W\d_])(?!s\b))*)"
)
_PARTICLE_ALT = "|".join(sorted(PARTICLES, key=len, reverse=True))
NAME_RUN_RE = re.compile(
    rf"(?<![\w\-'’]){_WORD}(?:[ \t]+(?:(?:{_PARTICLE_ALT})[ \t]+)*{_WORD})*(?:,? (?:Jr|Sr)\.)?"
)

_TITLE_CHAIN_START_RE = re.compile(rf"^(?:{TITLE_CHAIN})")
_CUT_RE = re.compile(r"[\n/|(]")
_LEAD_RE = re.compile(r"^\W+")
_POSSESSIVE_RE = re.compile(r"(?:['’]s|s['’])\s+")  # "Fox News’ ", "CNN's "
_INITIAL_END_RE = re.compile(r"\b(?:[A-Z]|Jr|Sr)\.$")
_TRAIL_RE = re.compile(r"(?:['’]s?|[\s,.;:!?\"“”)\]—–-])+$")
_FIRST_WORD_RE = re.compile(r"^(\S+)\s+")
_LEADING_THE_RE = re.compile(r"^[Tt]he\s+")
_WORD_SPLIT_RE = re.compile(r"\S+")
_OF_RE = re.compile(r"\s+of\s+")
_QUOTE_OPENS_RE = re.compile(r"\s*[,:]\s*[\"“]")  # 'Said Roe, "...'

_ROLE_NOUNS = "(?:" + "|".join(APPOSITION_ROLE_NOUNS) + ")s?"
# ", an energy analyst at", ", head of the", ", the secretary of": a person's role in apposition
_APPOS_ROLE_AFTER = re.compile(
    r",[ \t]+(?:(?:a|an|the|his|her|its|their)[ \t]+)?(?:[\w’'.-]+[ \t]+){0,4}?"
    + _ROLE_NOUNS
    + r"(?=[ \t]+(?:at|of|for|with|in|from|on)\b|[ \t]*[,.;]|[ \t]+(?:"
    + "|".join(SAID_SAYS_TOLD)
    + r"))"
)
# "Sandra Whitfield, 58, who ...": an age in apposition
_AGE_AFTER = re.compile(r"(?:['’]s?)?,[ \t]+\d{1,3}[ \t]*,")
# "a former director in the Federal Ministry of Humanitarian Affairs, Chukwuemeka Obi"
_ROLE_NP_BEFORE = re.compile(
    r"\b(?:a|an|the|its|his|her|their|[A-Z][\w-]+['’]s?)[ \t]+(?:[\w’'-]+[ \t]+){0,3}?"
    + _ROLE_NOUNS
    + r"\b[^.;:\"“”\n]{0,90},[ \t]*$"
)


@dataclass
class Candidate:
    """A span that may be a person's name, trimmed to the bare name."""

    start: int
    text: str
    label: str  # spaCy's entity label ("" when untagged)
    titled: bool  # a title or honorific right before it (or inside the raw span)
    appos: bool = False  # a role in apposition or right before: checked when found


@dataclass
class LooseRun:
    """A run of capitalised words that fits no candidate rule: it may still join an accepted
    one-word name ("Brewster Kahle" when only "Kahle" is a name)."""

    start: int
    text: str
    label: str = ""


@dataclass
class Candidates:
    """What step 1 found: the candidates, in the order found, and the loose runs."""

    found: list[Candidate] = field(default_factory=list)
    loose_runs: list[LooseRun] = field(default_factory=list)


@dataclass(frozen=True)
class Trimmed:
    """A raw span cut to a bare name."""

    start: int
    text: str
    title: str  # the title chain that opened the raw span ("" if none)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class _Run:
    """A run of capitalised words as matched and as trimmed."""

    span: tuple[int, int]
    name: Trimmed

    @property
    def start(self) -> int:
        return self.name.start

    @property
    def text(self) -> str:
        return self.name.text

    @property
    def title(self) -> str:
        return self.name.title


def trim_candidate(art: Article, start: int, text: str) -> Trimmed:
    """Cut a raw span to a bare name (and the title chain inside the span).

    A dictionary word before a clear first name and a surname ("Taoiseach Micheál Martin") is
    learned as a title of the article (``art.extra_titles``).
    """
    cut = _CUT_RE.search(text)
    if cut:
        text = text[: cut.start()]
    of = _OF_RE.search(text)
    if of and len(text[: of.start()].split()) >= 2 and is_clear_first_name(text.split()[0]):
        text = text[: of.start()]  # "Meenakshi Ganguly of Human Rights Watch" tagged as one
    lead = _LEAD_RE.match(text)
    if lead:
        start += lead.end()
        text = text[lead.end() :]
    # "Fox News’ Sean Hannity", "the network's Jake Tapper" tagged as one span: the name after the
    # possessive, when it opens with a clear first name
    owner = None
    for owner in _POSSESSIVE_RE.finditer(text):  # the last one
        pass
    if owner is not None:
        rest = text[owner.end() :].split()
        if len(rest) >= 2 and is_clear_first_name(rest[0]):
            start += owner.end()
            text = text[owner.end() :]
        elif owner.start() > 0:  # "Cruz’s Iowa", "Trump’s Jewish": no name goes on past "’s"
            text = text[: owner.start()]
    title = ""
    m = _TITLE_CHAIN_START_RE.match(text + " ")
    if m and m.end() <= len(text):
        title = text[: m.end()]
        start += m.end()
        text = text[m.end() :]
    if not _INITIAL_END_RE.search(text):
        text = _TRAIL_RE.sub("", text)
    text = text.rstrip()
    # drop sentence-initial function words ("Then Zelensky", "The Kremlin") and an inverted
    # reporting verb ("Stated Stone:", "Said Dorothy Poynter")
    while True:
        w = _FIRST_WORD_RE.match(text)
        if not w or not (
            w.group(1).lower() in SENT_START_STOP
            or _inverted_cue(text, w, art.body[start + len(text) : start + len(text) + 4])
        ):
            break
        start += w.end()
        text = text[w.end() :]
    if not title:
        words = text.split()
        # "Taoiseach Micheál Martin", "Striker Kevin Smith": a dictionary word that is no first
        # name, before a clear first name and a surname, is an office or role, not part of the name
        if (
            len(words) >= 3
            and len(words[0]) >= 3
            and is_name_word(words[0])
            and not is_initial(words[0])
            and words[0].lower() not in PARTICLES
            and is_english_word(words[0])
            and not is_first_name(words[0])
            and is_clear_first_name(words[1])
            and not art.is_place(words[0])
        ):
            art.extra_titles.add(words[0])
            cut = _FIRST_WORD_RE.match(text)
            title = cut.group(0)
            start += cut.end()
            text = text[cut.end() :]
    if not title:
        # "Agriculture Secretary Tom Vilsack", "Clinton Senior Adviser Sidney Blumenthal": an
        # office of up to four words that ends in a role word, before a clear first name and a
        # surname, is a title
        # ("Oversight ranking Democrat Elijah Cummings": a lowercase word other than a function
        # word makes the words before the first name a description; not "the Department of
        # Housing and Urban Development", whose last word is a dictionary word)
        words = list(_WORD_SPLIT_RE.finditer(text))
        for i in range(1, min(len(words) - 1, 5)):
            before = [w.group() for w in words[:i]]
            if is_clear_first_name(words[i].group()) and (
                before[-1].lower().rstrip(".") in ROLE_TITLE_WORDS
                or (
                    any(w[:1].islower() and w not in SENT_START_STOP for w in before)
                    and not is_english_word(words[-1].group())
                )
            ):
                cut = words[i].start()
                title = text[:cut]
                start += cut
                text = text[cut:]
                break
    return Trimmed(start, text, title)


def _inverted_cue(text: str, w: re.Match, after: str) -> bool:
    """The first word of ``text`` is a reporting verb put before its subject ("Continued Stone",
    "Asserting Clinton"), not a first name ("Said Jalili"; "Said Dorothy Poynter" is the verb:
    a clear first name follows it; so is 'Said Roe, "...': a quotation opens right ``after``)."""
    word = w.group(1)
    if word.lower() not in CUE_FORMS:
        return False
    if not is_first_name(word) or _QUOTE_OPENS_RE.match(after):
        return True
    nxt = _FIRST_WORD_RE.match(text[w.end() :] + " ")
    return nxt is not None and is_clear_first_name(nxt.group(1))


def _overlaps_tagged(
    covered: list[tuple[int, int]],
    ends: list[int],
    person_ents: set[tuple[int, int]],
    start: int,
    end: int,
) -> bool:
    """An entity span overlaps [start, end), other than a PERSON entity strictly inside it."""
    i = bisect.bisect_right(ends, start)  # the first entity ending after ``start``
    while i < len(covered) and covered[i][0] < end:
        a, b = covered[i]
        if not ((a, b) in person_ents and start <= a and b <= end and (a, b) != (start, end)):
            return True
        i += 1
    return False


def _entity_candidates(art: Article, out: Candidates) -> list[tuple[int, int]]:
    """spaCy's entities of the candidate labels; returns the character spans they cover."""
    covered: list[tuple[int, int]] = []
    for ent in art.doc.ents:
        if ent.label_ not in CANDIDATE_LABELS:
            continue
        covered.append((ent.start_char, ent.end_char))
        lead = _LEADING_THE_RE.sub("", ent.text).split()
        if ent.label_ != "PERSON" and any(
            art.is_known_place(" ".join(lead[:k])) for k in (2, 3) if k < len(lead)
        ):
            continue  # named after a place: "the New York Knicks", "Hong Kong Jockey Club"
        t = trim_candidate(art, ent.start_char, ent.text)
        title = t.title or art.title_before(t.start)[0]
        out.found.append(Candidate(t.start, t.text, ent.label_, bool(title)))
    return covered


def _titled_candidates(art: Article, out: Candidates) -> None:
    """Names after a title or honorific, whatever spaCy made of them."""
    for m in TITLE_START_RE.finditer(art.body):
        if "\n" in m.group(0):
            continue
        run = NAME_RUN_RE.match(art.body, m.end())
        if run:
            t = trim_candidate(art, run.start(), run.group(0))
            out.found.append(Candidate(t.start, t.text, art.label_at(t.start, t.end), True))


def _apposition_candidates(
    art: Article, runs: list[_Run], person_spans: list[tuple[int, int]], out: Candidates
) -> None:
    """A name the model split or mislabelled ("Yurii"/GPE "Ostapenko"/GPE) with a person's role
    in apposition: "Yurii Ostapenko, an energy analyst at ...", "retired bank manager K
    Venkatesh,"; a surname given an age or a role somewhere ("Adeyemi-Clarke, 22,") vouches for
    the full name."""
    body = art.body
    vouched = {
        r.text
        for r in runs
        if len(r.text.split()) == 1
        and (
            _AGE_AFTER.match(body, r.start + len(r.text))
            or _APPOS_ROLE_AFTER.match(body, r.start + len(r.text))
        )
    }
    for r in runs:
        start, text = r.start, r.text
        words = text.split()
        end = start + len(text)
        if (
            not 2 <= len(words) <= 4
            or r.title
            or "\n" in text
            or any(a <= start and end <= b for a, b in person_spans)
        ):
            continue
        if not (
            _APPOS_ROLE_AFTER.match(body, end)
            or _AGE_AFTER.match(body, end)
            or words[-1] in vouched
            or ROLE_BEFORE.search(body, max(0, start - 40), start)
            or _ROLE_NP_BEFORE.search(body, max(0, start - 140), start)
        ):
            continue
        if (
            all_dictionary_words([w for w in words if not is_initial(w)] or words)
            or art.is_known_place(text)
            or any(art.is_known_place(w) for w in words)
            or is_org_like(text, strong_only=False)
            or credits.inside(art.headline_lines, start, end)
            or the_before(art, start, end)
        ):
            continue
        out.found.append(Candidate(start, text, art.label_at(start, end), True, appos=True))


def _untagged_candidates(
    art: Article,
    runs: list[_Run],
    covered: list[tuple[int, int]],
    person_spans: list[tuple[int, int]],
    out: Candidates,
) -> None:
    """Untagged "Firstname Lastname" in a person context (or the fallback rule); the other
    untagged runs become loose runs."""
    person_ents = set(person_spans)
    covered_ends = [b for _, b in covered]  # entities do not overlap: sorted by start and by end
    for r in runs:
        # skip spans spaCy tagged, but not a longer name around a PERSON entity ("Brewster
        # [Kahle]"); a title cut off the run may be tagged ("[Democrat] Elijah Cummings": NORP)
        span = (r.start, r.name.end) if r.title else r.span
        if _overlaps_tagged(covered, covered_ends, person_ents, *span):
            continue
        start, text, title = r.start, r.text, r.title
        words = text.split()
        if len(words) < 2:
            continue
        if title:
            if title.split()[-1] in art.extra_titles:  # known titles: see _titled_candidates
                out.found.append(Candidate(start, text, "", True))
            continue
        if is_first_name(words[0]):
            if person_context(art, start, start + len(text)) or fallback_name(art, start, text):
                out.found.append(Candidate(start, text, "", False))
        else:
            out.loose_runs.append(LooseRun(start, text))


def find_candidates(art: Article) -> Candidates:
    """The candidate names of the article, in the order the rules find them."""
    out = Candidates()
    covered = _entity_candidates(art, out)
    _titled_candidates(art, out)
    person_spans = [(e.start_char, e.end_char) for e in art.doc.ents if e.label_ == "PERSON"]
    # runs of capitalised words, trimmed once for the two steps below (trimming only ever adds
    # the same learned titles, so doing it up front changes nothing)
    runs = [
        _Run(run.span(), trim_candidate(art, run.start(), run.group(0)))
        for run in NAME_RUN_RE.finditer(art.body)
    ]
    _apposition_candidates(art, runs, person_spans, out)
    _untagged_candidates(art, runs, covered, person_spans, out)
    return out
