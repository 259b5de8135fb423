"""A synthetic archive at scale (default 100,000 articles / ~1M quotes), inserted directly, no NLP.

The database is created by the real migrations (so it has exactly the product's tables, indexes,
FTS5 tables and triggers); rows are then bulk-inserted with ``executemany`` in large transactions.
For speed the secondary indexes and FTS triggers are dropped during the load and recreated from
their own ``CREATE`` statements afterwards (the FTS tables are filled with FTS5 'rebuild'), so the
finished file is schema-identical to one made by ``archive db upgrade``.

Distributions are skewed like news: people, places and outlets are drawn with Zipf-like weights,
so a few people (the "Trump" of the archive) are in ~10% of articles and most are rare. One rare
term (``RARE_TERM``) is put in 0.5% of the articles for the FTS benchmark; ``COMMON_TERM`` is in
most of them.

The built file is cached under ``benchmarks/out/`` keyed by scale, generator version and a hash
of the migrations, with a JSON sidecar naming the probe parameters (heavy/median/rare speakers,
places, terms) the query benchmark uses.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import re
import sqlite3
import time
import unicodedata
from pathlib import Path

from benchmarks import corpus

GENERATOR_VERSION = "4"
OUT = Path(__file__).resolve().parent / "out"
RARE_TERM = "desalination"
RARE_FRACTION = 0.005
COMMON_TERM = "talks"
QUOTES_PER_ARTICLE = 10
PEOPLE_PER_ARTICLE = 6
MENTIONS_PER_PERSON = 2
PLACES_PER_ARTICLE = 4

SYL_A = [
    "Kov",
    "Bren",
    "Hal",
    "Mor",
    "Lind",
    "Pet",
    "Dum",
    "Cas",
    "Nov",
    "Rah",
    "Sor",
    "Alb",
    "Tka",
    "Whit",
    "Mar",
    "Yil",
    "Var",
    "Kes",
    "Ost",
    "Berg",
    "Had",
    "Font",
    "Laz",
    "Quin",
    "Fer",
    "Oye",
    "Sza",
    "Karl",
    "Dem",
    "Rous",
]
SYL_B = [
    "alenko",
    "nan",
    "vorsen",
    "avec",
    "qvist",
    "renko",
    "ont",
    "tellano",
    "ak",
    "imi",
    "ensen",
    "escu",
    "chuk",
    "field",
    "chetti",
    "maz",
    "ga",
    "sler",
    "rowski",
    "strom",
    "zic",
    "aine",
    "arev",
    "tero",
    "reira",
    "laran",
    "bo",
    "sson",
    "ir",
    "seau",
]
CITIES = [
    ("Kyiv", "city", "UA"),
    ("Moscow", "city", "RU"),
    ("Washington, D.C.", "city", "US"),
    ("London", "city", "GB"),
    ("Paris", "city", "FR"),
    ("Berlin", "city", "DE"),
    ("Geneva", "city", "CH"),
    ("Brussels", "city", "BE"),
    ("Beijing", "city", "CN"),
    ("Tehran", "city", "IR"),
    ("Jerusalem", "city", "IL"),
    ("Gaza City", "city", "PS"),
    ("New York City", "city", "US"),
    ("Tokyo", "city", "JP"),
    ("Delhi", "city", "IN"),
    ("Istanbul", "city", "TR"),
    ("Vienna", "city", "AT"),
    ("Warsaw", "city", "PL"),
    ("Rome", "city", "IT"),
    ("Madrid", "city", "ES"),
    ("Kharkiv", "city", "UA"),
    ("Odesa", "city", "UA"),
    ("Zaporizhzhia", "city", "UA"),
    ("Lviv", "city", "UA"),
    ("Doha", "city", "QA"),
    ("Riyadh", "city", "SA"),
    ("Abu Dhabi", "city", "AE"),
    ("Cairo", "city", "EG"),
    ("Nairobi", "city", "KE"),
    ("Lagos", "city", "NG"),
    ("Sydney", "city", "AU"),
    ("Toronto", "city", "CA"),
    ("Mexico City", "city", "MX"),
    ("Sao Paulo", "city", "BR"),
    ("Buenos Aires", "city", "AR"),
    ("Seoul", "city", "KR"),
    ("Manila", "city", "PH"),
    ("Jakarta", "city", "ID"),
    ("Bangkok", "city", "TH"),
    ("Karachi", "city", "PK"),
]
COUNTRIES = [
    ("Ukraine", "UA"),
    ("Russia", "RU"),
    ("United States", "US"),
    ("United Kingdom", "GB"),
    ("France", "FR"),
    ("Germany", "DE"),
    ("China", "CN"),
    ("Iran", "IR"),
    ("Israel", "IL"),
    ("Palestine", "PS"),
    ("Japan", "JP"),
    ("India", "IN"),
    ("Turkey", "TR"),
    ("Switzerland", "CH"),
    ("Poland", "PL"),
    ("Italy", "IT"),
    ("Spain", "ES"),
    ("Qatar", "QA"),
    ("Saudi Arabia", "SA"),
    ("United Arab Emirates", "AE"),
    ("Egypt", "EG"),
    ("Kenya", "KE"),
    ("Nigeria", "NG"),
    ("Australia", "AU"),
    ("Canada", "CA"),
    ("Mexico", "MX"),
    ("Brazil", "BR"),
    ("Argentina", "AR"),
    ("South Korea", "KR"),
    ("Philippines", "PH"),
    ("Indonesia", "ID"),
    ("Thailand", "TH"),
    ("Pakistan", "PK"),
    ("Austria", "AT"),
    ("Belgium", "BE"),
    ("Finland", "FI"),
    ("Sweden", "SE"),
    ("Norway", "NO"),
]
PLACE_COUNT = (
    600  # the named places above plus numbered towns ("Novomykolaivka 17") to fill the tail
)
CUES = ["said", "told", "wrote", "added", "warned", "argued", "insisted", "stated"]
SENT = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")


def _ascii_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def person_key(name: str) -> str:
    """The product's key for a person name (archive.names.identity), else a plain ASCII key."""
    from archive.names.identity import person_key as real

    return real(name) or _ascii_key(name)


