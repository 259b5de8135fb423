"""Who published and who wrote: the outlet (``source``) and agency (``wire``) of a cleaned
article from metadata and the clues the line scan found, the title without a site suffix, and
the author list."""

from __future__ import annotations

import re
from dataclasses import replace

from archive.clean.credits import looks_like_person
from archive.clean.found import Found
from archive.clean.lexicon import HOSTING, MENU_WORDS, PHOTO_CREDIT, STAFF
from archive.clean.lines import is_sentence, n_words
from archive.clean.outlets import (
    OutletInfo,
    canonical_outlet,
    copyright_holder,
    outlet_from_domain,
    outlet_from_text,
    outlet_prefix,
    resolve_outlet,
)
from archive.records import RawDocument


def dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        key = " ".join(n.lower().split())
        if key and key not in seen:
            seen.add(key)
            out.append(n)
    return out


def drop_short_forms(names: list[str]) -> list[str]:
    """Without a name whose words are all in a longer name of the list ("Joyce Tam" from a bio
    line next to the byline's "Joyce Tam Wing-sze")."""
    words = [set(n.lower().replace("-", " ").split()) for n in names]
    return [
        n
        for i, n in enumerate(names)
        if not any(j != i and words[i] < words[j] for j in range(len(names)))
    ]


_SUFFIX = re.compile(r"^(.+?)\s+(?:[|–—·-]|--)\s+(.+)$")
_LAST_SUFFIX = re.compile(r"^(.+)\s+(?:[|–—·-]|--)\s+(.+)$")
_PREFIX = re.compile(r"^(.+?)(?::|\s+(?:[|–—·-]|--))\s+(.+)$")
_BRACKETED = re.compile(r"^(.+?)\s*\[([^\[\]]+)\]$")
# a company's legal name ("Wikimedia Foundation, Inc."): the owner, not the brand its site shows
_LEGAL = r"(?:inc|llc|ltd|limited|plc|gmbh|corp|corporation|foundation)\b\.?"
CORPORATE = re.compile(rf"(?i)(?:,\s*|\s){_LEGAL}$")


def strip_site_suffix(title: str, source: str | None) -> str:
    """TITLE without the site's name after it ("Storm closes bridge | Valley Courier", "... --
    Valley Courier - News, Sport and Weather", "... [Example.net]") or before it ("Valley
    Courier: Storm closes bridge")."""
    site = (source or "").strip().lower()
    bracketed = _BRACKETED.match(title)
    if site and bracketed and bracketed[2].strip().lower() == site:
        title = bracketed[1]
    last = _LAST_SUFFIX.match(title)  # "Friday Facts #9 - 0.17 in sight | Factorio"
    if site and last and last[2].strip().lower() == site:
        title = last[1]
    first = _PREFIX.match(title)
    if site and first and first[1].strip().lower() == site:
        title = first[2]
    m = _SUFFIX.match(title)
    while m and (
        canonical_outlet(m[2].split(" | ")[-1])
        or (site and (m[2].strip().lower() in site or m[2].lower().startswith(site + " ")))
    ):
        title = m[1]
        m = _SUFFIX.match(title)
    return title.strip()


def _title_brands(title: str) -> list[str]:
    """The names a page's title may give its site: in brackets at its end ("... [LWN.net]"),
    after its last separator and after its first one ("... - Breitbart"), before its first
    ("Silicon Exposed: ...")."""
    title = " ".join(title.split())
    out = []
    if m := _BRACKETED.match(title):
        out.append(m[2])
    for pattern in (_LAST_SUFFIX, _SUFFIX):
        if m := pattern.match(title):
            out.append(m[2].split(" | ")[-1])
    if m := _PREFIX.match(title):
        out.append(m[1])
    return [b.strip() for b in out if b.strip()]


def _letters(text: str) -> str:
    return re.sub(r"\W|_", "", text.casefold())


def title_brand(
    title: str | None, source: OutletInfo | None, url: str | None = None
) -> OutletInfo | None:
    """The brand the title gives a site known only by its domain ("... - Breitbart" on
    breitbart.com, "Storm closes bridge | Valley Courier" on valleycourier.com, "Silicon
    Exposed: ..." on siliconexposed.blogspot.com) or by its owner's legal name ("Wikimedia
    Foundation, Inc." as publisher of "New Zealand - Wikipedia" on en.wikipedia.org): the
    name, after or before a separator, whose letters are a label of the domain (of URL for an
    owner); None when there is none. A hosting platform's name is the platform's, not the
    site's."""
    if not title or not source or source.known:
        return None
    domain = source.domain
    if not domain:
        owned = CORPORATE.search(source.name)
        domain = outlet_from_domain(url).domain if owned and url else None
        if owned and not url:
            return _brand_of_owner(title, source)
        if not domain:
            return None
    elif source.name != domain and not _domain_like(source.name):
        return None  # a name of its own already ("Foo News" from foo-news.com)
    labels = [re.sub(r"\W|_", "", p) for p in domain.lower().split(".")][:-1]
    for brand in _title_brands(title):
        letters = _letters(brand)
        if len(letters) >= 3 and letters in labels and letters not in HOSTING:
            return replace(source, name=brand, domain=domain)
    return None


