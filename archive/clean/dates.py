"""Parsing publication dates written in metadata or page furniture into ISO-8601."""

from __future__ import annotations

import re

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
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
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


def parse_date(text: str | None) -> str | None:
    """ISO-8601 for the first date in ``text`` ("2024-12-08T09:41:12+00:00", "2026-02-18");
    None when there is none. Times are kept only when given in ISO form."""
    if not text:
        return None
    m = _ISO.search(text)
    if m and _valid(int(m["y"]), int(m["m"]), int(m["d"])):
        out = f"{m['y']}-{m['m']}-{m['d']}"
        if m["H"]:
            out += f"T{m['H']}:{m['M']}:{m['S'] or '00'}"
            tz = m["tz"]
            if tz:
                tz = "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
                out += tz
        return out
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
