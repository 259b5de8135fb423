"""``archive places``: places with coordinates and article counts; GeoJSON for maps."""

from __future__ import annotations

from typing import Annotated

import typer

from archive.cli.limits import output_page
from archive.cli.options import DbOption, LimitOption, read_db
from archive.cli.output import PlacesFormat

PLACE_COLUMNS = [
    "place_id",
    "name",
    "kind",
    "country_code",
    "latitude",
    "longitude",
    "articles",
    "mentions",
]


def places(
    db: DbOption = None,
    fmt: Annotated[
        PlacesFormat, typer.Option("--format", "-f", help="Output format (geojson for maps).")
    ] = PlacesFormat.table,
    limit: LimitOption = 100,
) -> None:
    """Places with coordinates and article counts; `--format geojson` for maps."""
    from archive.query.places import places as list_places
    from archive.query.places import places_count

    engine = read_db(db)
    output_page(
        limit,
        lambda n: list_places(engine, limit=n),
        lambda: places_count(engine),
        fmt,
        PLACE_COLUMNS,
    )
