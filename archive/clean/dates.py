"""Parsing publication dates written in metadata or page furniture into ISO 8601 in UTC.

Every ``published_at`` the archive stores is one of two forms, so that text order is time order
and ``--since`` compares correctly: ``YYYY-MM-DD`` when only a date is known, else
``YYYY-MM-DDTHH:MM:SS+00:00`` (the time converted to UTC; a time given without an offset is
taken as UTC). A date sorts before every time of its day. The string as written is kept next to
it (``articles.published_at_raw``).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MON = r"(?P<mon>[A-Za-z]{3,9})\.?"
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?\s?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_SLASH = re.compile(r"\b(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b")
# a year may run into the time in scraped text: "July 22, 20255:00 AM ET"
_YEAR = r"(?P<y>\d{4})(?:\b|(?=\d{1,2}:\d{2}))"
_DMY = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+" + _YEAR)
_MDY = re.compile(r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR)
# 18/12/2025, 18.12.2025, 12/18/2025: day first, unless the second number is over 12 (US order)
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b")


def _valid(y: int, m: int, d: int) -> bool:
    return 1900 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31


def _utc(m: re.Match) -> str | None:
    """The ISO match M as stored: the date, or the date and time in UTC."""
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    if not m["H"]:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    try:
        stamp = datetime(y, mo, d, int(m["H"]), int(m["M"]), int(m["S"] or 0))
    except ValueError:  # 2025-02-30, 25:00
        return None
    tz = m["tz"]
    if tz and tz != "Z":
        sign = -1 if tz[0] == "-" else 1
        digits = tz[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if offset > timedelta(hours=18):
            return None
        stamp -= sign * offset
    return stamp.replace(tzinfo=timezone.utc).isoformat()


def parse_date(text: str | None) -> str | None:
    """ISO 8601 in UTC for the first date in ``text`` ("2024-12-08T09:41:12+00:00",
    "2026-02-18"); None when there is none. Times are kept only when given in ISO form
    ("2024-12-08T10:41:12+01:00", "2024-12-08 09:41"); without an offset they are taken as UTC."""
    if not text:
        return None
    m = _ISO.search(text)
    if m and _valid(int(m["y"]), int(m["m"]), int(m["d"])):
        return _utc(m)
    for pattern in (_DMY, _MDY, _SLASH):
        m = pattern.search(text)
        if not m:
            continue
        if "mon" in m.groupdict():
            month = _MONTHS.get(m["mon"].lower().rstrip("."))
        else:
            month = int(m["m"])
        if month and _valid(int(m["y"]), month, int(m["d"])):
            return f"{int(m['y']):04d}-{month:02d}-{int(m['d']):02d}"
    m = _NUMERIC.search(text)
    if m:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        d, mo = (b, a) if b > 12 else (a, b)  # month/day/year only when the second number is a day
        if _valid(y, mo, d):
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def is_stored_form(value: str | None) -> bool:
    """Whether VALUE is a ``published_at`` as the archive stores it (see the module docstring)."""
    return bool(value) and bool(_STORED.fullmatch(value))


_STORED = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}\+00:00)?")
