"""Geographic places in an article body: find mentions, resolve them against the gazetteer, merge
them into one :class:`PlaceEntity` per place.

Mentions come from (1) spaCy GPE/LOC/FAC entities when a Doc is given, resolved with the gazetteer,
and (2) a dictionary scan of capitalised token runs against the well-known names of the gazetteer
(countries, first-level regions, cities >= 50,000, curated places), which also catches places spaCy
mis-tags as PERSON/ORG ("Kyiv", "Crimea") and all-caps datelines ("GENEVA —"). A place name inside
a longer name (an outlet "The Moscow Times", a person "Denzel Washington", "Kyiv Independent") is
not a mention. "X region/oblast/province" mentions are the region X.

Ambiguous names are resolved by the gazetteer's default order (country > first-level region >
city by population, news defaults such as Washington -> Washington, D.C.) unless the article gives
context: a city of that region, another region of that country, "Paris, Texas", "Donetsk region".
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from archive.extract.places import gazetteer
from archive.extract.places.gazetteer import Candidate, name_key
from archive.records import PlaceEntity, Span

_UPPER = "".join(chr(c) for c in range(0x250) if chr(c).isupper())
# a capitalised word or an abbreviation ("U.S."), not preceded by a letter
_CAP = re.compile(rf"(?<![^\W\d_])(?:[A-Z]\.(?:[A-Za-z]\.)+|[{_UPPER}][^\W\d_]*)")
# the next word of a name; what may stand between: spaces, a hyphen, an apostrophe, ", " before "D.C."
_NEXT = re.compile(r"(?:[ \t]*[-'’]?[ \t]*|,[ \t])((?:[A-Za-z]\.){2,}|[^\W\d_]+)")
_PREV = re.compile(r"([^\W\d_]+)[ -]$")
_FUNCTION_WORDS = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "From",
    "To",
    "Of",
    "For",
    "By",
    "With",
    "And",
    "But",
    "Or",
    "As",
    "After",
    "Before",
    "While",
    "When",
    "Since",
    "Until",
    "Across",
    "Inside",
    "Outside",
    "Near",
    "Both",
    "Between",
    "Against",
    "Over",
    "Under",
    "Into",
    "Like",
    "If",
    "Meanwhile",
    "Then",
    "Why",
    "How",
    "What",
    "Where",
    "Who",
    "This",
    "That",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "Mr",
    "Ms",
    "Mrs",
}
MISTAG_MIN_POPULATION = 500_000
SMALL_OVERRIDE_MAX_POPULATION = 1_000_000  # a bigger city keeps its name against a local small town
IMPLICIT_OVERRIDE_MAX_POPULATION = 100_000  # ... when the region is implied only by other cities
_LOCATIVE = re.compile(
    r"\b(?:in|at|from|to|near|around|outside|across|into|towards?|through|via|with|between|and|downtown|suburban)\s+$",
    re.I,
)
# "the cities of Sialkot, Narowal and Kasur"
_LIST_OF_PLACES = re.compile(
    r"\b(?:cities|towns|villages|city|town|village|provinces|states|districts|regions|countries) of "
    r"(?:[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?, )*(?:[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?,? and )?$"
)
# "Carna, a fishing village", "Reno, a small town just west of Paris"
_APPOSITIVE = re.compile(
    r",[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:town|city|village|hamlet|suburb|community|municipality"
    r"|county|port|capital|island|borough|township)\b"
)
_PLURAL_REGION = re.compile(
    r"[ \t]+(prefectures|provinces|regions|states|oblasts|counties|districts)\b"
)
_REGION_OF = re.compile(
    r"\b(?:region|province|oblast|state|county|prefecture|district) of (?:the )?$"
)
# locatives that also introduce companies and people ("sold to Toyota", "talks with Ford")
_WEAK_LOCATIVE = re.compile(r"\bto\s+$", re.I)
_BLOCKING_LABELS = {
    "ORG",
    "PERSON",
    "WORK_OF_ART",
    "EVENT",
    "PRODUCT",
    "LAW",
    "NORP",
    "FAC",
    "LANGUAGE",
}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


_key = functools.lru_cache(maxsize=1 << 16)(name_key)


class _Mention:
    __slots__ = (
        "start",
        "end",
        "text",
        "cands",
        "hint",
        "chosen",
        "weak",
        "ctx",
        "alias",
        "support",
    )

    def __init__(
        self, start: int, end: int, text: str, cands: list[Candidate], hint: str | None = None
    ):
        self.start, self.end, self.text, self.cands, self.hint = start, end, text, cands, hint
        self.chosen: Candidate | None = None
        self.weak = (
            False  # a small town / county / unknown name: kept only when the article supports it
        )
        self.ctx = (
            False  # a synthetic place (feature, facility) whose country comes from the article
        )
        self.alias: str | None = None  # an extra surface form ("Sutlej" of "Sutlej river")
        self.support = False  # weak mention with a locative or a qualifier ("in X", "X, Texas")


def find_places(body: str, doc=None) -> list[PlaceEntity]:
    """Places mentioned in ``body`` (``doc``: the spaCy Doc of body, or None to use the gazetteer
    scan alone). Offsets of every mention Span index ``body``."""
    g = gazetteer.load()
    mentions: list[_Mention] = []
    covered: list[tuple[int, int]] = []  # char ranges already taken or blocked
    blocked: list[tuple[int, int]] = []
    ner_place: list[tuple[int, int]] = []
    _features(body, g, mentions)
    _plural_regions(body, g, mentions)
    if doc is not None:
        _from_entities(body, doc, g, mentions, blocked, ner_place)
    covered = [(m.start, m.end) for m in mentions]
    _scan(body, g, mentions, covered, blocked, ner_place, doc)
    _small_places(body, g, mentions, blocked, doc)
    mentions.sort(key=lambda m: m.start)
    _resolve(mentions, body, g)
    mentions = _finish(mentions, body, g)
    return _merge(mentions)


# ---------------------------------------------------------------------------- mention finding
def _strip_ent(text: str, start: int) -> tuple[str, int]:
    """Drop a leading "the " and a trailing possessive/punctuation from an entity span."""
    if text[:4].lower() == "the ":
        text, start = text[4:], start + 4
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    text = text.rstrip(" \n\t,;:")
    return text, start


def _overlaps(mentions, start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def _from_entities(body, doc, g, mentions, blocked, ner_place) -> None:
    pre = list(mentions)  # features found by pattern win over entities
    for ent in doc.ents:
        label = ent.label_
        if label not in _PLACE_LABELS and label not in _BLOCKING_LABELS:
            continue
        text, start = _strip_ent(ent.text, ent.start_char)
        if pre and _overlaps(pre, ent.start_char, ent.end_char):
            continue
        if mentions and mentions[-1].end > ent.start_char and mentions[-1].start < ent.end_char:
            continue  # inside a longer name taken from an earlier entity ("Jammu and Kashmir")
        if not text or "\n" in text:
            if label in _BLOCKING_LABELS:
                blocked.append((ent.start_char, ent.end_char))
            continue
        end = start + len(text)
        if label in _PLACE_LABELS:
            ner_place.append((start, end))
            if label == "GPE" and (parts := _split_pair(text, start, g)):
                mentions.extend(parts)  # "Abuja and Lagos": two places, one entity
                continue
            if _in_org_name(body, start, end):
                blocked.append((ent.start_char, ent.end_char))
                continue
            longer = _longest_at(body, start, g)
            if longer and longer[0] > end and "\n" not in body[start : longer[0]]:
                end, cands = longer
                text = body[start:end]
            else:
                cands = g.lookup(text, small=False)
            if (
                cands
                and label != "FAC"
                and (
                    name_key(text) not in g.not_place_words
                    or (label == "GPE" and _tagged_place_often(doc, text, body, start))
                )
            ):
                hint = "region" if name_key(text).split()[-1] in g.region_words else None
                suffix = None if hint else _region_suffix(body, end, cands, g)
                if suffix:
                    (cands, end), hint = suffix, "region"
                m = _Mention(start, end, body[start:end], cands, hint)
                m.hint = hint or _city_suffix(body, end, m)
                mentions.append(m)
            elif label == "FAC":
                if _facility_context(body, start, text):
                    mentions.append(
                        _synthetic(start, end, body, _clean_name(text), "other", "facility")
                    )
                else:
                    blocked.append((ent.start_char, ent.end_char))
            elif not cands and _unknown_ok(text):
                if label == "LOC":
                    kind = "other" if _feature_word(text) else "region"
                    mentions.append(_synthetic(start, end, body, _clean_name(text), kind, "loc"))
                else:  # GPE the big gazetteer lacks: a small town or county, if the article supports it
                    small = g.lookup(text, small=True)
                    m = _Mention(
                        start,
                        end,
                        text,
                        small or [_synthetic_cand(_clean_name(text), "city", "gpe")],
                    )
                    m.weak, m.ctx = True, not small
                    m.support = bool(
                        _LOCATIVE.search(body[max(0, start - 12) : start])
                    ) or _qualifier_after(body, end, g)
                    mentions.append(m)
        elif label in _BLOCKING_LABELS and not _mistagged_place(
            text, g, body[max(0, start - 60) : start], label
        ):
            blocked.append((ent.start_char, ent.end_char))


def _split_pair(text: str, start: int, g) -> list[_Mention] | None:
    """Mentions of "A and B" / "A, B and C" when the whole is no place name ("Trinidad and
    Tobago" is) and every part is one."""
    if " and " not in text or g.lookup(text, small=False):
        return None
    out = []
    for m in re.finditer(
        r"(?:(?<=^)|(?<=,\s)|(?<=\sand\s))(?!and\s)[^,]+?(?=,?\s+and\s|,\s|$)", text
    ):
        part = m.group(0)
        offset = start + m.start()
        cands = g.lookup(part, small=False)
        if not cands or name_key(part) in g.not_place_words:
            return None
        out.append(_Mention(offset, offset + len(part), part, cands))
    return out if len(out) >= 2 else None


def _tagged_place_often(doc, text: str, body: str, start: int) -> bool:
    """A word that is also a name or an English word ("Phoenix", "Victoria", "Nice") is the place
    when the model tags it GPE at least twice in the article, or once after a locative ("in")."""
    if not text[:1].isupper():
        return False
    if _LOCATIVE.search(body[max(0, start - 12) : start]):
        return True
    return _gpe_counts(doc)[text] >= 2


def _gpe_counts(doc) -> Counter:
    """How often each text is tagged GPE in ``doc`` (computed once per document)."""
    counts = doc.user_data.get("archive_gpe_counts")
    if counts is None:
        counts = Counter(e.text for e in doc.ents if e.label_ == "GPE")
        doc.user_data["archive_gpe_counts"] = counts
    return counts


# ---------------------------------------------------------------------------- synthetic places
_FEATURE_HEADS = {
    "river",
    "lake",
    "mountains",
    "mountain",
    "range",
    "hills",
    "valley",
    "desert",
    "island",
    "islands",
    "sea",
    "ocean",
    "bay",
    "gulf",
    "strait",
    "peninsula",
    "harbour",
    "harbor",
    "canal",
    "glacier",
    "falls",
    "plateau",
    "basin",
    "delta",
    "reservoir",
    "creek",
    "trail",
    "volcano",
    "reef",
    "lagoon",
    "fjord",
    "archipelago",
}
_LOWER_HEADS = {
    "river",
    "harbour",
    "harbor",
    "valley",
    "delta",
    "basin",
    "glacier",
    "mountains",
    "desert",
    "volcano",
}
_HEAD_RE = re.compile(
    r"(?<![\w'’-])("
    + "|".join(
        sorted({h.capitalize() for h in _FEATURE_HEADS} | _LOWER_HEADS, key=len, reverse=True)
    )
    + r")(?![\w'’-])"
)
_W = r"[A-Z][\w'’-]*"
_RUN_BEFORE = re.compile(rf"((?:{_W} ){{1,3}})$")
_PREFIX_RE = re.compile(
    rf"(?<![\w'’-])(Mount|Mt\.|Lake|River|Bay of|Gulf of|Sea of|Strait of|Straits of|Isle of|Cape)[ ]({_W}(?:[ -]{_W}){{0,2}})"
)
_MEMBER = rf"{_W}(?:[ -]{_W}){{0,2}}"
_PLURAL_RE = re.compile(
    rf"(?<![\w'’-])({_MEMBER}(?:, {_MEMBER})*,? (?:and|or) {_MEMBER}) ([Rr]ivers|[Rr]anges|[Mm]ountains)(?![\w-])"
)
_LIST_RE = re.compile(rf"\b[Tt]he ({_MEMBER}(?:, {_MEMBER})*,? (?:and|or) {_MEMBER})(?![\w'’-])")
_MEMBER_SPLIT = re.compile(r",? (?:and|or) |, ")


_PLURAL_REGIONS = re.compile(
    rf"(?<![\w'’-])({_MEMBER}(?:, {_MEMBER})*,? and {_MEMBER}) (oblasts|regions|provinces|states|prefectures|counties)\b"
)


def _plural_regions(body: str, g, mentions: list) -> None:
    """ "Kursk and Bryansk oblasts", "Kharkiv and Sumy regions": each member is a region."""
    for p in _PLURAL_REGIONS.finditer(body):
        members = []
        pos = p.start(1)
        for part in _MEMBER_SPLIT.split(p.group(1)):
            at = body.index(part, pos)
            pos = at + len(part)
            regions = [c for c in g.lookup(f"{part} region", small=False) if c.kind == "region"]
            if not regions:
                members = []
                break
            own = g.lookup(part, small=False)
            cands = own if any(c.kind == "region" for c in own) else regions
            members.append(
                _Mention(
                    at,
                    at + len(part),
                    part,
                    [c for c in cands if c.kind == "region"],
                    "plural-region",
                )
            )
        if not any(_overlaps(mentions, m.start, m.end) for m in members):
            mentions.extend(members)


_RE_MENTION_HEADS = {"river", "rivers", "range", "ranges", "mountains"}
_ORG_BEFORE = re.compile(
    r"\b(?:University|College|Bank|District|Diocese|Archdiocese|Duke|Duchess|Earl|Prince|Princess|Museum|Institute"
    r"|Academy|Court|Federal Reserve Bank|Church)\s+of\s+(?:the\s+)?$"
)
_ORG_HEADS = {
    "board",
    "college",
    "university",
    "commission",
    "authority",
    "department",
    "office",
    "court",
    "judge",
    "attorney",
    "attorneys",
    "ministry",
    "agency",
    "bureau",
    "police",
    "transit",
    "army",
    "navy",
    "corps",
    "institute",
    "foundation",
    "society",
    "association",
    "federation",
    "committee",
    "company",
    "corporation",
    "inc",
    "ltd",
    "llc",
    "bank",
    "hospital",
    "school",
    "academy",
    "party",
    "fc",
    "club",
    "airlines",
    "airways",
    "exchange",
    "council",
    "senate",
    "legislature",
    "prosecutor",
    "prosecutors",
    "sheriff",
    "network",
    "holdings",
    "museum",
    "orchestra",
    "clinic",
    "utilities",
    "federal",
    "credit",
    "chamber",
    "league",
    "united",
    "rovers",
    "athletic",
    "water",
    "energy",
    "electric",
    "electricity",
    "gas",
    "rail",
    "railways",
    "telecom",
}
_ORG_TOKEN = re.compile(r"(?:[ \t]|['’]s[ \t])([A-Za-z&][\w&'’.-]*)")
_ORG_CONNECT = {"of", "and", "for", "on", "&", "de"}
_FAC_BEFORE = re.compile(r"\b(?:in|at|inside|outside|near|to|from|into|on)\s+(?:the\s+)?$", re.I)
_METONYMS = {
    "white house",
    "kremlin",
    "pentagon",
    "downing street",
    "elysee",
    "elysee palace",
    "capitol",
    "capitol hill",
    "blue house",
    "quai d orsay",
    "foggy bottom",
    "number 10",
    "no 10",
    "whitehall",
}
_DEMONYM = re.compile(r"(?:ian|ians|ese|ish|ean|eans|an|ans)$")
_QUAL_AFTER = re.compile(r",[ \t]+((?:[A-Z][\w.'’-]*)(?:[ \t][A-Z][\w.'’-]*){0,2})")
_COUNTY_RE = re.compile(
    rf"(?<![\w'’-])(?:((?:{_W} ){{1,2}})(County|Parish|District|district|county|Prefecture|prefecture)"
    rf"|(County|Co\.?) ({_W}))(?![\w-])"
)
_SMALL_TOKEN = re.compile(rf"(?<![\w'’.-])({_W})(?![\w'’-])")


def _synthetic_cand(name: str, kind: str, tag: str) -> Candidate:
    return Candidate(
        kind, name, None, None, None, f"{tag}:{name_key(name).replace(' ', '-')}", 0, None, 0
    )


def _synthetic(
    start: int, end: int, body: str, name: str, kind: str, tag: str = "place"
) -> _Mention:
    m = _Mention(start, end, body[start:end], [_synthetic_cand(name, kind, "place")])
    m.ctx = True
    return m


def _clean_name(text: str) -> str:
    text = text.strip()
    if text[:4].lower() == "the ":
        text = text[4:]
    return text


def _feature_word(text: str) -> bool:
    return any(w in _FEATURE_HEADS for w in name_key(text).split())


def _unknown_ok(text: str) -> bool:
    """An entity span the gazetteer does not know may still be a place: not an acronym, a
    demonym ("Ukrainian"), a function word or a number."""
    if len(text) < 3 or not text[0].isupper() or text.isupper() or any(ch.isdigit() for ch in text):
        return False
    words = text.split()
    if words[0] in _FUNCTION_WORDS:
        return False
    if any(
        w in ("with", "and", "from", "to", "near", "after", "before", "in", "on") for w in words[1:]
    ):
        return False  # a span run over two names ("the Netherlands with Duisburg"): the scan finds them
    return not (
        len(words) == 1 and _DEMONYM.search(text) and text.endswith(("ian", "ians", "ese", "ish"))
    )


def _in_org_name(body: str, start: int, end: int) -> bool:
    """A place name inside an organisation name: "University of Michigan", "Southern District of
    Ohio", "Nova Scotia Community College", "Texas Water Development Board", "FBI's Cincinnati
    field office", "U.S. District Judge"."""
    if _ORG_BEFORE.search(body, max(0, start - 40), start):
        return True
    pos, n = end, 0
    while n < 6:
        m = _ORG_TOKEN.match(body, pos)
        if not m:
            return False
        w = m.group(1)
        low = w.lower().rstrip(".")
        if w[0].islower():
            if low == "field" and body.startswith(" office", m.end()):
                return True
            if low not in _ORG_CONNECT:
                return False
        elif low in _ORG_HEADS:
            return True
        pos, n = m.end(), n + 1
    return False


def _facility_context(body: str, start: int, text: str) -> bool:
    """A named building or landmark used as a location ("at Paris City Hall"), not a seat of
    government standing for its occupants ("the White House said")."""
    key = name_key(_clean_name(text))
    if key in _METONYMS or not key or len(key) < 4:
        return False
    return (
        bool(_FAC_BEFORE.search(body, max(0, start - 16), start))
        and text[0].isupper()
        or (
            text[:4].lower() == "the "
            and bool(_FAC_BEFORE.search(body, max(0, start - 12), start + 4))
        )
    )


def _qualifier_after(body: str, end: int, g) -> bool:
    m = _QUAL_AFTER.match(body, end)
    if not m:
        return False
    words = m.group(1).split()
    for w in range(len(words), 0, -1):
        cands = g.lookup(" ".join(words[:w]), small=False)
        if cands and cands[0].kind in ("region", "country"):
            return True
    return False


def _qualifier(body: str, end: int, g) -> Candidate | None:
    m = _QUAL_AFTER.match(body, end)
    if not m:
        return None
    words = m.group(1).split()
    for w in range(len(words), 0, -1):
        text = " ".join(words[:w]).rstrip(".")
        cands = g.lookup(text, small=False) if gazetteer.is_place_name(text) else []
        if cands and cands[0].kind in ("region", "country"):
            return cands[0]
    return None


def _features(body: str, g, mentions: list) -> None:
    """Physical features by their generic word: "Sutlej river", "the Amazon River", "Pat Mayse
    Lake", "Mount Fuji", "Bay of Bengal", "the Karakoram and Hindu Kush ranges"; then later bare
    mentions of a river or range ("the Ravi") and lists with one ("the Tawi and Sutlej")."""
    found: list[tuple[int, int, str, str | None]] = []  # start, end, canonical name, base name
    for h in _HEAD_RE.finditer(body):
        hs, he = h.span()
        head = h.group(1)
        run = _RUN_BEFORE.search(body, max(0, hs - 60), hs)
        if not run:
            continue
        words = run.group(1).split()
        while words and (
            words[0] in _FUNCTION_WORDS
            or words[0].lower() in g.not_place_words
            and len(words) > 1
            and words[0].lower()
            not in (
                "north",
                "south",
                "east",
                "west",
                "red",
                "black",
                "dead",
                "upper",
                "lower",
                "great",
                "little",
                "new",
                "old",
            )
        ):
            words = words[1:]
        k = max((i for i, w in enumerate(words) if w.endswith(("'s", "’s"))), default=-1)
        words = words[k + 1 :]
        if not words or words[0] in _FUNCTION_WORDS:
            continue
        base = " ".join(words)
        start = hs - len(base) - 1
        if body[start:hs] != base + " ":
            continue
        canon = f"{base} {head.capitalize()}" if head.islower() else f"{base} {head}"
        found.append((start, he, canon, base if head.lower() in _RE_MENTION_HEADS else None))
    for p in _PREFIX_RE.finditer(body):
        name = p.group(2)
        canon = ("Mount" if p.group(1) == "Mt." else p.group(1)) + " " + name
        found.append((p.start(), p.end(), canon, name if p.group(1) == "River" else None))
    plural: list[tuple[int, int, str, str | None]] = []
    for p in _PLURAL_RE.finditer(body):
        generic = p.group(2).lower()
        pos = p.start(1)
        for member in _MEMBER_SPLIT.split(p.group(1)):
            at = body.index(member, pos)
            pos = at + len(member)
            words = member.split()
            while words and words[0] in _FUNCTION_WORDS:
                words = words[1:]
            if not words:
                continue
            name = " ".join(words)
            at = body.index(name, at)
            canon = f"{name} River" if generic == "rivers" else name
            plural.append((at, at + len(name), canon, name))
    taken: list[tuple[int, int]] = []
    bases: dict[str, str] = {}
    for start, end, canon, base in sorted(plural + found, key=lambda f: f[0] - f[1]):
        if any(a < end and start < b for a, b in taken) or _in_org_name(body, start, end):
            continue
        known = g.lookup(canon, small=False) if name_key(canon) in g.prominent else []
        if not known and name_key(body[start:end]) in g.prominent:
            known = g.lookup(body[start:end], small=False)
        taken.append((start, end))
        if known:
            mentions.append(_Mention(start, end, body[start:end], known))
            continue
        kind = "other"
        m = _synthetic(start, end, body, canon, kind)
        if base and base != body[start:end]:
            m.alias = base
        mentions.append(m)
        if base and name_key(base) not in g.prominent:
            bases[base] = canon
    if not bases:
        return
    # lists with a known river: "on the Tawi and Sutlej"
    for lst in _LIST_RE.finditer(body):
        members = _MEMBER_SPLIT.split(lst.group(1))
        known = [bases[m] for m in members if m in bases]
        if not known:
            continue
        generic = known[0].rsplit(" ", 1)[-1] if known[0].endswith(" River") else None
        for mname in members:
            if (
                mname not in bases
                and name_key(mname) not in g.prominent
                and name_key(mname) not in g.not_place_words
            ):
                bases[mname] = f"{mname} {generic}" if generic else mname
    for base, canon in bases.items():
        for r in re.finditer(rf"(?<![\w'’-]){re.escape(base)}(?![\w'’-])", body):
            s0, e0 = r.span()
            if any(a < e0 and s0 < b for a, b in taken):
                continue
            before = body[max(0, s0 - 60) : s0]
            if not re.search(rf"\b[Tt]he (?:{_MEMBER}(?:, | and | or ))*$", before):
                continue
            taken.append((s0, e0))
            mentions.append(_synthetic(s0, e0, body, canon, "other"))


def _small_places(body: str, g, mentions: list, blocked: list, doc) -> None:
    """Towns under the scanning threshold and counties: "Franklin County", "Co Galway",
    "Sandusky, Ohio", "near Sandusky" — kept by :func:`_resolve` only when the article supports
    them (a region or country of theirs is mentioned)."""
    own = _mask(
        len(body), [(m.start, m.end) for m in mentions]
    )  # the explicit "County" outweighs a PERSON tag
    new: list[_Mention] = []
    for c in _COUNTY_RE.finditer(body):
        if own[c.start()] or own[c.end() - 1]:
            continue
        if c.group(1):
            words = c.group(1).split()
            while words and words[0] in _FUNCTION_WORDS:
                words = words[1:]
            if not words or all(_key(w) in g.not_place_words for w in words):
                continue  # "Southern District of Ohio"
            name = " ".join(words)
            start = c.start(2) - len(name) - 1
            query = f"{name} {c.group(2)}"
        else:
            start, name = c.start(), c.group(4)
            query = f"County {name}"
        end = c.end()
        if _in_org_name(body, start, end):
            continue
        cands = g.lookup(query, small=False)
        if cands and cands[0].level <= 1:
            m = _Mention(
                start,
                end,
                body[start:end],
                [x for x in cands if x.kind == "region"] or cands,
                "region",
            )
        else:
            cands = [x for x in g.lookup(query, small=True) if x.kind == "region"]
            if not cands:
                continue
            m = _Mention(start, end, body[start:end], cands)
            m.weak = m.support = True
        new.append(m)
        own[start:end] = b"\x01" * (end - start)
    taken = _mask(len(body), [(m.start, m.end) for m in mentions + new] + blocked)
    # single-word PERSON/ORG entities may still be towns when the text says so ("Reno, a small town")
    lone: set[int] = set()
    persons: set[str] = set()
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                persons.update(t.text for t in ent)
        lone = {
            ent.start_char
            for ent in doc.ents
            if ent.label_ in ("PERSON", "ORG")
            and len(ent) == 1
            and not own[ent.start_char]
            and ent.text not in persons
        }
    propn = None
    if doc is not None:
        from spacy.attrs import IDX, POS
        from spacy.symbols import PROPN

        arr = doc.to_array([IDX, POS])
        propn = set(arr[arr[:, 1] == PROPN, 0].tolist())
    for t in _SMALL_TOKEN.finditer(body):
        s0, e0 = t.span()
        if t.group(1).isupper() or t.group(1) in _FUNCTION_WORDS:
            continue
        if propn is not None and s0 not in propn:
            continue
        if (taken[s0] or taken[e0 - 1]) and s0 not in lone:
            continue
        if any(m.start <= s0 < m.end for m in new):
            continue
        qual = _qualifier(body, e0, g)
        appos = bool(_APPOSITIVE.match(body, e0))
        loc = bool(_LOCATIVE.search(body, max(0, s0 - 12), s0))
        if not qual and not loc and not appos:
            continue
        if s0 in lone and (
            taken[s0]
            and not qual
            and not appos
            and _WEAK_LOCATIVE.search(body, max(0, s0 - 12), s0)
        ):
            continue
        key = _key(t.group(1))
        if key in g.not_place_words or len(key) < 3:
            continue
        cands = [x for x in g.candidates(key, small=True) if x.kind == "city"]
        if qual is not None:
            cands = [
                x
                for x in cands
                if x.region_id == qual.gazetteer_id
                or (qual.kind == "country" and x.country_code == qual.country_code)
            ]
        if not cands or _in_org_name(body, s0, e0):
            continue
        m = _Mention(s0, e0, t.group(1), cands)
        m.weak, m.support = True, qual is not None or appos
        new.append(m)
    mentions.extend(new)


def _finish(mentions: list, body: str, g) -> list:
    """Drop weak mentions the article does not support; give synthetic places the country of a
    place inside their name ("Halifax harbour") or the article's one dominant country."""
    out = [m for m in mentions if m.chosen is not None]
    if not any(m.ctx for m in out):
        return out
    weights: Counter[str] = Counter()
    by_key: dict[str, Candidate] = {}
    for m in out:
        if not m.ctx and m.chosen.country_code:
            weights[m.chosen.country_code] += 1
            by_key.setdefault(name_key(m.text), m.chosen)
    total = sum(weights.values())
    dominant = None
    if total >= 2:
        cc, n = weights.most_common(1)[0]
        if n / total >= 0.75:
            dominant = cc
    for m in out:
        if not m.ctx or m.chosen.country_code:
            continue
        words = name_key(m.chosen.name).split()
        cc = None
        for w in range(len(words) - 1, 0, -1):
            for i in range(0, len(words) - w + 1):
                key = " ".join(words[i : i + w])
                if key in _FEATURE_HEADS or key in ("of", "the"):
                    continue
                c = by_key.get(key)
                if c is None and key in g.prominent and key not in g.not_place_words:
                    c = g.candidates(key, small=False)[0]
                if c is not None and c.country_code and c.kind != "other":
                    cc = c.country_code
                    break
            if cc:
                break
        cc = cc or dominant
        if cc:
            m.chosen = m.chosen._replace(country_code=cc)
        elif m.weak:
            m.chosen = None
    return [m for m in out if m.chosen is not None]


def _mistagged_place(text: str, g, before: str, label: str = "PERSON") -> bool:
    """A PERSON/ORG entity that is really a well-known place ("Kyiv", "Crimea", "around
    Shrewsbury"), not a company or person named after a town ("shares of Toyota", "customers
    to Toyota": a locative word alone does not make an ORG a place)."""
    if not gazetteer.is_place_name(text):
        return False
    c = g.lookup(text, small=False)[0]
    if c.level <= 1 or c.population >= MISTAG_MIN_POPULATION or _LIST_OF_PLACES.search(before):
        return True
    before = before[-12:]
    return bool(_LOCATIVE.search(before)) and not (label == "ORG" and _WEAK_LOCATIVE.search(before))


def _region_suffix(body: str, end: int, cands: list[Candidate], g):
    """ "Donetsk| region": (region candidates, new end) when a region word follows, else None."""
    nxt = _NEXT.match(body, end)
    if nxt and nxt.group(1).lower() in g.region_words and "," not in body[end : nxt.start(1)]:
        regions = [c for c in cands if c.kind == "region"]
        if regions:
            return regions, nxt.end()
    return None


def _longest_at(body: str, start: int, g):
    """(end, candidates) of the longest well-known name starting at ``start`` ("Jammu and
    Kashmir" where spaCy tagged "Jammu"), or None."""
    m = _CAP.match(body, start)
    if not m:
        return None
    t0, e0 = m.group(), m.end()
    k0 = _key(t0)
    if g.scan_len.get(k0, 0) < 2:
        return None
    got = _longest_prominent(body, e0, k0, t0, g, min_words=2)
    return (got[0], g.candidates(got[2], small=False)) if got else None


def _longest_prominent(body: str, e0: int, k0: str, t0: str, g, min_words: int = 1):
    """(end, words, key) of the longest prominent place name that starts with the word ``t0``
    ending at ``e0`` and runs over the next words (as far as the gazetteer's longest name with
    that first word), ending on a capitalised word; None when there is none."""
    parts = [(e0, k0, t0)]
    pos = e0
    while len(parts) < g.scan_len.get(k0, 0):
        nxt = _NEXT.match(body, pos)
        if not nxt:
            break
        pos = nxt.end()
        parts.append((pos, _key(nxt.group(1)), nxt.group(1)))
    for w in range(len(parts), min_words - 1, -1):
        last = parts[w - 1]
        if not last[2][0].isupper():
            continue
        key = " ".join(p[1] for p in parts[:w])
        if key in g.prominent:
            return last[0], [p[2] for p in parts[:w]], key
    return None


_CITY_AFTER = re.compile(r"[ \t]+city\b")


def _city_suffix(body: str, end: int, m) -> str | None:
    """ "Galway city": the city reading of a name that is also a region."""
    if _CITY_AFTER.match(body, end):
        cities = [c for c in m.cands if c.kind == "city"]
        if cities and len(cities) < len(m.cands):
            m.cands = cities
            return "city"
    return None


def _mask(length: int, ranges: list[tuple[int, int]]) -> bytearray:
    m = bytearray(length + 1)
    for a, b in ranges:
        m[a:b] = b"\x01" * (b - a)
    return m


def _scan(body, g, mentions, covered, blocked, ner_place, doc) -> None:
    taken = _mask(len(body), covered + blocked)
    tagged = _mask(len(body), ner_place)
    propn = None
    if doc is not None:
        from spacy.attrs import IDX, POS
        from spacy.symbols import PROPN

        arr = doc.to_array([IDX, POS])
        propn = set(arr[arr[:, 1] == PROPN, 0].tolist())
    resume = 0
    for m in _CAP.finditer(body):
        s0, e0 = m.span()
        if s0 < resume or taken[s0]:
            continue
        t0 = m.group()
        cands = g.acronyms.get(t0.replace(".", "")) if t0.isupper() else None
        end, words = e0, [t0]
        if not cands:
            k0 = _key(t0)
            if not g.scan_len.get(k0, 0):
                continue
            # extend over the following tokens while a longer name is possible
            got = _longest_prominent(body, e0, k0, t0, g)
            if not got:
                continue
            end, words, key = got
            cands = g.candidates(key, small=False)
            if not cands:
                continue
        resume = end
        if taken[end - 1] or not _plausible(body, s0, end, words, cands, g, doc, propn, tagged):
            continue
        if body[end : end + 1] == "$" or _in_org_name(
            body, s0, end
        ):  # "US$30 billion", "Texas Water Board"
            continue
        hint = None
        suffix = _region_suffix(body, end, cands, g)
        if suffix:
            (cands, end), hint = suffix, "region"
            resume = end
        m = _Mention(s0, end, body[s0:end], cands, hint)
        m.hint = hint or _city_suffix(body, end, m)
        mentions.append(m)


def _plausible(body, start, end, words, cands, g, doc, propn, tagged) -> bool:
    """Reject matches that are part of a longer proper name, or common words."""
    is_tagged = bool(tagged[start])
    single = len(words) == 1
    key = name_key(body[start:end])
    if single and key in g.not_place_words and not is_tagged:
        return False
    # followed by an outlet/organisation word: "Moscow Times", "Kyiv Independent", "Geneva Convention"
    nxt = _NEXT.match(body, end)
    if (
        nxt
        and nxt.group(1)[0].isupper()
        and "-" not in body[end : nxt.start(1)]
        and "," not in body[end : nxt.start(1)]
    ):
        word = nxt.group(1)
        if word.lower() in g.outlet_words:
            return False
        if doc is None and not is_tagged and not _is_place_word(word, g):
            return False
    # preceded by a capitalised word of the same name: "Denzel Washington", "Real Madrid"
    if not is_tagged:
        prv = _PREV.search(body, max(0, start - 40), start)
        if prv and prv.group(1)[0].isupper() and prv.group(1) not in _FUNCTION_WORDS:
            if not _is_place_word(prv.group(1), g):
                return False
    if doc is not None and single and not is_tagged and cands[0].level != 0 and start not in propn:
        # a city or region found by scanning alone must at least be tagged as a proper noun
        return False
    return True


def _is_place_word(word: str, g) -> bool:
    return bool(g.acronym(word)) or _key(word) in g.scan_len


# ---------------------------------------------------------------------------- resolution
def _resolve(mentions: list[_Mention], body: str, g) -> None:
    # "Paris, Texas" / "Kyiv, Ukraine": a qualifier right after a name narrows it
    for a, b in zip(mentions, mentions[1:]):
        if body[a.end : b.start] == ", " and b.cands and b.cands[0].kind in ("region", "country"):
            q = b.cands[0]
            fit = [
                c
                for c in a.cands
                if (q.kind == "country" and c.country_code == q.country_code)
                or (q.kind == "region" and c.region_id == q.gazetteer_id)
            ]
            if fit:
                a.cands = fit
    # "Pakistan's Punjab": a country in the possessive narrows the next name to that country
    for a, b in zip(mentions, mentions[1:]):
        if (
            body[a.end : b.start] in ("'s ", "’s ")
            and a.cands[0].kind == "country"
            and len(b.cands) > 1
        ):
            fit = [c for c in b.cands if c.country_code == a.cands[0].country_code]
            if fit:
                b.cands = fit
    # "Yamanashi and Shizuoka prefectures", "the eastern region of Donetsk": regions
    for k, m in enumerate(mentions):
        plural = _PLURAL_REGION.match(body, m.end)
        if plural or _REGION_OF.search(body, max(0, m.start - 40), m.start):
            group = [m]
            j = k - 1
            while (
                plural
                and j >= 0
                and body[mentions[j].end : group[-1].start] in (", ", " and ", ", and ", " or ")
            ):
                group.append(mentions[j])
                j -= 1
            for x in group:
                regs = [c for c in x.cands if c.kind == "region"]
                if regs and len(regs) < len(x.cands):
                    x.cands, x.hint = regs, x.hint or "plural-region"
    # "Donetsk region" anywhere makes every bare "Donetsk" the region, "Galway city" the city
    region_by_key = {}
    for m in mentions:
        if m.hint == "region" and not m.weak:
            words = name_key(m.text).split()
            base = (
                " ".join(words[:-1])
                if words[-1] in g.region_words
                else (" ".join(words[1:]) if words[0] in ("county", "co") else "")
            )
            if base:
                region_by_key[base] = m.cands[0].gazetteer_id
        elif m.hint in ("city", "plural-region"):
            region_by_key[name_key(m.text)] = m.cands[0].gazetteer_id
    for m in mentions:
        rid = region_by_key.get(name_key(m.text))
        if rid:
            fit = [c for c in m.cands if c.gazetteer_id == rid]
            if fit:
                m.cands = fit
    # context from the unambiguous mentions
    countries: Counter[str] = Counter()
    regions: set[str] = set()
    admin1_countries: Counter[str] = Counter()
    ambiguous = set()
    for k, m in enumerate(mentions):
        if m.weak:
            continue
        top = m.cands[0]
        if top.level == 0 and any(
            c.kind == "region" and c.level == 1 and c.country_code != top.country_code
            for c in m.cands[1:]
        ):
            ambiguous.add(k)  # "Georgia": the country or the US state
            continue
        if len(m.cands) == 1 or top.level == 0 or m.hint:
            c = m.cands[0]
            m.chosen = c
            if c.country_code:
                countries[c.country_code] += 1
            if c.kind == "region" and c.level == 1:
                regions.add(c.gazetteer_id)
                admin1_countries[c.country_code] += 1
            if c.region_id:
                regions.add(c.region_id)
    for k, m in enumerate(mentions):
        if m.chosen is None and not m.weak:
            m.chosen = _choose(m.cands, countries, regions, admin1_countries)
    # the regions of the chosen cities count too ("Halifax" makes "Woodside" the Nova Scotia one)
    chosen = {m.chosen for m in mentions if m.chosen is not None and m.chosen.region_id}
    region_count = Counter(c.region_id for c in chosen)  # distinct places per region
    explicit = {
        m.chosen.gazetteer_id
        for m in mentions
        if m.chosen is not None and m.chosen.kind == "region"
    }
    for m in mentions:
        top = m.chosen
        if (
            top is None
            or m.weak
            or top.kind != "city"
            or top.population >= SMALL_OVERRIDE_MAX_POPULATION
        ):
            continue
        near = set(explicit)
        if (
            top.population < IMPLICIT_OVERRIDE_MAX_POPULATION
        ):  # other cities' regions: weaker evidence
            near |= {r for r, n in region_count.items() if n > (1 if r == top.region_id else 0)}
        if top.region_id in near:
            continue
        # "Reno, a small town just west of Paris" in an article about Texas
        local = [
            c
            for c in g.candidates(name_key(m.text), small=True)
            if c.kind == "city" and c.region_id in near
        ]
        if local:
            m.chosen = local[0]
    regions = regions | set(region_count)
    # weak mentions (small towns, counties, unknown names) need support from the article
    for m in mentions:
        if not m.weak:
            continue
        if m.ctx:  # a name no gazetteer knows: kept after a locative or before a qualifier
            m.chosen = m.cands[0] if m.support else None
            continue
        strong = [c for c in m.cands if c.region_id in regions or c.gazetteer_id in regions]
        if strong:
            m.chosen = strong[0]
        elif m.support:
            fit = [c for c in m.cands if c.country_code in countries]
            if fit:
                m.chosen = fit[0]
            elif (
                m.cands[0].kind == "city"
            ):  # "in Carna" where the gazetteer knows only a namesake abroad
                m.chosen, m.ctx = _synthetic_cand(m.text, "city", "place"), True


def _choose(cands, countries, regions, admin1_countries) -> Candidate:
    strong = [
        c
        for c in cands
        if (c.kind == "city" and c.region_id in regions)
        or (c.kind == "region" and c.gazetteer_id in regions)
    ]
    if strong:
        return strong[0]
    siblings = [
        c
        for c in cands
        if c.kind == "region" and c.level == 1 and admin1_countries.get(c.country_code, 0) > 0
    ]
    if siblings and cands[0].level == 0 and cands[0].country_code not in countries:
        return siblings[0]
    top = cands[0]
    if top.kind != "city":
        return top
    # cities: population, tripled when the article mentions the city's country
    return max(
        (c for c in cands if c.kind == "city"),
        key=lambda c: c.population * (3 if c.country_code in countries else 1),
    )


# ---------------------------------------------------------------------------- merging
def _merge(mentions: list[_Mention]) -> list[PlaceEntity]:
    out: dict[str, PlaceEntity] = {}
    for m in mentions:
        c = m.chosen or m.cands[0]
        ent = out.get(c.gazetteer_id)
        if ent is None:
            ent = out[c.gazetteer_id] = PlaceEntity(
                name=c.name,
                kind=c.kind,
                country_code=c.country_code,
                latitude=c.lat,
                longitude=c.lon,
                gazetteer_id=c.gazetteer_id,
            )
        if m.text not in ent.aliases:
            ent.aliases.append(m.text)
        if m.alias and m.alias not in ent.aliases:
            ent.aliases.append(m.alias)
        ent.mentions.append(Span(m.start, m.end, m.text))
    return list(out.values())
