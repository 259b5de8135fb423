"""People mentioned in one article body: find, cluster, name, give roles and gender.

``find_people(body, doc, places, exclude)`` works on the body and its spaCy Doc only (no database).

How it decides who is a person (the small spaCy model is weak on news text):
  1. candidates: spaCy PERSON entities; any capitalised name after a title or honorific
     ("Mr.", "President", "Brig. Gen."); ORG/GPE/NORP-tagged spans shaped "Firstname Lastname"
     (first word in gender-guesser's first-name dictionary); untagged "Firstname Lastname" runs in
     a person context (", the ...", "said", a role noun before them); as a last resort an untagged
     or ORG-tagged "Firstname Surname" whose first name is clear (mostly one sex) and whose surname
     is no dictionary word (the model's lemma index), no place, not after "at" ("dispossessed by
     Sandro Tonali", "the Kevin Keegan era"). A dictionary word that is no first name before
     "Firstname Surname" is an office learned for the article ("Taoiseach Micheál Martin").
  2. rejections: places (the article's places, ``archive.extract.places.gazetteer.is_place_name`` when present,
     spans spaCy tags GPE/LOC more often than PERSON), nationalities (NORP), outlets, platforms and
     organisation-shaped names, all-caps words, lowercase words, digits, credit/byline lines,
     abbreviated heads ("Co Galway", "Mt Kenya"), names headed by "the" ("The Red Cross said"),
     names before a feature noun ("the Hindu Kush ranges"), spans made only of dictionary words
     with no clear first name ("Penguin Random House"), one-word names whose only "role" is an
     organisation type ("oil company Petrobras").
  3. document consistency: every accepted surface form and the surname of every full name is
     searched in the whole body, so a name tagged once counts at all its mentions; a two-word
     run ending in an accepted one-word name joins it ("Brewster Kahle" when only "Kahle" was
     tagged) when its first word is a first name or no dictionary word.
  4. clustering: full names with the same surname and a compatible given name are one person;
     a surname or titled form ("Mr. Medinsky", "President Trump") joins the full name whose
     surname it is, the most recent one before it when several people share the surname; a
     word that is no surname but the first word of exactly one full name joins it ("Mr. Xi").
  5. a person known only by one word ("Trump") must have a title or a role somewhere in the
     article, else it is dropped ("Kyiv", "Bloomberg" tagged PERSON).
  6. authors/photographers (``exclude``): their mentions in bylines, credits and bio lines at
     the top or bottom of the body are dropped; mentions elsewhere make them subjects.
Names: canonical = longest full form without titles or middle initials; aliases = every
surface form including titled ones ("Mr. Zelensky", "President Volodymyr Zelensky").
Mentions cover the bare name (no title, no possessive). Gender: honorifics, then he/she in the
sentences where the person is the only one named, then gender-guesser's list for clearly
male/female first names.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from archive.extract.people import credits
from archive.extract.people.cluster import (
    Mention,
    Person,
    aliases,
    canonical,
    cluster,
    gender_of_titles,
)
from archive.extract.people.roles import roles_at
from archive.names import parts as pn
from archive.records import PersonEntity, PlaceEntity, Span

UPPER = credits.UPPER
# a word that can be part of a name: "Putin", "O'Brien", "Jean-Claude", "V." (not "Trump’s")
_WORD = (
    rf"(?:[{UPPER}]\.(?:[{UPPER}]\.)*|(?:(?:al|el|bin|ibn|abu)-)?[{UPPER}]"
    rf"(?:[^\W_]|-(?=[^\W\d_])|['’](?=[^\W\d_])(?!s\b))*)"
)
_PARTICLE_ALT = "|".join(sorted(pn.PARTICLES, key=len, reverse=True))
NAME_RUN_RE = re.compile(
    rf"(?<![\w\-'’]){_WORD}(?:[ \t]+(?:(?:{_PARTICLE_ALT})[ \t]+)*{_WORD})*(?:,? (?:Jr|Sr)\.)?"
)

# outlets, platforms and institutions that spaCy often tags PERSON ("told Bloomberg")
NON_PERSON_NAMES = frozenset(
    """bloomberg axios reuters ap afp dpa ansa efe bbc cnn cnbc nbc abc cbs fox msnbc npr pbs
    politico semafor guardian telegraph independent economist forbes fortune newsweek time vox
    vice wired huffpost breitbart tass interfax ria novosti ukrinform xinhua kyodo yonhap
    al jazeera sky news times post journal tribune herald gazette
    telegram whatsapp facebook instagram youtube tiktok twitter x truth social signal reddit
    linkedin substack google apple amazon microsoft meta netflix spotify uber tesla nvidia
    nato kremlin pentagon congress parliament senate bundestag duma rada knesset downing street
    white house capitol hill wall street eu un unesco unicef who imf opec""".split()
)
NON_PERSON_PHRASES = frozenset(
    {
        "al jazeera",
        "sky news",
        "truth social",
        "downing street",
        "white house",
        "capitol hill",
        "wall street",
        "ria novosti",
        "associated press",
        "agence france-presse",
        "new york times",
        "washington post",
        "wall street journal",
        "financial times",
        "the guardian",
        "der spiegel",
        "le monde",
        "fox news",
        "abc news",
        "cbs news",
        "nbc news",
        "kyiv independent",
    }
)
# last words that make a span an organisation, facility or event, whoever tagged it
STRONG_ORG_WORDS = frozenset(
    """inc corp corporation ltd llc plc gmbh ag group council ministry department university
    college institute foundation fund agency office plant brigade army navy corps forces force
    bank association union committee commission federation league party network airlines
    airways motors administration assembly parliament senate airport station stadium arena
    hospital school museum police service services board authority cathedral mosque church
    summit conference talks treaty act times news post journal tribune herald gazette
    press media radio television channel studios holdings partners technologies systems
    pharmaceuticals index exchange fc cup championship games olympics award prize oblast region
    province republic kingdom state states nations islands island mountains river sea ocean lake
    street avenue road square bridge tower palace building hotel books publishers boulevard drive
    highway expressway motorway freeway parkway library centre center gardens
    publishing records entertainment labs capital ventures petroleum company club united city
    rovers wanderers athletic society enterprises industries brands foods stores range ranges
    mountain valley desert glacier peninsula bay gulf canal dam""".split()
)
# a lowercase word right after a name that makes it a geographic feature or an area
# ("the Hindu Kush ranges", "the Ravi, Sutlej and Chenab rivers")
_GEO_AFTER = re.compile(
    rf"^(?:(?:,|,?\s+and|,?\s+&)\s+[{UPPER}][\w'’\-]*(?:\s+[{UPPER}][\w'’\-]*)*)*\s+(?:rivers?|ranges?|"
    r"mountains?|valleys?|lakes?|deserts?|glaciers?|peninsulas?|islands?|canals?|dams?|basins?|"
    r"plains|plateaus?|hills|straits?|bays?|gulfs?|coasts?|provinces?|count(?:y|ies)|districts?|"
    r"regions?|oblasts?|prefectures?|municipalit(?:y|ies)|volcano(?:es)?|falls|creek|estuary)\b"
)
# lowercase nouns whose head makes a "role" an organisation type ("state-run oil company Petrobras")
_ORG_ROLE_HEADS = frozenset(
    """company companies firm group giant maker manufacturer producer carrier retailer brand bank
    lender insurer operator chain outlet newspaper broadcaster network club team side party agency
    organisation organization charity body regulator utility conglomerate startup start-up
    exchange fund airline publisher label studio platform app website service""".split()
)
_SENT_START_STOP = frozenset(
    """the a an in on at for from to by with as after before when while if but and or so then
    this that these those it its his her their our my your we they he she i you there here
    meanwhile however also still yet now today yesterday tomorrow despite though although
    according asked speaking like unlike under over during since until among between amid
    both all some many most several few other another each every no not only just even
    earlier later last next new former""".split()
)
_SPEECH_AFTER = re.compile(
    r"^(?:,\s+(?:the|a|an|who|whose|his|her|its|their|[a-z][\w\-]*(?:['’]s)?)\b|\s+(?:said|says|told|"
    r"tells|added|adds|wrote|writes|explained|noted|argued|warned|insisted|declared|stated|"
    r"announced|confirmed|denied|according)\b)"
)
_ORG_PREP_BEFORE = re.compile(
    r"\b(?:at|for|of|from|by|with|in|on|into|against|to)\s+(?:the\s+)?$", re.I
)
# title words that are also ordinary words: they do not outweigh a place name
_WEAK_TITLES = frozenset(
    "General Major Private Justice Officer Coach Speaker Father Sister Brother Marshal "
    "Commander Inspector Detective Captain Lieutenant Minister Secretary".split()
)
# first words of named storms, ships, buildings ... that the model tags PERSON
_NON_PERSON_HEADS = frozenset(
    "hurricane storm typhoon cyclone tropical tornado operation project "
    "camp fort mount lake cape saint st. st san santa hms uss "
    "co co. mt mt. ft ft. pt pt. dept dept. rd rd. ave ave. mts mts.".split()
)
_ROLE_BEFORE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|forward|striker|midfielder|defender|goalkeeper|winger|"
    r"quarterback|pitcher|coach|manager|captain|envoy|adviser|advisor|aide|minister|president|"
    r"chairman|chairwoman|ceo|founder|singer|rapper|actor|actress|director|author|artist|player|"
    r"leader|chief|negotiator|officer|lawyer|attorney|analyst|economist)\s+$"
)
_PRONOUNS_M = frozenset({"he", "him", "his", "himself"})
_PRONOUNS_F = frozenset({"she", "her", "hers", "herself"})


class _Article:
    """The body, its Doc and lookup tables built once."""

    def __init__(self, body: str, doc, places: list[PlaceEntity] | None, exclude: list[str] | None):
        self.body = body
        self.doc = doc
        from spacy.attrs import IDX, LENGTH

        # token offsets from one array (no spaCy Token objects: they are slow to create)
        idx_len = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        self.tok_start = {idx: i for i, (idx, _) in enumerate(idx_len)}
        self.tok_end = {idx + n: i for i, (idx, n) in enumerate(idx_len)}
        self.credit = credits.credit_ranges(body)
        self.names_only = credits.names_only_lines(body)
        self.headline_lines = _headline_lines(body)
        self.place_names = _place_names(places)
        self.exclude = [e for e in (exclude or []) if e and e.strip()]
        labels: dict[str, Counter] = defaultdict(Counter)
        for ent in doc.ents:
            labels[_norm(_strip_possessive(ent.text))][ent.label_] += 1
        self.labels = labels
        self._gazetteer = _gazetteer()
        self.extra_titles: set[str] = (
            set()
        )  # office words learned here ("Taoiseach Micheál Martin")
        self.loose_runs: list[
            tuple[int, str]
        ] = []  # "Brewster Kahle": unknown first name, untagged

    def title_before(self, start: int) -> tuple[str, int | None]:
        """The title chain right before ``start`` (known titles, then titles learned in this article)."""
        title, ts = _title_before(self.body, start)
        if title or not self.extra_titles:
            return title, ts
        m = re.search(r"([^\W\d_][\w'’\-]*)[ \t]+$", self.body[max(0, start - 40) : start])
        if m and m.group(1) in self.extra_titles:
            return m.group(0), start - len(m.group(0))
        return "", None

    def is_title(self, title: str) -> bool:
        return bool(title) and (pn.title_info(title)[1] or title.split()[-1] in self.extra_titles)

    def label_at(self, start: int, end: int) -> str:
        i = self.tok_start.get(start)
        if i is None:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            return span[0].ent_type_ if span is not None and len(span) else ""
        return self.doc[i].ent_type_

    def in_credit(self, start: int, end: int) -> bool:
        return credits.inside(self.credit, start, end) or credits.inside(
            self.names_only, start, end
        )

    def is_place(self, text: str) -> bool:
        key = _norm(text)
        if key in self.place_names:
            return True
        if self._gazetteer is not None:
            try:
                if self._gazetteer(text):
                    return True
            except Exception:  # another helper's module: never let it break people finding
                pass
        votes = self.labels.get(key, Counter())
        return votes["GPE"] + votes["LOC"] + votes["FAC"] > votes["PERSON"]

    def is_known_place(self, text: str) -> bool:
        """A place by the article's places or the gazetteer (not by entity labels)."""
        if _norm(text) in self.place_names:
            return True
        try:
            return bool(self._gazetteer and self._gazetteer(text))
        except Exception:
            return False

    def is_norp(self, text: str) -> bool:
        votes = self.labels.get(_norm(text), Counter())
        return votes["NORP"] > votes["PERSON"]


