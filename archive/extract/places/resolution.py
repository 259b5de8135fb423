"""Choosing one gazetteer candidate per mention.

Ambiguous names take the gazetteer's default order (country > first-level region > city by
population, news defaults such as Washington -> Washington, D.C.) unless the article gives
context: a qualifier ("Paris, Texas", "Pakistan's Punjab"), a region word ("Donetsk region",
"Yamanashi and Shizuoka prefectures"), a city of that region or another region of that country
elsewhere in the article. Weak mentions (small towns, counties, unknown names) are kept only when
the article supports them; synthetic places get the country of a place in their name or the
article's dominant one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from archive.extract.places.gazetteer import Candidate, Gazetteer, name_key
from archive.extract.places.lexicon import (
    COUNTY_LEADS,
    FEATURE_HEADS,
    PLURAL_REGION,
    REGION_CUE_AFTER,
    REGION_CUE_BEFORE,
    REGION_OF,
)
from archive.extract.places.mention import Mention, synthetic_cand
from archive.kinds import PlaceKind

SMALL_OVERRIDE_MAX_POPULATION = 1_000_000  # a bigger city keeps its name against a local town
IMPLICIT_OVERRIDE_MAX_POPULATION = 100_000  # ... when the region is implied only by other cities
DOMINANT_COUNTRY_SHARE = 0.75  # of the located mentions, for synthetic places without a country
# a city this big keeps its name against a namesake this many times smaller in a region the
# article mentions (Washington, D.C. against Washington, Iowa; Moscow against Moscow, Idaho);
# the text must qualify the small one ("Moscow, Idaho")
OUTWEIGH_MIN_POPULATION = 500_000
OUTWEIGH_RATIO = 50


@dataclass
class Context:
    """What the article's unambiguous mentions say: their countries (with counts), the regions
    they name or lie in, and how many first-level regions each country has among them."""

    countries: Counter[str] = field(default_factory=Counter)
    regions: set[str] = field(default_factory=set)
    admin1_countries: Counter[str] = field(default_factory=Counter)


def resolve(mentions: list[Mention], body: str, g: Gazetteer) -> None:
    """Set ``chosen`` of every mention (None for weak mentions without support); ``mentions``
    in text order."""
    _narrow_by_qualifier(mentions, body)
    _spread_qualified(mentions)
    _narrow_by_possessive(mentions, body)
    _narrow_to_regions(mentions, body)
    _narrow_by_region_cues(mentions, body)
    _narrow_by_hints(mentions, g)
    ctx = _context(mentions)
    for m in mentions:
        if m.chosen is None and not m.weak:
            m.chosen = choose(m.cands, ctx)
    region_count = _local_towns(mentions, g)
    ctx.regions = ctx.regions | set(region_count)
    _resolve_weak(mentions, ctx)


def _narrow_by_qualifier(mentions: list[Mention], body: str) -> None:
    """ "Paris, Texas" / "Kyiv, Ukraine": a qualifier right after a name narrows it."""
    for a, b in zip(mentions, mentions[1:]):
        if (
            body[a.end : b.start] == ", "
            and b.cands
            and b.cands[0].kind in (PlaceKind.REGION, PlaceKind.COUNTRY)
        ):
            q = b.cands[0]
            fit = [
                c
                for c in a.cands
                if (q.kind == PlaceKind.COUNTRY and c.country_code == q.country_code)
                or (q.kind == PlaceKind.REGION and c.region_id == q.gazetteer_id)
            ]
            if fit:
                a.cands = fit


def _spread_qualified(mentions: list[Mention]) -> None:
    """ "Paris, Texas" once makes every bare "Paris" of the article the one in Texas."""
    reading = {name_key(m.text): m.cands[0] for m in mentions if m.hint == "qualified" and m.cands}
    if not reading:
        return
    for m in mentions:
        if m.hint is None and not m.ctx:
            c = reading.get(name_key(m.text))
            if c is not None:
                m.cands, m.hint, m.weak = [c], "qualified", False


def outweighs(top: Candidate, c: Candidate) -> bool:
    """``top`` is a big city that an unqualified namesake ``c`` does not replace."""
    return (
        top.kind == PlaceKind.CITY
        and top.population >= OUTWEIGH_MIN_POPULATION
        and top.population > OUTWEIGH_RATIO * c.population
    )


def _narrow_by_possessive(mentions: list[Mention], body: str) -> None:
    """ "Pakistan's Punjab": a country in the possessive narrows the next name to that country."""
    for a, b in zip(mentions, mentions[1:]):
        if (
            body[a.end : b.start] in ("'s ", "’s ")
            and a.cands[0].kind == PlaceKind.COUNTRY
            and len(b.cands) > 1
        ):
            fit = [c for c in b.cands if c.country_code == a.cands[0].country_code]
            if fit:
                b.cands = fit


def _narrow_to_regions(mentions: list[Mention], body: str) -> None:
    """ "Yamanashi and Shizuoka prefectures", "the eastern region of Donetsk": regions."""
    for k, m in enumerate(mentions):
        plural = PLURAL_REGION.match(body, m.end)
        if plural or REGION_OF.search(body, max(0, m.start - 40), m.start):
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
                regs = [c for c in x.cands if c.kind == PlaceKind.REGION]
                if regs and len(regs) < len(x.cands):
                    x.cands, x.hint = regs, x.hint or "plural-region"


def _narrow_by_region_cues(mentions: list[Mention], body: str) -> None:
    """ "the New York primary", "senator from New York": a name that is a city and a region of
    one country is the region."""
    for m in mentions:
        if m.hint or len(m.cands) < 2 or m.cands[0].kind != PlaceKind.CITY:
            continue
        top = m.cands[0]
        regs = [
            c
            for c in m.cands
            if c.kind == PlaceKind.REGION and c.level == 1 and c.country_code == top.country_code
        ]
        if regs and (
            REGION_CUE_AFTER.match(body, m.end)
            or REGION_CUE_BEFORE.search(body, max(0, m.start - 30), m.start)
        ):
            m.cands, m.hint = regs, "region"


def _narrow_by_hints(mentions: list[Mention], g: Gazetteer) -> None:
    """ "Donetsk region" anywhere makes every bare "Donetsk" the region, "Galway city" the
    city."""
    region_by_key = {}
    for m in mentions:
        if m.hint == "region" and not m.weak:
            words = name_key(m.text).split()
            base = (
                " ".join(words[:-1])
                if words[-1] in g.region_words
                else (" ".join(words[1:]) if words[0] in COUNTY_LEADS else "")
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


def _context(mentions: list[Mention]) -> Context:
    """Choose the unambiguous mentions and collect what they say about the article."""
    ctx = Context()
    for m in mentions:
        if m.weak:
            continue
        top = m.cands[0]
        if top.level == 0 and any(
            c.kind == PlaceKind.REGION and c.level == 1 and c.country_code != top.country_code
            for c in m.cands[1:]
        ):
            continue  # "Georgia": the country or the US state
        if len(m.cands) == 1 or top.level == 0 or m.hint:
            c = m.cands[0]
            m.chosen = c
            if c.country_code:
                ctx.countries[c.country_code] += 1
            if c.kind == PlaceKind.REGION and c.level == 1:
                ctx.regions.add(c.gazetteer_id)
                ctx.admin1_countries[c.country_code] += 1
            if c.region_id:
                ctx.regions.add(c.region_id)
    return ctx


def choose(cands: list[Candidate], ctx: Context) -> Candidate:
    """The candidate the article's context supports, else the default reading."""
    strong = [
        c
        for c in cands
        if (
            (c.kind == PlaceKind.CITY and c.region_id in ctx.regions)
            or (c.kind == PlaceKind.REGION and c.gazetteer_id in ctx.regions)
        )
        and not outweighs(cands[0], c)
    ]
    if strong:
        return strong[0]
    siblings = [
        c
        for c in cands
        if c.kind == PlaceKind.REGION
        and c.level == 1
        and ctx.admin1_countries.get(c.country_code, 0) > 0
    ]
    if siblings and cands[0].level == 0 and cands[0].country_code not in ctx.countries:
        return siblings[0]
    top = cands[0]
    if top.kind != PlaceKind.CITY:
        return top
    # cities: population, tripled when the article mentions the city's country
    return max(
        (c for c in cands if c.kind == PlaceKind.CITY),
        key=lambda c: c.population * (3 if c.country_code in ctx.countries else 1),
    )


