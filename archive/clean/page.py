"""Cleaning one article: boilerplate removed, headline/byline/credits/outlet/agency recognised.

Pure and deterministic. The text is split into lines (one paragraph per non-empty line; hard
line-wrapping is undone first). Then:

* header: the lines before the first body paragraph (a sentence of 8+ words or a "CITY —"
  dateline; when a "By ..." byline appears near the top the header runs at least to it). Header
  lines are a masthead, the title, a dek (subtitle), the byline, date lines, photo captions and
  page furniture; none of them go into the body. Before the headline come the masthead (a known
  outlet, "X Homepage", the outlet a copyright line or the metadata names, or a newspaper-like
  first line), navigation (menu words such as "Sign in", or 3+ short items separated by "|", "•"
  or "·") and capitalised section labels ("Asia", "Premier League"): none of them is the title.
  An agency name on its own line over the headline or under the byline ("Reuters") is the wire;
  an outlet under the byline ("BBC Sport at Lord's") is a byline affiliation, and when it is a
  sub-brand (``parent`` in the outlet table) of the site it is the source.
* body: every later line except photo captions (a line ending with a credit such as
  "Name / AGENCY", "(Name, Agency)", "(Name/Org via AP)", "Photograph: X", plus an alt-text line
  or a duplicate caption line right before it), page furniture ("3 photos", "Save Story",
  "Published", "Read more", ...), boilerplate blocks (newsletter sign-ups, donation appeals,
  "Related stories", comment prompts, summary boxes such as "KEY TAKEAWAYS": a marker line and
  the lines after it that are short, bulleted or written to the reader: "we/our/you/your",
  "support", "newsletter"...) and footer credits ("X contributed reporting.", reporter bios,
  "The post ... appeared first on ...", copyright lines, "SOURCE: ..." lines, an agency credited
  on its own line right after the text ("AFP", "— Reuters", "(AFP)": the wire), notes to the
  reader ("please visit our ..."), trailing navigation and sign-off lines). "Image caption, X"
  lines give captions; "Image source, X" lines give credits.
  Kept lines are verbatim (only stripped at both ends) and joined with a blank line.

Outlet (``source``): metadata, else boilerplate clues only (a publisher is never inferred from an
outlet the article merely quotes), else the URL's domain. Agency (``wire``): metadata, a byline
affiliation ("By A, Associated Press"), a dateline credit ("WASHINGTON (AP) —"), an agency
copyright line, a Reuters-style "Reporting by ...; Editing by ..." line, or -- the weakest rule --
an unaffiliated sign-off line of reporter names at the end of an article that has no byline and
whose photos are all credited to one agency (how syndicating sites such as KSL.com print agency
copy; a staff story would carry the outlet's own byline). Agency photo credits alone never make
an agency story.
"""

from __future__ import annotations

import re
from dataclasses import replace

from archive.clean import credits as cr
from archive.clean.body import find_signoff, scan_body
from archive.clean.dates import parse_date
from archive.clean.found import Found, take_credit
from archive.clean.header import body_start, join_split_bylines, outlet_hints, scan_header
from archive.clean.lines import parse_dateline, unwrap
from archive.clean.outlets import OutletInfo, canonical_outlet
from archive.clean.provenance import (
    dedupe,
    drop_short_forms,
    meta_authors,
    outlet_domain,
    page_source,
    source_of,
    spelled_as_in_title,
    strip_site_suffix,
    title_brand,
    visible_title,
    wire_of,
)
from archive.names.firstnames import is_first_name
from archive.names.fold import fold_name
from archive.readers.decoding import normalise_newlines, repair_mojibake
from archive.records import CleanArticle, RawDocument


def _with_page_source(doc: RawDocument) -> RawDocument:
    """DOC with the outlet and agency its page names (provenance.page_source) as its ``source``
    and ``wire``, unless the document gives them itself (a JSON Lines row)."""
    meta = doc.meta
    if meta.get("source") or not _site_names(meta):
        return doc
    outlet, agency = page_source(meta)
    meta = dict(meta, source=outlet) if outlet else dict(meta)
    if agency and not meta.get("wire"):
        meta["wire"] = agency
    return replace(doc, meta=meta)


def _site_names(meta: dict) -> list[str]:
    """The names the page's metadata gives its site (publisher, og:site_name, trafilatura's)."""
    return [str(meta[k]) for k in ("publisher", "site_name", "sitename") if meta.get(k)]


def _key(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold_name(name)))


def _names(raw: str, declared: frozenset[str] = frozenset()) -> tuple[list[str], OutletInfo | None]:
    """The names in RAW, an author as metadata gives it or a byline of the page ("By A, B and
    C - Team"), and an outlet or agency written with them; DECLARED: the keys of the names the
    page's ``<meta name="author">`` gives."""
    if raw.startswith("By "):
        bl = cr.parse_byline(raw)
        if bl and bl.authors:
            return bl.authors, next(iter(bl.affiliations), None)
    info = canonical_outlet(raw)
    name, with_name = (None, info) if info else cr.author_name(raw, _key(raw) in declared)
    return ([name] if name else []), with_name


