"""Who published a saved page, who wrote it and when: the page's own metadata first, then the
visible page; author names only (no "Analysis by", roles, bios, capitals), the outlet never a
hosting platform, a photo credit or the agency that wrote the story; invented pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.clean.credits import author_name
from archive.clean.outlets import copyright_holder
from archive.clean.page import clean
from archive.clean.provenance import page_source, strip_site_suffix, visible_title
from archive.readers.files import read_path
from archive.records import RawDocument

FIX = Path(__file__).parents[1] / "fixtures" / "copies"


def test_structured_page():
    (doc,) = list(read_path(str(FIX / "harbour.html")))
    art = clean(doc)
    assert art.title == "Harbour wall to reopen in spring, says port chief"
    assert art.source == "Tarnside Examiner" and art.wire is None
    assert art.authors == ["Morwenna Pascoe", "Devran Okafor"]
    assert art.photographers == ["Ilse Brandvold"]
    assert art.published_at == "2025-03-04T08:15:00+00:00"  # in UTC
    assert art.published_at_raw == "2025-03-04T09:15:00+01:00"


@pytest.mark.parametrize(
    "meta, expected",
    [
        ({"publisher": "Valley Courier", "site_name": "VC Online"}, ("Valley Courier", None)),
        # the agency wrote the story; the site that carried it is the outlet
        (
            {"publisher": "Associated Press", "site_name": "Valley Courier"},
            ("Valley Courier", "Associated Press"),
        ),
        ({"publisher": "Reuters"}, (None, "Reuters")),
        ({"publisher": "WordPress.com", "site_name": "Fenwick Notes"}, ("Fenwick Notes", None)),
        ({"site_name": "© Jane Roe", "sitename": "Harbour Weekly"}, ("Harbour Weekly", None)),
        (
            {"sitename": "harbourweekly.example", "site_name": "Harbour Weekly"},
            ("Harbour Weekly", None),
        ),
        ({"sitename": "harbourweekly.example"}, ("harbourweekly.example", None)),
        # the extractor's guess of the site's name is the headline: no outlet from it
        (
            {
                "sitename": "Student halls too full to be safe",
                "title": "Student halls too full to be safe",
            },
            (None, None),
        ),
        ({"sitename": "Council votes to close the old harbour bridge for good"}, (None, None)),
    ],
)
def test_page_source(meta, expected):
    assert page_source(meta) == expected


def test_agency_publisher_goes_to_wire():
    text = "The bridge closed on Monday after the storm damaged its deck, the county said."
    meta = {"publisher": "Associated Press", "site_name": "Valley Courier"}
    art = clean(RawDocument("p.html", "p.html", "", "html", text=text, meta=meta))
    assert (art.source, art.wire) == ("Valley Courier", "Associated Press")


@pytest.mark.parametrize(
    "raw, name, outlet",
    [
        ("Analysis by Morwenna Pascoe", "Morwenna Pascoe", None),
        ("Valley Courier Editor-at-large", None, None),
        ("Jo Penrose is a reporter for the Valley Courier", "Jo Penrose", None),
        ("DEVRAN OKAFOR Associated Press", "Devran Okafor", "Associated Press"),
        ("Jo Penrose, Senior Political Correspondent", "Jo Penrose", None),
        ("Jo Penrose, PhD", "Jo Penrose", None),
        ("View all posts by Jo Penrose", "Jo Penrose", None),
        ("Location Details", None, None),
        ("Additional Information", None, None),
        ("Follow", None, None),
        ("By the end of the day", None, None),
        ("Ansel Marrow says", None, None),  # a reader's comment
        ("Author Jo Penrose", "Jo Penrose", None),
        ("Reporter: Jo Penrose", "Jo Penrose", None),
        ("Ansel Marrow said:", None, None),
        # months that are given names: a name's word, unless they end it (a date after it)
        ("Laura June Penrose", "Laura June Penrose", None),
        ("April Marrow", "April Marrow", None),
        ("Jo Penrose June", None, None),
        ("Jo Penrose Edited by Ansel Marrow", "Jo Penrose", None),  # the writer, not the editor
        ("Tarnsoft Developers", None, None),  # a blog's account, no person
        ("Posted by Tarnsoft Developers", None, None),
    ],
)
def test_author_names(raw, name, outlet):
    got, info = author_name(raw)
    assert got == name and (info.name if info else None) == outlet


def test_extracted_authors_when_the_page_metadata_names_nobody():
    text = "The ferry will run to its summer timetable from Monday, the operator said."
    meta = {"authors": ["@HarbourWeekly"], "extracted_authors": ["Jo Penrose @jpenrose"]}
    art = clean(RawDocument("q.html", "q.html", "", "html", text=text, meta=meta))
    assert art.authors == ["Jo Penrose"]
    meta = {"authors": ["Ansel Marrow"], "extracted_authors": ["Jo Penrose"]}
    art = clean(RawDocument("q.html", "q.html", "", "html", text=text, meta=meta))
    assert art.authors == ["Ansel Marrow"]  # the page's own metadata first


def test_a_persons_copyright_line_is_no_outlet():
    text = (
        "Harbour works finish early\n\nThe harbour wall that collapsed in the January storms "
        "will reopen to walkers in the spring, the port authority said on Tuesday.\n\nTraders "
        "said their takings had fallen by a third since the winter.\n\n© Ilse Brandvold"
    )
    art = clean(RawDocument("x.txt", "x.txt", text, "text"))
    assert art.source is None and "Brandvold" not in art.body
    assert (
        clean(
            RawDocument("y.txt", "y.txt", text.replace("Ilse Brandvold", "Harbour Weekly"), "text")
        ).source
        == "Harbour Weekly"
    )


def test_the_sites_name_after_the_last_separator():
    assert strip_site_suffix("Ferry notes #9 - 0.17 in sight | Tarn Bugle", "Tarn Bugle") == (
        "Ferry notes #9 - 0.17 in sight"
    )
    assert strip_site_suffix("Ferry notes - winter | Tarn Bugle", "Quay News") == (
        "Ferry notes - winter | Tarn Bugle"
    )


def test_a_bare_domains_brand_from_the_title():
    text = "The ferry will run to its summer timetable from Monday, the operator said."
    meta = {"url": "https://www.tarnbugle.com/ferry", "title_tag": "Ferry returns - Tarn Bugle"}
    art = clean(RawDocument("b.html", "b.html", "", "html", text=text, meta=meta))
    assert art.source == "Tarn Bugle" and art.source_domain == "tarnbugle.com"
    meta = {"url": "https://medium.com/@jo/ferry", "title_tag": "Ferry returns - Medium"}
    art = clean(RawDocument("m.html", "m.html", "", "html", text=text, meta=meta))
    assert art.source == "medium.com"  # the hosting platform's name is not the site's
    meta = {"url": "https://www.tarnbugle.com/ferry", "title_tag": "Ferry returns - Quay News"}
    art = clean(RawDocument("q.html", "q.html", "", "html", text=text, meta=meta))
    assert art.source == "tarnbugle.com"


_BRANDS = "url, title_tag, publisher, outlet, title"


@pytest.mark.parametrize(
    _BRANDS,
    [
        ("https://tarnbugle.blogspot.com/f", "Tarn Bugle: Ferry", None, "Tarn Bugle", "Ferry"),
        # the owner's legal name is no brand; the brand its title gives on its domain is
        ("https://tarnbugle.org/f", "Ferry - Tarnbugle", "Tarn Media, Inc.", "Tarnbugle", "Ferry"),
        # saved without its address: the short name after the title's last separator, unless
        # it is a section of the site
        (None, "Ferry - Tarnbugle", "Tarn Media, Inc.", "Tarnbugle", "Ferry"),
        (None, "Ferry - Opinion", "Tarn Media, Inc.", "Tarn Media, Inc", "Ferry - Opinion"),
        (
            "https://tarnbugle.org/f",
            "Ferry - Tarnbugle",
            "Quay News",
            "Quay News",
            "Ferry - Tarnbugle",
        ),
    ],
)
def test_the_brand_before_the_title_and_the_brand_of_an_owners_legal_name(
    url, title_tag, publisher, outlet, title
):
    text = "The ferry will run to its summer timetable from Monday, the operator said."
    meta = {"url": url, "title_tag": title_tag, "title": title_tag, "publisher": publisher}
    art = clean(RawDocument("b.html", "b.html", "", "html", text=text, meta=meta))
    assert (art.source, art.title) == (outlet, title)


_UNADDRESSED = (
    "<html><head><title>{title}</title></head><body><h1>{h1}</h1><article><p>The ferry will "
    "run to its summer timetable from Monday, the operator said on Tuesday, after a winter of "
    "repairs to the slipway.</p><p>Traders said their takings had fallen by a third since the "
    "storms closed the harbour in January.</p></article><footer><div class='legal'>{notice}"
    "</div></footer></body></html>"
)


@pytest.mark.parametrize(
    "title, notice, source",
    [
        (
            "Weekly Edition for May 2 [Tarnbugle.net]",
            "© 2024, Quayside Holdings, Inc.",
            "Tarnbugle.net",
        ),
        ("Ferry returns", "©2005-2024 Tarn Bugle, LLC. All rights reserved.", "Tarn Bugle"),
        ("Ferry returns", "Copyright (c) 2024 Harbour Weekly", "Harbour Weekly"),
        ("Ferry returns", "© Ilse Brandvold", None),  # a person's
        ("Ferry returns", "© 2024 The Associated Press", None),  # the agency's story
        ("Ferry returns", "Copyright Notice", None),  # a heading
    ],
)
def test_the_site_of_a_page_saved_without_its_address(tmp_path, title, notice, source):
    """No address, no site name: the domain its title ends with, else the owner its copyright
    notice names."""
    page = tmp_path / "p.html"
    page.write_text(_UNADDRESSED.format(title=title, h1=title, notice=notice))
    (doc,) = list(read_path(str(page)))
    assert clean(doc).source == source


def test_copyright_headings_name_no_holder():
    assert copyright_holder("Copyright Notice") is None
    assert copyright_holder("Copyright Reuters").name == "Reuters"  # a known outlet
    assert copyright_holder("(c) Copyright 2015 Tarn Bugle").name == "Tarn Bugle"
    assert copyright_holder("Copyright (c) 2014 Tarn Trust and the persons named").name == (
        "Tarn Trust"
    )


def test_the_title_element_that_is_the_texts_first_line():
    """An ``<h1>`` that names the site's section ("Travel Centre") is no headline when the
    page's ``<title>`` is the line the text starts with."""
    text = (
        "Ferry returns after winter repairs\n\nThe ferry will run to its summer timetable "
        "from Monday, the operator said."
    )
    meta = {"title": "Travel Centre", "title_tag": "Ferry returns after winter repairs"}
    art = clean(RawDocument("t.html", "t.html", "", "html", text=text, meta=meta))
    assert art.title == "Ferry returns after winter repairs"
    meta["title_tag"] = "Travel Centre"
    art = clean(RawDocument("t.html", "t.html", "", "html", text=text, meta=meta))
    assert art.title == "Travel Centre"


