"""Who wrote and who photographed: bylines, photo credits, sign-offs, "contributed reporting"
and reporter bio lines. Pure functions over single lines."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from archive.clean.dates import parse_date
from archive.clean.lexicon import CREDIT_LABELS, CREDIT_WORDS, NAME_MONTHS, NON_NAME
from archive.clean.outlets import OutletInfo, canonical_outlet
from archive.names.firstnames import is_first_name
from archive.names.lexicon import BYLINE_PARTICLES, SUFFIXES

_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?")
_INITIAL = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]")


def looks_like_person(name: str) -> bool:
    """2-5 capitalised word tokens (particles such as "de", "van", "Le" allowed; initials allowed),
    no digits, no organisation/page words, not an outlet name."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 5:
        return False
    caps = 0
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if low in BYLINE_PARTICLES and 0 < i < len(tokens) - 1:
            if tok[0].isupper():
                caps += 1
            continue
        if low in SUFFIXES and i == len(tokens) - 1 and i >= 2:
            continue
        if _INITIAL.fullmatch(tok):
            caps += 1
            continue
        if not _TOKEN.fullmatch(tok) or not tok[0].isupper():
            return False
        if len(tok) > 1 and tok.rstrip(".").isupper():
            return False  # acronym ("KSL", "AP")
        if low.rstrip(".") in NON_NAME and not (low in NAME_MONTHS and i < len(tokens) - 1):
            return False
        caps += 1
    if caps < 2 or _INITIAL.fullmatch(tokens[-1]):
        return False
    return canonical_outlet(name) is None


def split_names(text: str) -> list[str] | None:
    """["A B", "C D"] for "A B, C D and C E" when every part looks like a person, else None."""
    parts = [
        p.strip(" .") for p in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", text.strip()) if p.strip(" .")
    ]
    if parts and all(looks_like_person(p) for p in parts):
        return parts
    return None


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    affiliations: list[OutletInfo] = field(default_factory=list)  # "Associated Press", "BBC News"
    date_text: str | None = None


_BY = re.compile(
    r"^(?:By|BY|by|(?:Written|Words|Reported)\s+by|(?:Author|Authors|Reporter|Writer)\s*:)[:\s]?\s*"
    r"(.+)$"
)
_BY_ROLE = re.compile(
    r"^(?:(?:staff|special|senior|foreign|political|chief)\s+)*(?:contributors?|writers?|reporters?"
    r"|"
    r"correspondents?|editors?)\s+",
    re.I,
)
_PLACE_TAIL = re.compile(r"\s+(?:in|from)\s+[A-Z][\w'’.\- ]{1,40}$")


def _uncap(name: str) -> str:
    """ "SAMANTHA HENDRICKS" -> "Samantha Hendricks" (all-caps bylines), "Clara LEMAIRE" -> "Clara
    Lemaire" (agency style: surname in capitals); other names unchanged."""
    letters = [c for c in name if c.isalpha()]
    words = name.split()
    if len(words) >= 2 and len(letters) >= 4 and all(c.isupper() for c in letters):
        return " ".join(w.lower() if w.lower() in BYLINE_PARTICLES else w.title() for w in words)
    if (
        len(words) >= 2
        and words[0][:1].isupper()
        and not words[0].isupper()
        and len(words[-1]) >= 3
        and words[-1].isupper()
        and words[-1].isalpha()
    ):
        return " ".join(words[:-1] + [words[-1].title()])
    return name


def _outlet_tail(part: str) -> tuple[str, OutletInfo | None]:
    """ "SAMANTHA HENDRICKS Associated Press" -> ("SAMANTHA HENDRICKS", Associated Press): an
    outlet name written after the names without a comma (at least two name words stay)."""
    words = part.split()
    for k in range(min(4, len(words) - 2), 0, -1):
        tail = words[-k:]
        if not all(w[:1].isupper() for w in tail):
            continue
        if k == 1 and not (tail[0].isupper() and len(tail[0]) > 1):
            continue  # a single word must be an acronym ("AP", "CNN"), not a surname
        info = canonical_outlet(" ".join(tail))
        if info:
            return " ".join(words[:-k]), info
    return part, None


