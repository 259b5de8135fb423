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
from dataclasses import dataclass, field

from archive.clean import credits as cr
from archive.clean.dates import parse_date
from archive.clean.outlets import (
    OutletInfo,
    canonical_outlet,
    copyright_holder,
    outlet_from_domain,
    outlet_from_masthead,
    outlet_from_text,
    outlet_key,
    outlet_prefix,
    resolve_outlet,
)
from archive.readers.decoding import normalise_newlines, repair_mojibake
from archive.records import CleanArticle, RawDocument

_END = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”]$")
_BULLET = re.compile(r"^[•·▪●◦‣*\-–]\s+")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+)*(?:,\s*[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+)*)*?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\((?P<agency>[A-Za-z .\-]{2,30})\))?\s*(?:[—–]|--)\s*|"
    r"^(?P<place2>[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]+)*(?:,\s*[A-Z][\w.'’\-]+)*?)(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*\((?P<agency2>[A-Za-z .\-]{2,30})\)\s*-+\s*|"
    r"^\((?P<agency3>[A-Za-z .\-]{2,30})\)\s*[—–-]+\s*|"
    # "Brussels (AFP) –", "New Delhi, June 3 (PTI) -": a place in title case needs the agency
    r"^(?P<place4>[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3}(?:,\s*[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+)*)*?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*\((?P<agency4>[A-Za-z .\-]{2,30})\)\s*[—–-]+\s*"
)
_POST = re.compile(r"^The post (?P<title>.+) appeared first on (?P<outlet>.+?)\.?$")
_DATE_LINE = re.compile(
    r"(?i)^(?:(?:first\s+)?published|updated|last\s+(?:updated|modified)|posted|modified|issued"
    r"|this\s+(?:story|article)\s+(?:is\s+|was\s+)?(?:from|published\s+on))"
    r"(?:\s*(?:on|at|:))*\b\s*(?P<rest>.*)$"
)
_FURNITURE = re.compile(
    r"(?ix)^(?:"
    r"\d+\s+(?:photos?|images?|pictures?|videos?|comments?)|photos?|gallery|video|watch|listen"
    r"|advertisement|advert|sponsored(?:\s+content)?|save(?:\s+(?:story|article))?|share(?:\s+(?:this\s+)?(?:story|article|on\s+\w+))?"
    r"|print|email|comments?|bookmark.{0,30}|(?:removed\s+from|added\s+to)\s+bookmarks|play(?:\s+(?:button|video))?"
    r"|read\s+more|show\s+more|see\s+more|load\s+more|preview|continue"
    r"|(?:also|must)\s+(?:read|watch|see)\s*[:|-].{0,150}"
    r"|(?:read|watch|listen|see)\s+(?:more|also|next)(?:\s+on\s+[\w.]+)?\s*:.{0,150}|skip\s+to\s+(?:main\s+)?content|(?:back\s+)?to\s+top"
    r"|menu|search|supporting\s+image\s+for\s+story:.*|(?:listen\s+to\s+(?:this\s+)?article|\d+\s+min(?:ute)?s?\s+read).{0,40}"
    r"|(?:follow|like)\s+us\s+on\s+.{0,40}|subscribers\s+agree\s+to\s+.{0,40}"
    r"|(?:subscribe|sign\s+up|sign\s+in|log\s+in|register)(?:\s+(?:now|today|here))?(?:\s+(?:for|from|to|and)\b.{0,40})?"
    r"|subscribers?\s+only|(?:in\s+)?this\s+article\s*:|view\s+comments|(?:image|photo|picture)\s+caption\s*[,:]?"
    r"|(?:click|tap)\s+(?:here|to)\b.{0,60}|related\s*:.{0,150}|(?:image|photo)\s+source\s*:.{0,80}"
    r"|do\s+not\s+sell(?:\s+or\s+share)?\s+my\s+personal\s+information|your\s+privacy\s+choices"
    r"|gift\s+(?:this\s+)?article|social\s+sharing|view\s+comments|summary"
    r"|(?:privacy|cookie)\s+(?:policy|notice|settings|statement)|terms\s+(?:of\s+(?:use|service)|and\s+conditions)"
    r")\s*[.!]?$"
)
_AI_NOTE = re.compile(
    r"(?i)\b(?:generated|created|produced|written)\b.{0,60}\b(?:AI|artificial intelligence|large language models?|LLMs?)\b"
)
_AI_SUBJECT = re.compile(r"(?i)\b(?:this article|this story|takeaways|summary|summaries)\b")
_BLOCK_START = re.compile(
    r"(?ix)^(?:"
    r"sign\s*up\b.{0,80}\bnewsletters?\b.*|.{0,50}\bnewsletters?|get\s+(?:our|the)\b.{0,50}\bnewsletter.*"
    r"|a\s+(?:message|note|word)\s+from\s+.{2,60}|dear\s+(?:readers?|friends|subscribers)\b.{0,20}"
    r"|support\s+(?:us|our\s+(?:journalism|work|newsroom|reporting|mission)|independent\s+journalism)\b.{0,40}"
    r"|support\s+.{2,40}!"
    r"|(?:donate|make\s+a\s+(?:donation|contribution)|become\s+a\s+(?:member|supporter|subscriber))\b.{0,60}"
    r"|join\s+(?:our|the)\s+(?:commenting|conversation|discussion|community)\b.{0,60}"
    r"|related\s+(?:stories|topics|articles|content|coverage|reading|links|news|video)"
    r"|(?:more\s+from|more\s+on\s+this\s+story|most\s+recent|most\s+read|most\s+popular|trending(?:\s+now)?"
    r"|recommended(?:\s+for\s+you)?|read\s+next|up\s+next|also\s+read|read\s+also|see\s+also"
    r"|you\s+may\s+also\s+like|you\s+might\s+also\s+like|latest\s+news|more\s+stories|top\s+stories"
    r"|in\s+short)\b.{0,60}|read\s+more|more\s+to\s+read"
    r"|key\s+takeaways|key\s+points|(?:ai[-\s])?summary|at\s+a\s+glance|in\s+brief|what\s+to\s+know|tl;?dr"
    r"|(?:topics|tags|filed\s+under)\b.{0,80}|about\s+the\s+authors?|keep\s+reading|see\s+more\s+on|related"
    r")\s*[:!,]?$"
)
_READER_WORDS = {
    "we",
    "our",
    "us",
    "you",
    "your",
    "yours",
    "journalism",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "subscribers",
    "donate",
    "donation",
    "contribution",
    "contributions",
    "support",
    "supporting",
    "readers",
    "mailbox",
    "inbox",
    "privacy",
    "membership",
    "member",
    "members",
}
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_WORD = re.compile(r"[A-Za-z']+")
# Navigation: menu words ("Home", "Sign in", "Your account") or several short items separated by
# "|", "•" or "·" ("News | Sport | Opinion").
_MENU_WORDS = {
    "home",
    "homepage",
    "news",
    "sport",
    "sports",
    "opinion",
    "opinions",
    "subscribe",
    "subscriber",
    "subscribers",
    "only",
    "sign",
    "log",
    "in",
    "out",
    "up",
    "register",
    "account",
    "your",
    "my",
    "accessibility",
    "help",
    "skip",
    "to",
    "main",
    "content",
    "local",
    "business",
    "politics",
    "world",
    "nation",
    "national",
    "international",
    "us",
    "u.s.",
    "uk",
    "obituaries",
    "lifestyle",
    "life",
    "style",
    "culture",
    "arts",
    "entertainment",
    "weather",
    "video",
    "videos",
    "live",
    "podcast",
    "podcasts",
    "newsletter",
    "newsletters",
    "e-edition",
    "classifieds",
    "jobs",
    "contact",
    "about",
    "markets",
    "tech",
    "technology",
    "science",
    "health",
    "travel",
    "food",
    "features",
    "sections",
    "more",
    "latest",
    "search",
    "menu",
    "edition",
    "print",
    "digital",
    "premium",
    "trending",
    "explained",
    "investigations",
    "magazine",
    "games",
    "puzzles",
    "crosswords",
    "shop",
    "deals",
    "events",
    "and",
    "&",
    "the",
    "of",
    "a-z",
    "today",
    "listen",
    "watch",
    "audio",
    "close",
    "open",
}
_MENU_FILLER = {"and", "&", "the", "of", "to", "in", "up", "out", "only", "my", "your"}
_NAV_SPLIT = re.compile(r"\s*[|•·]\s*")
_CAPTION_LABEL = re.compile(r"(?i)^(?:image|photo|picture|video)\s+caption\s*[,:]\s*(?P<text>.+)$")
_CAPTION_LEAD = re.compile(
    r"(?i)^(?:in\s+this\s+(?:photo|image|picture|handout|file)|this\s+(?:photo|image)\s+(?:shows|provided))\b"
)