_THE_RE = re.compile(r"^the\s+")
_NORM_PUNCT_RE = re.compile(r"[^\w\s'\-]")


@functools.lru_cache(maxsize=1 << 16)
def _norm(s: str) -> str:
    s = s.replace("’", "'").lower()
    s = _THE_RE.sub("", s.strip())
    return " ".join(_NORM_PUNCT_RE.sub(" ", s).split())


def _strip_possessive(s: str) -> str:
    return pn.POSSESSIVE_RE.sub("", s.strip())


def _place_names(places: list[PlaceEntity] | None) -> set[str]:
    out: set[str] = set()
    for p in places or []:
        for n in [p.name, *p.aliases, *(m.text for m in p.mentions)]:
            if n:
                out.add(_norm(_strip_possessive(n)))
    return out


def _gazetteer():
    try:
        from archive.extract.places.gazetteer import (
            is_place_name,
        )  # another helper's module; may not exist yet
    except Exception:
        return None
    return is_place_name


def _headline_lines(body: str) -> list[tuple[int, int]]:
    """Short lines in Title Case without closing punctuation (headlines, menu items)."""
    out = []
    for m in re.finditer(r"[^\n]+", body):
        line = m.group(0).strip()
        words = re.findall(r"[^\W\d_][\w'’\-]*", line)
        if not words or len(words) > 14 or line[-1:] in '.?!"”:':
            continue
        caps = sum(w[0].isupper() for w in words)
        if caps / len(words) >= 0.6:
            out.append(m.span())
    return out