def parse_byline(line: str, require_by: bool = True) -> Byline | None:
    """Byline such as "By contributor Jamey Keaten and Illia Novikov, Associated Press"."""
    got = _parse_byline(line, require_by)
    if got is None:
        return None
    return Byline(list(got.authors), list(got.affiliations), got.date_text)  # callers may change it


@functools.lru_cache(maxsize=4096)  # pure; the cleaner asks about the same lines several times
def _parse_byline(line: str, require_by: bool) -> Byline | None:
    line = _READ_TIME.sub("", line.strip())
    if len(line) > 200 or len(line.split()) > 30:
        return None
    date_text = None
    lead = _LEAD_BY.match(line)  # "June 3, 2025 By Name", "Published 3 hours ago | By Name"
    if lead and (parse_date(lead["lead"]) or _RELATIVE_TIME.search(lead["lead"])):
        date_text, line = lead["lead"], lead["by"]
    m = _BY.match(line)
    if m:
        rest = m.group(1)
    elif require_by:
        return None
    elif role := _role_byline(line):
        return role
    else:
        rest = line
    rest = re.sub(r"\s*(?:\S+@\S+\.\w+|(?<!\S)@\w+)", "", rest)  # e-mail address, social handle
    rest = _BY_ROLE.sub("", rest.strip())
    segments = [s.strip() for s in re.split(r"\s+[|•·/]\s+|\s+[-–—]\s+", rest) if s.strip()]
    if not segments:
        return None
    out = Byline(date_text=date_text)
    for seg in segments[1:]:
        info = canonical_outlet(seg)
        if info:
            out.affiliations.append(info)
        elif re.search(r"\d", seg):
            out.date_text = seg
    head, written_for = segments[0], ""
    if m_for := re.search(r"\s+(?:for|FOR|For)\s+", segments[0]):
        head, written_for = segments[0][: m_for.start()], segments[0][m_for.end() :]
    if written_for:  # "By A and B FOR MAILONLINE": the outlet they write for, known or not
        if info := canonical_outlet(written_for.strip(" .")):
            out.affiliations.append(info)
    for part in re.split(r"\s*,\s*", head):
        part = part.strip(" .")
        if not part:
            continue
        info = canonical_outlet(
            re.sub(r"(?i)\s+(?:staff|reporters?|wire|news\s+service)$", "", part)
        )
        if info:
            out.affiliations.append(info)
            continue
        part = _PLACE_TAIL.sub("", part)
        part, tail = _outlet_tail(part)
        if tail:
            out.affiliations.append(tail)
        names = [
            _uncap(_BY_ROLE.sub("", _PLACE_TAIL.sub("", n.strip(" "))).strip(" ."))
            for n in re.split(r"\s+and\s+|\s*&\s*|\s+AND\s+|\s+with\s+", part)
        ]
        if (
            out.authors
            and len(names) == 1
            and _PLACE_WORDS.fullmatch(names[0])
            and (out.affiliations or not looks_like_person(names[0]))
        ):
            continue  # "By Neha Mishra, Lucknow", "By Jo Roe, BBC News, New York": where from
        for name in names:
            if looks_like_person(name):
                out.authors.append(name)
            elif name and not re.search(r"\d", name):
                return None  # "By the end of the day, ..." is a sentence, not a byline
            elif name:
                out.date_text = name
    return out if out.authors or (m and out.affiliations) else None