# "Home / World / Asia", "News > Politics > ...": where the page sits in the site
_CRUMB = r"[A-Z][\w&'’.-]*(?: [A-Z&][\w&'’.-]*){0,2}"
_BREADCRUMB = re.compile(
    r"^(?:[^/>›»|]{1,40}\s+[/>›»]\s+){2,}|^" + _CRUMB + r"(?:\s+[/>›»]\s+" + _CRUMB + r")+$"
)
_COOKIES = re.compile(
    r"(?i)\bcookies?\b.{0,120}\b(?:accept|consent|agree|settings|preferences|privacy|partners)\b|"
    r"\b(?:accept|consent|agree)\b.{0,60}\bcookies?\b"
)


def _words(line: str) -> int:
    return len(line.split())


def _is_sentence(line: str) -> bool:
    return bool(_END.search(line))


def _reader_directed(line: str) -> bool:
    """Written to the reader (appeals, newsletter blurbs): we/our/you/support... outside quotes."""
    words = [w.lower() for w in _WORD.findall(_QUOTED.sub(" ", line))]
    hits = sum(w in _READER_WORDS for w in words)
    return (hits >= 2 and hits / max(1, len(words)) >= 0.04) or (hits >= 1 and len(words) <= 12)


def _menu_only(text: str) -> bool:
    words = [w.lower().strip(",.:") for w in text.split()]
    return (
        bool(words)
        and all(w in _MENU_WORDS for w in words)
        and any(w not in _MENU_FILLER for w in words)
    )