# ---------------------------------------------------------------------------------------------
# 1. candidates
# ---------------------------------------------------------------------------------------------
_TITLE_CHAIN_START_RE = re.compile(rf"^(?:{pn.TITLE_CHAIN})")
_CUT_RE = re.compile(r"[\n/|(]")
_LEAD_RE = re.compile(r"^\W+")
_INITIAL_END_RE = re.compile(r"\b(?:[A-Z]|Jr|Sr)\.$")
_TRAIL_RE = re.compile(r"(?:['’]s?|[\s,.;:!?\"“”)\]—–-])+$")
_FIRST_WORD_RE = re.compile(r"^(\S+)\s+")


def _trim_candidate(art: _Article, start: int, text: str) -> tuple[int, str, str]:
    """Cut a raw span to a bare name: returns (start, bare text, title chain inside the span)."""
    cut = _CUT_RE.search(text)
    if cut:
        text = text[: cut.start()]
    lead = _LEAD_RE.match(text)
    if lead:
        start += lead.end()
        text = text[lead.end() :]
    title = ""
    m = _TITLE_CHAIN_START_RE.match(text + " ")
    if m and m.end() <= len(text):
        title = text[: m.end()]
        start += m.end()
        text = text[m.end() :]
    if not _INITIAL_END_RE.search(text):
        text = _TRAIL_RE.sub("", text)
    text = text.rstrip()
    # drop sentence-initial function words ("Then Zelensky", "The Kremlin")
    while True:
        w = _FIRST_WORD_RE.match(text)
        if not w or w.group(1).lower() not in _SENT_START_STOP:
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
            and pn.is_name_word(words[0])
            and not pn.is_initial(words[0])
            and words[0].lower() not in pn.PARTICLES
            and pn.is_english_word(words[0])
            and not pn.is_first_name(words[0])
            and pn.is_clear_first_name(words[1])
            and not art.is_place(words[0])
        ):
            art.extra_titles.add(words[0])
            cut = _FIRST_WORD_RE.match(text)
            title = cut.group(0)
            start += cut.end()
            text = text[cut.end() :]
    return start, text, title