_READ_TIME = re.compile(
    r"(?i)\s*[|•·,]?\s*\d+[\s-]*min(?:ute)?s?\.?(?:\s+read(?:ing)?(?:\s+time)?)?$"
)
_LEAD_BY = re.compile(r"^(?P<lead>.{3,40}?)\s*(?:[|•·,]\s*)?(?P<by>(?:By|BY)\s+[A-Z].*)$")
_RELATIVE_TIME = re.compile(
    r"(?i)\b(?:\d+|an?)\s+(?:minutes?|hours?|days?|weeks?)\s+ago\b|\b(?:today|yesterday)\b"
)
_PLACE_WORDS = re.compile(r"[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,2}")
# "Helen Marsh Political correspondent", "Jamal Whitaker, ESPN Staff Writer", "Jane Roe | Senior
# Reporter"
_ROLE_NOUN = (
    r"(?:correspondent|reporter|writer|editor|journalist|columnist|contributor|producer|"
    r"analyst|critic|bureau\s+chief|staff)s?"
)
_ROLE_TAIL = re.compile(r"^(?:[\w.&'’-]+\s+){0,4}" + _ROLE_NOUN + r"$", re.I)


_ROLE_ONLY = re.compile(r"^(?:[\w.&'’-]+\s+){0,3}" + _ROLE_NOUN + r"(?:\s+@\w+)?$", re.I)


def role_line(line: str) -> bool:
    """Only a reporter's role, under the name ("News reporter @handle", "Senior correspondent")."""
    return len(line.split()) <= 6 and bool(_ROLE_ONLY.match(line.strip()))


def bare_byline(line: str) -> Byline | None:
    """A byline without "By" that says it is one: names with the reporter's role or with the
    outlet ("Jane Roe, Reuters", "Jane Roe for NPR"); two capitalised words alone are not."""
    if len(line.split()) > 12:
        return None
    out = parse_byline(line, require_by=False)
    return (
        out
        if out
        and (out.affiliations or out.date_text or len(out.authors) >= 2 or _role_byline(line))
        else None
    )


def _role_byline(line: str) -> Byline | None:
    """A byline without "By": names then the reporter's role, with the outlet in it or not
    ("Helen Marsh Political correspondent", "Jamal Whitaker, ESPN Staff Writer")."""
    line = line.strip()
    if len(line.split()) > 12:
        return None
    m = re.match(r"^(?P<names>[^,|]+?)\s*[,|]\s*(?P<role>[^,|]+)$", line)
    splits = [(m["names"], m["role"])] if m else []
    words = line.split()
    splits += [(" ".join(words[:k]), " ".join(words[k:])) for k in range(2, len(words))]
    for names_text, role in splits:
        if not _ROLE_TAIL.match(role.strip()):
            continue
        names = split_names(_uncap(names_text))
        if not names:
            continue
        out = Byline(authors=names)
        role_words = role.split()
        for k in range(len(role_words) - 1, 0, -1):
            info = canonical_outlet(" ".join(role_words[:k]))
            if info:
                out.affiliations.append(info)
                break
        return out
    return None


# --- photo credits ----------------------------------------------------------------------------

