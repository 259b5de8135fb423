"""What the visible page says about its story (archive.readers.pagevisible): the lines that read
as a byline, the elements marked as bylines (the story's, not the comments' or other stories')
and the page's headlines, and an extracted author as the page writes it; invented pages."""

from __future__ import annotations

import lxml.html
import pytest

from archive.readers.pagevisible import (
    as_byline,
    as_written,
    byline_lines,
    headlines,
    marked_bylines,
)


def _tree(body: str):
    return lxml.html.fromstring(f"<html><head><title>t</title></head><body>{body}</body></html>")


def test_a_by_label_takes_the_name_in_the_next_element():
    tree = _tree(
        "<div class='side'><p class='label'><strong>By</strong></p></div>"
        "<div><p class='full-name'>Morwenna Pascoe</p></div><p>The ferry will run.</p>"
    )
    assert byline_lines(tree) == ["By Morwenna Pascoe"]


def test_byline_lines_as_written_on_the_page():
    tree = _tree(
        "<address>By <a href='/staff/jo'> Jo Penrose </a></address>"
        "<div class='meta'>Posted on March 2, 2025 by Ansel Marrow</div>"
        "<p>By the end of the day the ferry ran again.</p>"
    )
    assert byline_lines(tree, most=3) == [
        "By Jo Penrose",
        "By Ansel Marrow",
        "By the end of the day the ferry ran again.",  # read as a byline later, or not
    ]


def test_bylines_in_comments_and_captions_are_left_out():
    tree = _tree(
        "<figure><img src='x.jpg'><figcaption>By Ilse Brandvold</figcaption></figure>"
        "<ol class='comment-list'><li><p>Posted by Dara Quill</p></li></ol>"
        "<span class='credit video-credit'>By Harbour Police</span>"
    )
    assert byline_lines(tree) == []


def test_a_storys_own_footer_names_its_author_the_pages_does_not():
    tree = _tree(
        "<article><h1>Ferry returns</h1><p>The ferry runs again.</p>"
        "<footer><p>Posted by Jo Penrose.</p></footer></article>"
        "<footer id='footer'><p>Posted by Harbour Weekly Team</p></footer>"
    )
    assert byline_lines(tree) == ["By Jo Penrose."]


def test_as_byline_cuts_the_date_after_the_names():
    assert as_byline("By Jo Penrose 11 February 2025") == "By Jo Penrose"
    assert as_byline("By Jo Penrose/June 12, 2025 9:49 am") == "By Jo Penrose"
    assert as_byline("By April Roach Thursday, November 9, 2023 4:41AM") == "By April Roach"
    assert as_byline("Photos by Jo Penrose") is None


def test_marked_bylines_of_the_story_not_of_its_comments_or_other_stories():
    tree = _tree(
        "<header><p class='entry-meta'><span class='entry-author'><a rel='author' href='/a'>"
        "Jo Penrose</a></span></p></header><p>The ferry will run.</p>"
        "<section><ul><li><div class='card'><p><a rel='author' href='/b'>Ansel Marrow</a></p>"
        "</div></li></ul></section>"
        "<ol><li><article class='comment'><span class='comment-author-name'>Dara Quill</span>"
        "</article></li></ol>"
    )
    assert marked_bylines(tree) == ["Jo Penrose"]


def test_a_long_marked_byline_is_kept_as_a_byline():
    tree = _tree(
        "<span class='byline-author'>Posted by Jo Penrose, Ansel Marrow and Dara Quill - "
        "Harbour Safety team</span><p>text</p>"
    )
    assert marked_bylines(tree) == [
        "By Jo Penrose, Ansel Marrow and Dara Quill - Harbour Safety team"
    ]


def test_headlines_are_not_glued_to_their_labels():
    tree = _tree(
        "<h1><span class='kicker'>Open Harbour</span>Why the ferry runs late<script>x()</script>"
        "</h1>"
    )
    assert headlines(tree) == ["Open Harbour Why the ferry runs late"]
    tree = _tree("<h1><span><b>Ferry</b> fares</span> rise <!-- no -->again</h1>")
    assert headlines(tree) == ["Ferry fares rise again"]  # in the page's order


@pytest.mark.parametrize(
    "name, page, expected",
    [
        # the extractor drops the periods of initials
        ("Jo R Penrose", "<span>By Jo R. Penrose</span>", "Jo R. Penrose"),
        # and glues the next element's first words to the name
        ("Jo Penrose July", "<a>Jo Penrose</a> <span>July 10, 2015</span>", "Jo Penrose"),
        ("Jo Penrose Games Editor", "<a>Jo Penrose</a><i>Games Editor</i>", "Jo Penrose"),
        # the words of a name that a page writes as one text stay
        ("Theresa May", "<p>By Theresa May</p>", "Theresa May"),
        (
            "Ansel Marrow says",
            "<cite><a>Ansel Marrow</a></cite> <span>says:</span>",
            "Ansel Marrow says",
        ),
        ("Jo Penrose June", "<p>Jo Penrose June 3</p>", "Jo Penrose June"),
        # what the page writes only in lower case is a program or a domain, no name
        ("Tarnmark Version", '<meta name="creator" content="tarnmark version 1.1">', None),
        ("Tarn Org", "<a href='http://tarn.org/jo'>Jo</a>", None),
        # not written on the page at all (escaped in a script): as given
        ("Kerys Lanyon", "<script>var a = 'Kerys\\u0020Lanyon'</script>", "Kerys Lanyon"),
    ],
)
def test_an_extracted_author_as_the_page_writes_it(name, page, expected):
    assert as_written(name, page) == expected