def _shape_ok(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 6:
        return False
    if words[0].lower() in _NON_PERSON_HEADS or text.lower().rstrip(".") in pn.SUFFIXES:
        return False
    if not pn.is_name_word(words[0]) or not pn.is_name_word(words[-1]):
        return False
    if pn.is_initial(words[-1]):
        return False
    for w in words[1:-1]:
        if not (pn.is_name_word(w) or w.lower() in pn.PARTICLES):
            return False
    if all(pn.is_title_word(w) for w in words) or pn.is_title_word(text):
        return False
    return True


def _is_org_like(text: str, strong_only: bool) -> bool:
    n = _norm(text)
    if n in NON_PERSON_PHRASES or n in NON_PERSON_NAMES:
        return True
    last = n.split()[-1] if n else ""
    if last in STRONG_ORG_WORDS and (len(n.split()) > 1 or not strong_only):
        return True
    return False


def _person_context(body: str, start: int, end: int, doc, tok_start: dict[int, int]) -> bool:
    after = body[end : end + 40]
    after = re.sub(r"^['’]s?", "", after)
    if _SPEECH_AFTER.match(after):
        return True
    i = tok_start.get(start)
    if i is not None and i > 0:
        prev = doc[i - 1]
        if prev.pos_ == "NOUN" and prev.text[:1].islower():
            return True
        # appositive after a role: "Kyiv's chief negotiator, Rustem Umerov"
        if (
            prev.text == ","
            and i > 1
            and doc[i - 2].pos_ == "NOUN"
            and doc[i - 2].text[:1].islower()
        ):
            return True
        # coordinated with a person: "Prince Harry and Meghan Markle"
        if prev.lower_ == "and" and i > 1 and doc[i - 2].ent_type_ == "PERSON":
            return True
    return False


def _title_before(body: str, start: int) -> tuple[str, int | None]:
    m = pn.TITLE_BEFORE_RE.search(body, max(0, start - 48), start)
    if not m or "\n" in m.group(1):
        return "", None
    return m.group(1), m.start(1)


@dataclass
class _Cand:
    start: int
    text: str
    label: str
    titled: bool
    appos: bool = False  # a role in apposition or right before: checked when found


def _candidates(art: _Article) -> list[_Cand]:
    body, doc = art.body, art.doc
    out: list[_Cand] = []
    covered: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ not in (
            "PERSON",
            "ORG",
            "GPE",
            "NORP",
            "LOC",
            "FAC",
            "PRODUCT",
            "WORK_OF_ART",
        ):
            continue
        covered.append((ent.start_char, ent.end_char))
        lead = re.sub(r"^[Tt]he\s+", "", ent.text).split()
        if ent.label_ != "PERSON" and any(
            art.is_known_place(" ".join(lead[:k])) for k in (2, 3) if k < len(lead)
        ):
            continue  # named after a place: "the New York Knicks", "Hong Kong Jockey Club"
        start, text, title = _trim_candidate(art, ent.start_char, ent.text)
        if not title:
            title, _ = art.title_before(start)
        out.append(_Cand(start, text, ent.label_, bool(title)))
    # names after a title or honorific, whatever spaCy made of them
    for m in pn.TITLE_START_RE.finditer(body):
        if "\n" in m.group(0):
            continue
        run = NAME_RUN_RE.match(body, m.end())
        if run:
            start, text, _ = _trim_candidate(art, run.start(), run.group(0))
            out.append(_Cand(start, text, art.label_at(start, start + len(text)), True))
    person_spans = _person_spans(doc)
    # runs of capitalised words, trimmed once for the two loops below (trimming only ever adds
    # the same learned titles, so doing it up front changes nothing)
    runs = [
        (run.span(), _trim_candidate(art, run.start(), run.group(0)))
        for run in NAME_RUN_RE.finditer(body)
    ]
    # a name the model split or mislabelled ("Yurii"/GPE "Ostapenko"/GPE) with a person's role in
    # apposition: "Yurii Ostapenko, an energy analyst at ...", "retired bank manager K Venkatesh,"
    # a surname given an age or a role somewhere ("Adeyemi-Clarke, 22,") vouches for the full name
    vouched = {
        text
        for _, (start, text, title) in runs
        if len(text.split()) == 1
        and (
            _AGE_AFTER.match(body, start + len(text))
            or _APPOS_ROLE_AFTER.match(body, start + len(text))
        )
    }
    for _, (start, text, title) in runs:
        words = text.split()
        end = start + len(text)
        if (
            not 2 <= len(words) <= 4
            or title
            or "\n" in text
            or any(a <= start and end <= b for a, b in person_spans)
        ):
            continue
        if not (
            _APPOS_ROLE_AFTER.match(body, end)
            or _AGE_AFTER.match(body, end)
            or words[-1] in vouched
            or _ROLE_BEFORE.search(body, max(0, start - 40), start)
            or _ROLE_NP_BEFORE.search(body, max(0, start - 140), start)
        ):
            continue
        if (
            _all_dictionary_words([w for w in words if not pn.is_initial(w)] or words)
            or art.is_known_place(text)
            or any(art.is_known_place(w) for w in words)
            or _is_org_like(text, strong_only=False)
            or credits.inside(art.headline_lines, start, end)
            or _the_before(art, start, end)
        ):
            continue
        out.append(_Cand(start, text, art.label_at(start, end), True, appos=True))
    # untagged "Firstname Lastname" in a person context
    person_ents = set(person_spans)
    covered_ends = [b for _, b in covered]  # entities do not overlap: sorted by start and by end
    for (run_start, run_end), (start, text, title) in runs:
        # skip spans spaCy tagged, but not a longer name around a PERSON entity ("Brewster [Kahle]")
        if _overlaps_tagged(covered, covered_ends, person_ents, run_start, run_end):
            continue
        words = text.split()
        if len(words) < 2:
            continue
        if title:
            if title.split()[-1] in art.extra_titles:  # known titles: see the loop above
                out.append(_Cand(start, text, "", True))
            continue
        if pn.is_first_name(words[0]):
            if _person_context(
                body, start, start + len(text), doc, art.tok_start
            ) or _fallback_name(art, start, text):
                out.append(_Cand(start, text, "", False))
        else:
            art.loose_runs.append((start, text))
    return out


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


def _person_spans(doc) -> list[tuple[int, int]]:
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]


