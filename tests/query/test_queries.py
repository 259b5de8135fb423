"""The read side (archive.query) on a small handmade archive (tests/conftest.py): actual rows,
not exit codes."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from archive.query import (
    articles,
    common,
    matching,
    people,
    places,
    profile,
    quotes,
    search,
    sql,
    stats,
)
from archive.query.catalog import QUERIES, TABLES, datasette_metadata
from tests.helpers import PESKOV_SAID, PUTIN_SAID, SQL_QUOTE, ZELENSKY_SAID

# Two of the three articles name him "Volodymyr Zelensky" (one "Zelenskyy"): the store shows
# the full name most of his articles use.
ZELENSKY = "Volodymyr Zelensky"


def _count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def _article_id(engine, title_start: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT id FROM articles WHERE title LIKE :t || '%'"), {"t": title_start}
        ).scalar_one()


# --- names ---------------------------------------------------------------------------------------


def test_name_tokens_fold_case_accents_and_honorifics():
    assert matching.name_tokens("Mr Putin") == ["putin"]
    assert matching.name_tokens("President Vladimir V. Putin") == ["vladimir", "putin"]
    assert matching.name_tokens("Volodymyr Zelenskyy") == ["volodymyr", "zelenskyy"]
    assert matching.name_tokens("Émmanuel  MACRON") == ["emmanuel", "macron"]


def test_mr_putin_finds_vladimir_putin(sample_archive):
    found, candidates = people.resolve_person(sample_archive, "Mr Putin")
    assert candidates == []
    assert found["name"] == "Vladimir Putin"


@pytest.mark.parametrize(
    "name", ["Zelenskyy", "Zelensky", "Zelenskiy", "volodymyr zelenskyy", "President Zelensky"]
)
def test_spelling_variants_find_zelensky(sample_archive, name):
    found, candidates = people.resolve_person(sample_archive, name)
    assert candidates == [] and found is not None
    assert found["name"] == ZELENSKY


def test_ambiguous_name_lists_candidates(sample_archive):
    found, candidates = people.resolve_person(sample_archive, "Smith")
    assert found is None
    assert sorted(c["name"] for c in candidates) == ["Jane Smith", "John Smith"]


def test_unknown_name(sample_archive):
    assert people.resolve_person(sample_archive, "Angela Merkel") == (None, [])
    assert people.resolve_person(sample_archive, "%") == (None, [])


def test_person_id_as_name(sample_archive):
    putin, _ = people.resolve_person(sample_archive, "Vladimir Putin")
    found, _ = people.resolve_person(sample_archive, str(putin["person_id"]))
    assert found["name"] == "Vladimir Putin"


# --- sources, articles -------------------------------------------------------------------------


def test_sources_with_counts(sample_archive):
    rows = {r["name"]: r for r in articles.sources(sample_archive)}
    assert set(rows) == {"The Kyiv Independent", "BBC News", "The Guardian", "TASS", "Reuters"}
    assert rows["BBC News"]["articles"] == 1 and rows["BBC News"]["quotes"] == 2
    assert rows["Reuters"]["kind"] == "wire"
    assert rows["Reuters"]["articles"] == 0 and rows["Reuters"]["wire_articles"] == 1
    assert rows["The Guardian"]["quotes"] == 3


def test_articles_newest_first(sample_archive):
    rows = articles.articles(sample_archive)
    assert [r["outlet"] for r in rows] == [
        "The Guardian",
        "BBC News",
        "The Kyiv Independent",
        "TASS",
    ]
    bbc = rows[1]
    assert bbc["wire"] == "Reuters" and bbc["quotes"] == 2 and bbc["people"] == 2


def test_articles_filters(sample_archive):
    def outlets(**kw):
        return sorted(r["outlet"] for r in articles.articles(sample_archive, **kw))

    assert outlets(source="bbc") == ["BBC News"]
    assert outlets(source="Reuters") == ["BBC News"]  # carried via the wire
    assert outlets(person="Mr Putin") == ["BBC News", "TASS"]
    assert outlets(person="Zelenskyy") == ["BBC News", "The Guardian", "The Kyiv Independent"]
    assert outlets(place="Kiev") == ["BBC News", "The Kyiv Independent"]  # an alias
    assert outlets(place="moscow") == ["BBC News", "TASS", "The Guardian"]
    assert outlets(since="2024-03-02") == ["BBC News", "The Guardian"]
    assert outlets(person="Putin", place="Kyiv") == ["BBC News"]
    assert outlets(source="%") == []  # a wildcard is a literal character
    assert outlets(person="Nobody Known") == []


def test_article_detail(sample_archive):
    aid = _article_id(sample_archive, "Zelensky appeals")
    rec = articles.article(sample_archive, aid, with_body=True)
    assert rec["outlet"] == "BBC News" and rec["wire"] == "Reuters"
    assert rec["published_at"] == "2024-03-02T10:30:00+00:00"  # a naive time is taken as UTC
    assert {p["name"] for p in rec["people"]} >= {"Vladimir Putin"}
    assert {p["name"] for p in rec["places"]} == {"Kyiv", "Moscow"}
    speakers = {q["speaker"]: q for q in rec["quotes"]}
    assert speakers["Vladimir Putin"]["quote"] == PUTIN_SAID
    assert speakers["Vladimir Putin"]["outlets"] == 2  # BBC News and TASS
    assert rec["body"].startswith("Ukrainian President")
    kyiv = articles.article(sample_archive, _article_id(sample_archive, "Zelenskyy calls"))
    assert kyiv["authors"] == ["John Smith"] and "body" not in kyiv
    assert articles.article(sample_archive, 9999) is None


# --- people ------------------------------------------------------------------------------------


def test_people_counts(sample_archive):
    rows = {r["name"]: r for r in people.people(sample_archive)}
    putin = rows["Vladimir Putin"]
    assert (putin["articles"], putin["quotes"], putin["statements"], putin["quoted_by"]) == (
        2,
        2,
        1,
        2,
    )
    assert rows["Dmitry Peskov"]["quotes"] == 1
    assert rows["Jane Smith"]["bylines"] == 1 and rows["Jane Smith"]["articles"] == 0
    top = people.people(sample_archive, limit=1)
    assert len(top) == 1 and "Zelensk" in top[0]["name"]  # three articles, three quotes


def test_person_profile(sample_archive):
    found, _ = people.resolve_person(sample_archive, "Mr Putin")
    prof = profile.person_profile(sample_archive, found["person_id"])
    assert prof["name"] == "Vladimir Putin"
    assert {"Putin", "Mr Putin"} <= set(prof["aliases"])
    assert prof["roles"] == [
        {
            "role": "President",
            "first_seen": "2024-02-20",
            "last_seen": "2024-03-02T10:30:00+00:00",
            "articles": 2,
        }
    ]
    assert prof["quote_count"] == 2 and prof["statement_count"] == 1
    (statement,) = prof["statements"]
    assert statement["text"] == PUTIN_SAID
    assert statement["outlets"] == ["TASS", "BBC News"]  # in order of publication
    assert [o["outlet"] for o in prof["outlets"]] == ["BBC News", "TASS"]
    assert [a["outlet"] for a in prof["articles"]] == ["BBC News", "TASS"]
    assert [c["name"] for c in prof["co_occurring"]] == [ZELENSKY]
    assert profile.person_profile(sample_archive, 9999) is None


def test_person_profile_groups_one_statement_from_three_outlets(sample_archive):
    found, _ = people.resolve_person(sample_archive, "Zelenskyy")
    prof = profile.person_profile(sample_archive, found["person_id"])
    assert {"Zelenskyy", "Zelensky"} <= set(prof["aliases"]) | {prof["name"]}
    (statement,) = prof["statements"]
    assert statement["outlet_count"] == 3 and statement["quote_count"] == 3
    assert sorted(statement["outlets"]) == ["BBC News", "The Guardian", "The Kyiv Independent"]
    assert {r["role"] for r in prof["roles"]} == {"President", "Ukrainian President"}


# --- quotes -------------------------------------------------------------------------------------


def test_quotes_by_speaker_from_all_outlets(sample_archive):
    rows = quotes.quotes(sample_archive, speaker="Zelenskyy")
    assert sorted(r["outlet"] for r in rows) == ["BBC News", "The Guardian", "The Kyiv Independent"]
    assert {r["quote"] for r in rows} == {ZELENSKY_SAID}
    assert len({r["statement_id"] for r in rows}) == 1
    assert all(r["outlets"] == 3 for r in rows)
    assert rows[0]["carried_by"] == ["BBC News", "The Guardian", "The Kyiv Independent"]


def test_quotes_filters(sample_archive):
    def quoted(**kw):
        return sorted(
            (r["speaker"] or "", r["outlet"]) for r in quotes.quotes(sample_archive, **kw)
        )

    assert quoted(speaker="Mr Putin") == [
        ("Vladimir Putin", "BBC News"),
        ("Vladimir Putin", "TASS"),
    ]
    assert quoted(source="TASS") == [("Vladimir Putin", "TASS")]
    assert quoted(source="Reuters") == [("Vladimir Putin", "BBC News"), (ZELENSKY, "BBC News")]
    assert quoted(place="Nowhere Bay") == [
        ("", "The Guardian"),
        ("Dmitry Peskov", "The Guardian"),
        (ZELENSKY, "The Guardian"),
    ]
    assert quoted(speaker="Peskov", search="DONE_DEAL") == [("Dmitry Peskov", "The Guardian")]


@pytest.mark.parametrize(
    "needle, expected",
    [
        ("%", {PESKOV_SAID}),
        ("100%", {PESKOV_SAID}),
        ("_", {PESKOV_SAID}),
        ("e_d", {PESKOV_SAID}),  # '_' is not "any character": "e d" does not match
        ("'", {PESKOV_SAID, SQL_QUOTE}),
        ("don't", {PESKOV_SAID}),
        ("'; DROP TABLE quotes; --", {SQL_QUOTE}),
        ("' OR '1'='1", set()),
        ("\\", set()),
        ("/", set()),
    ],
)
def test_quote_search_is_literal(sample_archive, needle, expected):
    before = _count(sample_archive, "quotes")
    assert {r["quote"] for r in quotes.quotes(sample_archive, search=needle)} == expected
    assert _count(sample_archive, "quotes") == before


def test_speaker_text_fallback_is_literal(sample_archive):
    assert quotes.quotes(sample_archive, speaker="%") == []
    assert quotes.quotes(sample_archive, speaker="' OR 1=1 --") == []


# --- places -------------------------------------------------------------------------------------


def test_places_with_coordinates_and_counts(sample_archive):
    rows = {r["name"]: r for r in places.places(sample_archive)}
    assert rows["Moscow"]["articles"] == 3 and rows["Moscow"]["latitude"] == pytest.approx(55.7558)
    assert rows["Kyiv"]["articles"] == 2 and rows["Kyiv"]["mentions"] == 2
    assert rows["Nowhere Bay"]["latitude"] is None
    assert places.places(sample_archive)[0]["name"] == "Moscow"


def test_places_geojson(sample_archive):
    geo = places.places_geojson(places.places(sample_archive))
    assert geo["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in geo["features"]}
    assert set(by_name) == {"Moscow", "Kyiv", "Ukraine"}  # Nowhere Bay has no coordinates
    assert by_name["Kyiv"]["geometry"] == {"type": "Point", "coordinates": [30.5234, 50.4501]}
    assert by_name["Kyiv"]["properties"]["articles"] == 2


# --- search ---------------------------------------------------------------------------------------


def test_search_ranks_and_highlights(sample_archive):
    rows = search.search(sample_archive, "ceasefire")
    assert [(r["kind"], r["outlet"]) for r in rows] == [("article", "TASS")]
    assert "<mark>ceasefire</mark>" in rows[0]["snippet"]
    rows = search.search(sample_archive, "defence")
    kinds = sorted((r["kind"], r["outlet"]) for r in rows)
    assert kinds == sorted(
        [
            (k, o)
            for k in ("article", "quote")
            for o in ("BBC News", "The Guardian", "The Kyiv Independent")
        ]
    )
    assert all("<mark>defence</mark>" in r["snippet"] for r in rows)
    assert rows == sorted(rows, key=lambda r: r["rank"])


def test_search_phrase_prefix_and_scope(sample_archive):
    rows = search.search(sample_archive, '"special operation"', scope="quotes")
    assert sorted(r["outlet"] for r in rows) == ["BBC News", "TASS"]
    assert all(r["speaker"] == "Vladimir Putin" for r in rows)
    assert search.search(sample_archive, '"operation special"') == []
    rows = search.search(sample_archive, "cease*", scope="articles")
    assert [r["outlet"] for r in rows] == ["TASS"]
    assert search.search(sample_archive, "Peskov", scope="articles")[0]["outlet"] == "The Guardian"
    # accents folded by the tokenizer (remove_diacritics)
    assert search.search(sample_archive, "Kremlîn", scope="articles")


@pytest.mark.parametrize(
    "bad",
    [
        "don't",
        '"unbalanced',
        "100%",
        "done_deal AND",
        "NOT",
        "(",
        "*",
        "body:",
        "it's 100% a done_deal",
        "'; DROP TABLE quotes; --",
    ],
)
def test_search_text_that_is_not_fts_syntax_does_not_crash(sample_archive, bad):
    rows = search.search(sample_archive, bad)
    assert isinstance(rows, list)
    assert _count(sample_archive, "quotes") == 7


def test_search_invalid_syntax_falls_back_to_phrase(sample_archive):
    rows = search.search(sample_archive, "don't worry", scope="quotes")
    assert [
        r["quote_id"] is not None
        and PESKOV_SAID in r["snippet"].replace("<mark>", "").replace("</mark>", "")
        for r in rows
    ] == [True]


def test_search_empty_is_an_error(sample_archive):
    with pytest.raises(common.QueryError):
        search.search(sample_archive, "  ")


# --- stats --------------------------------------------------------------------------------------


def test_stats(sample_archive):
    s = stats.stats(sample_archive, top=2)
    assert s["counts"]["articles"] == 4 and s["counts"]["quotes"] == 7
    assert s["counts"]["statements"] == 4 and s["counts"]["sources"] == 5
    assert [p["name"] for p in s["top_places"]] == ["Moscow", "Kyiv"]
    assert len(s["top_people"]) == 2 and len(s["top_outlets"]) == 2


# --- read-only SQL ------------------------------------------------------------------------------


def _readonly(engine):
    from archive.store import db

    return db.make_engine(engine.url.database, readonly=True)


def test_sql_select(sample_archive):
    cols, rows = sql.run_sql(
        _readonly(sample_archive),
        "SELECT speaker, outlet FROM quote_attributions WHERE quote LIKE '%:done%' ",
    )
    assert cols == ["speaker", "outlet"] and rows == []
    cols, rows = sql.run_sql(
        _readonly(sample_archive),
        "SELECT COUNT(*) AS n FROM statement_summary WHERE outlet_count = 3",
    )
    assert rows == [{"n": 1}]


def test_sql_reads_fts_and_schema_pragmas(sample_archive):
    ro = _readonly(sample_archive)
    _, rows = sql.run_sql(
        ro,
        "SELECT rowid, highlight(quotes_fts, 0, '[', ']') AS h "
        "FROM quotes_fts WHERE quotes_fts MATCH 'done_deal'",
    )
    assert [r["h"] for r in rows] == ["It's 100% a [done_deal], don't worry about it."]
    _, rows = sql.run_sql(ro, "PRAGMA table_info(quotes)")
    assert "statement_id" in [r["name"] for r in rows]
    _, rows = sql.run_sql(
        ro, "SELECT name FROM pragma_table_info('places') WHERE name = 'latitude'"
    )
    assert rows == [{"name": "latitude"}]


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM quotes",
        "UPDATE quotes SET text = 'x'",
        "INSERT INTO sources (name, kind) VALUES ('x', 'outlet')",
        "DROP TABLE quotes",
        "SELECT 1; DROP TABLE quotes",
        "SELECT 1; DELETE FROM quotes",
        "PRAGMA query_only = OFF",
        "ATTACH DATABASE ':memory:' AS other",
        "CREATE TABLE x (a)",
        "VACUUM",
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = 'x'",
        "INSERT INTO quotes_fts(quotes_fts) VALUES ('delete-all')",
        "SELECT load_extension('x')",
    ],
)
def test_sql_cannot_write(sample_archive, statement):
    with pytest.raises(common.QueryError):
        sql.run_sql(_readonly(sample_archive), statement)
    assert _count(sample_archive, "quotes") == 7
    with sqlite3.connect(sample_archive.url.database) as conn:
        assert conn.execute("SELECT COUNT(*) FROM quotes").fetchone() == (7,)


def test_sql_refuses_writes_even_on_a_writable_engine(sample_archive):
    with pytest.raises(common.QueryError, match="not authorized"):
        sql.run_sql(sample_archive, "DELETE FROM quotes")
    assert _count(sample_archive, "quotes") == 7


# --- the database as a product ------------------------------------------------------------------


def test_every_table_and_column_is_described(sample_archive):
    with sqlite3.connect(sample_archive.url.database) as conn:
        objects = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%'"
            )
            if not any(
                name.endswith(s) for s in ("_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")
            )
        ]
        missing = []
        for name in objects:
            if name not in TABLES:
                missing.append(name)
                continue
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
            described = TABLES[name]["columns"]
            missing += [f"{name}.{c}" for c in cols if not described.get(c)]
            assert set(described) <= set(cols), f"{name}: described columns that do not exist"
            assert TABLES[name]["description"]
    assert missing == []
    assert set(TABLES) <= set(objects)


def test_canned_queries_run(sample_archive):
    params = {"words": "done_deal", "speaker": "Zelensk", "place": "Kiev", "query": "ceasefire"}
    ro = _readonly(sample_archive)
    results = {}
    for name, q in QUERIES.items():
        with ro.connect() as conn:
            results[name] = [dict(r._mapping) for r in conn.execute(text(q["sql"]), params)]
    assert [r["speaker"] for r in results["who_said"]] == ["Dmitry Peskov"]
    assert len(results["quotes_by_speaker"]) == 3
    assert {r["outlet"]: r["quotes"] for r in results["quotes_by_outlet"]}["The Guardian"] == 3
    assert [r["outlet_count"] for r in results["widely_carried_statements"]] == [3, 2]
    assert {r["name"] for r in results["people_in_place"]} == {ZELENSKY, "Vladimir Putin"}
    assert [r["outlet"] for r in results["search_articles"]] == ["TASS"]


def test_datasette_metadata_shape():
    meta = datasette_metadata("news")
    db = meta["databases"]["news"]
    assert db["tables"]["quotes"]["columns"]["statement_id"]
    assert db["queries"]["who_said"]["sql"].count(":words") == 1


def test_canned_queries_take_input_literally(sample_archive):
    ro = _readonly(sample_archive)
    with ro.connect() as conn:
        rows = conn.execute(text(QUERIES["who_said"]["sql"]), {"words": "%"}).all()
        assert [r.quote for r in rows] == [PESKOV_SAID]
        assert conn.execute(text(QUERIES["quotes_by_speaker"]["sql"]), {"speaker": "_"}).all() == []


def test_speaker_filter_includes_unmerged_spelling_variants(archive_engine):
    """Even if two spellings were stored as two people, --speaker finds both."""
    from archive.store.writer import Store
    from tests.helpers import make_extraction

    store = Store(archive_engine)
    for i, (name, outlet) in enumerate([("Zelenskyy", "A"), ("Zelensky", "B")]):
        body = f'"Words number one." {name} said.'
        store.save(
            make_extraction(
                body,
                path=f"{i}.txt",
                source=outlet,
                people=[dict(name=name)],
                quotes=[dict(text="Words number one.", speaker=name)],
            )
        )
    rows = quotes.quotes(archive_engine, speaker="Zelenskyy")
    assert sorted(r["outlet"] for r in rows) == ["A", "B"]
