"""Filter values that name nothing: whether a ``--speaker``, ``--person``, ``--source`` or
``--place`` value matches anything in the archive, and else the names closest to it, for the
one-line "no source matches 'Reuter'; did you mean Reuters?" of every command.

A value matches what the filters themselves look up (:func:`archive.query.people.
person_ids_for`, :func:`archive.query.quotes.unattributed_speakers`, :func:`archive.query.
articles.source_ids_for`, :func:`archive.query.places.place_ids_for`); close names are scored
like ``archive person``'s (people: :mod:`archive.query.matching`; outlets and places: rapidfuzz
over their names, and places' aliases).
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from archive.store.models import Place, PlaceAlias, Source

KINDS = ("person", "speaker", "source", "place")
NEAR_MAX = 5  # close names offered at most
NEAR_PEOPLE_MIN = 60.0  # archive.query.matching scores
NEAR_NAMES_MIN = 70.0  # rapidfuzz WRatio


def close_names(value: str, names: list[str], limit: int = NEAR_MAX) -> list[str]:
    """The NAMES most like VALUE (case and punctuation ignored), best first, at most LIMIT."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        value,
        sorted(set(names)),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=NEAR_NAMES_MIN,
        limit=limit,
    )
    return [name for name, _, _ in found]


def _matches(engine: Engine, kind: str, value: str) -> bool:
    if kind in ("person", "speaker"):
        from archive.query.people import person_ids_for

        if person_ids_for(engine, value):
            return True
        if kind == "person":
            return False
        from archive.query.quotes import unattributed_speakers

        return bool(unattributed_speakers(engine, value.strip()))
    if kind == "source":
        from archive.query.articles import source_ids_for

        return bool(source_ids_for(engine, value))
    from archive.query.places import place_ids_for

    return bool(place_ids_for(engine, value))


def near_names(engine: Engine, kind: str, value: str) -> list[str]:
    """The names closest to VALUE among those of KIND, best first (at most NEAR_MAX)."""
    if kind in ("person", "speaker"):
        from archive.query.people import find_people

        return [c["name"] for c in find_people(engine, value, min_score=NEAR_PEOPLE_MIN)][:NEAR_MAX]
    with engine.connect() as conn:
        if kind == "source":
            names = list(conn.execute(select(Source.name)).scalars())
        else:
            names = list(conn.execute(select(Place.name)).scalars())
            names += conn.execute(select(PlaceAlias.alias)).scalars()
    return close_names(value, names)


def unknown(engine: Engine, kind: str, value: str) -> list[str] | None:
    """None when VALUE, a filter of KIND (one of :data:`KINDS`), matches something in the
    archive; else the names closest to it (perhaps none), best first."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of filter {kind!r}")
    if _matches(engine, kind, value):
        return None
    return near_names(engine, kind, value)
