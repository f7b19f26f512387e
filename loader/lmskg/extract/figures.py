"""Figures: the numbers of a sentence with what they are.

Each matcher below finds one shape of figure (a confidence interval, a
p-value, a hazard ratio, a dose, a percentage, a duration, a count ...) and
claims its characters, so that later matchers do not read the same digits
again. The order is from the most specific shape to the least. A figure keeps
its exact span; values are numbers (words converted), units are UCUM codes.

Roles:
    percent, duration      outcome-like values (a rate, a median time)
    dose                   an amount of drug (mg/m2, g/m2, mg, Gy ...)
    hazard-ratio, odds-ratio
    ci, p-value            statistics attached to a neighbouring figure
    time-point             when an outcome is measured ('at 24 weeks', 'one-year')
    schedule               'every 3 weeks', 'on days 1 and 8', 'over 24 hours'
    count, ratio, proportion, phase, grade, age, follow-up, cycles, number
"""

from __future__ import annotations

import re

# Importing the matcher modules registers their matchers: statistics first (they
# claim the digits of CIs, p-values and identifiers), then quantities.
from . import stat_figures  # noqa: F401
from . import quantity_figures  # noqa: F401
from .figure import MATCHERS, Figure, num
from .units import S, S1

__all__ = ["Figure", "find_figures", "num"]

QUALIFIER_CUES: list[tuple[str, str]] = [
    (r"approximately|approx\.?|about|around|roughly|nearly|almost|some|circa|ca\.|~|≈|"
     r"in the region of|close to|on the order of", "approximate"),
    (r"up to|as high as|at most|no more than|not more than|less than|fewer than|under|below|"
     r"not exceeding|maximum of|a maximum of|<|≤|=<", "upper-bound"),
    (r"at least|more than|over|greater than|exceeding|above|in excess of|as many as|"
     r"minimum of|a minimum of|>|≥|>=", "lower-bound"),
]
_TRAILING_LOWER = re.compile(rf"^{S1}or{S1}(?:more|greater|higher|above)\b|^{S1}and{S1}above\b",
                             re.I)


# --- post-processing -------------------------------------------------------

_SYMBOL_QUALIFIER = {"<": "upper-bound", "≤": "upper-bound", ">": "lower-bound", "≥": "lower-bound",
                     "~": "approximate", "≈": "approximate"}


def _qualify(text: str, fig: Figure, floor: int) -> None:
    """Add approximate / bound / median qualifiers from the words just before."""
    before_l = text[max(floor, fig.start - 40):fig.start].lower()
    found = None
    for pattern, qualifier in QUALIFIER_CUES:
        if re.search(rf"(?:^|[\s(\[,;:])(?:{pattern}){S}$", before_l):
            found = qualifier
            break
    sym = re.search(rf"([<≤>≥~≈]){S}$", before_l)
    if sym and fig.role not in ("p-value", "grade"):
        found = _SYMBOL_QUALIFIER[sym.group(1)]
    if found and found not in fig.qualifiers:
        fig.qualifiers.append(found)
    if _TRAILING_LOWER.match(text[fig.end:fig.end + 20]) and "lower-bound" not in fig.qualifiers:
        fig.qualifiers.append("lower-bound")
    if fig.role in ("percent", "duration") and _median_applies(text, fig, floor):
        fig.qualifiers.append("median")


def _median_applies(text: str, fig: Figure, floor: int) -> bool:
    """'median 4.2 months versus 1.5 months', 'median overall survival was 13.5
    months with X and 11.5 months with Y': the median reaches every value of
    the comparison, but not across a comma, a clause break, or a median of
    something else ('a median age of 56 years, and 73% ...')."""
    window = text[max(floor, fig.start - 90):fig.start]
    at = window.lower().rfind("median")
    if at < 0:
        return False
    between = re.sub(r"\([^()]*\)", "", window[at + 6:])
    if re.match(r"\s*(?:of\s+)?(?:age|follow[\s-]?up|time\s+to\s+(?:response|treatment))", between, re.I):
        return False
    if re.search(r"[,;]|\.\s", between):
        return False
    other_unit = r"%|\bper\s?cent\b|\bpercent\b" if fig.role == "duration" else \
        r"\d\s*(?:months?|weeks?|years?|days?)\b"
    return not re.search(other_unit, between, re.I)


def _time_points(text: str, figs: list[Figure]) -> None:
    """'at 24 weeks', 'after 2 years', '5-year survival' mark time points."""
    for f in figs:
        if f.role == "duration":
            before = text[max(0, f.start - 12):f.start].lower()
            after = text[f.end:f.end + 40].lower()
            if re.search(r"\b(at|after|by|within)\s*$", before) or re.match(
                    r"\s+of\s+(?:\w+[\s-]+)?(?:free\s+)?survival\b", after):
                f.role = "time-point"
            elif re.search(r"\b(aged?|age of|ages)\b[^.;]{0,20}$", text[max(0, f.start - 30):f.start].lower()):
                f.role = "age"
            elif re.search(r"follow[\s-]?up", text[f.end:f.end + 25].lower() + " " + before):
                f.role = "follow-up"
            elif re.search(r"^\s*(old|of age)\b", text[f.end:f.end + 10].lower()):
                f.role = "age"


def _listed_time_points(text: str, figs: list[Figure]) -> None:
    """'survival at 5 and 10 years': a bare number listed before a time point
    is a time point of the same unit."""
    for i, f in enumerate(figs):
        if f.role != "number" or f.value is None:
            continue
        nxt = next((g for g in figs[i + 1:] if g.start >= f.end), None)
        if nxt is not None and nxt.role == "time-point" and re.fullmatch(
                r"[\s\u00a0]*(?:,|and|or|,\s*and)[\s\u00a0]*", text[f.end:nxt.start]) and \
                re.search(r"\b(at|after|by)\s*$", text[max(0, f.start - 8):f.start].lower()):
            f.role, f.unit = "time-point", nxt.unit


def _share_units(text: str, figs: list[Figure]) -> list[Figure]:
    """'7.4 vs 4.6 months', '51% and 60%': a bare number joined to a figure with a
    unit by 'vs', 'versus', 'and', 'or', a comma or a dash takes that unit."""
    by_start = sorted(figs, key=lambda f: f.start)
    for i, f in enumerate(by_start):
        if f.role not in ("number", "count") or f.unit:
            continue
        for g in by_start[i + 1:i + 3]:
            gap = text[f.end:g.start]
            if g.role in ("percent", "duration", "dose") and re.fullmatch(
                    rf"{S}(?:vs\.?|versus|and|or|,|compared{S1}with){S}", gap, re.I):
                f.role, f.unit = g.role, g.unit
                if g.role == "percent" and f.value is not None and f.value > 100:
                    f.role, f.unit = "number", None
                break
            if g.role not in ("number",):
                break
    return by_start


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure of ``text[start:end]``, in text order, non-overlapping."""
    stop = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    out: list[Figure] = []
    for _name, fn in MATCHERS:
        for fig in fn(text, start, stop):
            if any(a < fig.end and fig.start < b for a, b in taken):
                continue
            taken.append((fig.start, fig.end))
            out.append(fig)
    out = _share_units(text, out)
    _time_points(text, out)
    _listed_time_points(text, out)
    for fig in out:
        _qualify(text, fig, start)
    return sorted(out, key=lambda f: f.start)
