"""Placing claims in time, with the kind of every date.

A claim's date is the date its text gives for the statement itself; else the latest date
its source gives for itself (published, medically reviewed, last updated), with that
kind; else, for a source that gives no such date, a *not-before* bound: the latest date of
the works it cites (stated or inferred mappings, never candidates), of the retrievals it
reports and of its literature cut-off (a review written from the literature up to a date
was written after it), marked as a bound. Dates keep their precision; they are compared by the first
day of the period they name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..curated.corpus import SourceFile
from ..curated.dates import DAY, YEAR, parse_date
from ..curated.vocabulary import Vocabulary

STATEMENT, NOT_BEFORE = "statement", "not-before"
LITERATURE_CUTOFF = "literature-cutoff"  # a date of the source, but not of its writing
# the kind of each date a source gives for itself, as lms:DateKind notations
SOURCE_DATE_KINDS = {"published": "published", "medically-reviewed": "medically-reviewed",
                     "last-updated": "last-updated"}


@dataclass(frozen=True)
class Dated:
    """A date as written (YYYY, YYYY-MM or YYYY-MM-DD) and its kind (a DateKind notation)."""

    text: str
    kind: str


@dataclass(frozen=True)
class Bound:
    """A not-before bound of an undated source, and what it rests on."""

    text: str
    basis: str


def first_day(text: str) -> date:
    d = parse_date(text)
    if d.precision == DAY:
        return date.fromisoformat(text)
    if d.precision == YEAR:
        return date(int(text), 1, 1)
    return date(int(text[:4]), int(text[5:7]), 1)


def latest(dates: list[Dated]) -> Dated | None:
    return max(dates, key=lambda d: (first_day(d.text), d.text, d.kind), default=None)


def not_before(src: SourceFile, vocab: Vocabulary) -> Bound | None:
    """The bound of a source that gives no date of its own, else None."""
    if any(d.kind in SOURCE_DATE_KINDS for d in src.record.dates):
        return None
    found: list[tuple[date, str, str]] = [
        (first_day(d.value), d.value, f"its literature is current to {d.value}")
        for d in src.record.dates if d.kind == LITERATURE_CUTOFF]
    for citation in src.record.citations:
        ref = vocab.references.get(citation.reference or "")
        if ref is None or citation.mapping not in ("stated", "inferred"):
            continue
        if ref.date:
            found.append((first_day(ref.date), ref.date,
                          f"it cites {ref.id}, dated {ref.date} ({citation.mapping})"))
        if ref.retrieved:
            found.append((first_day(ref.retrieved), ref.retrieved,
                          f"it reports retrieving {ref.id} on {ref.retrieved}"))
    if not found:
        return None
    best = max(found)
    return Bound(best[1], best[2])


def claim_dates(src: SourceFile, bound: Bound | None) -> dict[str, Dated]:
    """claim id -> its date and kind (claims with none are left out)."""
    own = latest([Dated(d.value, SOURCE_DATE_KINDS[d.kind]) for d in src.record.dates
                  if d.kind in SOURCE_DATE_KINDS])
    fallback = own or (Dated(bound.text, NOT_BEFORE) if bound else None)
    out = {}
    for claim in src.record.claims:
        dated = Dated(claim.date.value, STATEMENT) if claim.date is not None else fallback
        if dated is not None:
            out[claim.id] = dated
    return out