def _migrations_hash() -> str:
    h = hashlib.sha256()
    for path in sorted((corpus.ROOT / "migrations" / "versions").glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:10]


def cache_path(scale: int) -> Path:
    return OUT / f"synthetic-{scale}-g{GENERATOR_VERSION}-m{_migrations_hash()}.db"


def _sentence_pool() -> tuple[list[str], list[str]]:
    """Sentences of the seed bodies with every known person name replaced by {0}..{9}; and the
    quoted passages (for quote texts)."""
    sentences, quoted = [], []
    gold = corpus._gold_people()
    people = sorted({n for names in gold.values() for n in names}, key=len, reverse=True)
    slots: dict[str, int] = {}
    for name in people:
        slots.setdefault(name, len(slots) % 10)
    surnames = {n.split()[-1]: slots[n] for n in people}
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in [*people, *surnames]) + r")\b")
    for seed in corpus.load_seeds():
        if seed.kind != "text":
            continue
        for line in seed.text.split("\n"):
            if not corpus._is_paragraph(line):
                continue
            for s in SENT.split(line.strip()):
                words = s.split()
                if 8 <= len(words) <= 45 and "{" not in s and "}" not in s:
                    s = pattern.sub(
                        lambda m: "{%d}" % slots.get(m.group(1), surnames.get(m.group(1), 0)), s
                    )
                    sentences.append(s)
            quoted += [q for q in re.findall(r"“([^”]{20,240})”", line)]
    return sorted(set(sentences)), sorted(set(quoted))


def _zipf_cum(n: int, s: float = 1.0) -> list[float]:
    return list(itertools.accumulate(1.0 / (k**s) for k in range(1, n + 1)))


