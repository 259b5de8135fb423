"""The Datasette instance that ``archive serve`` runs: the archive's SQLite file (read only),
the catalog's metadata (descriptions, labels, facets, sort orders, internal tables hidden,
canned queries), settings (long text cut short in tables), the archive's templates and CSS,
and the cluster map's tiles.

Datasette opens a file it may see change (not ``immutable``) with ``mode=ro`` and never writes
to it, so the archive can be served while ``archive ingest`` adds to it (SQLite WAL).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
STATIC_MOUNT = "-/archive"  # the package's static/ folder, at /-/archive/...

# The cluster map's background: by default ("none") no tiles from the internet but one blank
# tile (the sea) under the outlines of the countries (Natural Earth, shipped; archive.js draws
# them); "osm": OpenStreetMap's tiles, fetched by the browser; or any tile URL template.
NO_TILES = "none"
OSM = "osm"
OSM_TILES = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"

SETTINGS: dict[str, Any] = {
    "truncate_cells_html": 140,  # article bodies and raw HTML: one short line per row in tables
    "default_page_size": 50,
    "default_facet_size": 10,
    "suggest_facets": False,  # the facets are configured; suggesting them scans big tables
    "facet_time_limit_ms": 1000,
    "sql_time_limit_ms": 5000,
}


# the start page's questions: (key, label, path under the database)
_WHO_SAID_WHAT = "quote_attributions?" + "&".join(
    f"_nocol={c}" for c in ("medium", "wire", "statement_id", "file_name")
)
QUESTIONS = (
    ("who_said_what", "Who said what", _WHO_SAID_WHAT),
    ("people", "People", "person_summary"),
    ("outlets", "Outlets", "source_summary"),
    ("places", "Places", "place_summary?latitude__notnull=1"),
)


@dataclass(frozen=True)
class ServeState:
    """What the archive's pages need besides Datasette: the database's name in Datasette and a
    read-only SQLAlchemy engine on the same file (the profile and search queries of the CLI)."""

    database: str
    engine: Engine

    def links(self, datasette) -> dict[str, dict[str, str]]:
        """The questions' pages: key -> {"label", "href"}, search last."""
        base = datasette.urls.database(self.database)
        out = {key: {"label": label, "href": f"{base}/{path}"} for key, label, path in QUESTIONS}
        out["search"] = {"label": "Search", "href": "/search"}
        return out


def tile_config(tiles: str | None) -> dict[str, Any]:
    """The datasette-cluster-map configuration for TILES: None or ``none`` (offline: countries
    on a blank sea), ``osm`` (OpenStreetMap) or a tile URL template."""
    if tiles in (None, NO_TILES):
        return {
            "tile_layer": f"/{STATIC_MOUNT}/blank-tile.png",
            "tile_layer_options": {
                "maxZoom": 12,
                "attribution": "countries: Natural Earth (offline map)",
            },
        }
    return {"tile_layer": OSM_TILES if tiles == OSM else tiles}


def serve_metadata(database: str, tiles: str | None = None) -> dict[str, Any]:
    """The catalog's Datasette metadata for DATABASE, with the cluster map's configuration (the
    map goes in #archive-map, which archive.js puts under the table's title)."""
    from archive.query.catalog import datasette_metadata

    metadata = datasette_metadata(database)
    tables = metadata["databases"][database]["tables"]
    # the store's look-up keys of corrections: internal, like alembic_version
    tables["correction_keys"] = {**tables.get("correction_keys", {}), "hidden": True}
    cluster_map = {**tile_config(tiles), "container": "#archive-map"}
    metadata["plugins"] = {"datasette-cluster-map": cluster_map}
    return metadata


def state(datasette) -> ServeState | None:
    """The archive's state of DATASETTE; None for a Datasette that ``make_datasette`` did not
    build (the plugin then leaves it alone)."""
    return getattr(datasette, "_archive_state", None)


def make_datasette(path: str | Path, *, tiles: str | None = None):
    """A Datasette serving the archive at PATH (a SQLite file migrated to this code's schema)."""
    from datasette.app import Datasette

    from archive.serve import plugin
    from archive.store.db import make_engine

    class ArchiveDatasette(Datasette):
        """Datasette with the archive's state, set before Datasette builds its routes (its
        test client builds the app in ``__init__``)."""

        def __init__(self, archive_state: ServeState, **kwargs):
            self._archive_state = archive_state
            super().__init__(**kwargs)

    plugin.register()
    path = Path(path)
    database = path.stem
    datasette = ArchiveDatasette(
        ServeState(database, make_engine(str(path), readonly=True)),
        files=[str(path)],
        metadata=serve_metadata(database, tiles),
        settings=SETTINGS,
        template_dir=str(TEMPLATES),
        static_mounts=[(STATIC_MOUNT, str(STATIC))],
    )
    names = [name for name in datasette.databases if not name.startswith("_")]
    if names != [database]:  # Datasette named it otherwise: the metadata must use its name
        raise RuntimeError(f"Datasette named the database {names!r}, expected {database!r}")
    return datasette
