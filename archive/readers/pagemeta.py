"""What a saved web page says about itself in structured data: JSON-LD (schema.org
``NewsArticle`` and its kin) and OpenGraph/article meta tags, read by extruct.

A publisher's own markup is the best evidence of who published a page, who wrote it and when:
it is written for search engines and social networks, not for the reader, so it carries no
furniture ("Analysis by", "Updated 5 min ago"). :func:`structured_meta` turns it into the
reader's metadata keys; :mod:`archive.clean` gives them precedence over the visible page and
keeps its own rules for what markup leaves out or gets wrong (an agency named as author, a
hosting site named as publisher, names in capitals).

Keys (each only when the page has it): ``title`` (JSON-LD headline, else og:title),
``publisher`` (JSON-LD publisher's name), ``site_name`` (og:site_name), ``authors`` (the names
of JSON-LD authors that are people, else article:author tags that are names, not links),
``author_orgs`` (organisations named as authors: an agency among them is the wire),
``published_at`` (JSON-LD datePublished, else article:published_time), ``photo_credits`` (the
credit lines of the article's JSON-LD images and of the page's own ``ImageObject`` objects:
creditText, creator, author, copyrightHolder),
and what the visible page says (:mod:`archive.readers.pagevisible`): ``byline_marks`` (the
texts of elements marked as bylines), ``byline_lines`` (lines that read as a byline, "By ...")
and ``headlines`` (the texts of its ``<h1>`` elements); ``authors_unseen`` (true when the
page has a byline and shows none of the metadata's authors).
"""

from __future__ import annotations

import html
import re
from typing import Any

from archive.readers.pagevisible import byline_lines, headlines, marked_bylines, unseen

# schema.org types of a news story (the others of a page are its site, breadcrumbs, videos...)
_STORY = re.compile(r"(?:Article|BlogPosting|Report)$")
_PERSON_TYPES = {"Person"}
_URL = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)/")


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _types(node: dict) -> set[str]:
    return {str(t).rsplit("/", 1)[-1] for t in _as_list(node.get("@type"))}


def _nodes(items: list) -> list[dict]:
    """Every JSON-LD object of the page, those of an ``@graph`` included, in order."""
    out: list[dict] = []
    stack = list(reversed(items))
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            out.append(item)
            stack.extend(reversed(_as_list(item.get("@graph"))))
    return out


def _text(value: Any) -> str | None:
    """A plain string value (the first of a list; a dict's ``name`` or ``@value``)."""
    for v in _as_list(value):
        if isinstance(v, dict):
            v = v.get("name") or v.get("@value")
        if isinstance(v, str) and v.strip():
            return " ".join(html.unescape(v).split())  # "&#8217;" in a headline
    return None


class _Graph:
    """The JSON-LD objects of a page, with ``{"@id": ...}`` references resolved."""

    def __init__(self, items: list) -> None:
        self.nodes = _nodes(items)
        self.by_id = {n["@id"]: n for n in self.nodes if isinstance(n.get("@id"), str)}

    def resolve(self, value: Any) -> list:
        out = []
        for v in _as_list(value):
            if isinstance(v, dict) and set(v) <= {"@id", "@type"} and v.get("@id") in self.by_id:
                v = self.by_id[v["@id"]]
            out.append(v)
        return out

    def story(self) -> dict | None:
        """The page's story: its first object of a news type with a headline or an author."""
        for node in self.nodes:
            if any(_STORY.search(t) for t in _types(node)) and (
                node.get("headline") or node.get("author")
            ):
                return node
        return None


def _people_and_orgs(graph: _Graph, value: Any) -> tuple[list[str], list[str]]:
    """The names of VALUE's people and of its organisations (a bare string is a person)."""
    people, orgs = [], []
    for v in graph.resolve(value):
        name = _text(v)
        if not name or _URL.search(name):
            continue
        if isinstance(v, dict) and _types(v) and not _types(v) & _PERSON_TYPES:
            orgs.append(name)
        else:
            people.append(name)
    return people, orgs