def test_site_name_tagline_and_title_suffix():
    assert page_source({"site_name": "Harbour Weekly | News, Sport and Weather"}) == (
        "Harbour Weekly",
        None,
    )
    text = "The ferry will run to its summer timetable from Monday, the operator said."
    meta = {
        "title": "Ferry timetable returns -- Harbour Weekly - News, Sport and Weather",
        "site_name": "Harbour Weekly - News, Sport and Weather",
    }
    art = clean(RawDocument("t.html", "t.html", "", "html", text=text, meta=meta))
    assert (art.title, art.source) == ("Ferry timetable returns", "Harbour Weekly")


def test_marked_bylines_are_the_last_resort():
    text = "The ferry will run to its summer timetable from Monday, the operator said."
    meta = {"byline_marks": ["By Ansel Marrow", "Share this story"]}
    art = clean(RawDocument("m.html", "m.html", "", "html", text=text, meta=meta))
    assert art.authors == ["Ansel Marrow"]
    meta["authors"] = ["Jo Penrose"]
    art = clean(RawDocument("m.html", "m.html", "", "html", text=text, meta=meta))
    assert art.authors == ["Jo Penrose"]


def _authors_of(meta: dict) -> list[str]:
    text = "The ferry will run to its summer timetable from Monday, the operator said."
    return clean(RawDocument("b.html", "b.html", "", "html", text=text, meta=meta)).authors


