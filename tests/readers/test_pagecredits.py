"""Photo credits of a saved page as a reader sees them (issue 13): the captions and credit
elements of the story's photos (archive.readers.pagevisible.captions_and_credits), the page's
own ImageObject scripts, and the forms a credit takes (archive.clean.credits); invented pages
and names."""

from __future__ import annotations

import json

import lxml.html
import pytest

from archive.clean import credits as cr
from archive.clean.page import clean
from archive.readers.files import read_path

_PROSE = (
    "The harbour board voted on Tuesday to rebuild the old sea wall before the winter storms, "
    "after two years of delays and a long argument over who should pay for the work."
)


def _page(tmp_path, body: str, head: str = "", lead: str = "") -> list[str]:
    """The photographers of an invented page with BODY (its story) and HEAD."""
    html = (
        f"{lead}<html lang='en'><head><title>Sea wall to be rebuilt</title>{head}</head><body>"
        f"<article><h1>Sea wall to be rebuilt</h1><p>By Morwenna Pascoe</p>{body}"
        + "".join(f"<p>{_PROSE}</p>" for _ in range(4))
        + "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = list(read_path(str(path)))
    return clean(doc).photographers


def test_credit_elements_and_captions_that_are_no_figcaption(tmp_path):
    body = (
        "<figure><img src='a.jpg'><figcaption><span class='caption__text'>The wall in March."
        "</span><span class='caption__credit'>Photograph: Ilse Brandvold/Getty Images</span>"
        "</figcaption></figure>"
        "<div class='media'><img src='b.jpg'><div class='caption'>Workers on the quay, Monday. "
        "(AP Photo/Tamsin Okafor)</div></div>"
        "<figure><img src='c.jpg'><cite>Photo by Devran Kessler / Harbour Weekly</cite></figure>"
    )
    assert _page(tmp_path, body) == ["Ilse Brandvold", "Tamsin Okafor", "Devran Kessler"]


def test_a_photo_beside_the_text_counts_and_other_stories_do_not(tmp_path):
    body = (
        "<aside class='story-enhancement'><figure><figcaption>The mayor at the quay. | "
        "Rhodri Vance/AP Photo</figcaption></figure></aside>"
        "<div class='related-stories'><figure><figcaption>Another story. (Photo: Ada Lindqvist"
        "/Reuters)</figcaption></figure></div>"
    )
    assert _page(tmp_path, body) == ["Rhodri Vance"]


def test_caption_texts_are_not_glued():
    from archive.readers.pagevisible import captions_and_credits

    tree = lxml.html.fromstring(
        "<html><body><figure><figcaption><span>Boats at dawn.</span><span>Ilse Brandvold—"
        "Getty Images</span></figcaption></figure></body></html>"
    )
    captions, credits = captions_and_credits(tree)
    assert captions == ["Boats at dawn. Ilse Brandvold—Getty Images"]
    assert cr.credit_parts(cr.photo_credit(captions[0]))[0] == ["Ilse Brandvold"]


def _ld(*objects: dict) -> str:
    return "".join(f"<script type='application/ld+json'>{json.dumps(x)}</script>" for x in objects)


_STORY = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Sea wall"}


def test_captions_only_in_attributes(tmp_path):
    body = (
        "<span class='image' data-caption='Photograph: Ilse Brandvold/AFP/Getty'><img src='a.jpg'"
        " alt='the sea wall: Photograph: Ilse Brandvold/AFP/Getty'></span>"
        "<img src='b.jpg' alt='Waves over the wall in March. (Photo by Dara Quill/Getty Images)'>"
        # the picture of a link to a slideshow, the poster of a video: not the story's photos
        "<a class='inline-slide' href='/slideshow/storms'><img src='c.jpg' alt='Storms around "
        "the world. (Photo by Ansel Marrow/AFP via Getty Images)'></a>"
        "<div class='video-resource'><img src='d.jpg' alt='A flood barrier. (Photo by Kerys "
        "Lanyon/Getty Images)'></div>"
        "<a href='/img/e.jpg'><img src='e-small.jpg' alt='The quay. Photo by Jo Penrose/AP'></a>"
        "<img src='logo.png' alt='Harbour Weekly logo'>"
    )
    assert _page(tmp_path, body) == ["Ilse Brandvold", "Dara Quill", "Jo Penrose"]


def test_image_objects_of_their_own(tmp_path):
    image = {
        "@context": "https://schema.org",
        "@type": "ImageObject",
        "author": "Tamsin Okafor, Redonda Restoration Programme",
        "contentUrl": "https://example.invalid/goats.jpg",
    }
    assert _page(tmp_path, "", head=_ld(_STORY, image)) == ["Tamsin Okafor"]


def test_a_page_with_an_xml_declaration_keeps_its_structured_data(tmp_path):
    story = dict(_STORY, image={"@type": "ImageObject", "creditText": "Tamsin Okafor/Reuters"})
    lead = "<?xml version='1.0' encoding='utf-8'?>\n"
    assert _page(tmp_path, "", head=_ld(story), lead=lead) == ["Tamsin Okafor"]


@pytest.mark.parametrize(
    "line,names",
    [
        ("Photo by Jana Roth / AFP", ["Jana Roth"]),
        ("Screenshot by Jana Roth/Harbour Weekly", ["Jana Roth"]),
        ("Illustration: Jana Roth/Harbour Weekly", ["Jana Roth"]),
        ("The quay at night. | Jana Roth/AP Photo", ["Jana Roth"]),
        ("The board met on Tuesday.Credit...Jana Roth/Associated Press", ["Jana Roth"]),
        ("The quay at dawn. Jana Roth—Getty Images", ["Jana Roth"]),
        ("Die Mauer am Hafen. (Foto: Jana Roth/dpa)", ["Jana Roth"]),
    ],
)
def test_credit_forms(line, names):
    credit = cr.photo_credit(line)
    assert credit and cr.credit_parts(credit)[0] == names


@pytest.mark.parametrize(
    "credit,names",
    [
        ("Riot Games", []),  # words of the dictionary, no first name
        ("Image credit: Tom's Hardware", []),
        ("Getty Images/Sipa USA", []),  # an organisation's acronym
        ("Funko Pop, ONE Esports", []),  # no first name
        ("Colin Dunmore, Collins Dublin", ["Colin Dunmore"]),  # the person's affiliation
        ("Photograph by Jana Roth, Redonda Restoration Programme", ["Jana Roth"]),
    ],
)
def test_organisations_in_credits_are_no_photographers(credit, names):
    assert cr.credit_parts(credit)[0] == names
