"""The queries over a story held several times: a page saved as .html and as .txt counts once, an
agency story reprinted by another outlet counts once for each outlet, and every copy adds its
outlet to those that carried a statement; dates in mixed forms sort and filter in time order."""

from __future__ import annotations

import pytest

from archive.query import articles, export, people, profile, quotes, stats
from archive.store.writer import Store
from tests.helpers import make_extraction

STORY = (
    'Mayor Anna Berg said "the bridge will open in May, whatever the weather does" at a meeting '
    "in the town hall on Tuesday evening, where residents asked about the delays to the works "
    "on the river crossing and the cost of the temporary ferry that has run since the autumn. "
    "The contractor blamed a shortage of steel and two months of floods for the slow progress."
)
QUOTE = "the bridge will open in May, whatever the weather does"
BERG = [{"name": "Anna Berg", "aliases": ["Mayor Anna Berg"], "roles": ["Mayor"]}]


def _save(store, body, path, source=None, published_at=None, quote=True):
    ex = make_extraction(
        body,
        path=path,
        source=source,
        published_at=published_at,
        title=path,
        people=BERG if quote else [],
        quotes=[{"text": QUOTE, "speaker": "Anna Berg"}] if quote else [],
    )
    outcome = store.save(ex)
    assert outcome.status == "added", outcome
    return outcome.article_id


@pytest.fixture
def copies(archive_engine):
    store = Store(archive_engine)
    ids = {
        "html": _save(store, STORY, "bridge.html", "Riverside Post", "2024-05-02T08:00:00+02:00"),
        "txt": _save(store, "Bridge to open in May\n\n" + STORY, "bridge.txt", None, "2024-05-02"),
        "reprint": _save(
            store, STORY, "reprint.txt", "Valley Courier", "2024-05-01T23:30:00-05:00"
        ),
        "naive": _save(
            store,
            "The library in the old school will close for the summer so that its roof can be "
            "repaired before the autumn term, the council said in a note to parents this week.",
            "library.txt",
            "Riverside Post",
            "2024-05-02T07:00:00",
            quote=False,
        ),
    }
    return archive_engine, ids


def test_quotes_count_each_statement_once_per_outlet(copies):
    engine, ids = copies
    rows = quotes.quotes(engine, speaker="Anna Berg", limit=None)
    assert sorted(r["article_id"] for r in rows) == sorted([ids["html"], ids["reprint"]])
    assert quotes.quotes_count(engine, speaker="Anna Berg") == 2
    assert {r["outlets"] for r in rows} == {2}
    assert set(rows[0]["carried_by"]) == {"Riverside Post", "Valley Courier"}
    # the walk for a much-quoted speaker gives the same rows
    assert len(quotes.quotes(engine, speaker="Anna Berg", limit=1)) == 1


def test_person_people_and_stats_do_not_count_a_copy_twice(copies):
    engine, ids = copies
    (berg,) = [p for p in people.people(engine, limit=None) if p["name"] == "Anna Berg"]
    assert (berg["articles"], berg["quotes"], berg["statements"]) == (2, 2, 1)
    prof = profile.person_profile(engine, berg["person_id"])
    assert (prof["article_count"], prof["quote_count"], prof["statement_count"]) == (2, 2, 1)
    (statement,) = prof["statements"]
    assert sorted(statement["outlets"]) == ["Riverside Post", "Valley Courier"]
    assert statement["quote_count"] == 2
    assert {o["outlet"]: o["quotes"] for o in prof["outlets"]} == {
        "Riverside Post": 1,
        "Valley Courier": 1,
    }
    assert ids["txt"] not in [a["article_id"] for a in prof["articles"]]
    data = stats.stats(engine)
    assert data["copies"] == 2 and data["counts"]["articles"] == 4
    outlets = {o["name"]: o for o in data["top_outlets"]}
    assert outlets["Riverside Post"]["quotes"] == 1 and outlets["Riverside Post"]["articles"] == 2


def test_article_and_export_show_the_story(copies):
    engine, ids = copies
    rec = articles.article(engine, ids["html"])
    assert rec["duplicate_of"] is None
    assert [c["article_id"] for c in rec["copies"]] == [ids["txt"], ids["reprint"]]
    assert rec["carried_by"] == ["Riverside Post", "Valley Courier"]
    copy = articles.article(engine, ids["txt"])
    assert copy["duplicate_of"] == ids["html"] and copy["published_at_raw"] == "2024-05-02"
    listed = {r["article_id"]: r for r in articles.articles(engine, limit=None)}
    assert listed[ids["html"]]["copies"] == 2 and listed[ids["txt"]]["duplicate_of"] == ids["html"]
    records = {r["id"]: r for r in export.article_records(engine)}
    assert {k: r["duplicate_of"] for k, r in records.items()} == {
        ids["html"]: None,
        ids["txt"]: ids["html"],
        ids["reprint"]: ids["html"],
        ids["naive"]: None,
    }
    assert export.flat_row(records[ids["txt"]])["duplicate_of"] == ids["html"]


def test_mixed_dates_sort_and_filter_in_time_order(copies):
    engine, ids = copies
    order = [r["article_id"] for r in articles.articles(engine, limit=None)]
    # 07:00 naive (UTC) > 06:00 UTC (08:00+02:00) > 04:30 UTC (23:30-05:00 the day before) and
    # the date alone sorts before every time of its day
    assert order == [ids["naive"], ids["html"], ids["reprint"], ids["txt"]]
    dates = {r["article_id"]: r["published_at"] for r in articles.articles(engine, limit=None)}
    assert dates[ids["reprint"]] == "2024-05-02T04:30:00+00:00"
    assert dates[ids["html"]] == "2024-05-02T06:00:00+00:00"
    since = articles.articles(engine, since="2024-05-02T05:00:00+00:00", limit=None)
    assert {r["article_id"] for r in since} == {ids["naive"], ids["html"]}
    assert articles.articles_count(engine, since="2024-05-02") == 4
    assert articles.articles_count(engine, since="2024-05-03") == 0