def spelled_as_in_title(title: str | None, source: OutletInfo | None) -> OutletInfo | None:
    """The outlet's name as the page's title spells it for readers, where the site's metadata
    runs its words together ("HeraldSun" as og:site_name, "... | Herald Sun" in the title): the
    same letters, with more words. None when the title gives no such spelling."""
    if not title or not source or source.known:
        return None
    letters = _letters(source.name)
    for brand in _title_brands(title):
        if _letters(brand) == letters and len(brand.split()) > len(source.name.split()):
            return replace(source, name=brand)
    return None


def _brand_of_owner(title: str, source: OutletInfo) -> OutletInfo | None:
    """A page saved without its address whose publisher is an owner's legal name ("Wikimedia
    Foundation, Inc." on "Time loops - Wikipedia"): the short capitalised name after the title's
    last separator, when it is no section of a site ("... - Opinion")."""
    m = _LAST_SUFFIX.match(" ".join(title.split()))
    brand = m[2].strip() if m else ""
    words = brand.split()
    if not (1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)):
        return None
    if brand.casefold() in MENU_WORDS or brand.casefold() in HOSTING or _domain_like(brand):
        return None
    return replace(source, name=brand)


def title_domain(title: str | None) -> OutletInfo | None:
    """The site a page without an address or site name names in its title by its domain
    ("LWN.net Weekly Edition [LWN.net]", "How to bake bread | Example.com")."""
    for brand in _title_brands(title or "")[:2]:
        if _domain_like(brand) and (info := outlet_from_domain(brand)):
            return replace(info, name=brand) if not info.known else info
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def visible_title(title: str | None, headlines: list[str], sites: list[str]) -> str | None:
    """The page's visible headline (its ``<h1>``) when it is the story's and says something else
    than TITLE, the headline of its metadata: metadata titles are often written for search
    engines and social networks ("Michael Bloomberg is having to answer questions" over the
    visible "As his first debate nears, Bloomberg is having to answer"), cut short ("...") or
    carry the site's name after a separator. An ``<h1>`` that is the site's name (SITES, an
    outlet, a logo: "POLITICO", "Example.com"), one word, or TITLE with more around it (a
    section label, a dek run into it) gives way to TITLE; of several, only one that shares most
    of its words with TITLE counts (the others are the page's section headings)."""
    site_keys = [set(_words(s)) for s in sites if _words(s)]
    # the labels of a site known by its domain: "Silicon Exposed" on siliconexposed.blogspot.com
    labels = {p for s in sites if _domain_like(s) for p in s.lower().split(".")}
    cands = []
    for h in dict.fromkeys(headlines):
        w = _words(h)
        if "".join(w) in labels:
            continue
        if 2 <= len(w) <= 40 and not canonical_outlet(h) and not _domain_like(h):
            if not any(set(w) <= k or set(w[: len(k)]) == k for k in site_keys):
                cands.append(h)
    if not title or not cands:
        return title
    t = _words(title)

    def shared(h: str) -> float:
        w = set(_words(h))
        return len(w & set(t)) / len(w) if len(w & set(t)) >= 2 else 0.0

    best = max(cands, key=shared)
    if len(cands) > 1 and shared(best) < 0.6:
        return title
    joined_h, joined_t = " ".join(_words(best)), " ".join(t)
    if re.search(r"(?:\.\.\.|…)$", title) and joined_h.startswith(joined_t):
        return best  # the metadata's headline cut short
    if f" {joined_t} " in f" {joined_h} ":
        return title  # the same, or the h1 holds more than the headline
    if f" {joined_h} " in f" {joined_t} ":  # the title is the h1 and more: after a separator?
        rest = title.replace(best, "", 1) if best in title else ""
        return best if rest and re.fullmatch(r"\s*(?:[|–—:-]|--).*", rest) else title
    return best  # another headline


def _domain_like(name: str) -> bool:
    return bool(re.fullmatch(r"[\w.-]+\.[a-z]{2,}", name.strip().lower()))


def _headline_like(name: str, title) -> bool:
    """NAME is the story's headline, or as long as one: no site's name."""
    fold = " ".join(str(title or "").split()).casefold()
    return bool(name) and (name.casefold() == fold or len(name.split()) > 8)