def _is_nav(line: str) -> bool:
    """A navigation line: only menu words ("Sign in", "Your account"), or three or more short items
    separated by "|", "•" or "·", or two such items that are menu words ("Subscribe | Sign in")."""
    if _words(line) <= 5 and _menu_only(line):
        return True
    parts = [p for p in _NAV_SPLIT.split(line) if p]
    if len(parts) < 2:
        return False
    if len(parts) >= 3 and all(_words(p) <= 4 and not _END.search(p) for p in parts):
        return True
    # a footer row: "Copyright © 2025, X | Terms of Service | Privacy Policy | Do Not Sell ..."
    if len(parts) >= 3 and all(
        _words(p) <= 4 or _FURNITURE.match(p) or copyright_holder(p) for p in parts
    ):
        return True
    return all(_words(p) <= 3 and _menu_only(p) for p in parts)


# promotion of the site's channels: "Join our Telegram channel ...", "Follow X on Instagram"
_PROMO = re.compile(
    r"(?i)^(?:join|follow|get|download|sign\s+up\s+(?:for|to)|subscribe\s+to)\b.{0,80}?"
    r"\b(?:telegram|whatsapp|channel|newsletters?|app|alerts|notifications|podcasts?|"
    r"on\s+(?:x|twitter|facebook|instagram|tiktok|youtube|linkedin|threads|bluesky))\b"
)


def _is_furniture(line: str) -> bool:
    if _FURNITURE.match(line) or _is_nav(line) or _BREADCRUMB.match(line):
        return True
    if _words(line) <= 40 and _COOKIES.search(line) and not _QUOTED.search(line):
        return True
    if _words(line) <= 25 and _PROMO.match(line) and not _QUOTED.search(line):
        return True
    return bool(_AI_NOTE.search(line) and _AI_SUBJECT.search(line))


def _is_block_start(line: str) -> bool:
    return _words(line) <= 14 and not re.search(r"[.?]$", line) and bool(_BLOCK_START.match(line))


def _is_block_line(line: str) -> bool:
    return (
        bool(_BULLET.match(line))
        or _is_furniture(line)
        or _is_block_start(line)
        or _words(line) <= 6
        or (not _is_sentence(line) and _words(line) <= 20)
        or (
            line.endswith("?") and _words(line) <= 15 and not _QUOTED.search(line)
        )  # headline questions
        or _reader_directed(line)
    )


# what a date line holds besides the date: weekday and month names, "at", "on", am/pm, time zones
_DATE_WORDS = re.compile(
    r"(?i:\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs?|rsday)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?|at|on|[ap]\.?m\.?|st|nd|rd|th)\b)|\b[A-Z]{2,4}\b|[\d\s,.:/|·•+()-]"
)


def _date_line(line: str) -> tuple[bool, str | None]:
    """("Published", None) / ("Updated 18 February 2026", "2026-02-18") / not a date line."""
    m = _DATE_LINE.match(line)
    if m:
        rest = m["rest"].strip()
        iso = parse_date(rest)
        if not rest or iso or (len(rest) < 40 and re.search(r"\d", rest)):
            return True, iso
    if _words(line) <= 10 and not _is_sentence(line.rstrip(".")):
        iso = parse_date(line)
        if iso and len(_DATE_WORDS.sub("", line)) <= 3:
            return True, iso
    return False, None


def _dateline(line: str) -> tuple[str | None, str | None]:
    m = _DATELINE.match(line)
    if not m:
        return None, None
    place = m["place"] or m["place2"] or m["place4"]
    agency = m["agency"] or m["agency2"] or m["agency3"] or m["agency4"]
    if place and len(place.replace(" ", "")) < 3:
        return None, None
    if m["agency4"] and not ((info := canonical_outlet(m["agency4"])) and info.kind == "wire"):
        return None, None  # "The President (ret) -": a title-case place needs a real agency
    return (place.strip(" ,") if place else None), agency


def _unwrap(text: str) -> list[str]:
    """Paragraph lines. Text hard-wrapped inside blank-line separated paragraphs (most lines of
    a block 40-100 characters and not ending a sentence) is joined back with spaces."""
    blocks = [b.split("\n") for b in re.split(r"\n\s*\n", text)]
    multi = [b for b in blocks if len([ln for ln in b if ln.strip()]) > 1]
    lines_in_multi = [ln.strip() for b in multi for ln in b[:-1] if ln.strip()]
    long_lines = [ln for ln in lines_in_multi if 40 <= len(ln) <= 100]
    wrapped = (
        len(long_lines) >= 3
        and sum(not _is_sentence(ln) for ln in long_lines) / len(long_lines) >= 0.5
    )
    # hard-wrapped prose breaks mid-sentence: several long lines run on into a lower-case word
    runs_on = sum(
        1
        for b in multi
        for prev, nxt in zip(b, b[1:])
        if 40 <= len(prev.strip()) <= 100
        and not _is_sentence(prev.strip())
        and nxt.strip()[:1].islower()
    )
    wrapped = wrapped and runs_on >= 2
    width = max((len(ln) for ln in lines_in_multi), default=0)
    out: list[str] = []
    for block in blocks:
        lines = [ln.strip() for ln in block if ln.strip()]
        if wrapped and len(lines) > 1:
            para = [lines[0]]
            for prev, ln in zip(lines, lines[1:]):
                full = len(prev) >= 0.6 * width and not (
                    _is_sentence(prev) and len(prev) < 0.8 * width
                )
                if _BULLET.match(ln) or _is_nav(prev) or _is_nav(ln):
                    para.append(ln)
                elif full or (not _is_sentence(prev) and ln[:1].islower()):
                    para[-1] += " " + ln
                else:
                    para.append(ln)
            out.extend(para)
        else:
            out.extend(lines)
    return out