def test_the_pages_byline_lines_before_its_marks():
    lines = [
        "By Jo Penrose, Ansel Marrow and Dara Quill - Harbour Safety team",
        "By Ilse Brandvold",
    ]
    meta = {"byline_lines": lines, "byline_marks": ["Devran Okafor"]}
    assert _authors_of(meta) == ["Jo Penrose", "Ansel Marrow", "Dara Quill"]  # the first line
    meta = {"byline_lines": ["By using the ferry, you agree"], "byline_marks": ["Devran Okafor"]}
    assert _authors_of(meta) == ["Devran Okafor"]
    mark = "By Jo Penrose, Ansel Marrow and Dara Quill - Harbour Safety team"
    assert _authors_of({"byline_marks": [mark]}) == ["Jo Penrose", "Ansel Marrow", "Dara Quill"]


def test_the_sites_own_name_is_no_author():
    assert _authors_of({"authors": ["Quaymoor Bakes"], "site_name": "Quaymoor Bakes"}) == []
    assert _authors_of({"authors": ["Jo Penrose"], "site_name": "Jo Penrose"}) == ["Jo Penrose"]
    meta = {
        "authors": ["Quaymoor Bakes"],
        "sitename": "Quaymoor Bakes",
        "byline_lines": ["By Jo Penrose"],
    }
    assert _authors_of(meta) == ["Jo Penrose"]


