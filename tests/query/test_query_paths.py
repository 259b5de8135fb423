"""The fast paths of archive.query (index look-ups before fuzzy scans, newest-first walks,
SQL-side ranking) return the same rows as the slow ones; the 0004/0005 indexes exist and are used;
the store's place cache gives the same places as its look-ups."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from archive.query import articles, people, profile, quotes
from archive.store.models import Place, PlaceAlias
from archive.store.writer import Store
from tests.helpers import make_extraction


@pytest.fixture
def no_full_scan(monkeypatch):
    """Fail if any look-up scores every person (the fuzzy scan)."""
    scored = people._scored

    def guarded(engine, name, min_score, ids, **kw):
        assert ids is not None, f"full fuzzy scan for {name!r}"
        return scored(engine, name, min_score, ids, **kw)

    monkeypatch.setattr(people, "_scored", guarded)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Mr Putin", "Vladimir Putin"),
        ("vladimir putin", "Vladimir Putin"),
        ("Zelenskiy", "Volodymyr Zelensky"),  # no alias spelled so: found by its identity key
        ("President Zelensky", "Volodymyr Zelensky"),
        ("Peskov", "Dmitry Peskov"),
    ],
)
def test_exact_and_surname_matches_resolve_without_the_fuzzy_scan(
    sample_archive, no_full_scan, name, expected
):
    found, candidates = people.resolve_person(sample_archive, name)
    assert candidates == [] and found["name"] == expected
    assert people.person_ids_for(sample_archive, name) == [found["person_id"]]


def test_misspelt_name_still_found_by_the_fuzzy_scan(sample_archive):
    found, _ = people.resolve_person(sample_archive, "Vladimr Putn")
    assert found is not None and found["name"] == "Vladimir Putin"
    # and the slow path is the exhaustive one: the same answer as find_people's top tier
    assert (
        people.best_people(people.find_people(sample_archive, "Vladimr Putn"))[0]["person_id"]
        == found["person_id"]
    )


@pytest.mark.parametrize(
    "name", ["Mr Putin", "Zelenskyy", "Smith", "Angela Merkel", "Dmitri Peskov", "%", "_"]
)
def test_match_people_top_tier_equals_the_exhaustive_one(sample_archive, name):
    fast = people.best_people(people.match_people(sample_archive, name))
    full = people.best_people(people.find_people(sample_archive, name))
    assert fast == full


def _save(engine, body, path, **kw):
    outcome = Store(engine).save(make_extraction(body, path=path, **kw))
    assert outcome.status == "added", outcome
    return outcome


def test_names_with_wildcards_are_matched_literally(archive_engine):
    _save(
        archive_engine,
        '"First words here." Jean_Luc Picard said.',
        "a.txt",
        source="A",
        people=[dict(name="Jean_Luc Picard")],
        quotes=[dict(text="First words here.", speaker="Jean_Luc Picard")],
    )
    _save(
        archive_engine,
        '"Other words here." Jeanne Picard said.',
        "b.txt",
        source="B",
        people=[dict(name="Jeanne Picard")],
        quotes=[dict(text="Other words here.", speaker="Jeanne Picard")],
    )
    found, _ = people.resolve_person(archive_engine, "Jean_Luc Picard")
    assert found["name"] == "Jean_Luc Picard"
    found, _ = people.resolve_person(archive_engine, "Jeanne Picard")
    assert found["name"] == "Jeanne Picard"
    assert people.resolve_person(archive_engine, "%") == (None, [])
    assert people.resolve_person(archive_engine, "_") == (None, [])
    assert [r["quote"] for r in quotes.quotes(archive_engine, speaker="Jean_Luc Picard")] == [
        "First words here."
    ]


def test_unattributed_speaker_fallback_is_literal_and_case_insensitive(archive_engine):
    body = (
        '"Stay calm." a SENIOR official said. "Keep going." 100% Official Sources said. '
        '"No comment." an official_ said.'
    )
    stored = [
        dict(text="Stay calm.", speaker_kind="unnamed", speaker_text="a SENIOR official"),
        dict(text="Keep going.", speaker_kind="organisation", speaker_text="100% Official Sources"),
        dict(text="No comment.", speaker_kind="unnamed", speaker_text="an official_"),
    ]
    _save(archive_engine, body, "u.txt", source="U", quotes=stored)

    def said(speaker):
        return sorted(r["quote"] for r in quotes.quotes(archive_engine, speaker=speaker))

    assert quotes.unattributed_speakers(archive_engine, "OFFICIAL") == [
        "100% Official Sources",
        "a SENIOR official",
        "an official_",
    ]
    assert said("senior official") == ["Stay calm."]
    assert said("100%") == ["Keep going."]
    assert said("0%") == ["Keep going."]
    assert said("official_") == ["No comment."]  # "_" is not "any character"
    assert said("l_") == ["No comment."]
    assert said("%") == ["Keep going."]
    assert said("nobody") == []


@pytest.fixture
def both_plans(monkeypatch):
    """Run a call with the newest-first walk forced on and off."""

    def run(call):
        out = []
        for walk in (True, False):
            for module in (articles, quotes, profile):  # every user of the plan choice
                monkeypatch.setattr(module, "newest_first_is_cheaper", lambda *a, walk=walk: walk)
            out.append(call())
        return out

    return run


@pytest.mark.parametrize("speaker", ["Zelenskyy", "Mr Putin", "Peskov", "Nobody Known"])
def test_quotes_by_speaker_same_rows_with_either_plan(sample_archive, both_plans, speaker):
    for limit in (1, 2, 100):
        walked, sorted_ = both_plans(
            lambda: quotes.quotes(sample_archive, speaker=speaker, limit=limit)
        )
        assert walked == sorted_


@pytest.mark.parametrize("place", ["Moscow", "Kiev", "Nowhere Bay", "Atlantis"])
def test_articles_by_place_same_rows_with_either_plan(sample_archive, both_plans, place):
    for limit in (1, 2, 100):
        walked, sorted_ = both_plans(
            lambda: articles.articles(sample_archive, place=place, limit=limit)
        )
        assert walked == sorted_


@pytest.mark.parametrize("name", ["Zelenskyy", "Mr Putin", "Peskov"])
def test_person_profile_same_with_either_plan_and_limits(sample_archive, both_plans, name):
    found, _ = people.resolve_person(sample_archive, name)
    for limit in (1, 50, None):
        walked, sorted_ = both_plans(
            lambda: profile.person_profile(sample_archive, found["person_id"], limit=limit)
        )
        assert walked == sorted_
    full = profile.person_profile(sample_archive, found["person_id"], limit=None)
    one = profile.person_profile(sample_archive, found["person_id"], limit=1)
    assert one["statements"] == full["statements"][:1] and one["articles"] == full["articles"][:1]
    assert (
        one["quote_count"],
        one["statement_count"],
        one["article_count"],
        one["outlets"],
        one["roles"],
    ) == (
        full["quote_count"],
        full["statement_count"],
        full["article_count"],
        full["outlets"],
        full["roles"],
    )


def test_person_profile_ranks_statements_by_outlets_then_quotes(sample_archive):
    found, _ = people.resolve_person(sample_archive, "Zelenskyy")
    prof = profile.person_profile(sample_archive, found["person_id"])
    (st,) = prof["statements"]
    assert [q["outlet"] for q in st["quotes"]] == [
        "The Kyiv Independent",
        "BBC News",
        "The Guardian",
    ]
    assert prof["outlets"] == [
        {"outlet": o, "quotes": 1, "statements": 1}
        for o in ("BBC News", "The Guardian", "The Kyiv Independent")
    ]


def test_person_profile_window_keeps_exact_counts_and_flags_truncation(sample_archive):
    found, _ = people.resolve_person(sample_archive, "Zelenskyy")
    pid = found["person_id"]
    full = profile.person_profile(sample_archive, pid, window=None)
    assert full["truncated"] is False and full["quote_count"] == 3
    default = profile.person_profile(sample_archive, pid)  # 3 quotes: well inside the window
    assert default["truncated"] is False
    assert {k: v for k, v in default.items() if k != "window"} == {
        k: v for k, v in full.items() if k != "window"
    }
    one = profile.person_profile(sample_archive, pid, window=1)
    assert one["truncated"] is True and one["window"] == 1
    # the counts stay exact ...
    assert (one["quote_count"], one["statement_count"], one["article_count"], one["articles"]) == (
        full["quote_count"],
        full["statement_count"],
        full["article_count"],
        full["articles"],
    )
    # ... the groupings cover the latest quote (the one added last) and the latest article
    with sample_archive.connect() as conn:
        latest_outlet = conn.execute(
            text(
                "SELECT s.name FROM quotes q JOIN articles a ON a.id = q.article_id "
                "JOIN sources s ON s.id = a.source_id WHERE q.speaker_id = :p "
                "ORDER BY q.id DESC LIMIT 1"
            ),
            {"p": pid},
        ).scalar()
    assert one["outlets"] == [{"outlet": latest_outlet, "quotes": 1, "statements": 1}]
    (st,) = one["statements"]  # ranked over the window, then listed with all its quotes
    assert st == full["statements"][0]
    assert sum(c["shared_articles"] for c in one["co_occurring"]) <= sum(
        c["shared_articles"] for c in full["co_occurring"]
    )
    assert len(one["roles"]) <= len(full["roles"]) and all(r["articles"] == 1 for r in one["roles"])
    # a window as large as the person's quotes and articles leaves nothing out
    assert profile.person_profile(sample_archive, pid, window=3)["truncated"] is False


INDEXES = {
    "ix_quotes_speaker_id_speaker_text",
    "ix_quotes_article_id_speaker_id",
    "ix_article_people_person_id_article_id_role",
    "ix_article_places_place_id_article_id",
    "ix_quotes_speaker_id_statement_id",
}


def test_query_indexes_exist_and_are_used(sample_archive):
    with sample_archive.connect() as conn:
        names = set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars()
        )
        assert INDEXES <= names

        def plan(sql, **params):
            return " ".join(r[3] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql), params))

        assert "ix_quotes_speaker_id_speaker_text" in plan(
            "SELECT MIN(speaker_text) FROM quotes WHERE speaker_id IS NULL AND speaker_text > :t",
            t="a",
        )
        assert "COVERING INDEX ix_article_places_place_id_article_id" in plan(
            "SELECT article_id FROM article_places WHERE place_id IN (1, 2)"
        )
        assert "COVERING INDEX" in plan(
            "SELECT COUNT(DISTINCT article_id) FROM article_people"
            " WHERE person_id = 1 AND role = 'subject'"
        )
        assert "COVERING INDEX ix_quotes_speaker_id_statement_id" in plan(
            "SELECT COUNT(DISTINCT statement_id) FROM quotes WHERE speaker_id = 1"
        )


def test_store_places_by_gazetteer_id_and_name(archive_engine):
    """A place first known without a gazetteer id takes the id of the same name when one comes;
    the id then finds it under another name ("Lemberg"); aliases accumulate once."""
    store = Store(archive_engine)
    nameonly = dict(name="Lviv", kind="city", country_code="UA", aliases=["Lviv"])
    withid = dict(
        name="Lviv",
        kind="city",
        country_code="UA",
        gazetteer_id="geonames:702550",
        aliases=["Lviv", "Lvov"],
    )
    other = dict(
        name="Lemberg",
        kind="city",
        country_code="UA",
        gazetteer_id="geonames:702550",
        aliases=["Lemberg"],
    )
    for i, places in enumerate([[nameonly], [withid], [withid], [other], [other, nameonly]]):
        body = f"Article {i} about Lviv, Lvov and Lemberg."
        assert (
            store.save(make_extraction(body, path=f"{i}.txt", source="S", places=places)).status
            == "added"
        )
    with archive_engine.connect() as conn:
        rows = conn.execute(select(Place.name, Place.gazetteer_id).order_by(Place.id)).all()
        aliases = conn.execute(
            select(PlaceAlias.place_id, PlaceAlias.alias).order_by(PlaceAlias.id)
        ).all()
        n_links = conn.execute(text("SELECT COUNT(*) FROM article_places")).scalar()
    assert rows == [("Lviv", "geonames:702550")]
    assert [a for _p, a in aliases] == ["Lviv", "Lvov", "Lemberg"]
    assert n_links == 5  # the last article names it twice: one link


def test_two_towns_of_one_name_stay_two_whatever_order_they_came_in(archive_engine, tmp_path):
    """Two gazetteer places of one name ("Springfield, Mo." and "Springfield, Ill.") are two
    places with their own positions, and a mention with no gazetteer id joins the place of that
    name: the same rows whichever article came first."""
    from archive.store import db

    a = dict(
        name="Springfield",
        kind="city",
        country_code="US",
        gazetteer_id="geonames:4409896",
        latitude=37.2,
        longitude=-93.3,
        aliases=["Springfield"],
    )
    b = dict(
        name="Springfield",
        kind="city",
        country_code="US",
        gazetteer_id="geonames:4250542",
        latitude=39.8,
        longitude=-89.6,
        aliases=["Springfield"],
    )
    bare = dict(a, gazetteer_id=None, latitude=None, longitude=None)
    results = []
    for n, order in enumerate(([a, b, bare], [bare, b, a])):
        engine = archive_engine if n == 0 else db.make_engine(str(tmp_path / "other.db"))
        if n:
            db.upgrade(engine)
        store = Store(engine)
        for i, place in enumerate(order):
            store.save(
                make_extraction(
                    f"Story {i} from Springfield.", path=f"{i}.txt", source="S", places=[place]
                )
            )
        with engine.connect() as conn:
            results.append(
                sorted(conn.execute(select(Place.name, Place.gazetteer_id, Place.latitude)).all())
            )
    assert (
        results[0]
        == results[1]
        == [
            ("Springfield", "geonames:4250542", 39.8),
            ("Springfield", "geonames:4409896", 37.2),
        ]
    )


def test_full_name_resolves_by_index_without_counting(sample_archive, monkeypatch):
    """The fast path of resolve_person: identity key or alias equality, no LIKE pass and no
    article/quote counts (they only order several equally good candidates)."""

    def boom(*a, **k):
        raise AssertionError("not needed for a full name that is someone's key")

    monkeypatch.setattr(people, "_person_counts", boom)
    monkeypatch.setattr(people, "_candidate_people", boom)
    found, candidates = people.resolve_person(sample_archive, "Vladimir Putin")
    assert found is not None and found["name"] == "Vladimir Putin" and candidates == []
