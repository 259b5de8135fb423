"""The page header: where the body starts, the masthead, navigation and section labels before
the headline, the title, dek (subtitle), byline and date lines (see :mod:`archive.clean.page`)."""

from __future__ import annotations

import re

from archive.clean import credits as cr
from archive.clean.found import Found, footer_line, take_byline, take_caption_label, take_credit
from archive.clean.lexicon import COOKIES, FURNITURE
from archive.clean.lines import (
    BREADCRUMB,
    BULLET,
    BY_START,
    CAPTION_LABEL,
    POST,
    caption_at,
    date_line,
    is_block_start,
    is_furniture,
    is_nav,
    is_sentence,
    n_words,
    parse_dateline,
    reader_appeal,
    reader_directed,
)
from archive.clean.outlets import (
    OutletInfo,
    canonical_outlet,
    copyright_holder,
    outlet_from_domain,
    outlet_from_masthead,
    outlet_key,
    resolve_outlet,
)


def join_split_bylines(lines: list[str]) -> list[str]:
    """ "By Kendra Ashby" / "and" / "Nathaniel Roemer" (a byline laid out over lines) -> one
    line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        while (
            i + 2 < len(lines)
            and BY_START.match(line)
            and lines[i + 1].strip().lower() in ("and", "&")
            and cr.split_names(lines[i + 2])
        ):
            line = f"{line} and {lines[i + 2]}"
            i += 2
        out.append(line)
        i += 1
    return out


def headline_like(line: str) -> bool:
    """A headline: 4-30 words, not navigation, not a label ending with ":", not a strip of
    figures (weather, tickers: "Saturday, Nov 22nd 2025 4PM 8°C 7PM 6°C")."""
    words = line.split()
    digits = sum(1 for w in words if any(c.isdigit() for c in w))
    return (
        4 <= len(words) <= 30
        and not is_nav(line)
        and not line.rstrip().endswith(":")
        and digits <= 0.4 * len(words)
    )


def section_label(line: str) -> bool:
    """A short capitalised label before the headline ("Asia", "Premier League", "Scores &
    Fixtures"); a short headline has a lower-case word ("Biden wins Iowa")."""
    words = line.split()
    return (
        len(words) <= 3
        and not is_sentence(line)
        and all(
            w[:1].isupper() or w[:1].isdigit() or w in {"&", "and", "of", "the", "-", "/", "+"}
            for w in words
        )
    )


def affiliation(line: str) -> OutletInfo | None:
    """The outlet of a line under the byline ("BBC Sport at St James' Park", "Reuters, London")."""
    if n_words(line) > 8:
        return None
    return canonical_outlet(line) or canonical_outlet(
        re.sub(r"\s*(?:,|\s(?:at|in|from)\s).*$", "", line)
    )


def masthead_at(lines: list[str], i: int, hints: frozenset[str] = frozenset()) -> OutletInfo | None:
    """Line i is the site name: a known outlet ("Yahoo Finance", "BBC Homepage"), the outlet
    named elsewhere in the document (copyright line, metadata), or -- as the first line after
    page furniture only -- a newspaper-like name ("Las Vegas Sun")."""
    line = lines[i]
    if len(lines) < 2:
        return None
    parts = re.split(r"\s+[-–|]\s+", line)
    if (
        len(parts) > 1
        and n_words(parts[0]) <= 6
        and (info := canonical_outlet(parts[0]))
        and info.kind != "wire"
    ):
        return info  # "The Guardian - Back to home"
    if n_words(line) > 6:
        return None
    if hints and outlet_key(line) in hints:
        return resolve_outlet(line)
    info = outlet_from_masthead(line)
    if info and (info.known or all(is_furniture(ln) for ln in lines[:i])):
        return info
    return None


def _header_marker(line: str) -> bool:
    """A line that only the page header has: a byline (with or without "By"), a date line, a
    reporter bio line, a reading time."""
    return bool(
        cr.parse_byline(line)
        or cr.bare_byline(line)
        or cr.role_line(line)
        or date_line(line)[0]
        or (n_words(line) <= 25 and cr.bio_name(line))
    )


def _opens_body(line: str) -> bool:
    """The article's first paragraph by its dateline ("PHOENIX — ", "Brussels (AFP) –")."""
    place, agency = parse_dateline(line)
    return bool(place or agency) and n_words(line) >= 6


def title_cased(line: str) -> bool:
    """The line is written in Title Case, as headlines are ("Roe Says the Race Is Over"): of its
    words of four letters or more after the first, three or more and three in four capitalised."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line)[1:] if len(w) >= 4]
    caps = sum(w[0].isupper() for w in words)
    return len(words) >= 3 and caps >= 0.75 * len(words)


def _prose(lines: list[str], i: int) -> bool:
    """Line i reads as article prose: a sentence of 8 or more words that is no caption, credit,
    page furniture or appeal to the reader. The first line of a text, in Title Case or short, is
    its headline, even with a full stop."""
    line = lines[i]
    if _opens_body(line):
        return True
    # (a sentence that introduces what follows ends with a colon: "From Jo Roe, writing in
    # the Post:", "A look at where the race stands:")
    if not ((is_sentence(line) or line.rstrip().endswith(":")) and n_words(line) >= 8):
        return False
    if i == 0 and len(lines) > 1 and n_words(line) <= (30 if title_cased(line) else 14):
        return False  # "Roe Says the Race Is Over.", "Roe stays ahead of Lee in latest poll."
    return not (
        caption_at(lines, i)
        or CAPTION_LABEL.match(line)
        or is_furniture(line)
        or is_block_start(line)
        or BULLET.match(line)
        or COOKIES.search(line)
        or (n_words(line) <= 40 and reader_appeal(line))
        or _header_marker(line)
    )


def body_start(lines: list[str], hints: frozenset[str] = frozenset()) -> tuple[int, int | None]:
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
        if caption_at(lines, i) or is_furniture(line) or is_block_start(line) or BULLET.match(line):
            continue
        if CAPTION_LABEL.match(line) or cr.wire_credit(line):
            continue
        if date_line(line)[0] or (
            seen == 0 and (masthead_at(lines, i, hints) or canonical_outlet(line))
        ):
            continue
        if byline_idx is not None and i == byline_idx + 1 and affiliation(line):
            continue
        if seen == 0 and byline_idx is None and section_label(line):
            continue
        if (
            parse_dateline(line)[0]
            or parse_dateline(line)[1]
            or (is_sentence(line) and n_words(line) >= 8)
            or seen >= allowed
        ):
            return i, byline_idx
        seen += 1
    return start, byline_idx


def title_index(lines: list[str], hints: frozenset[str]) -> int | None:
    """Index of the headline among the header lines: the first line of the last run of
    headline-like lines before the (first such) byline or date (a run is the headline and its
    standfirst; captions, credits and dates do not break it; navigation and section labels do).
    None when no line looks like a headline."""
    run_start = None
    title = None
    for i, line in enumerate(lines):
        if _header_marker(line):
            if title is not None:
                break  # the byline or date under the headline
            run_start = None  # a date line above the headline ("This story is from ...")
            continue
        short = (
            2 <= n_words(line) <= 3 and not section_label(line) and not is_nav(line)
        )  # "Biden wins Iowa"
        if (
            (headline_like(line) or short)
            and _plain(lines, i)
            and not BREADCRUMB.match(line)
            and not COOKIES.search(line)
            and not BULLET.match(line)
            and not reader_directed(line)
            and not re.search(r"(?<!\w)@\w", line)
            and not masthead_at(lines, i, hints)
            and (run_start is not None or not line.endswith("."))
        ):  # a headline has no full stop
            if run_start is None:
                run_start = i
            title = run_start
        elif not (
            FURNITURE.match(line)
            or caption_at(lines, i)
            or CAPTION_LABEL.match(line)
            or (run_start is not None and is_sentence(line) and n_words(line) >= 8)
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
        or caption_at(lines, j)
        or CAPTION_LABEL.match(line)
        or date_line(line)[0]
        or cr.parse_byline(line)
        or is_furniture(line)
        or is_block_start(line)
        or cr.wire_credit(line)
    )


def scan_header(
    found: Found,
    lines: list[str],
    keep_unknown: list[str] | None = None,
    hints: frozenset[str] = frozenset(),
) -> None:
    """Header lines. ``keep_unknown`` (the metadata title and dek of an already extracted
    document): lines other than these and recognised furniture are article text, not headlines.
    Before the headline: the masthead (site name), navigation and section labels."""
    block = False
    title_idx = None if keep_unknown else title_index(lines, hints)
    for i, line in enumerate(lines):
        if found.title is None and not found.masthead and (info := masthead_at(lines, i, hints)):
            found.masthead = info
            found.dropped.append(line)
            continue
        if take_caption_label(found, line):
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
            and not (bl.affiliations and i > 0 and is_sentence(lines[i - 1]))
        ):
            take_byline(
                found, line, bl
            )  # "Kiran Gowda / TNN / Updated: ...", "Jane Roe, Staff Writer"
            continue
        credit = cr.photo_credit(line)
        if credit:
            take_credit(found, credit, line)
            continue
        if caption_at(lines, i):
            continue
        is_date, iso = date_line(line)
        if is_date:
            if iso and not found.published:
                found.published, found.published_raw = iso, line
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
            and is_sentence(lines[i - 1])
            and n_words(lines[i - 1]) >= 5
            and not BY_START.match(line)
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
            take_byline(found, line, byline)
            continue
        if found.byline and i > 0 and lines[i - 1] == found.byline and (aff := affiliation(line)):
            (found.wires if aff.kind == "wire" else found.byline_outlets).append(aff)
            continue
        if is_furniture(line) or is_block_start(line) or footer_line(found, line):
            found.dropped.append(line)
            block = is_block_start(line)
            continue
        if block and (BULLET.match(line) or is_furniture(line)):
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
            if (is_nav(line) or section_label(line)) and any(
                headline_like(lines[j]) and _plain(lines, j) for j in range(i + 1, len(lines))
            ):
                found.dropped.append(line)
                continue
            found.title = line
        elif not found.byline and (
            bl := cr.bare_byline(line)
            or (
                i + 1 < len(lines)
                and date_line(lines[i + 1])[0]
                and cr.parse_byline(line, require_by=False)
            )
        ):
            take_byline(found, line, bl)  # "Name" alone under the headline, then the date
        elif found.subtitle is None and not found.byline:
            found.subtitle = line


def outlet_hints(lines: list[str], meta: dict) -> frozenset[str]:
    """Keys of the outlet names the document gives elsewhere (copyright lines, "appeared first
    on", metadata, URL): a header line that is one of them is the masthead, not the headline."""
    names: list[str] = []
    for line in lines:
        if n_words(line) <= 20 and (holder := copyright_holder(line)) and holder.kind != "wire":
            names.append(holder.name)
        if m := POST.match(line):
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