SITES = ["Harbour Weekly", "tarnwatch.blogspot.com"]


@pytest.mark.parametrize(
    "title, h1s, expected",
    [
        # the visible headline over another the metadata gives (written for search engines)
        (
            "Ferry fares to rise",
            ["Fares on the Tarn ferry go up in May"],
            "Fares on the Tarn ferry go up in May",
        ),
        (
            "Ferry fares to rise by a tenth from...",
            ["Ferry fares to rise by a tenth from May"],
            "Ferry fares to rise by a tenth from May",
        ),
        ("Fares go up - Tarn Ferries", ["Fares go up"], "Fares go up"),  # a suffix of the site
        # the site's name, a logo, an outlet, one word: the metadata's title
        ("Ferry fares to rise", ["Harbour Weekly"], "Ferry fares to rise"),
        ("Ferry fares to rise", ["harbourweekly.example"], "Ferry fares to rise"),
        ("Ferry fares to rise", ["Reuters"], "Ferry fares to rise"),
        ("Ferry fares to rise", ["Ferries"], "Ferry fares to rise"),
        # the h1 with a section label or a dek run into it
        ("Ferry fares to rise", ["Local News | Ferry fares to rise"], "Ferry fares to rise"),
        (
            "What are ferry fares? definition and meaning",
            ["Ferry fares"],
            "What are ferry fares? definition and meaning",
        ),
        # several h1s: the one that shares most of its words with the title, or none
        (
            "Ferry fares to rise in May",
            ["Menu", "Tarn ferry fares rise from May", "Ask us"],
            "Tarn ferry fares rise from May",
        ),
        (
            "Ferry fares to rise in May",
            ["Where to eat", "Tarn ferry timetable"],
            "Ferry fares to rise in May",
        ),
        (None, ["Ferry fares to rise"], None),
        # the site's name as its domain writes it: a blog's h1 on tarnwatch.blogspot.com
        ("Ferry fares to rise", ["Tarn Watch"], "Ferry fares to rise"),
    ],
)
def test_visible_title(title, h1s, expected):
    assert visible_title(title, h1s, SITES) == expected


