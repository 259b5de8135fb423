"""What the line scan of a page learns besides the body (:class:`Found`), and the helpers that
record bylines, photo credits, captions and footer credits into it."""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.clean import credits as cr
from archive.clean.dates import parse_date
from archive.clean.lines import CAPTION_LABEL, POST, SOURCE_LINE, caption_text, n_words
from archive.clean.outlets import OutletInfo, copyright_holder


@dataclass
class Found:
    """What the line scan learns besides the body."""

    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    byline_authors: list[str] = field(default_factory=list)
    wires: list[OutletInfo] = field(default_factory=list)  # in order of strength
    byline_outlets: list[OutletInfo] = field(default_factory=list)
    published: str | None = None
    published_raw: str | None = None  # the date as written
    post_title: str | None = None
    post_outlet: str | None = None
    masthead: OutletInfo | None = None
    footer_authors: list[str] = field(default_factory=list)
    contrib_authors: list[str] = field(default_factory=list)
    signoff: list[str] = field(default_factory=list)
    reuters_signoff: bool = False
    photographers: list[str] = field(default_factory=list)
    credit_orgs: list[OutletInfo] = field(default_factory=list)
    copyright: list[OutletInfo] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # boilerplate lines (outlet clues)
    nav: list[str] = field(default_factory=list)  # short dropped lines after the body
    kept_header: list[str] = field(default_factory=list)  # header lines that are article text
    captions: list[str] = field(default_factory=list)  # photo captions, credits cut off
    footer_wires: list[OutletInfo] = field(default_factory=list)  # "AFP" alone after the article


def take_caption_label(found: Found, line: str) -> bool:
    """ "Image caption, Soldiers in Kharkiv ...": keep the caption (with 4 or more words)."""
    m = CAPTION_LABEL.match(line)
    if not m:
        return False
    caption = m["text"].strip()
    if n_words(caption) >= 4 and caption not in found.captions:
        found.captions.append(caption)
    return True


def take_byline(found: Found, line: str, bl: cr.Byline) -> None:
    found.byline = line
    found.byline_authors.extend(bl.authors)
    for aff in bl.affiliations:
        (found.wires if aff.kind == "wire" else found.byline_outlets).append(aff)
    if not found.published and parse_date(bl.date_text):
        found.published, found.published_raw = parse_date(bl.date_text), bl.date_text


def take_credit(found: Found, credit: str, line: str | None = None) -> None:
    names, orgs = cr.credit_parts(credit)
    found.photographers.extend(names)
    found.credit_orgs.extend(orgs)
    if line:
        caption = caption_text(line, credit)
        if caption and n_words(caption) >= 4 and caption not in found.captions:
            found.captions.append(caption)


def footer_line(found: Found, line: str) -> bool:
    """Credits and notices that are never article text; records what they say."""
    m = SOURCE_LINE.match(line)
    if m and n_words(line) <= 10:
        found.footer_wires.extend(cr.wire_credit(m["src"]) or [])
        return True
    m = POST.match(line)
    if m:
        found.post_title, found.post_outlet = m["title"].strip(), m["outlet"].strip()
        return True
    names = cr.contributed_names(line)
    if names:
        found.contrib_authors.extend(names)
        return True
    rb = cr.reporting_by(line)
    if rb is not None:
        found.footer_authors.extend(rb[0])
        found.reuters_signoff = found.reuters_signoff or rb[1]
        return True
    holder = copyright_holder(line) if n_words(line) <= 20 else None
    if holder:
        # "© Jane Roe": a person's (a photographer's, a blogger's) copyright, never an outlet
        if holder.known or not cr.looks_like_person(holder.name):
            found.copyright.append(holder)
        return True
    return False