_PAREN_CREDIT = re.compile(r"\(([^()]{2,160})\)\s*$|\[([^\[\]]{2,160})\]\s*$")
# "... REUTERS/Rebecca Cook/File Photo", "Rebecca Cook/Reuters", "AP Photo/Evan Vucci"
_SLASH_CREDIT = re.compile(
    r"(?:^|(?<=[.!?”\"’)])\s+|\s+\|\s+)((?:[A-Z][\w'’.\-]*\s+){0,4}[A-Z][\w'’.\-]*"
    r"(?:\s*/\s*[A-Z][\w'’.&\- ]{0,60}?){1,3})\s*$"
)
_LABEL_ALT = "|".join(
    sorted(
        {v for w in CREDIT_LABELS for v in (w, w.upper(), w.capitalize())}, key=len, reverse=True
    )
)
# "... Photograph: Ben Birchall/PA", "... PHOTO: Arif Ali/AFP", "Image: Name"
# (the last label of the line: "Image: Residents photographed the damage. Pic: Helen Marchetti")
# ("Credit...Name/Agency": the label and the credit apart by an ellipsis)
_LABEL_CREDIT = re.compile(
    r"^(?:.*(?:\s|(?<=[a-z.])))?(?:"
    + _LABEL_ALT
    + r")\s*(?:by)?\s*(?::|\.\.\.|…)\s*(.{2,120}?)\s*$"
)
# a line that is only a credit: "Image source, Getty Images", "Photo credit, Name/Agency"
_SOURCE_CREDIT = re.compile(
    r"(?i)^(?:image|photo|picture|video)\s+(?:source|credit)s?\s*[,:]\s*(.{2,120}?)\s*$"
)
_GETTY = re.compile(
    r"(?:^|(?<=[.!?”\"’)])\s+)((?:[A-Z][\w'’.\-]*\s+){0,4}(?:[A-Z][\w'’.\-]*\s*[—–]\s*)?"
    r"(?:/\s*)?(?:[A-Z]\w+\s+)?(?:via\s+)?Getty Images)\s*$"
)
# "Photo by Jane Roe / AFP", "Screenshot by Jane Roe/Outlet": a credit that says who took it
_BY_CREDIT = re.compile(
    r"(?:^|(?<=[.!?”\"’)])\s+)(?:Photo(?:graph)?s?|PHOTO|Image|Picture|Pic|Illustration|"
    r"Screenshot|Video)\s+by\s+([A-Z][^()]{2,118}?)\s*$"
)


# "... © Théo Garnier, AFP", "... (c) Jane Roe/Reuters"
_COPYRIGHT_CREDIT = re.compile(r"(?<=\S)\s+(?:©|\([cC]\))\s*(?![\s\d])([^©]{2,80}?)\s*$")


@functools.lru_cache(maxsize=4096)  # pure; the cleaner asks about the same lines several times
def photo_credit(line: str) -> str | None:
    """The credit at the end of a caption line ("... Alexander Ryumin / TASS",
    "... (Pierre Albouy, Reuters )", "... Photograph: Ben Birchall/PA"), or None."""
    line = line.strip()
    m = _SOURCE_CREDIT.match(line)
    if m:
        return m.group(1).strip()
    m = _PAREN_CREDIT.search(line)
    if m:
        inner = (m.group(1) or m.group(2)).strip()
        if "/" in inner or CREDIT_WORDS.search(inner):
            return inner
        segs = [s.strip() for s in inner.split(",")]
        if len(segs) == 2 and looks_like_person(segs[0]) and canonical_outlet(segs[1]):
            return inner
        # "(ABC News: Darren Kellett)", "(Supplied: Jane Roe)"
        label, _, who = inner.partition(":")
        if (
            who
            and (
                canonical_outlet(label.strip())
                or label.strip().lower() in {"supplied", "file", "courtesy"}
            )
            and looks_like_person(who.strip())
        ):
            return who.strip()
        return None
    m = _COPYRIGHT_CREDIT.search(line)
    if m:
        return m.group(1).strip()
    for pattern in (_LABEL_CREDIT, _BY_CREDIT, _SLASH_CREDIT, _GETTY):
        m = pattern.search(line)
        if m:
            credit = m.group(1).strip()
            if (
                pattern is _SLASH_CREDIT
                and m.start(1) == 0
                and not CREDIT_WORDS.search(credit)
                and not any(canonical_outlet(p.strip()) for p in credit.split("/"))
            ):
                return None  # "Hong Kong / Transport": a breadcrumb, not a credit
            return credit
    return None


_CREDIT_NOISE = re.compile(
    r"(?i)^(?:(?:AP|AFP|Reuters|EPA|Pool|File|Handout|Getty)\s+)?(?:pool\s+)?(?:photo(?:graph)?s?"
    r"|pictures?|images?|fotos?|bild|illustration|screenshot)"
    r"(?:\s+by|\s*:)?\s+|^(?:courtesy(?:\s+of)?|photographer|credit|by|file)[:\s]\s*"
)
_AFFILIATION = re.compile(r"\s*,\s*")
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")  # "Sipa USA", "ONE Esports": an organisation's name