def page_source(meta: dict) -> tuple[str | None, str | None]:
    """(outlet, agency) named by a saved page's own metadata: the JSON-LD publisher, else
    og:site_name, else the site name the extractor guessed (``publisher``, ``site_name``,
    ``sitename``: archive.readers.pagemeta). A hosting platform ("WordPress.com") or a photo
    credit ("© Jane Roe") is never the outlet; a bare domain gives way to a brand name the page
    also gives ("Example News" before "examplenews.com"); an agency ("Associated Press" as
    publisher on a newspaper's page) is the agency that wrote the story, the outlet is the site
    that carried it (the agency itself on its own site: the domain decides, later)."""
    names = []
    for key in ("publisher", "site_name", "sitename"):
        value = " ".join(str(meta.get(key) or "").split())
        # the brand before a tagline ("WSVN 7News | Miami News, Weather, Sports")
        value = re.split(r"\s+(?:[|–—]|-{1,2})\s+", value)[0].strip()
        if key == "sitename" and _headline_like(value, meta.get("title")):
            continue  # the extractor's guess took the headline for the site's name
        if value and value.lower() not in HOSTING and not PHOTO_CREDIT.search(value):
            names.append(value)
    site = outlet_from_domain(str(meta["url"])) if meta.get("url") else None
    agency = None
    outlets = []
    for name in names:
        info = canonical_outlet(name)
        if info and site and site.known and info.name == site.name:
            return info.name, None  # the site's own name ("Reuters" on reuters.com)
        if info and info.kind == "wire":
            agency = agency or info.name
        else:
            outlets.append(name)
    brands = [n for n in outlets if not _domain_like(n)]
    return ((brands or outlets or [None])[0], agency)


def source_of(doc: RawDocument, found: Found) -> tuple[OutletInfo | None, str | None]:
    info, url = _source_base(doc, found)
    if info and not doc.meta.get("source"):
        # the byline names a sub-brand of the site ("BBC Sport" on a BBC page)
        for aff in found.byline_outlets:
            if aff.parent and aff.parent == info.name:
                return aff, url
    return info, url


def _source_base(doc: RawDocument, found: Found) -> tuple[OutletInfo | None, str | None]:
    meta = doc.meta
    url = meta.get("url")
    if meta.get("source"):
        return resolve_outlet(str(meta["source"])), url
    dom = outlet_from_domain(url) if url else None
    if dom and dom.known:
        return dom, url
    if found.post_outlet:
        return resolve_outlet(found.post_outlet), url
    clue = outlet_from_text("\n".join(found.dropped))
    if clue:
        return clue, url
    if found.masthead:
        return found.masthead, url
    for line in found.nav + found.dropped:
        if n_words(line) <= 6 and not is_sentence(line):
            info = outlet_prefix(line)
            if info and info.kind != "wire":
                return info, url
    for holder in found.copyright:
        if holder.kind != "wire":
            return holder, url
    if dom:
        return dom, url
    if site := title_domain(meta.get("title_tag")):
        return site, url
    if holder := page_copyright(meta.get("copyright_lines") or ()):
        return holder, url
    if found.byline_outlets:
        return found.byline_outlets[0], url
    return None, url


def page_copyright(lines) -> OutletInfo | None:
    """The owner the page's copyright notices name, the last first ("©2005-2015 WebMD, LLC.
    All rights reserved." at its foot): the site of a page saved without its address. A
    person's copyright (a photographer's, a blogger's), a photo agency's or an agency's is not
    the site's."""
    for line in reversed(list(lines)):
        holder = copyright_holder(line) if n_words(line) <= 20 else None
        if (
            holder
            and holder.kind != "wire"
            and not PHOTO_CREDIT.search(holder.name)
            and (holder.known or not looks_like_person(holder.name) or _company(holder, line))
        ):
            return holder
    return None


def _company(holder: OutletInfo, line: str) -> bool:
    """Whether LINE gives HOLDER a company's legal form ("Tarn Bugle, LLC"): no person's."""
    return bool(re.search(rf"(?i){re.escape(holder.name)},?\s+{_LEGAL}", line))


def wire_of(doc: RawDocument, found: Found, dateline_agency: str | None) -> str | None:
    if doc.meta.get("wire"):
        return resolve_outlet(str(doc.meta["wire"])).name
    candidates = list(found.wires)
    if dateline_agency:
        info = canonical_outlet(dateline_agency)
        if info and info.kind == "wire":
            candidates.append(info)
    candidates += [h for h in found.copyright if h.kind == "wire"]
    candidates += found.footer_wires
    if candidates:
        return candidates[0].name
    if found.reuters_signoff:
        return "Reuters"
    agencies = {o.name for o in found.credit_orgs if o.kind == "wire"}
    if (
        found.signoff
        and not found.byline_authors
        and not doc.meta.get("authors")
        and len(agencies) == 1
    ):
        return agencies.pop()
    return None


def meta_authors(value) -> list[str]:
    """Author names from metadata, without placeholders such as "Staff"."""
    if not value:
        return []
    items = (
        value
        if isinstance(value, (list, tuple))
        else re.split(r"\s*;\s*|\s*,\s*|\s+and\s+", str(value))
    )
    return [
        " ".join(str(a).split())
        for a in items
        if str(a).strip() and not STAFF.match(str(a).strip())
    ]


def outlet_domain(url: str | None) -> str | None:
    info = outlet_from_domain(url) if url else None
    return info.domain if info else None