# nouns of a person's office, job or relation, for roles in apposition
_ROLE_NOUNS = (
    r"(?:analyst|economist|head|chief|director|spokes(?:man|woman|person)|minister|secretary|president|"
    r"chairman|chairwoman|chair|founder|professor|researcher|scientist|lawyer|attorney|prosecutor|judge|"
    r"manager|owner|resident|mother|father|son|daughter|wife|husband|widow|farmer|teacher|student|nurse|"
    r"doctor|officer|commissioner|adviser|advisor|aide|executive|ceo|coach|captain|leader|member|mayor|"
    r"governor|senator|lawmaker|official|campaigner|activist|expert|editor|ambassador|envoy|general|"
    r"colonel|inspector|superintendent|councillor|councilor|worker|driver|operator|organiser|organizer)s?"
)
# ", an energy analyst at", ", head of the", ", the secretary of": a person's role in apposition
_APPOS_ROLE_AFTER = re.compile(
    r",[ \t]+(?:(?:a|an|the|his|her|its|their)[ \t]+)?(?:[\w’'.-]+[ \t]+){0,4}?"
    + _ROLE_NOUNS
    + r"(?=[ \t]+(?:at|of|for|with|in|from|on)\b|[ \t]*[,.;]|[ \t]+(?:said|says|told))"
)
# "Sandra Whitfield, 58, who ...": an age in apposition
_AGE_AFTER = re.compile(r"(?:['’]s?)?,[ \t]+\d{1,3}[ \t]*,")
# "a former director in the Federal Ministry of Humanitarian Affairs, Chukwuemeka Obi"
_ROLE_NP_BEFORE = re.compile(
    r"\b(?:a|an|the|its|his|her|their)[ \t]+(?:[\w’'-]+[ \t]+){0,3}?"
    + _ROLE_NOUNS
    + r"\b[^.;:\"“”\n]{0,90},[ \t]*$"
)