def credit_parts(credit: str) -> tuple[list[str], list[OutletInfo]]:
    """Person names and known outlets/agencies named in a photo credit. A credit's person is
    written as a person's name ("Jane Roe", "J. Scott Roe") and begins with a first name or an
    initial, unless the credit says who took it ("Photo by ..."): "Riot Games", "Tom's
    Hardware", "Sipa USA" are no people. What follows a person after a comma is the person's
    affiliation ("Jane Roe, Redonda Restoration Programme"), not another photographer."""
    names: list[str] = []
    orgs: list[OutletInfo] = []
    candidates: list[str] = []
    segments = _AFFILIATION.split(credit)
    for k, segment in enumerate(segments):
        for part in re.split(r"\s*[/;|—–]\s*|\s+via\s+|\s+for\s+", segment):
            part = part.strip(" .()\u200b")
            prev = None
            while part and part != prev:
                prev, part = part, _CREDIT_NOISE.sub("", part).strip(" .")
            if not part:
                continue
            info = canonical_outlet(part) or canonical_outlet(
                re.sub(r"(?i)\s+(photos?|images?|pictures?|files?)$", "", part)
            )
            if info:
                orgs.append(info)
            elif (k == 0 or not candidates) and _person_like(part):
                candidates.append(_uncap(part))
    # a credit that says who took it, or names a known agency or outlet with the name ("Ayodeji
    # Ola / Reuters"), credits a person; else the name must begin as a person's does
    said = bool(orgs) or bool(re.search(r"(?i)\bby\s", credit))
    names = [n for n in candidates if said or _first_name_or_initial(n)]
    return names, orgs


def _person_like(part: str) -> bool:
    """Whether PART of a photo credit is written as a person's name (see credit_parts)."""
    words = part.split()
    if any(_ACRONYM.match(w) for w in words) and not part.isupper() or "'s " in part + " ":
        return False
    name = _uncap(part)
    return looks_like_person(name) and not _only_words(name)


def _first_name_or_initial(name: str) -> bool:
    first = name.split()[0]
    return is_first_name(first.rstrip(".")) or bool(_INITIAL.fullmatch(first))


# --- footer credits ---------------------------------------------------------------------------

_CONTRIB = re.compile(
    r"^\(?(?P<names>.{3,200}?)\s+(?:also\s+)?contributed\s+(?:reporting|research|to\s+this\s+"
    r"(?:report|story|article))\b.*$"
)
_REPORTING_BY = re.compile(r"(?i)^\(?\s*(?:additional\s+)?(?:reporting|writing|research)\s+by\b")
_ROLE_SEG = re.compile(
    r"(?i)^\s*(?P<role>(?:additional\s+)?(?:reporting|writing|research|editing|compiled"
    r"|graphics))\s+by\s+(?P<names>.+)$"
)
_BIO = re.compile(
    r"^(?P<name>[^\W\d_][\w'’.\- ]{2,60}?)\s+(?:(?:joined|has\s+been\s+(?:with"
    r"|at))\s+[^.]{2,60}?\s+and\s+)?"
    r"(?:reports|writes|covers|has\s+(?:covered|reported|written)|"
    r"is\s+(?:a|an|the|our)\s+[^.]{0,80}?\b(?:correspondent|reporter|journalist|editor|writer|"
    r"columnist|chief|producer|contributor|analyst)s?)\b"
)


def contributed_names(line: str) -> list[str] | None:
    """Names in "X and Y contributed reporting (from Kyiv)." lines, else None."""
    m = _CONTRIB.match(line.strip())
    if not m or len(line.split()) > 40:
        return None
    names: list[str] = []
    for part in re.split(_NAMES_SPLIT, m["names"]):
        part = _PLACE_TAIL.sub("", _ROLE_PREFIX.sub("", part.strip(" .")))
        owner = re.match(
            r"^(.{2,40}?)['’]s\s+(?=[A-Z])", part
        )  # "CNN's Daniel Reyes", "KARE 11's Jo Roe"
        if owner and (canonical_outlet(owner[1]) or looks_like_person(part[owner.end() :])):
            part = part[owner.end() :]
        if looks_like_person(part):
            names.append(part)
    return names or None


