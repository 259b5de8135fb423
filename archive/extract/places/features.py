"""Physical features named by their generic word ("Sutlej river", "Mount Fuji", "the Karakoram
and Hindu Kush ranges") and their later bare mentions ("the Ravi"), and plural regions ("Kursk
and Bryansk oblasts"). Found by pattern before the entity and gazetteer scans, which they win
over."""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.extract.places.context import in_org_name
from archive.extract.places.gazetteer import Gazetteer, name_key
from archive.extract.places.lexicon import (
    FEATURE_HEADS,
    FEATURE_MODIFIERS,
    FUNCTION_WORDS,
    LOCAL_FEATURE_HEADS,
    LOWER_HEADS,
    RE_MENTION_HEADS,
)
from archive.extract.places.mention import Mention, overlaps, synthetic
from archive.kinds import PlaceKind

_HEAD_RE = re.compile(
    r"(?<![\w'’-])("
    + "|".join(sorted({h.capitalize() for h in FEATURE_HEADS} | LOWER_HEADS, key=len, reverse=True))
    + r")(?![\w'’-])"
)
_W = r"[A-Z][\w'’-]*"
_RUN_BEFORE = re.compile(rf"((?:{_W} ){{1,3}})$")
_PREFIX_RE = re.compile(
    r"(?<![\w'’-])(Mount|Mt\.|Lake|River|Bay of|Gulf of|Sea of|Strait of|Straits of|Isle of|Cape)"
    rf"[ ]({_W}(?:[ -]{_W}){{0,2}})"
)
_MEMBER = rf"{_W}(?:[ -]{_W}){{0,2}}"
_PLURAL_RE = re.compile(
    rf"(?<![\w'’-])({_MEMBER}(?:, {_MEMBER})*,? (?:and|or) {_MEMBER}) "
    r"([Rr]ivers|[Rr]anges|[Mm]ountains)(?![\w-])"
)
_LIST_RE = re.compile(rf"\b[Tt]he ({_MEMBER}(?:, {_MEMBER})*,? (?:and|or) {_MEMBER})(?![\w'’-])")
_MEMBER_SPLIT = re.compile(r",? (?:and|or) |, ")
_LIST_BEFORE = re.compile(rf"\b[Tt]he (?:{_MEMBER}(?:, | and | or ))*$")
_PLURAL_REGIONS = re.compile(
    rf"(?<![\w'’-])({_MEMBER}(?:, {_MEMBER})*,? and {_MEMBER}) "
    r"(oblasts|regions|provinces|states|prefectures|counties)\b"
)


@dataclass(frozen=True)
class _Feature:
    """A feature name found by pattern: its span, canonical name and the bare name later
    mentions may use (rivers and ranges: "Sutlej" of "Sutlej river"), if any."""

    start: int
    end: int
    canon: str
    base: str | None


def features(body: str, g: Gazetteer, mentions: list[Mention]) -> None:
    """Physical features by their generic word: "Sutlej river", "the Amazon River", "Pat Mayse
    Lake", "Mount Fuji", "Bay of Bengal", "the Karakoram and Hindu Kush ranges"; then later bare
    mentions of a river or range ("the Ravi") and lists with one ("the Tawi and Sutlej")."""
    found = _headed(body, g) + _prefixed(body)
    taken: list[tuple[int, int]] = []
    bases: dict[str, str] = {}
    for f in sorted(_plural(body) + found, key=lambda f: f.start - f.end):
        start, end, canon, base = f.start, f.end, f.canon, f.base
        if any(a < end and start < b for a, b in taken) or in_org_name(body, start, end):
            continue
        known = g.lookup(canon, small=False) if name_key(canon) in g.prominent else []
        if not known and name_key(body[start:end]) in g.prominent:
            known = g.lookup(body[start:end], small=False)
        taken.append((start, end))
        if known:
            mentions.append(Mention(start, end, body[start:end], known))
            continue
        m = synthetic(start, end, body, canon, PlaceKind.OTHER)
        if canon.split()[-1].lower() in LOCAL_FEATURE_HEADS:
            m.hint = "landmark"
        if base and base != body[start:end]:
            m.alias = base
        mentions.append(m)
        if base and name_key(base) not in g.prominent:
            bases[base] = canon
    if bases:
        _listed(body, g, bases)
        _re_mentions(body, bases, taken, mentions)