def _authors(meta: dict, found: Found, wire: str | None) -> tuple[list[str], str | None]:
    """The article's authors (names only: credits.author_name) and its agency: the page's
    structured authors, else those the HTML extractor found, else the byline's and sign-off
    lines' (of the text, then of the page: "By ..." lines the text leaves out), else the
    elements the page marks as bylines; then the names of "contributed reporting" lines; an
    agency among the authors (or written with a name) is the wire. The site's own name is no
    author ("Eat Here Tonight" on its own blog). When the page shows none of the authors its
    metadata names (``authors_unseen``), the page's byline comes first."""
    authors: list[str] = []
    lines = list(meta.get("byline_lines") or ())  # "By ..." lines of the page
    site = {_key(name) for name in _site_names(meta)}
    declared = frozenset(_key(name) for name in meta.get("declared_authors") or ())
    groups = [
        [*meta.get("author_orgs", []), *meta_authors(meta.get("authors"))],
        meta_authors(meta.get("extracted_authors")),  # what trafilatura found on the page
        found.byline_authors + found.footer_authors + found.signoff,
        lines,
        list(meta.get("byline_marks") or ()),  # the page's byline elements, as a last resort
    ]
    if meta.get("authors_unseen"):  # the metadata's authors are not on the page: its byline's
        groups = groups[3:] + groups[:3]
    for group in groups:
        for raw in group:
            if _key(raw) in site and not is_first_name((raw.split() or [""])[0]):
                continue
            names, with_name = _names(raw, declared)
            if with_name and with_name.kind == "wire" and not wire:
                wire = with_name.name
            authors += names
            if names and group is lines:
                break  # the page's first byline is the story's
        if authors:
            break  # the page's metadata named people: its visible byline adds nothing
    for raw in found.contrib_authors:  # "X contributed reporting" names count
        name, _ = cr.author_name(raw)
        authors += [name] if name else []
    return drop_short_forms(dedupe(authors)), wire


def _titled_text(first: str | None, title_tag: str | None, title: str | None) -> bool:
    """Whether FIRST, the headline line the text starts with, is the page's ``<title>`` and
    TITLE, the metadata's (an ``<h1>`` that names the site's section: "Allergies Health
    Center"), is another: where the text and the title element agree, the story's headline."""
    if not first or not title_tag or not title:
        return False
    fold = [" ".join(str(t).split()).casefold() for t in (first, title_tag, title)]
    return fold[0] == fold[1] != fold[2]


def clean(doc: RawDocument) -> CleanArticle:
    """Normalise one document (see the module docstring for the rules)."""
    doc = _with_page_source(doc)
    text = doc.text if doc.text is not None else doc.raw_text
    text = repair_mojibake(normalise_newlines(text or ""))
    lines = join_split_bylines(unwrap(text))
    found = Found()
    meta = doc.meta
    hints = outlet_hints(lines, meta)
    start, _ = body_start(lines, hints)
    known = (
        [str(meta[k]) for k in ("title", "subtitle", "description") if meta.get(k)]
        if meta.get("title")
        else None
    )
    scan_header(found, lines[:start], known, hints)
    kept = found.kept_header + scan_body(found, lines[start:])
    # Photo captions are part of what the article says (people and places they name), but not
    # of its prose: they follow the text, each as its own paragraph, credits cut off.
    kept += [c for c in found.captions if c not in kept]
    body = "\n\n".join(kept)
    find_signoff(found, body)
    for caption in doc.meta.get("captions") or ():
        credit = cr.photo_credit(caption)
        if credit:
            take_credit(found, credit)
    for line in doc.meta.get("credit_lines") or ():  # the page's credit elements
        take_credit(found, cr.photo_credit(line) or line)
    for credit in doc.meta.get("photo_credits") or ():  # the page's image metadata
        take_credit(found, credit)

    dateline, agency = parse_dateline(kept[0]) if kept else (None, None)
    source, url = source_of(doc, found)

    title = meta.get("title") or found.post_title or found.title
    source = title_brand(meta.get("title_tag") or title, source, url) or source
    source = spelled_as_in_title(meta.get("title_tag") or title, source) or source
    sites = _site_names(meta) + ([source.name] if source else [])
    title = visible_title(title, list(meta.get("headlines") or ()), sites)
    first = found.title or next((ln for ln in lines if ln.strip()), None)
    if _titled_text(first, meta.get("title_tag"), title):
        title = first  # the page's <title> is the text's first line: its headline
    if title:
        title = strip_site_suffix(" ".join(str(title).split()), source.name if source else None)
    subtitle = meta.get("subtitle") or found.subtitle
    if subtitle is None and found.title and meta.get("title") and found.title != title:
        subtitle = found.title
    desc = meta.get("description")
    if subtitle is None and desc and not body.startswith(str(desc)[:60]):
        subtitle = desc

    wire = wire_of(doc, found, agency)
    authors, wire = _authors(meta, found, wire)

    raw_date = str(meta["published_at"]).strip() if meta.get("published_at") else None
    published = parse_date(raw_date)
    if not published:
        raw_date = found.published_raw
    return CleanArticle(
        body=body,
        title=title or None,
        subtitle=subtitle or None,
        byline=meta.get("byline") or found.byline,
        dateline=dateline,
        published_at=published or found.published,
        published_at_raw=raw_date if (published or found.published) else None,
        url=url,
        source=source.name if source else None,
        source_domain=(source.domain if source and source.domain else outlet_domain(url)),
        source_country=source.country if source else None,
        wire=wire,
        authors=authors,
        photographers=dedupe(found.photographers + list(meta.get("photographers") or [])),
    )