def _local_towns(mentions: list[Mention], g: Gazetteer) -> Counter[str]:
    """A small town of a region the article is about wins over a distant bigger namesake ("Reno,
    a small town just west of Paris" in an article about Texas; "Halifax" makes "Woodside" the
    Nova Scotia one). Returns the number of distinct chosen places per region."""
    chosen = {m.chosen for m in mentions if m.chosen is not None and m.chosen.region_id}
    region_count = Counter(c.region_id for c in chosen)  # distinct places per region
    named = Counter(
        m.chosen.gazetteer_id
        for m in mentions
        if m.chosen is not None and m.chosen.kind == PlaceKind.REGION
    )
    # regions the article is about: named twice, or named with a place in them (a state named
    # once in passing makes no small town of it)
    explicit = {r for r, n in named.items() if n + region_count.get(r, 0) >= 2}
    for m in mentions:
        top = m.chosen
        if (
            top is None
            or m.weak
            or top.kind != PlaceKind.CITY
            or top.population >= SMALL_OVERRIDE_MAX_POPULATION
        ):
            continue
        near = set(explicit)
        if top.population < IMPLICIT_OVERRIDE_MAX_POPULATION:  # other cities' regions: weaker
            near |= {r for r, n in region_count.items() if n > (1 if r == top.region_id else 0)}
        if top.region_id in near:
            continue
        local = [
            c
            for c in g.candidates(name_key(m.text), small=True)
            if c.kind == PlaceKind.CITY and c.region_id in near and not outweighs(top, c)
        ]
        if local:
            m.chosen = local[0]
    return region_count


