"""The article's dominant country breaks ties, after resolution and before :func:`finish`.

- An ambiguous name resolved to a place abroad that nothing else in the article points to
  ("Delta" of Nigeria, "West Coast" of Australia, "Langley" of Canada in a story about the US)
  takes its namesake in the dominant country, or is left out: unresolved rather than wrong (a
  small region abroad, "Long Island" of the Bahamas in a New York story, even with no namesake at
  home). Big cities (>= 1,000,000 people) and names the text qualifies keep their reading; a city
  of 100,000 or more gives way only to a namesake at home a tenth its size or more.
- A synthetic place (a building, a landmark, a neighbourhood) takes the country of the place
  right after it ("Barajas Airport in Madrid", "Tel Rumeida, Hebron"), a building or landmark
  else that of the nearest place before it in its sentence ("Iran's Evin Prison").
"""

from __future__ import annotations

import re
from collections import Counter

from archive.extract.places.gazetteer import Candidate, Gazetteer, name_key
from archive.extract.places.mention import Mention
from archive.extract.places.resolution import place_in_name
from archive.kinds import PlaceKind

DOMINANT_SHARE = 0.75  # of the other located mentions
DOMINANT_MIN_MENTIONS = 3
KEEP_POPULATION = 1_000_000  # a city this big is known abroad by its own name
KNOWN_CITY_POPULATION = 100_000  # a city this big is never dropped, only replaced by a namesake
SMALL_REGION_POPULATION = 100_000  # a region abroad this small, the only reading, is left out
HOME_RATIO = 5  # ... at home at least a fifth its size (any city: "Versailles" stays in France)
_IN_PLACE = re.compile(r"(?:,|[ \t]+(?:in|near|outside|at))[ \t]+(?:the[ \t]+)?")
SENTENCE_REACH = 300  # characters looked at around a synthetic place for its sentence
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"“])|\n")


def break_ties(mentions: list[Mention], g: Gazetteer) -> None:
    """Re-resolve (or drop: ``chosen = None``) foreign readings of ambiguous names."""
    located = [m for m in mentions if m.chosen is not None and m.chosen.country_code]
    for m in located:
        c = m.chosen
        if c is None or m.ctx or m.hint or c.level == 0 or not _small(c):
            continue
        others = Counter(
            x.chosen.country_code
            for x in located
            if x.chosen is not None and not x.ctx and x.chosen.gazetteer_id != c.gazetteer_id
        )
        if others[c.country_code] > 0:
            continue  # another place of the article is in that country
        dominant = _dominant(others)
        if dominant is None:
            continue
        cands = g.candidates(name_key(m.text), small=True)
        if len({x.country_code for x in cands}) < 2:
            if c.kind == PlaceKind.REGION and c.population < SMALL_REGION_POPULATION:
                m.chosen = None  # "Long Island" of a New York story is no district of the Bahamas
            continue  # not ambiguous: "Malmö" is in Sweden whatever the story is about
        home = [x for x in cands if x.country_code == dominant and x.kind == c.kind]
        home = home or [x for x in cands if x.country_code == dominant]
        best = max(home, key=lambda x: x.population) if home else None
        if c.kind == PlaceKind.CITY and best is not None:
            # "Boston" in an Irish story stays Boston, Massachusetts, unless a namesake at home
            # is of a size to be meant
            if best.population * HOME_RATIO >= c.population:
                m.chosen = best
        elif c.kind != PlaceKind.CITY or c.population < KNOWN_CITY_POPULATION:
            m.chosen = best


def _small(c: Candidate) -> bool:
    return c.kind in (PlaceKind.CITY, PlaceKind.REGION) and c.population < KEEP_POPULATION * (
        5 if c.kind == PlaceKind.REGION else 1
    )


def _dominant(countries: Counter) -> str | None:
    total = sum(n for n in countries.values() if n > 0)
    if total < DOMINANT_MIN_MENTIONS:
        return None
    cc, n = countries.most_common(1)[0]
    return cc if n / total >= DOMINANT_SHARE else None


def locate_facilities(mentions: list[Mention], body: str, g: Gazetteer) -> None:
    """A synthetic place takes the country of the place right after it ("Barajas Airport in
    Madrid", "Tel Rumeida, Hebron"); a building or landmark (kind other) else that of the
    nearest place before it in its sentence ("Iran's notorious Evin Prison", "When in DC, ...
    at the Grand Hyatt Hotel")."""
    located = [m for m in mentions if m.chosen is not None and m.chosen.country_code]
    located = [m for m in located if not m.ctx]
    for a in mentions:
        if not a.ctx or a.chosen is None or a.chosen.country_code:
            continue
        after = next((b for b in located if b.start >= a.end), None)
        if after is not None and _IN_PLACE.fullmatch(body, a.end, after.start):
            a.chosen = a.chosen._replace(country_code=after.chosen.country_code)
            continue
        if a.hint != "landmark" or place_in_name(a.chosen.name, {}, g) is not None:
            continue  # a river or a sea may cross the border of the place before it
        lo, _hi = _sentence(body, a.start, a.end)
        before = [b for b in located if lo <= b.start and b.end <= a.start]
        if before:
            a.chosen = a.chosen._replace(country_code=before[-1].chosen.country_code)


def _sentence(body: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around ``start:end`` (full stops and line breaks)."""
    m = None
    for m in _SENTENCE_END.finditer(body, max(0, start - SENTENCE_REACH), start):
        pass
    lo = m.end() if m else max(0, start - SENTENCE_REACH)
    nxt = _SENTENCE_END.search(body, end, end + SENTENCE_REACH)
    return lo, nxt.start() if nxt else min(len(body), end + SENTENCE_REACH)
