"""Geographic places in an article body: find mentions, resolve them against the gazetteer, merge
them into one :class:`PlaceEntity` per place.

:func:`find_places` runs the steps in order, each a module of this package:

1. :mod:`~archive.extract.places.features`: physical features by their generic word ("Sutlej
   river", "Mount Fuji") and plural regions ("Kursk and Bryansk oblasts");
   :mod:`~archive.extract.places.landmarks`: named buildings, streets and landmarks by their
   generic last word ("the Broadway Bridge", "Figueroa Street");
2. :mod:`~archive.extract.places.entities`: spaCy GPE/LOC/FAC entities when a Doc is given,
   resolved with the gazetteer (other entities block their spans);
3. :mod:`~archive.extract.places.scan`: a dictionary scan of capitalised token runs against the
   well-known names of the gazetteer (countries, first-level regions, cities >= 50,000, curated
   places), which also catches places spaCy mis-tags as PERSON/ORG ("Kyiv", "Crimea") and
   all-caps datelines ("GENEVA —"); a place name inside a longer name (an outlet "The Moscow
   Times", a person "Denzel Washington") is not a mention; "X region/oblast/province" mentions
   are the region X;
4. :mod:`~archive.extract.places.qualified`: "Name, Qualifier" pairs ("Palm Beach, Fla.",
   "Springfield, Ill.", "Kyiv, Ukraine"): the qualifier decides the name's reading, however
   small the town, and an abbreviated region ("Fla.") is a mention of the region;
5. :mod:`~archive.extract.places.small`: counties and small towns the article supports;
6. :mod:`~archive.extract.places.filters`: mentions that are no places (a person's surname,
   celestial bodies, time zones, court districts, stray abbreviations);
7. :mod:`~archive.extract.places.resolution`: one candidate per mention, by the gazetteer's
   default order unless the article gives context (a city of that region, another region of
   that country, "Paris, Texas", "Donetsk region"); then
   :mod:`~archive.extract.places.tiebreak`: the article's dominant country breaks ties (a
   foreign reading nothing else supports takes the namesake at home, or is left out);
8. merging: one :class:`PlaceEntity` per gazetteer id, with every mention's span and text.

The words the steps look for are in :mod:`~archive.extract.places.lexicon`; the cues around a
name in :mod:`~archive.extract.places.context`.
"""

from __future__ import annotations

from typing import Any

from archive.extract.places import gazetteer
from archive.extract.places.entities import from_entities
from archive.extract.places.features import features, plural_regions
from archive.extract.places.filters import not_places
from archive.extract.places.landmarks import landmarks
from archive.extract.places.mention import Article, Found, Mention
from archive.extract.places.qualified import qualified_places
from archive.extract.places.resolution import finish, resolve
from archive.extract.places.scan import scan
from archive.extract.places.small import small_places
from archive.extract.places.tiebreak import break_ties, locate_facilities
from archive.kinds import PlaceKind
from archive.records import PlaceEntity, Span


def find_places(body: str, doc: Any = None) -> list[PlaceEntity]:
    """Places mentioned in ``body`` (``doc``: the spaCy Doc of body, or None to use the gazetteer
    scan alone). Offsets of every mention Span index ``body``."""
    g = gazetteer.load()
    art = Article.of(body, doc, g)
    found = Found()
    features(body, g, found.mentions)
    plural_regions(body, g, found.mentions)
    landmarks(body, g, found.mentions)
    if doc is not None:
        from_entities(art, found)
    scan(art, found)
    qualified_places(art, found)
    small_places(art, found)
    mentions = not_places(art, sorted(found.mentions, key=lambda m: m.start))
    resolve(mentions, body, g)
    break_ties(mentions, g)
    locate_facilities(mentions, body, g)
    return merge(finish(mentions, g))


def merge(mentions: list[Mention]) -> list[PlaceEntity]:
    """One entity per gazetteer id, in order of first mention, with every mention's span and
    surface form."""
    out: dict[str, PlaceEntity] = {}
    for m in mentions:
        c = m.chosen or m.cands[0]
        ent = out.get(c.gazetteer_id)
        if ent is None:
            ent = out[c.gazetteer_id] = PlaceEntity(
                name=c.name,
                kind=PlaceKind(c.kind),
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