# "Associated Press writers Ellen Knickmeyer ..." -> "Ellen Knickmeyer ..."; "AP Aerospace Writer"
_ROLE_PREFIX = re.compile(
    r"^.{0,60}?\b(?i:writers?|reporters?|correspondents?|journalists?|photographers?)\s+(?=[A-Z])"
)
# between the names of a credit: "A, B and C", "A in Kyiv, Ukraine, and B", "A & B"
_NAMES_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")


def reporting_by(line: str) -> tuple[list[str], bool] | None:
    """ "(Reporting by A in Geneva and B; Editing by C)" -> ([A, B], has_editing_credit)."""
    line = line.strip()
    if not _REPORTING_BY.match(line) or len(line.split()) > 50:
        return None
    names: list[str] = []
    editing = False
    for seg in re.split(r"\s*;\s*", line.strip("() .")):
        m = _ROLE_SEG.match(seg)
        if not m:
            continue
        if m["role"].lower() == "editing":
            editing = True
            continue
        for part in re.split(_NAMES_SPLIT, m["names"]):
            part = _PLACE_TAIL.sub("", part.strip(" .()"))
            if looks_like_person(part):
                names.append(part)
    return names, editing


def bio_name(line: str) -> str | None:
    """ "Constant Méheut reports on the war in Ukraine, ..." -> "Constant Méheut"."""
    if len(line.split()) > 60:
        return None
    m = _BIO.match(line.strip())
    if m and looks_like_person(m["name"]):
        return m["name"]
    return None


def signoff_names(line: str) -> list[str] | None:
    """A line that is only reporters' names ("John Revill and Olivia Le Poidevin")."""
    line = line.strip()
    if len(line) > 120 or re.search(r"[.!?:;]$", line) and not line.endswith("."):
        return None
    return split_names(line.rstrip("."))


_WIRE_LINE = re.compile(
    r"(?i)^[\s(\[—–-]*(?:(?:source|sources|via|(?:with\s+)?(?:(?:additional\s+)?(?:inputs?|files"
    r"|reporting)\s+)?from|with)"
    r"\s*:?\s+)?(?P<names>[^()\[\]:]{2,80}?)[\s)\].]*$"
)


def wire_credit(line: str) -> list[OutletInfo] | None:
    """News agencies credited by a line of their own: "AFP", "— AFP", "(Reuters)", "AFP/Reuters",
    "With AFP and AP"; None when anything else is on the line."""
    line = line.strip()
    if not line or len(line.split()) > 8:
        return None
    m = _WIRE_LINE.match(line)
    if not m:
        return None
    out: list[OutletInfo] = []
    for part in re.split(r"\s*[/,;&]\s*|\s+and\s+|\s+[-–]\s+", m["names"]):
        part = part.strip(" .")
        if not part:
            continue
        info = canonical_outlet(part)
        if not info or info.kind != "wire":
            return None
        out.append(info)
    return out or None


