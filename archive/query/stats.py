"""Archive statistics: row counts per table and the most frequent people, places and outlets."""

from __future__ import annotations

from sqlalchemy import Engine

from archive.query.articles import sources
from archive.query.common import Row
from archive.query.people import people
from archive.query.places import places
from archive.store.writer import counts


def stats(engine: Engine, top: int = 10) -> Row:
    """Row counts per table, and the most frequent people, places and outlets."""
    return {
        "counts": counts(engine),
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