def _the_before(art: _Article, start: int, end: int) -> bool:
    """ "the Red Cross said", "the Ravi": a name headed by "the" (not "the Kevin Keegan era")."""
    if not re.search(r"(?<![\w])[Tt]he[ \t]+$", art.body[max(0, start - 5) : start]):
        return False
    j = art.tok_end.get(end)
    i = j + 1 if j is not None else None
    if i is not None and i < len(art.doc):
        nxt = art.doc[i]
        if nxt.text[:1].islower() and nxt.pos_ in ("NOUN", "ADJ", "PROPN"):
            return False  # the name is a modifier of a noun
    return True


def _all_dictionary_words(words: list[str]) -> bool:
    """Two or more words, each a dictionary word, none a clear first name: "Penguin Random House"."""
    return (
        len(words) >= 2
        and bool(pn.english_words())
        and all(pn.is_english_word(w) and not pn.is_clear_first_name(w) for w in words)
        and not all(pn.is_first_name(w) for w in words)
    )


def _fallback_name(art: _Article, start: int, text: str, label: str = "") -> bool:
    """ "Firstname Surname" that spaCy missed or tagged ORG ("dispossessed by Sandro Tonali").

    Only a clear first name (mostly one sex) and a surname that is no dictionary word, no first
    place, and no first name either when spaCy tagged it ORG ("Morgan Stanley"); not after "at",
    not before an organisation word ("Foundation", "airport").
    """
    if not pn.english_words():
        return False
    end = start + len(text)
    words = [w for w in text.split() if not pn.is_initial(w)]
    given, sur = pn.given_names(" ".join(words)), pn.surname(" ".join(words))
    if len(given) != 1 or not sur or not pn.is_clear_first_name(given[0]):
        return False
    last = sur.split()[-1]
    if (
        pn.is_english_word(last)
        or (label == "ORG" and pn.is_first_name(last))
        or pn.is_title_word(last)
        or not pn.is_name_word(last)
    ):
        return False
    if any(art.is_place(x) or art.is_norp(x) for x in (given[0], last, text)):
        return False
    if credits.inside(art.headline_lines, start, end) or art.in_credit(start, end):
        return False
    if re.search(r"\bat\s+$", art.body[max(0, start - 6) : start]):
        return False
    nxt = re.match(r"^\s+([a-z]+)", art.body[end : end + 30])
    if nxt and nxt.group(1) in STRONG_ORG_WORDS | {"airport", "line", "centre", "center", "trophy"}:
        return False
    return True


def _accept(art: _Article, cand: _Cand) -> bool:
    text, start = cand.text, cand.start
    end = start + len(text)
    if not _shape_ok(text) or art.in_credit(start, end):
        return False
    words = text.split()
    first_known = len(words) >= 2 and pn.is_first_name(words[0])
    honorific = strong_title = False
    if cand.titled:
        title, _ = art.title_before(start)
        honorific = bool(title) and not art.is_title(title)
        # "Pope Leo" (Leo is also a town); but "General Kherson" proves nothing
        strong_title = (
            bool(title)
            and title.split()[-1].rstrip(".") not in _WEAK_TITLES
            and title.split()[-1] not in art.extra_titles
        )
    if _is_org_like(text, strong_only=cand.label == "PERSON" or honorific):
        return False
    if cand.appos:
        return True
    # a clear first name and a surname: a place only by the gazetteer, not by the model's label
    placeish = (
        art.is_known_place(text)
        if len(words) >= 2 and pn.is_clear_first_name(words[0])
        else art.is_place(text)
    )
    if not strong_title and (placeish or art.is_norp(text)):
        return False
    if cand.titled:
        return True
    if _GEO_AFTER.match(art.body[end : end + 80]) or _the_before(art, start, end):
        return False  # "the Hindu Kush ranges", "The Red Cross said"
    if _all_dictionary_words(words):
        return False  # "Penguin Random House", "Hindu Kush"
    in_headline = credits.inside(art.headline_lines, start, end)
    if len(words) == 1 and _ROLE_BEFORE.search(art.body, max(0, start - 30), start):
        return cand.label != "NORP"  # "Brazil forward Neymar", "spokesman Peskov"
    if cand.label == "PERSON":
        if len(words) == 1:
            return True  # weak: kept only with a title or a role somewhere (see _drop_unsupported)
        return first_known or not in_headline
    if cand.label in ("ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"):
        # "Rustem Umerov, the secretary ..." tagged ORG; but "analysts at Morgan Stanley said"
        if (
            first_known
            and not _ORG_PREP_BEFORE.search(art.body, max(0, start - 12), start)
            and _person_context(art.body, start, end, art.doc, art.tok_start)
        ):
            return True
        return cand.label != "NORP" and _fallback_name(art, start, text, cand.label)
    return first_known  # untagged run already checked for a person context or the fallback


