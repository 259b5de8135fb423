"""The archive's pages through Datasette's test client: the start page, a person, a quote in its
paragraph, an article, search, and what the configuration does to Datasette's own pages
(internal tables hidden, long text cut short, facets, links to the archive's pages, the map)."""

from __future__ import annotations

import html
import re

from sqlalchemy import create_engine, text

from tests.helpers import PESKOV_SAID, ZELENSKY_SAID
from tests.serve import get


def _one(path: str, sql: str, **params):
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def _person_id(path: str, name: str) -> int:
    return _one(path, "SELECT id FROM people WHERE name = :n", n=name)


def _bbc_quote_id(path: str) -> int:
    return _one(
        path,
        "SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE a.path LIKE 'bbc/%' AND q.speaker_text = 'Zelensky'",
    )


def test_start_page_leads_with_the_questions(site):
    r = get(site, "/")
    assert r.status_code == 200
    page = r.text
    for label in ("Who said what", "People", "Outlets", "Places on a map", "Search"):
        assert label in page
    assert 'href="/archive/person_summary"' in page
    assert 'href="/archive/place_summary?latitude__notnull=1"' in page
    assert 'action="/search"' in page
    assert "4 articles" in page and "7 quotes" in page
    # who said what comes before the list of tables, and the internal tables are not listed
    assert page.index("Who said what") < page.index("<h2>Tables</h2>")
    assert "alembic_version" not in page


def test_internal_tables_are_hidden(site):
    tables = {t["name"]: t for t in get(site, "/archive.json").json()["tables"]}
    assert tables["alembic_version"]["hidden"]
    assert tables["articles_fts"]["hidden"] and tables["quotes_fts"]["hidden"]
    assert not tables["quotes"]["hidden"] and not tables["articles"]["hidden"]
    if "correction_keys" in tables:  # the store's look-up keys (migration 0008)
        assert tables["correction_keys"]["hidden"] and not tables["corrections"]["hidden"]
    assert "alembic_version" not in get(site, "/archive").text.split("hidden table")[0]


def test_long_text_is_cut_short_in_tables(site, archive_file):
    body = _one(archive_file, "SELECT body FROM articles WHERE path LIKE 'bbc/%'")
    assert len(body) > 200
    page = html.unescape(get(site, "/archive/articles").text)
    assert body[:140] + "\u2026" in page
    assert body not in page  # the whole body only on the row page
    assert body in html.unescape(get(site, "/archive/articles/2").text)


def test_facets_on_who_said_what(site):
    data = get(site, "/archive/quote_attributions.json").json()
    facets = data["facet_results"]
    assert {"outlet", "speaker_kind", "quote_kind", "published_at"} <= set(facets)
    outlets = {f["value"]: f["count"] for f in facets["outlet"]["results"]}
    assert outlets["The Guardian"] == 3
    kinds = {f["value"] for f in facets["speaker_kind"]["results"]}
    assert kinds == {"person", "none"}


def test_tables_link_to_the_archive_pages(site, archive_file):
    page = get(site, "/archive/quote_attributions").text
    zelensky = _person_id(archive_file, "Volodymyr Zelensky")
    quote = _bbc_quote_id(archive_file)
    assert f'<a href="/quote/{quote}">{ZELENSKY_SAID}</a>' in page
    assert f'<a href="/person/{zelensky}">Volodymyr Zelensky</a>' in page
    people = get(site, "/archive/person_summary").text
    assert f'<a href="/person/{zelensky}">Volodymyr Zelensky</a>' in people
    outlets = get(site, "/archive/source_summary").text
    tass = _one(archive_file, "SELECT id FROM sources WHERE name = 'TASS'")
    assert f'<a href="/archive/articles?source_id={tass}">TASS</a>' in outlets
    # canned queries too
    who = get(site, "/archive/who_said?words=done_deal").text
    assert '<a href="/quote/' in who and "done_deal" in html.unescape(who)


def test_person_page(site, archive_file):
    zelensky = _person_id(archive_file, "Volodymyr Zelensky")
    r = get(site, f"/person/{zelensky}")
    assert r.status_code == 200
    page = html.unescape(r.text)
    assert "<h1" in page and "Volodymyr Zelensky" in page
    assert "Also written:" in page and "Zelensky" in page
    assert "Ukrainian President" in page  # a role
    assert ZELENSKY_SAID in page
    assert "3 outlets: The Kyiv Independent, BBC News, The Guardian" in page
    assert "Zelensky appeals to allies as Putin vows to go on" in page  # an article
    putin = _person_id(archive_file, "Vladimir Putin")
    assert f'<a href="/person/{putin}">Vladimir Putin</a>' in page  # appears with
    assert f'href="/quote/{_bbc_quote_id(archive_file)}"' in page


