"""Dates as sources write them: a year, a year and month, or a full date.

A date keeps the precision the text gives ('2023' stays a year); the RDF transform
turns the precision into xsd:gYear, xsd:gYearMonth or xsd:date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

YEAR, YEAR_MONTH, DAY = "year", "year-month", "date"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    text: str  # as curated: YYYY, YYYY-MM or YYYY-MM-DD
    precision: str  # YEAR, YEAR_MONTH or DAY


def parse_date(text: str) -> PartialDate:
    """The date at the precision given; ValueError with a readable message for a
    malformed or impossible date."""
    m = _DATE.match(text)
    if not m:
        raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month and not 1 <= int(month) <= 12:
        raise ValueError(f"{text!r} has no month {month}")
    if day:
        try:
            date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a calendar date ({exc})") from exc
        return PartialDate(text, DAY)
    return PartialDate(text, YEAR_MONTH if month else YEAR)
