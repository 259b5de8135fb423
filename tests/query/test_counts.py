"""The counts behind "showing 100 of 892": each list's count is the length of the list without
its limit, for every filter, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from archive.query import articles, people, places, quotes, search
from archive.store import db
from tests.helpers import sample_extractions

QUOTE_FILTERS = [
    {},
    {"speaker": "Zelenskyy"},
    {"speaker": "Putin", "source": "TASS"},
    {"search": "100%"},
    {"place": "Kyiv"},
    {"min_confidence": 0.5},
    {"speaker": "Nobody Known"},
]
ARTICLE_FILTERS = [
    {},
    {"source": "Reuters"},
    {"person": "Mr Putin"},
    {"place": "Kiev"},
    {"since": "2024-03-02"},
    {"place": "Kyiv", "person": "Zelensky"},
]


def check_counts(engine) -> None:
    for f in QUOTE_FILTERS:
        assert quotes.quotes_count(engine, **f) == len(quotes.quotes(engine, **f, limit=None)), f
    for f in ARTICLE_FILTERS:
        every = articles.articles(engine, **f, limit=None)
        assert articles.articles_count(engine, **f) == len(every), f
    assert articles.sources_count(engine) == len(articles.sources(engine, limit=None))
    assert people.people_count(engine) == len(people.people(engine, limit=None))
    assert places.places_count(engine) == len(places.places(engine, limit=None))
    for text, scope in [("Putin", "all"), ("said", "quotes"), ("Kyiv", "articles"), ("'", "all")]:
        every = search.search(engine, text, limit=None, scope=scope)
        assert search.search_count(engine, text, scope=scope) == len(every), text
        assert len(search.search(engine, text, limit=1, scope=scope)) == min(1, len(every))


def test_counts_on_sqlite(sample_archive):
    assert quotes.quotes_count(sample_archive) == 7
    check_counts(sample_archive)


def test_counts_on_postgres(pg_url):
    from archive.store.writer import Store

    engine = db.make_engine(pg_url)
    db.upgrade(engine)
    store = Store(engine)
    for ex in sample_extractions():
        assert store.save(ex).status == "added"
    db.check_schema(db.make_engine(pg_url, readonly=True))  # at the head, without Alembic
    check_counts(engine)
    assert quotes.quotes_count(engine) == 7


@pytest.mark.parametrize("limit", [1, 2, 100])
def test_search_limit(sample_archive, limit):
    every = search.search(sample_archive, "Putin", limit=None)
    assert search.search(sample_archive, "Putin", limit=limit) == every[:limit]
