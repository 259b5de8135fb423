"""Places of one article into the archive: one ``places`` row per gazetteer place (found by
gazetteer id, else by name, kind and country when one side has no id), its aliases, the
article's links and mentions. Rows do not depend on the order of the articles: a missing country
or position is filled in, of two values the smaller is kept; two gazetteer places of one name
("Springfield, Ill." and "Springfield, Mo.") are two rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from archive.records import PlaceEntity
from archive.store.models import Article, ArticlePlace, Place, PlaceAlias, PlaceMention

TEXT_MAX = 200  # characters of a stored alias or mention text


def fill_in(place: Place, ent: PlaceEntity) -> None:
    """What one article knows of a place and another does not (the extractor may give a country
    only where the context shows it): a missing value is filled in, of two values the smaller
    kept, so the row is the same whichever article came first."""
    if ent.country_code and (place.country_code is None or ent.country_code < place.country_code):
        place.country_code = ent.country_code
    if place.latitude is None and ent.latitude is not None:
        place.latitude, place.longitude = ent.latitude, ent.longitude


@dataclass
class PlaceRows:
    """The article's places already stored, by gazetteer id, with their aliases: read in two
    queries at the start of the article and kept up to date while it is written."""

    by_gid: dict[str, Place] = field(default_factory=dict)
    aliases: dict[int, set[str]] = field(default_factory=dict)  # place id -> aliases

    @classmethod
    def load(cls, session: Session, places: list[PlaceEntity]) -> PlaceRows:
        rows = cls()
        gids = sorted({e.gazetteer_id for e in places if e.gazetteer_id})
        if not gids:
            return rows
        rows.by_gid = {
            p.gazetteer_id: p
            for p in session.execute(select(Place).where(Place.gazetteer_id.in_(gids))).scalars()
        }
        ids = [p.id for p in rows.by_gid.values()]
        for pid in ids:
            rows.aliases[pid] = set()
        if ids:
            for pid, alias in session.execute(
                select(PlaceAlias.place_id, PlaceAlias.alias).where(PlaceAlias.place_id.in_(ids))
            ):
                rows.aliases[pid].add(alias)
        return rows

    def aliases_of(self, session: Session, place_id: int) -> set[str]:
        if place_id not in self.aliases:
            self.aliases[place_id] = set(
                session.execute(
                    select(PlaceAlias.alias).where(PlaceAlias.place_id == place_id)
                ).scalars()
            )
        return self.aliases[place_id]

    def place_id(self, session: Session, ent: PlaceEntity) -> int:
        """The place's row: by gazetteer id, else by name, kind and country where one of the two
        has no gazetteer id (two ids of one name are two places)."""
        place = None
        if ent.gazetteer_id:
            place = self.by_gid.get(ent.gazetteer_id)
            if place is None:
                place = session.execute(
                    select(Place).where(Place.gazetteer_id == ent.gazetteer_id)
                ).scalar()
            if place is not None:
                fill_in(place, ent)
        if place is None:
            place = _same_name(session, ent)
        if place is None:
            place = Place(
                name=ent.name,
                kind=ent.kind,
                country_code=ent.country_code,
                latitude=ent.latitude,
                longitude=ent.longitude,
                gazetteer_id=ent.gazetteer_id,
            )
            session.add(place)
            session.flush()
        if place.gazetteer_id:
            self.by_gid[place.gazetteer_id] = place
        return place.id


def _same_name(session: Session, ent: PlaceEntity) -> Place | None:
    """A stored place of the entity's name, kind and country that the gazetteer does not tell
    apart from it: one of them has no gazetteer id (two towns with ids of their own,
    "Springfield, Ill." and "Springfield, Mo.", are two places). A stored place without an id
    takes the entity's."""
    stmt = select(Place).where(Place.name == ent.name, Place.kind == ent.kind)
    if ent.country_code:
        stmt = stmt.where(Place.country_code == ent.country_code)
    else:
        stmt = stmt.where(Place.country_code.is_(None))
    if ent.gazetteer_id:
        stmt = stmt.where(Place.gazetteer_id.is_(None))
    # (the row with no id first, else the smallest id: the same row whatever the order)
    stmt = stmt.order_by(Place.gazetteer_id.is_not(None), Place.gazetteer_id, Place.id)
    place = session.execute(stmt.limit(1)).scalar()
    if place is not None and ent.gazetteer_id:
        place.gazetteer_id = ent.gazetteer_id
        place.latitude, place.longitude = ent.latitude, ent.longitude
        session.flush()
    return place


def write_places(session: Session, article: Article, places: list[PlaceEntity]) -> None:
    """Resolve and link the article's places, with their aliases and mentions."""
    links: dict[int, ArticlePlace] = {}
    mentions: list[dict] = []
    rows = PlaceRows.load(session, places)
    for ent in places:
        place_id = rows.place_id(session, ent)
        known = rows.aliases_of(session, place_id)
        for alias in dict.fromkeys([ent.name, *ent.aliases]):
            if alias and alias not in known:
                session.add(PlaceAlias(place_id=place_id, alias=alias[:TEXT_MAX]))
                known.add(alias)
        link = links.get(place_id)
        if link is None:
            link = ArticlePlace(article_id=article.id, place_id=place_id, mention_count=0)
            links[place_id] = link
            session.add(link)
        link.mention_count += len(ent.mentions)
        mentions += [
            dict(
                article_id=article.id,
                place_id=place_id,
                start_char=m.start,
                end_char=m.end,
                text=m.text[:TEXT_MAX],
            )
            for m in ent.mentions
        ]
    session.flush()
    if mentions:  # one bulk INSERT
        session.execute(insert(PlaceMention), mentions)