# --- an author's name as stored -------------------------------------------------------------
_AUTHOR_LEAD = re.compile(
    r"(?i)^(?:(?:analysis|opinion|commentary|review|perspective|story|words|text|written|"
    r"reported|posted|published|view\s+all\s+posts|more\s+(?:stories|articles)\s+from|"
    r"articles?)\s+)?by\s*:?\s+|^(?:authors?|reporter|writer|byline)(?:\s*:\s*|\s+(?=[A-Z]))"
)
_AUTHOR_BIO_TAIL = re.compile(
    r"\s+(?:is|was|has|says|writes|reports|covers|joined|lives|contributed)\b.*$|,\s+(?:who|a|an|the"
    r"|our)\b.*$"
    # the credits of others after the writer's: "Rob Roe Edited by Jo Penrose", "Photos by ..."
    r"|[\s,;|]+(?i:edited|editing|photos?|photographs|illustrations?|graphics|video)\s+by\b.*$"
)
_COMMENT_HEAD = re.compile(r"(?i)\s(?:says|said|wrote|replied)\s*:?\s*$")
_CREDENTIALS = re.compile(r",?\s+(?:Ph\.?\s?D\.?|M\.?D\.?|MPH|MBA|RDN?|RN|CFA|DPhil|MSc?|MA)$")
_ROLE_WORDS = (
    r"(?:(?:senior|chief|staff|special|contributing|political|foreign|deputy|managing|executive"
    r"|news|sports|business|investigative|national|international|white\s+house|global|technology"
    r"|tech|science|health|climate|legal|security|data|associate|assistant|digital|local|freelance"
    r"|media|culture|arts|education|economics|travel|food|style|video|photo|metro|city)\s+)*(?:correspondent|reporter|writer|editor(?:[-\s]at[-\s]large)?|journalist|columnist"
    r"|contributor|producer|analyst|critic|bureau\s+chief|photographer|anchor)s?"
)
_ROLE_AFTER = re.compile(r"(?i)\s*(?:[,|–—-]\s*|\s)" + _ROLE_WORDS + "$")
_ROLE_PART = re.compile(r"(?i)^(?:[\w&.'’-]+\s+){0,3}" + _ROLE_WORDS + "$")


def author_name(raw: str, declared: bool = False) -> tuple[str | None, OutletInfo | None]:
    """(the person's name, an outlet or agency written with it) for an author as metadata or a
    byline gives it: "Analysis by Jane Roe" -> Jane Roe, "Jane Roe, CNN Senior Writer" -> Jane
    Roe, "JANE ROE Associated Press" -> (Jane Roe, Associated Press), "Jane Roe is a reporter
    for ..." -> Jane Roe, "Jane Roe, PhD" -> Jane Roe; None for what is no person's name (an
    outlet, a role alone, a phrase of the page); None for "Jane Roe says:", the header of a
    reader's comment. DECLARED: the page's own markup names RAW its author (a ``<meta
    name="author">``): two dictionary words are a name then ("Pippin Lee")."""
    if _COMMENT_HEAD.search(raw):
        return None, None
    name = re.sub(r"\s*(?:\S+@\S+\.\w+|(?<!\S)@\w+)", "", re.sub(r"[\"“”«»]", "", raw))
    name = " ".join(name.split()).strip(" .,;:|")  # without an e-mail address, a handle
    name = _AUTHOR_LEAD.sub("", name)
    name = _AUTHOR_BIO_TAIL.sub("", name)
    name = _CREDENTIALS.sub("", name)
    head, sep, rest = name.partition(", ")
    outlet = canonical_outlet(rest) if sep else None
    if sep and (outlet or _ROLE_PART.match(rest)):  # "Jane Roe, CNN Senior Writer"
        name = head
    name = _ROLE_AFTER.sub("", _BY_ROLE.sub("", name)).strip(" .,;:|-–—")
    name, tail = _outlet_tail(name)
    outlet = outlet or tail
    name = _uncap(name)
    words = name.split()
    if len(words) >= 3 and words[-1] == words[0]:  # "Martin Chikilian Martin is a ..."
        name = " ".join(words[:-1])
    if not looks_like_person(name) or (_only_words(name) and not declared):
        return None, outlet
    return name, outlet


def _only_words(name: str) -> bool:
    """Whether NAME is only dictionary words and no first name ("Location Details", "Poetic
    Justice"): a phrase of the page, not a person."""
    from archive.names.dictionary import is_english_word
    from archive.names.firstnames import is_first_name

    words = [w.strip(".") for w in name.split()]
    return not is_first_name(words[0]) and all(
        is_english_word(w.lower()) for w in words if len(w) > 1
    )
