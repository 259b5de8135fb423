"""Places: the places list with article, mention and quote counts, a GeoJSON view of it for
maps, and the places a filter value such as ``--place Kyiv`` stands for."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from archive.query.common import Row, count_rows
from archive.store.models import ArticlePlace, Place, PlaceAlias, Quote


def place_ids_for(engine: Engine, value: str) -> list[int]:
    """Places named VALUE (name or alias, case-insensitive), else whose name contains it."""
    v = value.strip()
    with engine.connect() as conn:
        ids = set(
            conn.execute(select(Place.id).where(func.lower(Place.name) == v.lower())).scalars()
        )
        ids |= set(
            conn.execute(
                select(PlaceAlias.place_id).where(func.lower(PlaceAlias.alias) == v.lower())
            ).scalars()
        )
        if not ids:
            ids = set(
                conn.execute(
                    select(Place.id).where(Place.name.icontains(v, autoescape=True))
                ).scalars()
            )
    return sorted(ids)


def places(engine: Engine, limit: int | None = 100) -> list[Row]:
    """Places with coordinates, and how many articles mention them (and how often)."""
    articles_n = (
        select(func.count(ArticlePlace.id))
        .where(ArticlePlace.place_id == Place.id)
        .scalar_subquery()
    )
    mentions_n = (
        select(func.coalesce(func.sum(ArticlePlace.mention_count), 0))
        .where(ArticlePlace.place_id == Place.id)
        .scalar_subquery()
    )
    quotes_n = (
        select(func.count(Quote.id))
        .join(ArticlePlace, ArticlePlace.article_id == Quote.article_id)
        .where(ArticlePlace.place_id == Place.id)
        .scalar_subquery()
    )
    stmt = (
        select(
            Place.id.label("place_id"),
            Place.name,
            Place.kind,
            Place.country_code,
            Place.latitude,
            Place.longitude,
            articles_n.label("articles"),
            mentions_n.label("mentions"),
            quotes_n.label("quotes"),
        )
        .order_by(articles_n.desc(), mentions_n.desc(), Place.name)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def places_count(engine: Engine) -> int:
    """How many places :func:`places` lists without its limit."""
    return count_rows(engine, select(Place.id))


def places_geojson(rows: list[Row]) -> dict:
    """A GeoJSON FeatureCollection of Points (places without coordinates are left out)."""
    features = []
    for r in rows:
        if r.get("latitude") is None or r.get("longitude") is None:
            continue
        props = {k: v for k, v in r.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "id": r.get("place_id"),
                "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}
