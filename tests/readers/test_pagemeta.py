"""A page's structured data (archive.readers.pagemeta): JSON-LD first (an @graph with @id
references), OpenGraph after it, links and broken markup left out; invented pages."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from archive.readers.files import read_path
from archive.readers.pagemeta import structured_meta

FIX = Path(__file__).parents[1] / "fixtures" / "copies"


def _meta(head: str) -> dict:
    return structured_meta(
        lxml.html.fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>")
    )


def test_json_ld_graph_with_references():
    (doc,) = list(read_path(str(FIX / "harbour.html")))
    meta = doc.meta
    assert meta["title"] == "Harbour wall to reopen in spring, says port chief"
    assert meta["publisher"] == "Tarnside Examiner" and meta["site_name"] == "Tarnside Examiner"
    assert meta["authors"] == ["Analysis by Morwenna Pascoe", "DEVRAN OKAFOR"]  # as written
    assert meta["published_at"] == "2025-03-04T09:15:00+01:00"
    assert meta["photo_credits"] == ["Photo: Ilse Brandvold/Tarnside Examiner"]


def test_opengraph_when_there_is_no_json_ld():
    meta = _meta(
        '<meta property="og:title" content="Quay Street shops stay open">'
        '<meta property="og:site_name" content="Harbour Weekly">'
        '<meta property="article:author" content="https://example.invalid/staff/jo-penrose">'
        '<meta property="article:author" content="Jo Penrose">'
        '<meta property="article:published_time" content="2025-01-02T10:00:00Z">'
    )
    assert meta == {
        "title": "Quay Street shops stay open",
        "site_name": "Harbour Weekly",
        "authors": ["Jo Penrose"],  # a link to an author page is no name
        "published_at": "2025-01-02T10:00:00Z",
    }


def test_organisation_authors_and_other_types():
    meta = _meta(
        '<script type="application/ld+json">[{"@type": "BreadcrumbList", "name": "News"},'
        '{"@type": "ReportageNewsArticle", "headline": "Storm closes the bridge",'
        '"author": {"@type": "Organization", "name": "Associated Press"},'
        '"publisher": {"@type": "Organization", "name": "Valley Courier"}}]</script>'
    )
    assert meta["title"] == "Storm closes the bridge"
    assert meta["author_orgs"] == ["Associated Press"] and "authors" not in meta
    assert meta["publisher"] == "Valley Courier"


def test_broken_json_ld_is_left_out():
    meta = _meta(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        '<meta property="og:title" content="Still a title">'
    )
    assert meta == {"title": "Still a title"}


def test_marked_bylines():
    tree = lxml.html.fromstring(
        "<html><body><div data-testid='prism-byline'><img alt='x'><a href='/team/jo'>Jo Penrose"
        "</a></div><p class='story-byline'>By Ansel Marrow</p><a rel='author' href='/a'>Jo "
        "Penrose</a><p>text</p></body></html>"
    )
    assert structured_meta(tree)["byline_marks"] == ["Jo Penrose", "By Ansel Marrow"]


def test_a_headline_cut_short_gives_way():
    meta = _meta(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        '"Ferry fares to rise by a tenth from..."}</script>'
        '<meta property="og:title" content="Ferry fares to rise by a tenth from May">'
    )
    assert meta["title"] == "Ferry fares to rise by a tenth from May"


def test_one_broken_json_ld_script_does_not_lose_the_others():
    meta = _meta(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Storm closes '
        'the bridge", "author": {"@type": "Person", "name": "Jo Penrose"}}</script>'
        '<script type="application/ld+json">{ & #34;@type&# 34;: & #34;BreadcrumbList }'
        "</script>"
    )
    assert meta["title"] == "Storm closes the bridge" and meta["authors"] == ["Jo Penrose"]


def test_json_ld_in_cdata_and_article_author_as_a_name():
    meta = _meta(
        '<meta name="article:author" content="Ansel Marrow">'
        '<script type="application/ld+json">\n<![CDATA[\n[{"@type": "NewsArticle", '
        '"headline": "Quay shops stay open", "datePublished": "2025-01-02T09:53:00-04:00"}]\n]]>'
        "\n</script>"
    )
    assert meta["title"] == "Quay shops stay open"
    assert meta["published_at"] == "2025-01-02T09:53:00-04:00"
    assert meta["authors"] == ["Ansel Marrow"]  # extruct reads only a declared property