# ---------------------------------------------------------------------------------------------
# 2. mentions of every accepted form, anywhere in the body
# ---------------------------------------------------------------------------------------------
def _scan(art: _Article, forms: set[str], surnames: frozenset[str] = frozenset()) -> list[Mention]:
    body = art.body
    alts = sorted(forms, key=len, reverse=True)
    if not alts:
        return []
    rx = re.compile(
        r"(?<![\w\-'’])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w\-]|['’][^\Ws])"
    )
    out: list[Mention] = []
    for m in rx.finditer(body):
        start, end, text = m.start(), m.end(), m.group(0)
        if art.in_credit(start, end):
            continue
        single = len(text.split()) == 1
        if pn.is_title_word(text) and re.match(rf"[ \t]+[{UPPER}]", body[end : end + 2]):
            continue  # "King Charles": the surname "King" used as a title
        title, title_start = art.title_before(start)
        label = art.label_at(start, end)
        if single and not title:
            prev = re.search(r"([^\s]+)[ \t]+$", body[max(0, start - 40) : start])
            if prev:
                pw = prev.group(1)
                p_start = start - len(prev.group(0))
                sentence_start = (
                    p_start == 0
                    or re.search(r"(?:[.!?\"“”]\s*|\n\s*)$", body[:p_start]) is not None
                )
                if (
                    pn.is_name_word(pw)
                    and not pn.is_title_word(pw)
                    and not sentence_start
                    and not pw.endswith(".")
                ):
                    plabel = art.label_at(p_start, p_start + len(pw))
                    if plabel in ("", "PERSON"):
                        continue  # part of another name ("Dustin Johnson" when scanning "Johnson")
            i = art.tok_end.get(end)  # the last token of the name ("Adeyemi-Clarke" is three)
            if i is None:
                i = art.tok_start.get(start)
            if i is not None and i + 1 < len(art.doc):
                nxt = art.doc[i + 1]
                if nxt.ent_iob_ == "I" and nxt.ent_type_ not in ("PERSON", ""):
                    continue  # inside an organisation name ("Trump Organization")
            # the surname of a person named in full is a place only when the article's places have
            # it, not by the model's votes ("Andreou said ..." tagged GPE; "Carlisle said")
            if label != "PERSON" and (
                _norm(text) in art.place_names if text in surnames else art.is_place(text)
            ):
                continue
        out.append(Mention(start, end, text, title, title_start, label))
    return out


# ---------------------------------------------------------------------------------------------
# 4. roles, gender
# ---------------------------------------------------------------------------------------------
def _roles(art: _Article, p: Person) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for m in p.mentions:
        ts, te = art.tok_start.get(m.start), art.tok_end.get(m.end)
        if ts is None or te is None:
            continue
        title_tok = art.tok_start.get(m.title_start) if m.title_start is not None else None
        is_role = art.is_title(m.title)
        for r in roles_at(
            art.body, art.doc, ts, te + 1, m.title if is_role else "", title_tok, is_role
        ):
            k = r.lower()
            if k not in seen and _norm(r) != _norm(m.text):
                seen.add(k)
                out.append(r)
    return out


def _gender(art: _Article, p: Person, by_sentence: dict[int, set[int]], pid: int) -> str | None:
    g = gender_of_titles(p)
    clear = {pn.first_name_gender(pn.given_names(f)[0]) for f in p.full_forms if pn.given_names(f)}
    clear &= {"m", "f"}
    if g and len(clear) == 1 and g not in clear:
        return clear.pop()  # "Graeme Doyle" is no "Ms Doyle": the title belongs to a namesake
    if g:
        return g
    counts = Counter()
    sents = art.sents
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
            if low in _PRONOUNS_M:
                counts["m"] += 1
            elif low in _PRONOUNS_F:
                counts["f"] += 1
    if counts["m"] and not counts["f"]:
        return "m"
    if counts["f"] and not counts["m"]:
        return "f"
    if not counts:
        for f in p.full_forms:
            fg = pn.first_name_gender(pn.given_names(f)[0])
            if fg in ("m", "f"):
                return fg
    return None


