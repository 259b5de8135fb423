"""Outlet and news-agency names: the curated table in ``data/outlets.json`` plus text clues.

``canonical_outlet`` maps a name, alias, domain or URL to an :class:`OutletInfo`.
``outlet_from_text`` finds the publishing outlet from boilerplate clues only (donation appeals,
"The post ... appeared first on X", "other X readers", newsletter blurbs): an outlet merely
mentioned in the article ("told The Independent") is a medium, not the publisher.
Unknown outlets get a generic ``OutletInfo`` (``known=False``).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import urlsplit

from archive.clean.lexicon import MASTHEAD_WORDS


@dataclass(frozen=True)
class OutletInfo:
    name: str  # canonical name ("The New York Times")
    domain: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    kind: str = "outlet"  # outlet | wire
    aliases: tuple[str, ...] = field(default=(), compare=False)
    known: bool = True  # False for names guessed from text or a domain
    parent: str | None = field(default=None, compare=False)  # "BBC Sport" -> "BBC News"


def _key(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).lower().replace("’", "'").replace("&", " and ")
    s = re.sub(r"[^\w\s.]", " ", s)
    s = " ".join(s.split()).strip(". ")
    return re.sub(r"^the ", "", s)


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, OutletInfo], dict[str, OutletInfo]]:
    raw = json.loads(
        resources.files("archive.clean").joinpath("data/outlets.json").read_text("utf-8")
    )
    by_name: dict[str, OutletInfo] = {}
    by_domain: dict[str, OutletInfo] = {}
    for row in raw["outlets"]:
        info = OutletInfo(
            name=row["name"],
            domain=(row.get("domains") or [None])[0],
            country=row.get("country"),
            kind=row.get("kind", "outlet"),
            aliases=tuple(row.get("aliases") or ()),
            parent=row.get("parent"),
        )
        for alias in (row["name"], *info.aliases):
            by_name.setdefault(_key(alias), info)
        for dom in row.get("domains") or ():
            by_domain[dom.lower()] = info
    return by_name, by_domain


def outlet_key(name: str) -> str:
    """Comparison key of an outlet name (case, punctuation and a leading "The" ignored)."""
    return _key(name)


def _hostname(s: str) -> str | None:
    s = s.strip().lower()
    if "://" in s:
        host = urlsplit(s).hostname
    elif re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}(/.*)?", s):
        host = s.split("/")[0]
    else:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def outlet_from_domain(url_or_domain: str) -> OutletInfo | None:
    """Outlet for a URL or host name; unknown domains give a guessed name ("foo-news.com" ->
    "Foo News", known=False)."""
    host = _hostname(url_or_domain)
    if not host:
        return None
    _, by_domain = _table()
    parts = host.split(".")
    for i in range(len(parts) - 1):  # news.bbc.co.uk -> bbc.co.uk -> co.uk
        info = by_domain.get(".".join(parts[i:]))
        if info:
            return info
    # guess: the registrable label before the public suffix
    labels = [
        p
        for p in parts
        if p not in {"co", "com", "org", "net", "news", "www", "uk", "au", "ca", "ie", "in"}
    ]
    label = (
        labels[-2]
        if len(labels) >= 2 and len(labels[-1]) <= 3
        else (labels[0] if labels else parts[0])
    )
    if re.search(r"[-_]", label):
        name = " ".join(w.capitalize() for w in re.split(r"[-_]+", label) if w)
    else:
        name = host
    return OutletInfo(name=name, domain=host, kind="outlet", known=False)


def canonical_outlet(name_or_domain: str | None) -> OutletInfo | None:
    """Known outlet for a name, alias, domain or URL (case, "The" and punctuation ignored)."""
    if not name_or_domain or not name_or_domain.strip():
        return None
    by_name, _ = _table()
    info = by_name.get(_key(name_or_domain))
    if info:
        return info
    if _hostname(name_or_domain):
        dom = outlet_from_domain(name_or_domain)
        if dom and dom.known:
            return dom
    return None


def resolve_outlet(name: str) -> OutletInfo:
    """Known outlet for ``name`` or a generic record keeping the name as written."""
    info = canonical_outlet(name)
    if info:
        return info
    dom = outlet_from_domain(name)
    if dom:
        return dom
    name = re.sub(r"^the ", "The ", " ".join(name.split()).strip(" .:!"))
    return OutletInfo(name=name, known=False)


_TOK = r"[A-Z0-9][\w&'’-]*(?:\.[A-Za-z]\w*)*"
_NAME = r"((?:The |the )?" + _TOK + r"(?:\s+(?:of |and |& |on |de |du |la )?" + _TOK + r"){0,5})"
# Boilerplate clues (patterns are matched per line); group 1 is the outlet.
_CLUES = [
    re.compile(r"^The post .+ appeared first on " + r"(.+?)\.?\s*$"),
    re.compile(r"^Support " + _NAME + r"\s*[!.]?\s*$"),
    re.compile(r"^A (?:[Mm]essage|[Nn]ote|[Ww]ord) from " + _NAME + r"\s*:?\s*$"),
    re.compile(r"\bBy supporting " + _NAME + r","),
    re.compile(r"\bother " + _NAME + r" (?:readers|subscribers|members)\b"),
    re.compile(r"\bnewsletter\b.*\bfrom " + _NAME + r"\s*[.!]"),
    re.compile(r"\b(?:journalists|team|editors) (?:of|at) " + _NAME + r"\b"),
    re.compile(
        r"\b(?:reporter|correspondent|writer|editor|journalist|columnist) (?:for|at|with) "
        + _NAME
        + r"\s*\.?$"
    ),
]
_MARK = r"(?:©|\([cC]\))"
_MARK_RE = re.compile(_MARK)
_COPYRIGHT = re.compile(
    rf"^(?=©|\([cC]\)|Copyright|COPYRIGHT)(?:{_MARK}\s*)?(?:(?:Copyright|COPYRIGHT)\s*)?"
    rf"(?:{_MARK}\s*)?(\d{{4}}\s*)?(?:[-–]\s*\d{{4}}\s*)?,?\s*" + _NAME
)


def copyright_holder(line: str) -> OutletInfo | None:
    """Holder of a copyright line ("© 2026 The Associated Press. All rights reserved."). A
    bare "Copyright" and one word with neither a © nor a year is a heading ("Copyright
    Notice"), unless the word is a known outlet's name."""
    m = _COPYRIGHT.match(line.strip())
    if not m:
        return None
    name = m.group(2).strip(" .,")
    if _MARK_RE.search(m.group(0)) is None and not m.group(1) and len(name.split()) < 2:
        return canonical_outlet(name)
    return resolve_outlet(name)


def outlet_from_text(text: str) -> OutletInfo | None:
    """Publishing outlet from explicit boilerplate clues in ``text`` (first clue wins, in the
    order of ``_CLUES``); None when there is none."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for pattern in _CLUES:
        for line in lines:
            m = pattern.search(line)
            if m:
                cand = m.group(1).strip(" .,:;!")
                if len(cand) >= 2 and not re.fullmatch(r"(?i)(the )?(us|our|this|them)", cand):
                    return resolve_outlet(cand)
    return None


def outlet_from_masthead(line: str) -> OutletInfo | None:
    """A short line that is only an outlet name ("Shropshire Star"): known outlets, or 2-4
    capitalised words ending with a newspaper word ("Bristol Evening Post")."""
    line = line.strip()
    if not line or len(line) > 60 or re.search(r"[.!?:,;]$", line):
        return None
    info = canonical_outlet(line)
    if info:
        return info
    # "BBC Homepage", "The Verge home", "Reuters.com"
    bare = re.sub(r"(?i)\s*(?:[-|:–—]\s*)?(?:home\s*page|homepage|home|front\s+page)$", "", line)
    if bare != line and (info := canonical_outlet(bare)):
        return info
    words = line.split()
    if 2 <= len(words) <= 5 and all(w[:1].isupper() or w in {"of", "and", "&"} for w in words):
        if words[-1].lower() in MASTHEAD_WORDS:
            return OutletInfo(name=line, known=False)
    return None


def outlet_prefix(line: str) -> OutletInfo | None:
    """Known outlet that a short navigation line starts with ("KSL.com Beyond Series")."""
    words = line.strip().split()
    for n in range(min(4, len(words)), 0, -1):
        info = canonical_outlet(" ".join(words[:n]))
        if info and (n > 1 or len(words[0]) > 2):
            return info
    return None
