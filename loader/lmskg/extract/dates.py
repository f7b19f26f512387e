"""Calendar dates at the precision the text gives (YYYY, YYYY-MM, YYYY-MM-DD).

Used for the document's own dates (metadata) and to keep the digits of a date
('October 23, 2015') from being read as figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_S = r"[\s\u00a0]+"
_PATTERNS = (
    re.compile(rf"\b(?P<iso>{_YEAR}-(?P<m2>[01]\d)-(?P<d2>[0-3]\d))\b"),
    re.compile(rf"\b{_MONTH}{_S}{_DAY},?{_S}{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}{_S}{_MONTH},?{_S}{_YEAR}\b", re.I),
    re.compile(rf"\(\s*{_YEAR},{_S}{_MONTH}\s*\)", re.I),
    re.compile(rf"\b{_MONTH}{_S}{_YEAR}\b", re.I),
    re.compile(rf"(?<![\w.,;:/-]){_YEAR}(?![\w.]?\d|[\s\u00a0]*(?:%|mg|g/|patients))"),
)


@dataclass(frozen=True)
class Date:
    """A date in the text and its ISO value at the stated precision."""

    start: int
    end: int
    value: str
    text: str

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


def _value(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g.get("iso"):
        return g["iso"]
    year = g.get("year")
    month = _MONTHS.get((g.get("month") or "").lower().rstrip("."))
    day = g.get("day")
    if not year:
        return None
    if month and day:
        if not 1 <= int(day) <= 31:
            return None
        return f"{year}-{month:02d}-{int(day):02d}"
    if month:
        return f"{year}-{month:02d}"
    return year


def find_dates(text: str, start: int = 0, end: int | None = None,
               bare_years: bool = True) -> list[Date]:
    """Dates in ``text[start:end]``, most precise first where they overlap."""
    stop = len(text) if end is None else end
    found: list[Date] = []
    patterns = _PATTERNS if bare_years else _PATTERNS[:-1]
    for pat in patterns:
        for m in pat.finditer(text, start, stop):
            if any(d.start < m.end() and m.start() < d.end for d in found):
                continue
            value = _value(m)
            if value:
                found.append(Date(m.start(), m.end(), value, m.group()))
    return sorted(found, key=lambda d: d.start)