@dataclass
class _Found:
    """What the line scan learns besides the body."""

    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    byline_authors: list[str] = field(default_factory=list)
    wires: list[OutletInfo] = field(default_factory=list)  # in order of strength
    byline_outlets: list[OutletInfo] = field(default_factory=list)
    published: str | None = None
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


def _join_split_bylines(lines: list[str]) -> list[str]:
    """ "By Kendra Ashby" / "and" / "Nathaniel Roemer" (a byline laid out over lines) -> one line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        while (
            i + 2 < len(lines)
            and _BY_START.match(line)
            and lines[i + 1].strip().lower() in ("and", "&")
            and cr.split_names(lines[i + 2])
        ):
            line = f"{line} and {lines[i + 2]}"
            i += 2
        out.append(line)
        i += 1
    return out


def _take_caption_label(found: _Found, line: str) -> bool:
    """ "Image caption, Soldiers in Kharkiv ...": keep the caption (with 4 or more words)."""
    m = _CAPTION_LABEL.match(line)
    if not m:
        return False
    caption = m["text"].strip()
    if _words(caption) >= 4 and caption not in found.captions:
        found.captions.append(caption)
    return True


def _take_byline(found: _Found, line: str, bl: cr.Byline) -> None:
    found.byline = line
    found.byline_authors.extend(bl.authors)
    for aff in bl.affiliations:
        (found.wires if aff.kind == "wire" else found.byline_outlets).append(aff)
    found.published = found.published or parse_date(bl.date_text)


def _take_credit(found: _Found, credit: str, line: str | None = None) -> None:
    names, orgs = cr.credit_parts(credit)
    found.photographers.extend(names)
    found.credit_orgs.extend(orgs)
    if line:
        caption = _caption_text(line, credit)
        if caption and _words(caption) >= 4 and caption not in found.captions:
            found.captions.append(caption)


_CREDIT_LEAD = re.compile(
    r"(?i)[\s(\[/|:\-–—]*(?:photo(?:graph)?|picture|image|credit)?[\s:(\[/|]*$"
)


def _caption_text(line: str, credit: str) -> str:
    """The caption without its credit ("A soldier ... Ukraine (Name/Org via AP)" -> "A soldier ... Ukraine")."""
    at = line.rfind(credit)
    text = line[:at] if at >= 0 else line
    return _CREDIT_LEAD.sub("", text).strip()


def _caption_at(lines: list[str], i: int) -> bool:
    """Line i is a photo caption: it ends with a credit, or the next line repeats it with one."""
    if cr.photo_credit(lines[i]):
        return True
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return (
        _words(lines[i]) >= 4
        and nxt.startswith(lines[i].rstrip(". "))
        and bool(cr.photo_credit(nxt))
    ) or (bool(_CAPTION_LEAD.match(lines[i])) and bool(cr.photo_credit(nxt)))


_SOURCE_LINE = re.compile(r"^(?:SOURCE|SOURCES|Source|Sources)\s*:\s*(?P<src>.{2,80})$")
# notes to the reader after the article: "To submit a correction request, please visit ..."
_SERVICE = re.compile(
    r"(?i)\b(?:please|click|visit\s+(?:our|us)|contact\s+us|e-?mail\s+us|write\s+to\s+us|send\s+us|"
    r"corrections?\s+request|subscribe|sign\s+up)\b"
)


def _footer_line(found: _Found, line: str) -> bool:
    """Credits and notices that are never article text; records what they say."""
    m = _SOURCE_LINE.match(line)
    if m and _words(line) <= 10:
        found.footer_wires.extend(cr.wire_credit(m["src"]) or [])
        return True
    m = _POST.match(line)
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
    holder = copyright_holder(line) if _words(line) <= 20 else None
    if holder:
        found.copyright.append(holder)
        return True
    return False


def _headline_like(line: str) -> bool:
    """A headline: 4-30 words, not navigation, not a label ending with ":", not a strip of
    figures (weather, tickers: "Saturday, Nov 22nd 2025 4PM 8°C 7PM 6°C")."""
    words = line.split()
    digits = sum(1 for w in words if any(c.isdigit() for c in w))
    return (
        4 <= len(words) <= 30
        and not _is_nav(line)
        and not line.rstrip().endswith(":")
        and digits <= 0.4 * len(words)
    )


def _section_label(line: str) -> bool:
    """A short capitalised label before the headline ("Asia", "Premier League", "Scores &
    Fixtures"); a short headline has a lower-case word ("Biden wins Iowa")."""
    words = line.split()
    return (
        len(words) <= 3
        and not _is_sentence(line)
        and all(
            w[:1].isupper() or w[:1].isdigit() or w in {"&", "and", "of", "the", "-", "/", "+"}
            for w in words
        )
    )


def _affiliation(line: str) -> OutletInfo | None:
    """The outlet of a line under the byline ("BBC Sport at St James' Park", "Reuters, London")."""
    if _words(line) > 8:
        return None
    return canonical_outlet(line) or canonical_outlet(
        re.sub(r"\s*(?:,|\s(?:at|in|from)\s).*$", "", line)
    )


def _masthead(lines: list[str], i: int, hints: frozenset[str] = frozenset()) -> OutletInfo | None:
    """Line i is the site name: a known outlet ("Yahoo Finance", "BBC Homepage"), the outlet
    named elsewhere in the document (copyright line, metadata), or -- as the first line after
    page furniture only -- a newspaper-like name ("Las Vegas Sun")."""
    line = lines[i]
    if len(lines) < 2:
        return None
    parts = re.split(r"\s+[-–|]\s+", line)
    if (
        len(parts) > 1
        and _words(parts[0]) <= 6
        and (info := canonical_outlet(parts[0]))
        and info.kind != "wire"
    ):
        return info  # "The Guardian - Back to home"
    if _words(line) > 6:
        return None
    if hints and outlet_key(line) in hints:
        return resolve_outlet(line)
    info = outlet_from_masthead(line)
    if info and (info.known or all(_is_furniture(ln) for ln in lines[:i])):
        return info
    return None


_BY_START = re.compile(r"(?i)^by\s")
_MATERIAL_FROM = re.compile(r"(?i)\b(?:inputs?|files|reporting|material)\s+from\b")


def _header_marker(line: str) -> bool:
    """A line that only the page header has: a byline (with or without "By"), a date line, a
    reporter bio line, a reading time."""
    return bool(
        cr.parse_byline(line)
        or cr.bare_byline(line)
        or cr.role_line(line)
        or _date_line(line)[0]
        or (_words(line) <= 25 and cr.bio_name(line))
    )


def _opens_body(line: str) -> bool:
    """The article's first paragraph by its dateline ("PHOENIX — ", "Brussels (AFP) –")."""
    place, agency = _dateline(line)
    return bool(place or agency) and _words(line) >= 6


def _prose(lines: list[str], i: int) -> bool:
    """Line i reads as article prose: a sentence of 8 or more words that is no caption, credit,
    page furniture or appeal to the reader."""
    line = lines[i]
    if _opens_body(line):
        return True
    if not (_is_sentence(line) and _words(line) >= 8):
        return False
    return not (
        _caption_at(lines, i)
        or _CAPTION_LABEL.match(line)
        or _is_furniture(line)
        or _is_block_start(line)
        or _BULLET.match(line)
        or _COOKIES.search(line)
        or (_words(line) <= 40 and _reader_directed(line))
        or _header_marker(line)
    )


def _body_start(lines: list[str], hints: frozenset[str] = frozenset()) -> tuple[int, int | None]:
    """(index of the first body line, index of a byline near the top or None).

    The body starts at the first prose line, unless a header line follows it before more prose
    (a byline, a date, a credit line: then that prose was the standfirst or a caption, and the
    search goes on after it) or a paragraph that opens with a dateline comes soon after it."""
    byline_idx = next((i for i, line in enumerate(lines[:80]) if cr.parse_byline(line)), None)
    limit = min(len(lines), 150)
    i = 0
    while i < limit:
        p = next((k for k in range(i, limit) if _prose(lines, k)), None)
        if p is None:
            break
        if _opens_body(lines[p]):
            return p, byline_idx
        nxt = None
        for j in range(p + 1, min(len(lines), p + 12)):
            if _opens_body(lines[j]):
                return j, byline_idx
            if _header_marker(lines[j]):
                nxt = j + 1
                break
            if _prose(lines, j):
                break
        if nxt is None:
            return p, byline_idx
        i = nxt
    return _body_start_short(lines, hints, byline_idx)


def _body_start_short(
    lines: list[str], hints: frozenset[str], byline_idx: int | None
) -> tuple[int, int | None]:
    """Body start of a text without prose sentences (short items, lists): after the byline, or
    after at most two headline lines."""
    start = byline_idx + 1 if byline_idx is not None else 0
    allowed = 0 if byline_idx is not None else 2
    seen = 0
    for i in range(start, min(len(lines), start + 25)):
        line = lines[i]
        if (
            _caption_at(lines, i)
            or _is_furniture(line)
            or _is_block_start(line)
            or _BULLET.match(line)
        ):
            continue
        if _CAPTION_LABEL.match(line) or cr.wire_credit(line):
            continue
        if _date_line(line)[0] or (
            seen == 0 and (_masthead(lines, i, hints) or canonical_outlet(line))
        ):
            continue
        if byline_idx is not None and i == byline_idx + 1 and _affiliation(line):
            continue
        if seen == 0 and byline_idx is None and _section_label(line):
            continue
        if (
            _dateline(line)[0]
            or _dateline(line)[1]
            or (_is_sentence(line) and _words(line) >= 8)
            or seen >= allowed
        ):
            return i, byline_idx
        seen += 1
    return start, byline_idx


def _title_index(lines: list[str], hints: frozenset[str]) -> int | None:
    """Index of the headline among the header lines: the first line of the last run of
    headline-like lines before the (first such) byline or date (a run is the headline and its standfirst;
    captions, credits and dates do not break it; navigation and section labels do). None when no
    line looks like a headline."""
    run_start = None
    title = None
    for i, line in enumerate(lines):
        if _header_marker(line):
            if title is not None:
                break  # the byline or date under the headline
            run_start = None  # a date line above the headline ("This story is from ...")
            continue
        short = (
            2 <= _words(line) <= 3 and not _section_label(line) and not _is_nav(line)
        )  # "Biden wins Iowa"
        if (
            (_headline_like(line) or short)
            and _plain(lines, i)
            and not _BREADCRUMB.match(line)
            and not _COOKIES.search(line)
            and not _BULLET.match(line)
            and not _reader_directed(line)
            and not re.search(r"(?<!\w)@\w", line)
            and not _masthead(lines, i, hints)
            and (run_start is not None or not line.endswith("."))
        ):  # a headline has no full stop
            if run_start is None:
                run_start = i
            title = run_start
        elif not (
            _FURNITURE.match(line)
            or _caption_at(lines, i)
            or _CAPTION_LABEL.match(line)
            or (run_start is not None and _is_sentence(line) and _words(line) >= 8)
        ):
            run_start = None  # (a long standfirst sentence under the headline does not end its run)
    return title


def _same(line: str, known: list[str]) -> bool:
    key = " ".join(line.lower().split()).strip(" .")
    return any(key == " ".join(k.lower().split()).strip(" .") for k in known)


def _plain(lines: list[str], j: int) -> bool:
    """Header line j is none of: credit, caption, date, byline, furniture, boilerplate."""
    line = lines[j]
    return not (
        cr.photo_credit(line)
        or _caption_at(lines, j)
        or _CAPTION_LABEL.match(line)
        or _date_line(line)[0]
        or cr.parse_byline(line)
        or _is_furniture(line)
        or _is_block_start(line)
        or cr.wire_credit(line)
    )


def _scan_header(
    found: _Found,
    lines: list[str],
    keep_unknown: list[str] | None = None,
    hints: frozenset[str] = frozenset(),
) -> None:
    """Header lines. ``keep_unknown`` (the metadata title and dek of an already extracted
    document): lines other than these and recognised furniture are article text, not headlines.
    Before the headline: the masthead (site name), navigation and section labels."""
    block = False
    title_idx = None if keep_unknown else _title_index(lines, hints)
    for i, line in enumerate(lines):
        if found.title is None and not found.masthead and (info := _masthead(lines, i, hints)):
            found.masthead = info
            found.dropped.append(line)
            continue
        if _take_caption_label(found, line):
            continue
        if (wires := cr.wire_credit(line)) and (found.title is None or found.byline):
            found.wires.extend(
                wires
            )  # "Reuters" over the headline (syndicating sites), or under the byline
            continue
        if (
            found.title
            and not found.byline
            and not cr.parse_byline(line)
            and (bl := cr.bare_byline(line))
            and not (bl.affiliations and i > 0 and _is_sentence(lines[i - 1]))
        ):
            _take_byline(
                found, line, bl
            )  # "Kiran Gowda / TNN / Updated: ...", "Jane Roe, Staff Writer"
            continue
        credit = cr.photo_credit(line)
        if credit:
            _take_credit(found, credit, line)
            continue
        if _caption_at(lines, i):
            continue
        is_date, iso = _date_line(line)
        if is_date:
            found.published = found.published or iso
            continue
        if cr.role_line(line) and i > 0 and not found.byline and cr.split_names(lines[i - 1]):
            # a name on its own line, then the role ("Ellie Kowalczyk" / "News reporter @handle")
            found.byline = lines[i - 1]
            found.byline_authors.extend(cr.split_names(lines[i - 1]))
            if found.subtitle == lines[i - 1]:
                found.subtitle = None
            continue
        if (
            found.title
            and i > 0
            and _is_sentence(lines[i - 1])
            and _words(lines[i - 1]) >= 5
            and not _BY_START.match(line)
            and (bl := cr.bare_byline(line))
            and bl.affiliations
        ):
            # "Marisol Vega for NPR" under a caption: the photographer
            found.photographers.extend(bl.authors)
            if lines[i - 1] not in found.captions and lines[i - 1] != found.subtitle:
                found.captions.append(lines[i - 1])
            continue
        byline = cr.parse_byline(line)
        if byline and not found.byline:
            _take_byline(found, line, byline)
            continue
        if found.byline and i > 0 and lines[i - 1] == found.byline and (aff := _affiliation(line)):
            (found.wires if aff.kind == "wire" else found.byline_outlets).append(aff)
            continue
        if _is_furniture(line) or _is_block_start(line) or _footer_line(found, line):
            found.dropped.append(line)
            block = _is_block_start(line)
            continue
        if block and (_BULLET.match(line) or _is_furniture(line)):
            found.dropped.append(line)
            continue
        block = False
        if keep_unknown:
            if _same(line, keep_unknown):
                continue
            found.kept_header.append(line)
            continue
        if found.title is None and title_idx is not None and i != title_idx:
            found.dropped.append(line)  # site name, navigation, section labels before the headline
            continue
        if found.title is None:
            # navigation and section labels before the headline are page furniture
            if (_is_nav(line) or _section_label(line)) and any(
                _headline_like(lines[j]) and _plain(lines, j) for j in range(i + 1, len(lines))
            ):
                found.dropped.append(line)
                continue
            found.title = line
        elif not found.byline and (
            bl := cr.bare_byline(line)
            or (
                i + 1 < len(lines)
                and _date_line(lines[i + 1])[0]
                and cr.parse_byline(line, require_by=False)
            )
        ):
            _take_byline(found, line, bl)  # "Name" alone under the headline, then the date
        elif found.subtitle is None and not found.byline:
            found.subtitle = line


def _scan_body(found: _Found, lines: list[str]) -> list[str]:
    kept: list[str] = []
    kept_idx: list[int] = []
    wire_lines: list[int] = []
    block = False
    for i, line in enumerate(lines):
        if wires := cr.wire_credit(
            line
        ):  # "AFP", "(Reuters)", "AFP/Reuters": an agency credit, never prose
            if _MATERIAL_FROM.search(
                line
            ):  # "(With inputs from PTI)": said in words wherever it stands
                found.footer_wires.extend(wires)
            else:
                wire_lines.append(i)
            found.dropped.append(line)
            continue
        if _take_caption_label(found, line):
            continue
        credit = cr.photo_credit(line)
        if credit:
            _take_credit(found, credit, line)
            # alt text or a lead-in right before the credited caption
            if (
                kept
                and kept_idx[-1] == i - 1
                and (
                    not _is_sentence(kept[-1])
                    and _words(kept[-1]) <= 25
                    or _CAPTION_LEAD.match(kept[-1])
                    or line.startswith(kept[-1].rstrip(". "))
                )
            ):
                kept.pop()
                kept_idx.pop()
            continue
        if _caption_at(lines, i):
            continue
        if _footer_line(found, line):
            found.dropped.append(line)
            continue
        if _is_block_start(line):
            block = True
            found.dropped.append(line)
            continue
        if block and _is_block_line(line):
            if name := cr.bio_name(line):  # "About the author" / "Jane Roe covers health."
                found.footer_authors.append(name)
            found.dropped.append(line)
            continue
        block = False
        if _is_furniture(line) or _date_line(line)[0] and _words(line) <= 6:
            found.dropped.append(line)
            continue
        kept.append(line)
        kept_idx.append(i)
    # trailing lines that are not article prose: navigation, sign-offs, reporter bios
    while kept:
        line = kept[-1]
        name = cr.bio_name(line) if len(kept) > 1 else None
        if name:
            found.footer_authors.insert(0, name)
        elif (
            len(kept) > 1
            and _words(line) <= 30
            and _SERVICE.search(line)
            and _reader_directed(line)
        ):
            pass
        elif len(kept) == 1 or _words(line) > (3 if _is_sentence(line) else 12):
            break
        found.dropped.append(line)
        kept.pop()
        kept_idx.pop()
    last_body = kept_idx[-1] if kept_idx else -1
    found.nav = [ln for j, ln in enumerate(lines) if j > last_body and not cr.photo_credit(ln)]
    # an agency credited on a line of its own right after the article ("AFP", "— Reuters")
    for j in wire_lines:
        if last_body < j <= last_body + 3:
            found.footer_wires.extend(cr.wire_credit(lines[j]) or [])
            break
    return kept


def _signoff(found: _Found, body: str) -> None:
    """Reporter names alone on a line after the article (none of them mentioned in the body)."""
    after_block = False
    for k, line in enumerate(found.nav):
        if _is_block_start(line):
            after_block = True
            continue
        names = cr.signoff_names(line)
        if not names or any(n in body or n.split()[-1] in body for n in names):
            continue
        # one name far down the page or under a heading is a link or a topic ("Related topics")
        if len(names) >= 2 or (k < 4 and not after_block):
            found.signoff = names
            return


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        key = " ".join(n.lower().split())
        if key and key not in seen:
            seen.add(key)
            out.append(n)
    return out


def _drop_short_forms(names: list[str]) -> list[str]:
    """Without a name whose words are all in a longer name of the list ("Joyce Tam" from a bio
    line next to the byline's "Joyce Tam Wing-sze")."""
    words = [set(n.lower().replace("-", " ").split()) for n in names]
    return [
        n
        for i, n in enumerate(names)
        if not any(j != i and words[i] < words[j] for j in range(len(names)))
    ]


def _strip_site_suffix(title: str, source: str | None) -> str:
    m = re.match(r"^(.+?)\s+[|–—-]\s+(.+)$", title)
    while m and (
        canonical_outlet(m[2].split(" | ")[-1])
        or (source and m[2].strip().lower() in source.lower())
    ):
        title = m[1]
        m = re.match(r"^(.+?)\s+[|–—-]\s+(.+)$", title)
    return title.strip()


def _source(doc: RawDocument, found: _Found) -> tuple[OutletInfo | None, str | None]:
    info, url = _source_base(doc, found)
    if info and not doc.meta.get("source"):
        # the byline names a sub-brand of the site ("BBC Sport" on a BBC page)
        for aff in found.byline_outlets:
            if aff.parent and aff.parent == info.name:
                return aff, url
    return info, url


def _source_base(doc: RawDocument, found: _Found) -> tuple[OutletInfo | None, str | None]:
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
        if _words(line) <= 6 and not _is_sentence(line):
            info = outlet_prefix(line)
            if info and info.kind != "wire":
                return info, url
    for holder in found.copyright:
        if holder.kind != "wire":
            return holder, url
    if dom:
        return dom, url
    if found.byline_outlets:
        return found.byline_outlets[0], url
    return None, url


def _wire(doc: RawDocument, found: _Found, dateline_agency: str | None) -> str | None:
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


def _outlet_hints(lines: list[str], meta: dict) -> frozenset[str]:
    """Keys of the outlet names the document gives elsewhere (copyright lines, "appeared first
    on", metadata, URL): a header line that is one of them is the masthead, not the headline."""
    names: list[str] = []
    for line in lines:
        if _words(line) <= 20 and (holder := copyright_holder(line)) and holder.kind != "wire":
            names.append(holder.name)
        if m := _POST.match(line):
            names.append(m["outlet"])
    if meta.get("source"):
        names.append(str(meta["source"]))
    if meta.get("url") and (dom := outlet_from_domain(str(meta["url"]))):
        names.append(dom.name)
    keys = set()
    for name in names:
        keys.add(outlet_key(name))
        if info := canonical_outlet(name):
            keys.update(outlet_key(a) for a in (info.name, *info.aliases))
    return frozenset(k for k in keys if k)


def clean(doc: RawDocument) -> CleanArticle:
    """Normalise one document (see the module docstring for the rules)."""
    text = doc.text if doc.text is not None else doc.raw_text
    text = repair_mojibake(normalise_newlines(text or ""))
    lines = _join_split_bylines(_unwrap(text))
    found = _Found()
    meta = doc.meta
    hints = _outlet_hints(lines, meta)
    start, _ = _body_start(lines, hints)
    known = (
        [str(meta[k]) for k in ("title", "subtitle", "description") if meta.get(k)]
        if meta.get("title")
        else None
    )
    _scan_header(found, lines[:start], known, hints)
    kept = found.kept_header + _scan_body(found, lines[start:])
    # Photo captions are part of what the article says (people and places they name), but not
    # of its prose: they follow the text, each as its own paragraph, credits cut off.
    kept += [c for c in found.captions if c not in kept]
    body = "\n\n".join(kept)
    _signoff(found, body)
    for caption in doc.meta.get("captions") or ():
        credit = cr.photo_credit(caption)
        if credit:
            _take_credit(found, credit)

    dateline, agency = _dateline(kept[0]) if kept else (None, None)
    source, url = _source(doc, found)

    title = meta.get("title") or found.post_title or found.title
    if title:
        title = _strip_site_suffix(" ".join(str(title).split()), source.name if source else None)
    subtitle = meta.get("subtitle") or found.subtitle
    if subtitle is None and found.title and meta.get("title") and found.title != title:
        subtitle = found.title
    desc = meta.get("description")
    if subtitle is None and desc and not body.startswith(str(desc)[:60]):
        subtitle = desc

    wire = _wire(doc, found, agency)
    authors: list[str] = []
    for a in _meta_authors(meta.get("authors")):
        info = canonical_outlet(a)
        if info:
            if info.kind == "wire" and not wire:
                wire = info.name
            continue
        authors.append(a)
    authors += found.byline_authors + found.footer_authors + found.signoff + found.contrib_authors
    authors = _drop_short_forms(authors)

    published = parse_date(str(meta["published_at"])) if meta.get("published_at") else None
    return CleanArticle(
        body=body,
        title=title or None,
        subtitle=subtitle or None,
        byline=meta.get("byline") or found.byline,
        dateline=dateline,
        published_at=published or found.published,
        url=url,
        source=source.name if source else None,
        source_domain=(source.domain if source and source.domain else _outlet_domain(url)),
        source_country=source.country if source else None,
        wire=wire,
        authors=_dedupe(authors),
        photographers=_dedupe(found.photographers + list(meta.get("photographers") or [])),
    )


_STAFF = re.compile(
    r"(?i)^(?:staff|staff writer|staff reporter|editorial staff|news desk|web desk|admin|editor)$"
)


def _meta_authors(value) -> list[str]:
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
        if str(a).strip() and not _STAFF.match(str(a).strip())
    ]


def _outlet_domain(url: str | None) -> str | None:
    info = outlet_from_domain(url) if url else None
    return info.domain if info else None