def test_the_visible_headline_is_the_title():
    text = "The ferry will run to its summer timetable from Monday, the operator said."
    meta = {
        "title": "Tarn ferry summer timetable 2025: dates, fares | Harbour Weekly",
        "site_name": "Harbour Weekly",
        "headlines": ["Harbour Weekly", "Ferry returns to its summer timetable"],  # logo, story
    }
    art = clean(RawDocument("h.html", "h.html", "", "html", text=text, meta=meta))
    assert art.title == "Ferry returns to its summer timetable"
    meta["headlines"] = ["Harbour Weekly"]
    art = clean(RawDocument("h.html", "h.html", "", "html", text=text, meta=meta))
    assert art.title == "Tarn ferry summer timetable 2025: dates, fares"


_PAGE = (
    '<html><head><script type=\'application/ld+json\'>{{"@type": "NewsArticle", "headline": '
    '"Ferry returns", "author": {{"@type": "Person", "name": "{author}"}}}}</script>'
    "</head><body><h1>Ferry returns</h1><div class='byline'>By <a rel='author' href='/jo'>"
    "Jo Penrose</a></div><p>The ferry will run to its summer timetable from Monday, the "
    "operator said on Tuesday, after a winter of repairs to the slipway.</p></body></html>"
)


def test_the_byline_over_metadata_authors_the_page_never_shows(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(_PAGE.format(author="Kerys Lanyon"))  # the account that posted it
    (doc,) = list(read_path(str(page)))
    assert clean(doc).authors == ["Jo Penrose"]
    page.write_text(_PAGE.format(author="Jo Penrose") + "<!-- -->")
    (doc,) = list(read_path(str(page)))
    assert clean(doc).authors == ["Jo Penrose"]
    page.write_text(_PAGE.format(author="Ansel Marrow").replace("operator said", "Marrow said"))
    (doc,) = list(read_path(str(page)))
    assert clean(doc).authors == ["Ansel Marrow"]  # shown on the page: the metadata's


def test_an_author_the_page_declares_may_be_two_words_of_the_dictionary(tmp_path):
    """'<meta name="author" content="Thistle Moss">': the page's own author tag names a person
    even when both words are dictionary words; the same words found elsewhere are a phrase."""
    page = tmp_path / "m.html"
    page.write_text(
        '<html><head><title>Ferry returns</title><meta name="author" content="Thistle Moss">'
        "</head><body><article><h1>Ferry returns</h1><p>The ferry will run to its summer "
        "timetable from Monday, the operator said on Tuesday, after a winter of repairs to the "
        "slipway.</p></article></body></html>"
    )
    (doc,) = list(read_path(str(page)))
    assert clean(doc).authors == ["Thistle Moss"]
    page.write_text(page.read_text().replace("Thistle Moss", "No Author"))
    (doc,) = list(read_path(str(page)))
    assert clean(doc).authors == []  # a placeholder, declared or not
    text = "The ferry will run to its summer timetable from Monday, the operator said."
    meta = {"authors": ["Location Details"]}
    art = clean(RawDocument("l.html", "l.html", "", "html", text=text, meta=meta))
    assert art.authors == []


@pytest.mark.parametrize(
    ("site_name", "title_tag", "outlet"),
    [
        # the site's metadata runs its name together, the title spells it for readers
        ("TarnBugle", "Ferry to run all summer | Tarn Bugle", "Tarn Bugle"),
        # other letters: the site's own name stays
        ("Quay News", "Ferry to run all summer | Tarn Bugle", "Quay News"),
        ("TarnBugle", "Ferry to run all summer", "TarnBugle"),
    ],
)
def test_the_outlet_as_the_title_spells_it(site_name, title_tag, outlet):
    text = "The ferry will run to its summer timetable from Monday, the operator said."
    meta = {"title_tag": title_tag, "title": title_tag, "site_name": site_name}
    art = clean(RawDocument("b.html", "b.html", "", "html", text=text, meta=meta))
    assert art.source == outlet