def _credits(graph: _Graph, story: dict) -> list[str]:
    """The credit lines of the story's images and of the page's images of their own (an
    ``ImageObject`` script next to each photo of the story)."""
    out = []
    images = graph.resolve(story.get("image")) + graph.resolve(story.get("associatedMedia"))
    images += [n for n in graph.nodes if _types(n) == {"ImageObject"} and n not in images]
    for image in images:
        if not isinstance(image, dict):
            continue
        for key in ("creditText", "creator", "author", "copyrightHolder"):
            for credit in graph.resolve(image.get(key)):
                text = _text(credit)
                if text and not _URL.search(text) and text not in out:
                    out.append(text)
    return out


def _from_json_ld(items: list) -> dict[str, Any]:
    graph = _Graph(items)
    story = graph.story()
    if story is None:
        return {}
    out: dict[str, Any] = {}
    headline = _text(story.get("headline"))
    if headline:
        out["title"] = headline
    publisher = [_text(p) for p in graph.resolve(story.get("publisher"))]
    if publisher and publisher[0]:
        out["publisher"] = publisher[0]
    people, orgs = _people_and_orgs(graph, story.get("author"))
    if people:
        out["authors"] = people
    if orgs:
        out["author_orgs"] = orgs
    published = _text(story.get("datePublished"))
    if published:
        out["published_at"] = published
    credits = _credits(graph, story)
    if credits:
        out["photo_credits"] = credits
    return out


def _from_opengraph(items: list) -> dict[str, Any]:
    tags: dict[str, list[str]] = {}
    for item in items:
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            for v in _as_list(value):
                if isinstance(v, str) and v.strip():
                    tags.setdefault(key, []).append(" ".join(html.unescape(v).split()))
    out: dict[str, Any] = {}
    for key, meta_key in (
        ("og:title", "title"),
        ("og:site_name", "site_name"),
        ("article:published_time", "published_at"),
    ):
        if tags.get(key):
            out[meta_key] = tags[key][0]
    authors = [a for a in tags.get("article:author", []) if not _URL.search(a)]
    if authors:
        out["authors"] = authors
    return out


# what may wrap a JSON-LD script's object: "<![CDATA[ ... ]]>", "<!-- ... -->", "//" lines
_SCRIPT_WRAP = re.compile(r"^\s*(?:<!\[CDATA\[|<!--|//[^\n]*\n)+|(?:\]\]>|-->|\s)+$")


def _json_ld_items(tree) -> list:
    """The objects of the page's JSON-LD scripts, each script on its own: one that does not
    parse (a breadcrumb written with broken entities) is left out, not all of them (extruct
    drops every script of a page when one fails), and a script wrapped in CDATA is read."""
    import json

    items: list = []
    for node in tree.xpath("//script[@type='application/ld+json']"):
        text = _SCRIPT_WRAP.sub("", node.text_content() or "")
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            continue
        items += [d for d in (data if isinstance(data, list) else [data]) if d]
    return items


def _meta_authors(tree) -> list[str]:
    """The names of the page's ``article:author`` meta tags (as a property or as a name: extruct
    reads the property only when the page declares its prefix), links left out."""
    values = tree.xpath("//meta[@property='article:author' or @name='article:author']/@content")
    return [" ".join(v.split()) for v in values if v.strip() and not _URL.search(v)]


def structured_meta(tree) -> dict[str, Any]:
    """The metadata of the page parsed into TREE (an lxml element; see the module docstring)."""
    import extruct

    try:
        data = extruct.extract(
            tree, syntaxes=["opengraph"], uniform=True, errors="ignore", with_og_array=True
        )
    except (ValueError, TypeError, AttributeError, KeyError, IndexError):  # broken markup
        data = {}
    og = _from_opengraph(data.get("opengraph") or [])
    if "authors" not in og and (names := _meta_authors(tree)):
        og["authors"] = names
    ld = _from_json_ld(_json_ld_items(tree))
    out = {**og, **ld}  # JSON-LD first
    cut = re.sub(r"\s*(?:\.\.\.|…)$", "", ld.get("title", ""))
    if cut != ld.get("title", "") and og.get("title", "").startswith(cut):
        out["title"] = og["title"]  # a headline cut short ("... Hong Kong leader...")
    for key, found in (
        ("byline_marks", marked_bylines(tree)),
        ("byline_lines", byline_lines(tree)),
        ("headlines", headlines(tree)),
    ):
        if found:
            out[key] = found
    if out.get("authors") and out.get("byline_marks", out.get("byline_lines")):
        out["authors_unseen"] = unseen(tree, out["authors"])
    return out