def _org_role(role: str) -> bool:
    """ "oil company", "state-run lender": a description of an organisation, not of a person."""
    head = re.split(r"\s+(?:of|at|for|with|in|from|on)\s+", role.strip(), maxsplit=1)[0].split()
    return bool(head) and head[-1].lower() in _ORG_ROLE_HEADS


def _drop_unsupported(art: _Article, people: list[Person], roles: list[list[str]]) -> list[int]:
    keep = []
    for i, p in enumerate(people):
        if not p.mentions:
            continue
        if p.full_forms or any(m.title for m in p.mentions) or roles[i]:
            keep.append(i)
    return keep


def _drop_excluded(art: _Article, people: list[Person]) -> None:
    """Authors and photographers: drop their mentions in bio/credit-like lines."""
    if not art.exclude:
        return
    keys = {
        (pn.fold_word((pn.given_names(e) or [""])[0]), pn.fold_word(pn.surname(e).replace(" ", "")))
        for e in art.exclude
    }
    sur_keys = {s for _, s in keys}
    lines = [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", art.body)]
    edge = lines[:3] + lines[-5:]  # bylines and bios sit at the top or the bottom
    for p in people:
        if p.sur_key not in sur_keys:
            continue
        if p.full_forms and not any((pn.fold_word(p.first_key), p.sur_key) == k for k in keys):
            continue
        kept = []
        for m in p.mentions:
            ls = art.body.rfind("\n", 0, m.start) + 1
            le = art.body.find("\n", m.end)
            line = art.body[ls : le if le >= 0 else len(art.body)]
            bio = (
                line.strip().startswith(m.text)
                and len(line.split()) <= 30
                and not re.search(r"[\"“”]", line)
                and any(a <= m.start < b for a, b in edge)
            )
            if not bio:
                kept.append(m)
        p.mentions = kept


def find_people(
    body: str, doc, places: list[PlaceEntity] | None = None, exclude: list[str] | None = None
) -> list[PersonEntity]:
    """People the article talks about, in order of first mention (see the module docstring)."""
    if not body.strip():
        return []
    art = _Article(body, doc, places, exclude)
    forms: set[str] = set()
    rejected: list[_Cand] = []
    for cand in _candidates(art):
        if _accept(art, cand):
            forms.add(cand.text)
        else:
            rejected.append(cand)
    # document consistency: "Rustem Umerov" tagged ORG once, "Umerov" tagged PERSON elsewhere
    # "Brewster Kahle, who founded ...", "Kahle said": a run ending in an accepted one-word name
    # joins it when its first word is a first name or a word that is no dictionary word
    loose = [(c.start, c.text, c.label) for c in rejected] + [(s, t, "") for s, t in art.loose_runs]
    for start, text, label in loose:
        words = text.split()
        if not (len(words) >= 2 and label != "NORP" and words[-1] in forms and _shape_ok(text)):
            continue
        if not (
            pn.is_first_name(words[0])
            or (
                len(words) == 2
                and label in ("", "PERSON")
                and pn.english_words()
                and not pn.is_english_word(words[0])
                and not pn.is_english_word(words[-1])
                and words[0] not in forms
                and not art.is_place(words[0])
                and not art.is_norp(words[0])
                and not pn.is_title_word(words[0])
            )
        ):
            continue
        end = start + len(text)
        if (
            not art.in_credit(start, end)
            and not credits.inside(art.headline_lines, start, end)
            and not _is_org_like(text, strong_only=False)
            and not art.is_place(text)
            and not _the_before(art, start, end)
        ):
            forms.add(text)
    scan_forms = set(forms)
    surnames = set()
    for f in forms:
        if pn.is_full_name(f):
            surnames.add(pn.surname(f))
            scan_forms.add(pn.surname(f))
            scan_forms.add(pn.without_middle_initials(f))
    scan_forms = {
        f
        for f in scan_forms
        if f and len(f) > 1 and not (pn.is_title_word(f) and f not in surnames)
    }
    mentions = _scan(art, scan_forms, frozenset(surnames))
    people = cluster(mentions)
    _drop_excluded(art, people)
    roles = [[r for r in _roles(art, p) if not _org_role(r)] for p in people]
    keep = _drop_unsupported(art, people, roles)
    art.sents = list(doc.sents)
    sent_starts = [s.start_char for s in art.sents]
    by_sentence: dict[int, set[int]] = defaultdict(set)
    for i in keep:
        for m in people[i].mentions:
            by_sentence[bisect.bisect_right(sent_starts, m.start) - 1].add(i)
    out: list[PersonEntity] = []
    for i in sorted(keep, key=lambda i: people[i].mentions[0].start):
        p = people[i]
        out.append(
            PersonEntity(
                name=canonical(p),
                aliases=aliases(p),
                roles=roles[i],
                mentions=[Span(m.start, m.end, m.text) for m in p.mentions],
                gender=_gender(art, p, by_sentence, i),
            )
        )
    return out
