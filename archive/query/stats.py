"""Archive statistics: row counts per table and the most frequent people, places and outlets."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from archive.query.articles import sources
from archive.query.common import Row
from archive.query.people import people
from archive.query.places import places

# the tables `archive stats` counts, in its order (archive.store.writer.counts, the store's
# summary, is this count too; stats does not import the writer, which would cost the command more
# than its queries)
COUNTED_TABLES = (
    "sources",
    "articles",
    "people",
    "person_aliases",
    "article_people",
    "mentions",
    "quotes",
    "statements",
    "places",
    "place_aliases",
    "article_places",
    "place_mentions",
)


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows per table of COUNTED_TABLES."""
    from archive.store.models import Base

    tables = Base.metadata.tables
    with engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(tables[name])).scalar_one()
            for name in COUNTED_TABLES
        }


def stats(engine: Engine, top: int = 10) -> Row:
    """Row counts per table, how many articles are copies of another (``duplicate_of``), and
    the most frequent people, places and outlets (a story saved twice by one outlet counts
    once)."""
    from archive.store.models import Article

    with engine.connect() as conn:
        copies = conn.execute(
            select(func.count()).select_from(Article).where(Article.duplicate_of > 0)
        ).scalar_one()
    return {
        "counts": table_counts(engine),
        "copies": copies,
        "top_people": [
            {
                "person_id": r["person_id"],
                "name": r["name"],
                "articles": r["articles"],
                "quotes": r["quotes"],
            }
            for r in people(engine, limit=top)
        ],
        "top_places": [
            {
                "place_id": r["place_id"],
                "name": r["name"],
                "kind": r["kind"],
                "articles": r["articles"],
            }
            for r in places(engine, limit=top)
        ],
        "top_outlets": [
            {
                "source_id": r["source_id"],
                "name": r["name"],
                "kind": r["kind"],
                "articles": r["articles"],
                "wire_articles": r["wire_articles"],
                "quotes": r["quotes"],
            }
            for r in sources(engine, limit=top)
        ],
    }