def _resolve_weak(mentions: list[Mention], ctx: Context) -> None:
    """Weak mentions (small towns, counties, unknown names) need support from the article."""
    for m in mentions:
        if not m.weak:
            continue
        if m.ctx:  # a name no gazetteer knows: kept after a locative or before a qualifier
            m.chosen = m.cands[0] if m.support else None
            continue
        strong = [c for c in m.cands if c.region_id in ctx.regions or c.gazetteer_id in ctx.regions]
        if strong:
            m.chosen = strong[0]
        elif m.support:
            fit = [c for c in m.cands if c.country_code in ctx.countries]
            if fit:
                m.chosen = fit[0]
            elif m.cands[0].kind == PlaceKind.CITY:
                # "in Carna" where the gazetteer knows only a namesake abroad
                m.chosen, m.ctx = synthetic_cand(m.text, PlaceKind.CITY, "place"), True


def finish(mentions: list[Mention], g: Gazetteer) -> list[Mention]:
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
        if n / total >= DOMINANT_COUNTRY_SHARE:
            dominant = cc
    for m in out:
        if not m.ctx or m.chosen.country_code:
            continue
        inner = place_in_name(m.chosen.name, by_key, g)
        cc = inner.country_code if inner is not None else None
        if cc is None or (
            dominant and cc != dominant and cc not in weights and inner.kind != PlaceKind.COUNTRY
        ):
            # (a town or region inside the name in a country the article never names is a
            # namesake: "West Midlands" of a British story is not Zimbabwe's Midlands; a
            # country is itself: "Northern Italy")
            cc = dominant or cc
        if cc:
            m.chosen = m.chosen._replace(country_code=cc)
        elif m.weak:
            m.chosen = None
    return [m for m in out if m.chosen is not None]


def place_in_name(name: str, by_key: dict[str, Candidate], g: Gazetteer) -> Candidate | None:
    """The longest place named inside a synthetic name ("Halifax harbour"), with a country: one
    of the article's located mentions, else a well-known place."""
    words = name_key(name).split()
    for w in range(len(words) - 1, 0, -1):
        for i in range(len(words) - w, -1, -1):  # the last words first: "Western North Carolina"
            k = " ".join(words[i : i + w])
            if k in FEATURE_HEADS or k in ("of", "the"):
                continue
            c = by_key.get(k)
            if c is None and k in g.prominent and k not in g.not_place_words:
                c = g.candidates(k, small=False)[0]
            if c is not None and c.country_code and c.kind != PlaceKind.OTHER:
                return c
    return None