def build(scale: int = 100_000, path: Path | None = None, seed: int = 7, log=print) -> Path:
    """Build (or reuse) the synthetic archive for ``scale`` articles; returns its path."""
    path = path or cache_path(scale)
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)
    started = time.perf_counter()

    from archive.store import db as dbm

    engine = dbm.make_engine(str(tmp))
    dbm.upgrade(engine)
    engine.dispose()

    rng = random.Random(seed)
    con = sqlite3.connect(tmp, isolation_level=None)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-400000")
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("PRAGMA temp_store=MEMORY")
    saved = con.execute(
        "SELECT type, name, sql FROM sqlite_master"
        " WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall()
    for type_, name, _sql in saved:
        con.execute(f"DROP {type_.upper()} {name}")

    sentences, quoted = _sentence_pool()
    n_people = max(50, scale // 5)
    n_sources = 60

    # --- sources ------------------------------------------------------------------------------
    outlets = json.loads((corpus.ROOT / "archive" / "clean" / "data" / "outlets.json").read_text())[
        "outlets"
    ][:n_sources]
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO sources (id, name, kind, domain, country_code) VALUES (?, ?, ?, ?, ?)",
        [
            (
                i + 1,
                o["name"],
                "wire" if o.get("kind") == "wire" else "outlet",
                (o.get("domains") or [None])[0],
                (o.get("country") or None),
            )
            for i, o in enumerate(outlets)
        ],
    )
    n_sources = len(outlets)

    # --- people -------------------------------------------------------------------------------
    names: list[str] = []
    seen = set()
    combos = [(f, a + b) for a in SYL_A for b in SYL_B for f in corpus.FIRST_NAMES]
    rng.shuffle(combos)
    for first, last in combos:
        if len(names) >= n_people:
            break
        name = f"{first} {last}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    while len(names) < n_people:  # only for very large scales
        names.append(
            f"{rng.choice(corpus.FIRST_NAMES)} {rng.choice(SYL_A)}{rng.choice(SYL_B)}-{len(names)}"
        )
    con.executemany(
        "INSERT INTO people (id, name, key, description) VALUES (?, ?, ?, NULL)",
        [(i + 1, n, person_key(n)) for i, n in enumerate(names)],
    )
    aliases = []
    for i, n in enumerate(names):
        aliases.append((i + 1, n))
        aliases.append((i + 1, n.split()[-1]))
        if i % 3 == 0:
            aliases.append((i + 1, "Mr. " + n.split()[-1]))
    con.executemany("INSERT INTO person_aliases (person_id, alias) VALUES (?, ?)", aliases)

    # --- places -------------------------------------------------------------------------------
    places = [(n, "country", cc) for n, cc in COUNTRIES] + list(CITIES)
    k = 0
    while len(places) < PLACE_COUNT:
        k += 1
        places.append(
            (
                f"{rng.choice(corpus.FRONT_TOWNS + corpus.HTML_PLACES)} {k}",
                "city",
                rng.choice(COUNTRIES)[1],
            )
        )
    con.executemany(
        "INSERT INTO places (id, name, kind, country_code, latitude, longitude, gazetteer_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (i + 1, n, kind, cc, rng.uniform(-60, 70), rng.uniform(-170, 170), f"synthetic:{i + 1}")
            for i, (n, kind, cc) in enumerate(places)
        ],
    )
    con.executemany(
        "INSERT INTO place_aliases (place_id, alias) VALUES (?, ?)",
        [(i + 1, p[0]) for i, p in enumerate(places)],
    )
    con.execute("COMMIT")

    # --- articles and everything hanging off them, in chunks ----------------------------------
    people_cum = _zipf_cum(n_people, 1.0)
    places_cum = _zipf_cum(len(places), 1.1)
    sources_cum = _zipf_cum(n_sources, 0.8)
    person_ids = range(1, n_people + 1)
    place_ids = range(1, len(places) + 1)
    rare_every = int(round(1 / RARE_FRACTION))
    day0 = 16436  # 2015-01-01 as days since the epoch
    quote_id = 0
    statement_id = 0
    last_statement: dict[int, tuple[int, str]] = {}
    chunk = 5_000
    for lo in range(1, scale + 1, chunk):
        hi = min(scale, lo + chunk - 1)
        arts, ap_rows, m_rows, q_rows, st_rows, apl_rows, pm_rows = [], [], [], [], [], [], []
        for aid in range(lo, hi + 1):
            cast = list(
                dict.fromkeys(rng.choices(person_ids, cum_weights=people_cum, k=PEOPLE_PER_ARTICLE))
            )
            cast_names = [names[p - 1] for p in cast]
            fill = (cast_names * 10)[:10]
            body_sents = rng.sample(sentences, k=min(len(sentences), rng.randint(7, 12)))
            paras = []
            for s in body_sents:
                paras.append(s.format(*fill))
            if aid % rare_every == rare_every // 2:
                paras.insert(
                    rng.randrange(len(paras) + 1),
                    f"{cast_names[0]} visited the new {RARE_TERM} plant on the coast on Monday.",
                )
            body = "\n\n".join(paras)
            title = paras[0][:90].rsplit(" ", 1)[0]
            src = rng.choices(range(1, n_sources + 1), cum_weights=sources_cum)[0]
            days = rng.randrange(0, 3650)
            date = time.strftime("%Y-%m-%d", time.gmtime((day0 + days) * 86400))
            published = f"{date}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00+00:00"
            credit = f"© {date[:4]} {outlets[src - 1]['name']}"
            raw = f"{title}\n\nBy {cast_names[-1]}\n\n{body}\n\n{credit}"
            sha = hashlib.sha256(raw.encode()).hexdigest()
            words = len(body.split())
            arts.append(
                (
                    aid,
                    src,
                    None,
                    title,
                    None,
                    f"https://example.org/{aid}",
                    None,
                    None,
                    published,
                    body,
                    raw,
                    sha,
                    f"/corpus/{aid:06d}.txt",
                    f"{aid:06d}.txt",
                    words,
                    "en",
                    published.replace("T", " ")[:19],
                    "1",
                )
            )
            # people and their mentions
            for pos, pid in enumerate(cast):
                role = "author" if pos == len(cast) - 1 and pos > 2 else "subject"
                ap_rows.append((aid, pid, role, "[]", MENTIONS_PER_PERSON))
                name = names[pid - 1]
                for j in range(MENTIONS_PER_PERSON):
                    start = rng.randrange(0, max(1, len(body) - 40))
                    m_rows.append(
                        (aid, pid, start, start + len(name), name if j == 0 else name.split()[-1])
                    )
            # quotes: mostly attributed to the article's people, the first-named most often
            subjects = cast[:-1] if len(cast) > 3 else cast
            for j in range(QUOTES_PER_ARTICLE):
                quote_id += 1
                r = rng.random()
                if r < 0.75:
                    speaker = subjects[0] if rng.random() < 0.5 else rng.choice(subjects)
                    kind, speaker_text = "person", names[speaker - 1].split()[-1]
                elif r < 0.9:
                    speaker, kind, speaker_text = None, "unnamed", "a senior official"
                else:
                    speaker, kind, speaker_text = None, "none", None
                text = (
                    rng.choice(quoted)
                    if rng.random() < 0.3
                    else rng.choice(sentences).format(*fill)
                )
                prev = last_statement.get(speaker) if speaker else None
                if prev is not None and prev[1] == text:
                    st = prev[0]
                else:
                    statement_id += 1
                    st = statement_id
                    st_rows.append((st, speaker, text, text.lower()))
                    if speaker:
                        last_statement[speaker] = (st, text)
                start = rng.randrange(0, max(1, len(body) - len(text)))
                q_rows.append(
                    (
                        quote_id,
                        aid,
                        speaker,
                        st,
                        speaker_text,
                        kind,
                        text,
                        "full" if rng.random() < 0.8 else "partial",
                        start,
                        start + len(text),
                        rng.choice(CUES) if kind != "none" else None,
                        None,
                        j,
                    )
                )
            # places
            spots = list(
                dict.fromkeys(rng.choices(place_ids, cum_weights=places_cum, k=PLACES_PER_ARTICLE))
            )
            for pl in spots:
                n_m = rng.randint(1, 3)
                apl_rows.append((aid, pl, n_m))
                for _ in range(n_m):
                    start = rng.randrange(0, max(1, len(body) - 20))
                    pname = places[pl - 1][0]
                    pm_rows.append((aid, pl, start, start + len(pname), pname))
        con.execute("BEGIN")
        con.executemany(
            "INSERT INTO articles (id, source_id, wire_id, title, subtitle, url, byline, dateline, "
            "published_at, body, raw_text, content_sha256, path, file_name, word_count, language, "
            "ingested_at, extractor_version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arts,
        )
        con.executemany(
            "INSERT INTO article_people (article_id, person_id, role, titles, mention_count) "
            "VALUES (?, ?, ?, ?, ?)",
            ap_rows,
        )
        con.executemany(
            "INSERT INTO mentions (article_id, person_id, start_char, end_char, text) "
            "VALUES (?, ?, ?, ?, ?)",
            m_rows,
        )
        con.executemany(
            "INSERT INTO statements (id, speaker_id, text, key) VALUES (?, ?, ?, ?)", st_rows
        )
        con.executemany(
            "INSERT INTO quotes (id, article_id, speaker_id, statement_id, speaker_text, "
            "speaker_kind, text, kind, start_char, end_char, cue, medium, paragraph) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            q_rows,
        )
        con.executemany(
            "INSERT INTO article_places (article_id, place_id, mention_count) VALUES (?, ?, ?)",
            apl_rows,
        )
        con.executemany(
            "INSERT INTO place_mentions (article_id, place_id, start_char, end_char, text) "
            "VALUES (?, ?, ?, ?, ?)",
            pm_rows,
        )
        con.execute("COMMIT")
        if log and (hi % 20_000 == 0 or hi == scale):
            log(f"  synthetic: {hi:,}/{scale:,} articles ({time.perf_counter() - started:.0f}s)")

    # --- indexes, triggers, full-text ---------------------------------------------------------
    t = time.perf_counter()
    for type_, _name, sql in saved:
        if type_ == "index":
            con.execute(sql)
    con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    con.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
    for type_, _name, sql in saved:
        if type_ == "trigger":
            con.execute(sql)
    if log:
        log(f"  synthetic: indexes and FTS in {time.perf_counter() - t:.0f}s")
    con.execute("PRAGMA journal_mode=WAL")
    con.close()

    probes = _probes(tmp, names, places, scale)
    os.replace(tmp, path)
    meta_path.write_text(json.dumps(probes, indent=2))
    if log:
        log(
            f"  synthetic: built {path.name} ({path.stat().st_size / 1e6:.0f} MB) "
            f"in {time.perf_counter() - started:.0f}s"
        )
    return path


