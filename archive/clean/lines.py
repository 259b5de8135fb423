"""What one line of a page is: prose sentence, navigation, page furniture, the start or a line
of a boilerplate block, a date line, a dateline ("PHOENIX (AP) —"), a photo caption; and
:func:`unwrap`, which turns the text into paragraph lines. Pure functions over lines."""

from __future__ import annotations

import re

from archive.clean import credits as cr
from archive.clean.dates import parse_date
from archive.clean.lexicon import (
    AI_NOTE,
    AI_SUBJECT,
    BLOCK_START,
    COOKIES,
    DATE_WORDS,
    FURNITURE,
    MENU_FILLER,
    MENU_WORDS,
    PROMO,
    READER_PRONOUNS,
    READER_WORDS,
)
from archive.clean.outlets import canonical_outlet, copyright_holder

END = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”]$")


BULLET = re.compile(r"^[•·▪●◦‣*\-–]\s+")


DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+)*(?:,\s*[A-Z][\w.'’\-]+"
    r"(?: [A-Z][\w.'’\-]+)*)*?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\((?P<agency>[A-Za-z .\-]{2,30})\))?\s*(?:[—–]"
    r"|--)\s*|"
    r"^(?P<place2>[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]+)*(?:,\s*[A-Z][\w.'’\-]+)*?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*\((?P<agency2>[A-Za-z .\-]{2,30})\)\s*-+\s*|"
    r"^\((?P<agency3>[A-Za-z .\-]{2,30})\)\s*[—–-]+\s*|"
    # "Brussels (AFP) –", "New Delhi, June 3 (PTI) -": a place in title case needs the agency
    r"^(?P<place4>[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3}(?:,\s*[A-Z][\w.'’\-]+"
    r"(?: [A-Z][\w.'’\-]+)*)*?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*\((?P<agency4>[A-Za-z .\-]{2,30})\)\s*[—–-]+\s*"
)


POST = re.compile(r"^The post (?P<title>.+) appeared first on (?P<outlet>.+?)\.?$")


DATE_LINE = re.compile(
    r"(?i)^(?:(?:first\s+)?published|updated|last\s+(?:updated|modified)|posted|modified|issued"
    r"|this\s+(?:story|article)\s+(?:is\s+|was\s+)?(?:from|published\s+on))"
    r"(?:\s*(?:on|at|:))*\b\s*(?P<rest>.*)$"
)


# quoted words, straight or curly, as a pair of apostrophes ("''You are a loser!''", the style
# of some archives) or guillemets
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|''(?:(?!'').)*''|«[^»]*»|„[^“”]*[“”]")


_WORD = re.compile(r"[A-Za-z']+")


_NAV_SPLIT = re.compile(r"\s*[|•·]\s*")


CAPTION_LABEL = re.compile(r"(?i)^(?:image|photo|picture|video)\s+caption\s*[,:]\s*(?P<text>.+)$")


CAPTION_LEAD = re.compile(
    r"(?i)^(?:in\s+this\s+(?:photo|image|picture|handout|file)|this\s+(?:photo|image)\s+(?:shows"
    r"|provided))\b"
)


# "Home / World / Asia", "News > Politics > ...": where the page sits in the site
_CRUMB = r"[A-Z][\w&'’.-]*(?: [A-Z&][\w&'’.-]*){0,2}"


BREADCRUMB = re.compile(
    r"^(?:[^/>›»|]{1,40}\s+[/>›»]\s+){2,}|^" + _CRUMB + r"(?:\s+[/>›»]\s+" + _CRUMB + r")+$"
)


BY_START = re.compile(r"(?i)^by\s")


MATERIAL_FROM = re.compile(r"(?i)\b(?:inputs?|files|reporting|material)\s+from\b")


SOURCE_LINE = re.compile(r"^(?:SOURCE|SOURCES|Source|Sources)\s*:\s*(?P<src>.{2,80})$")


def n_words(line: str) -> int:
    return len(line.split())


def is_sentence(line: str) -> bool:
    return bool(END.search(line))


def reader_appeal(line: str) -> bool:
    """Reader-directed (:func:`reader_directed`) as an appeal is: with a word of one (subscribe,
    support, newsletter) and a "you" or an "our" or in a short line, or a short line that speaks
    to the reader ("This copy is for your personal use only", "Please visit our Contact Us
    page"); not a lede that asks the reader to imagine ("If you were on the committee, you
    would want the hardest test you could get", "Never before have we had so much news")."""
    if not reader_directed(line):
        return False
    words = [w.lower() for w in _WORD.findall(_QUOTED.sub(" ", line))]
    appeal = any(w in READER_WORDS and w not in READER_PRONOUNS for w in words)
    pronoun = any(w in READER_PRONOUNS for w in words)
    short = len(words) <= 12
    # ("Fewer voters support Roe, as Lee picks up support": no appeal without "you" or "our")
    return (appeal and (pronoun or short)) or (short and any(w in _TO_THE_READER for w in words))


# the pronouns of a short line that speak to the reader ("please visit our page", "for your
# use only"); a short line with only "we" may be the story's own voice
_TO_THE_READER = READER_PRONOUNS - {"we"}


def reader_directed(line: str) -> bool:
    """Written to the reader (appeals, newsletter blurbs): we/our/you/support... outside quotes."""
    words = [w.lower() for w in _WORD.findall(_QUOTED.sub(" ", line))]
    hits = sum(w in READER_WORDS for w in words)
    return (hits >= 2 and hits / max(1, len(words)) >= 0.04) or (hits >= 1 and len(words) <= 12)


def _menu_only(text: str) -> bool:
    words = [w.lower().strip(",.:") for w in text.split()]
    return (
        bool(words)
        and all(w in MENU_WORDS for w in words)
        and any(w not in MENU_FILLER for w in words)
    )


def is_nav(line: str) -> bool:
    """A navigation line: only menu words ("Sign in", "Your account"), or three or more short items
    separated by "|", "•" or "·", or two such items that are menu words ("Subscribe | Sign in")."""
    if n_words(line) <= 5 and _menu_only(line):
        return True
    parts = [p for p in _NAV_SPLIT.split(line) if p]
    if len(parts) < 2:
        return False
    if len(parts) >= 3 and all(n_words(p) <= 4 and not END.search(p) for p in parts):
        return True
    # a footer row: "Copyright © 2025, X | Terms of Service | Privacy Policy | Do Not Sell ..."
    if len(parts) >= 3 and all(
        n_words(p) <= 4 or FURNITURE.match(p) or copyright_holder(p) for p in parts
    ):
        return True
    return all(n_words(p) <= 3 and _menu_only(p) for p in parts)


def is_furniture(line: str) -> bool:
    if FURNITURE.match(line) or is_nav(line) or BREADCRUMB.match(line):
        return True
    if n_words(line) <= 40 and COOKIES.search(line) and not _QUOTED.search(line):
        return True
    if n_words(line) <= 25 and PROMO.match(line) and not _QUOTED.search(line):
        return True
    return bool(AI_NOTE.search(line) and AI_SUBJECT.search(line))


def is_block_start(line: str) -> bool:
    return n_words(line) <= 14 and not re.search(r"[.?]$", line) and bool(BLOCK_START.match(line))


def is_block_line(line: str) -> bool:
    return (
        bool(BULLET.match(line))
        or is_furniture(line)
        or is_block_start(line)
        or n_words(line) <= 6
        or (not is_sentence(line) and n_words(line) <= 20)
        or (
            line.endswith("?") and n_words(line) <= 15 and not _QUOTED.search(line)
        )  # headline questions
        or reader_directed(line)
    )


def date_line(line: str) -> tuple[bool, str | None]:
    """("Published", None) / ("Updated 18 February 2026", "2026-02-18") / not a date line."""
    m = DATE_LINE.match(line)
    if m:
        rest = m["rest"].strip()
        iso = parse_date(rest)
        if not rest or iso or (len(rest) < 40 and re.search(r"\d", rest)):
            return True, iso
    if n_words(line) <= 10 and not is_sentence(line.rstrip(".")):
        iso = parse_date(line)
        if iso and len(DATE_WORDS.sub("", line)) <= 3:
            return True, iso
    return False, None


def parse_dateline(line: str) -> tuple[str | None, str | None]:
    m = DATELINE.match(line)
    if not m:
        return None, None
    place = m["place"] or m["place2"] or m["place4"]
    agency = m["agency"] or m["agency2"] or m["agency3"] or m["agency4"]
    if place and len(place.replace(" ", "")) < 3:
        return None, None
    if m["agency4"] and not ((info := canonical_outlet(m["agency4"])) and info.kind == "wire"):
        return None, None  # "The President (ret) -": a title-case place needs a real agency
    return (place.strip(" ,") if place else None), agency


_WRAPPED_MAX = 110  # longer than any hard-wrapped line (most wrap at 60-80 characters)


def unwrap(text: str) -> list[str]:
    """Paragraph lines. Text hard-wrapped inside blank-line separated paragraphs (most lines of
    a block 40-100 characters and not ending a sentence) is joined back with spaces."""
    blocks = [b.split("\n") for b in re.split(r"\n\s*\n", text)]
    multi = [b for b in blocks if len([ln for ln in b if ln.strip()]) > 1]
    lines_in_multi = [ln.strip() for b in multi for ln in b[:-1] if ln.strip()]
    long_lines = [ln for ln in lines_in_multi if 40 <= len(ln) <= 100]
    wrapped = (
        len(long_lines) >= 3
        and sum(not is_sentence(ln) for ln in long_lines) / len(long_lines) >= 0.5
    )
    # hard-wrapped prose breaks mid-sentence: several long lines run on into a lower-case word
    runs_on = sum(
        1
        for b in multi
        for prev, nxt in zip(b, b[1:])
        if 40 <= len(prev.strip()) <= 100
        and not is_sentence(prev.strip())
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
                # (two lines running on, both much longer than wrapped lines ever are, are two
                # paragraphs)
                full = (
                    len(prev) >= 0.6 * width
                    and not (is_sentence(prev) and len(prev) < 0.8 * width)
                    and min(len(prev), len(ln)) <= _WRAPPED_MAX
                )
                if BULLET.match(ln) or is_nav(prev) or is_nav(ln):
                    para.append(ln)
                elif full or (not is_sentence(prev) and ln[:1].islower()):
                    para[-1] += " " + ln
                else:
                    para.append(ln)
            out.extend(para)
        else:
            out.extend(lines)
    return out


CREDIT_LEAD = re.compile(
    r"(?i)[\s(\[/|:\-–—]*(?:photo(?:graph)?|picture|image|credit)?[\s:(\[/|]*$"
)


def caption_text(line: str, credit: str) -> str:
    """The caption without its credit ("A soldier ... Ukraine (Name/Org via AP)" -> "A soldier
    ... Ukraine")."""
    at = line.rfind(credit)
    text = line[:at] if at >= 0 else line
    return CREDIT_LEAD.sub("", text).strip()


def caption_at(lines: list[str], i: int) -> bool:
    """Line i is a photo caption: it ends with a credit, or the next line repeats it with one."""
    if cr.photo_credit(lines[i]):
        return True
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return (
        n_words(lines[i]) >= 4
        and nxt.startswith(lines[i].rstrip(". "))
        and bool(cr.photo_credit(nxt))
    ) or (bool(CAPTION_LEAD.match(lines[i])) and bool(cr.photo_credit(nxt)))