def test_quote_page_highlights_the_quote_in_its_paragraph(site, archive_file):
    quote = _bbc_quote_id(archive_file)
    r = get(site, f"/quote/{quote}")
    assert r.status_code == 200
    page = html.unescape(r.text)
    mark = re.search(r'<mark class="quote-highlight"[^>]*>(.*?)</mark>', page)
    assert mark and mark.group(1) == ZELENSKY_SAID
    paragraph = re.search(r'<blockquote class="in-paragraph">(.*?)</blockquote>', page, re.S)
    assert "appealed to allies from Kiev." in paragraph.group(1)  # the text around it
    assert "Mr Putin said." in paragraph.group(1)
    assert "0.973" in page  # confidence
    assert "told" in page  # cue
    assert "BBC News (from Reuters), 2024-03-02" in page
    zelensky = _person_id(archive_file, "Volodymyr Zelensky")
    assert f'<a href="/person/{zelensky}">Volodymyr Zelensky</a>' in page
    same = page[page.index("The same statement in other articles") :]
    assert "The Kyiv Independent" in same and "The Guardian" in same
    assert "BBC News" not in same


def test_quote_page_escapes_the_text(site, archive_file):
    quote = _one(archive_file, "SELECT id FROM quotes WHERE text LIKE '%DROP TABLE%'")
    page = get(site, f"/quote/{quote}").text
    assert "unattributed" in page
    assert "&#39;; DROP TABLE quotes; -- was written on the wall" in page


def test_article_page_marks_its_quotes(site, archive_file):
    peskov = _one(archive_file, "SELECT id FROM quotes WHERE text = :t", t=PESKOV_SAID)
    article = _one(archive_file, "SELECT article_id FROM quotes WHERE id = :i", i=peskov)
    page = html.unescape(get(site, f"/article/{article}?quote={peskov}").text)
    assert f'class="quote-mark current" id="quote-{peskov}" href="/quote/{peskov}"' in page
    assert f">{PESKOV_SAID}</a>" in page
    assert "Kremlin spokesman Dmitry Peskov dismissed it in Moscow." in page


def test_search(site, archive_file):
    page = get(site, "/search?q=defence&in=quotes").text
    assert "3 results" in page
    assert "<mark>defence</mark>" in page
    assert f'href="/quote/{_bbc_quote_id(archive_file)}"' in page
    articles = get(site, "/search?q=ceasefire").text
    assert "Putin chairs security council" in articles
    # not FTS5 syntax: searched as a phrase; markup in the query is escaped
    odd = get(site, '/search?q="<script>alert(1)</script>').text
    assert "<script>alert(1)" not in odd and "0 results" in odd


def test_missing_pages_are_404(site):
    for path in ("/person/999", "/quote/999", "/article/999"):
        assert get(site, path).status_code == 404


def test_places_map_is_configured(site):
    page = get(site, "/archive/place_summary?latitude__notnull=1").text
    assert "datasette-cluster-map.js" in page
    assert '"/-/archive/blank-tile.png"' in page  # --tiles none: nothing from the internet
    assert "archive.js" in page
    rows = get(site, "/archive/place_summary.json?latitude__notnull=1&_shape=objects").json()
    assert {r["name"] for r in rows["rows"]} == {"Kyiv", "Moscow", "Ukraine"}
    assert get(site, "/-/archive/blank-tile.png").status_code == 200


def test_serving_does_not_write(site, archive_file):
    import os

    before = os.stat(archive_file).st_mtime_ns
    for path in ("/", "/archive/quote_attributions", "/person/1", "/search?q=Putin"):
        get(site, path)
    assert os.stat(archive_file).st_mtime_ns == before


def test_a_file_name_that_needs_encoding(tmp_path):
    """A database named "news archive" (news archive.db): every link is Datasette's URL."""
    import asyncio

    from archive.serve.site import make_datasette
    from tests.serve import write_sample_archive

    site = make_datasette(write_sample_archive(str(tmp_path / "news archive.db")))
    asyncio.run(site.invoke_startup())
    page = get(site, "/").text
    links = set(re.findall(r'href="(/[^"#?]*)', page))
    assert site.urls.database("news archive") + "/person_summary" in links  # /news+archive/
    for link in sorted(links):
        assert get(site, link).status_code == 200, link
    assert get(site, "/person/1").status_code == 200


def test_only_web_addresses_are_links(archive_file):
    """An article's url links to the original only when it is http(s) (not javascript:)."""
    import asyncio
    import sqlite3

    from archive.serve.site import make_datasette

    with sqlite3.connect(archive_file) as conn:
        conn.execute("UPDATE articles SET url = 'javascript:alert(1)' WHERE id = 1")
        conn.execute("UPDATE articles SET url = 'https://example.org/a2' WHERE id = 2")
    site = make_datasette(archive_file)
    asyncio.run(site.invoke_startup())
    assert "javascript:" not in get(site, "/article/1").text
    assert '<a href="https://example.org/a2">original</a>' in get(site, "/article/2").text
    quote = _one(archive_file, "SELECT id FROM quotes WHERE article_id = 1")
    assert "javascript:" not in get(site, f"/quote/{quote}").text