def _probes(path: Path, names: list[str], places: list[tuple], scale: int) -> dict:
    """Parameters for the query benchmark: by popularity (rank 1, a few of the top 100, the
    middle)."""
    con = sqlite3.connect(path)
    speakers = con.execute(
        "SELECT speaker_id, COUNT(*) FROM quotes WHERE speaker_id IS NOT NULL"
        " GROUP BY speaker_id ORDER BY 2 DESC"
    ).fetchall()
    place_counts = con.execute(
        "SELECT place_id, COUNT(*) FROM article_places GROUP BY place_id ORDER BY 2 DESC"
    ).fetchall()
    rare = con.execute(
        "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (RARE_TERM,)
    ).fetchone()[0]
    common = con.execute(
        "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (COMMON_TERM,)
    ).fetchone()[0]
    counts = {
        t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in (
            "articles",
            "quotes",
            "people",
            "places",
            "article_people",
            "mentions",
            "article_places",
            "place_mentions",
            "statements",
        )
    }
    con.close()

    def pick(rows, lookup):
        idx = [0, 4, 9, 49, 99, len(rows) // 4, len(rows) // 2, (3 * len(rows)) // 4, len(rows) - 1]
        out = []
        for i in dict.fromkeys(i for i in idx if 0 <= i < len(rows)):
            out.append({"name": lookup(rows[i][0]), "rank": i + 1, "rows": rows[i][1]})
        return out

    return {
        "scale": scale,
        "counts": counts,
        "speakers": pick(speakers, lambda pid: names[pid - 1]),
        "places": pick(place_counts, lambda pl: places[pl - 1][0]),
        "rare_term": {"term": RARE_TERM, "articles": rare, "fraction": rare / max(1, scale)},
        "common_term": {
            "term": COMMON_TERM,
            "articles": common,
            "fraction": common / max(1, scale),
        },
    }


def load_probes(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text())


if __name__ == "__main__":  # python -m benchmarks.synthetic [SCALE]
    import sys

    p = build(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
    print(p)
    print(json.dumps(load_probes(p), indent=2))