def _headed(body: str, g: Gazetteer) -> list[_Feature]:
    """Names before a generic word: "Sutlej river", "the Amazon River", "Pat Mayse Lake"."""
    out: list[_Feature] = []
    for h in _HEAD_RE.finditer(body):
        hs, he = h.span()
        head = h.group(1)
        run = _RUN_BEFORE.search(body, max(0, hs - 60), hs)
        if not run:
            continue
        words = run.group(1).split()
        while words and (
            words[0] in FUNCTION_WORDS
            or words[0].lower() in g.not_place_words
            and len(words) > 1
            and words[0].lower() not in FEATURE_MODIFIERS
        ):
            words = words[1:]
        k = max((i for i, w in enumerate(words) if w.endswith(("'s", "’s"))), default=-1)
        words = words[k + 1 :]
        if not words or words[0] in FUNCTION_WORDS:
            continue
        base = " ".join(words)
        start = hs - len(base) - 1
        if body[start:hs] != base + " ":
            continue
        canon = f"{base} {head.capitalize()}" if head.islower() else f"{base} {head}"
        out.append(_Feature(start, he, canon, base if head.lower() in RE_MENTION_HEADS else None))
    return out


def _prefixed(body: str) -> list[_Feature]:
    """Names after a generic word: "Mount Fuji", "Bay of Bengal", "River Thames"."""
    out: list[_Feature] = []
    for p in _PREFIX_RE.finditer(body):
        name = p.group(2)
        canon = ("Mount" if p.group(1) == "Mt." else p.group(1)) + " " + name
        out.append(_Feature(p.start(), p.end(), canon, name if p.group(1) == "River" else None))
    return out


def _plural(body: str) -> list[_Feature]:
    """Members of a plural feature: "the Karakoram and Hindu Kush ranges", "Ravi and Chenab
    rivers"."""
    out: list[_Feature] = []
    for p in _PLURAL_RE.finditer(body):
        generic = p.group(2).lower()
        pos = p.start(1)
        for member in _MEMBER_SPLIT.split(p.group(1)):
            at = body.index(member, pos)
            pos = at + len(member)
            words = member.split()
            while words and words[0] in FUNCTION_WORDS:
                words = words[1:]
            if not words:
                continue
            name = " ".join(words)
            at = body.index(name, at)
            canon = f"{name} River" if generic == "rivers" else name
            out.append(_Feature(at, at + len(name), canon, name))
    return out


def _listed(body: str, g: Gazetteer, bases: dict[str, str]) -> None:
    """Lists with a known river: "on the Tawi and Sutlej" makes "Tawi" a river too (added to
    ``bases``)."""
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


def _re_mentions(
    body: str, bases: dict[str, str], taken: list[tuple[int, int]], mentions: list[Mention]
) -> None:
    """Later bare mentions of a feature after "the" ("the Ravi", "the Ravi and Chenab")."""
    for base, canon in bases.items():
        for r in re.finditer(rf"(?<![\w'’-]){re.escape(base)}(?![\w'’-])", body):
            s0, e0 = r.span()
            if any(a < e0 and s0 < b for a, b in taken):
                continue
            before = body[max(0, s0 - 60) : s0]
            if not _LIST_BEFORE.search(before):
                continue
            taken.append((s0, e0))
            mentions.append(synthetic(s0, e0, body, canon, PlaceKind.OTHER))


def plural_regions(body: str, g: Gazetteer, mentions: list[Mention]) -> None:
    """ "Kursk and Bryansk oblasts", "Kharkiv and Sumy regions": each member is a region."""
    for p in _PLURAL_REGIONS.finditer(body):
        members = []
        pos = p.start(1)
        for part in _MEMBER_SPLIT.split(p.group(1)):
            at = body.index(part, pos)
            pos = at + len(part)
            regions = [
                c for c in g.lookup(f"{part} region", small=False) if c.kind == PlaceKind.REGION
            ]
            if not regions or name_key(part) in g.not_place_words:  # "Western states"
                members = []
                break
            own = g.lookup(part, small=False)
            cands = own if any(c.kind == PlaceKind.REGION for c in own) else regions
            members.append(
                Mention(
                    at,
                    at + len(part),
                    part,
                    [c for c in cands if c.kind == PlaceKind.REGION],
                    "plural-region",
                )
            )
        if not any(overlaps(mentions, m.start, m.end) for m in members):
            mentions.extend(members)
