"""Outcome measures named in a text, as ontology notations.

The notations are those of ``lms:OutcomeMeasure`` in ontology/lmskg.ttl; a
test checks that every notation used here exists there. Abbreviations are
matched in capitals only (OS, PFS, DFS, ORR, RR) so that ordinary words do
not trigger them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MEASURES = ("response-rate", "progression-free-survival", "overall-survival",
            "disease-free-survival", "survival", "cure-rate", "recurrence-rate",
            "presentation", "distant-metastasis-incidence")

# (pattern, measure, case-sensitive) from the most specific to the least
_PATTERNS: list[tuple[str, str, bool]] = [
    (r"\b(?:median\s+)?progression[\s\u00a0-]*free[\s\u00a0]+survival\b", "progression-free-survival", False),
    (r"\b(?:PFS|mPFS)\b", "progression-free-survival", True),
    (r"\balive\s+(?:and|without)\s+(?:free\s+of\s+)?progression(?:[\s-]free)?\b",
     "progression-free-survival", False),
    (r"\b(?:overall[\s\u00a0]+survival|survival[\s\u00a0]+overall)\b", "overall-survival", False),
    (r"\b(?:OS|mOS)\b", "overall-survival", True),
    (r"\bdisease[\s\u00a0-]*free[\s\u00a0]+survival\b", "disease-free-survival", False),
    (r"\bDFS\b", "disease-free-survival", True),
    (r"\b(?:objective|overall|tumou?r|partial|complete|best)?[\s\u00a0]*response[\s\u00a0]*rates?\b",
     "response-rate", False),
    (r"\b(?:objective|overall|tumou?r)[\s\u00a0]+responses?\b", "response-rate", False),
    (r"\b(?:ORR|RR|CR|PR)\b", "response-rate", True),
    (r"\bresponses?\b|\bresponded\b", "response-rate", False),
    (r"\bdistant[\s\u00a0]+metasta(?:sis|ses|tic[\s\u00a0]+spread)\b", "distant-metastasis-incidence", False),
    (r"\b(?:local[\s\u00a0]+)?(?:recurrence|relapse)[\s\u00a0]*(?:rates?)?\b|\brecur(?:s|red)?\b",
     "recurrence-rate", False),
    (r"\bcure[\s\u00a0]*(?:rates?)?\b|\bcured\b", "cure-rate", False),
    (r"\bpresent(?:s|ed)?[\s\u00a0]+with\b|\bat[\s\u00a0]+presentation\b", "presentation", False),
    (r"\b(?:\d+[\s-]*year[\s\u00a0]+)?survival(?:[\s\u00a0]+rates?)?\b|\bsurviv(?:e|ed|ors?)\b|\balive\b",
     "survival", False),
]
_COMPILED = [(re.compile(p, 0 if cs else re.I), m) for p, m, cs in _PATTERNS]


@dataclass(frozen=True)
class MeasureMention:
    start: int
    end: int
    measure: str
    text: str


def find_measures(text: str, start: int = 0, end: int | None = None) -> list[MeasureMention]:
    """Measure mentions in ``text[start:end]``, non-overlapping, most specific first."""
    stop = len(text) if end is None else end
    out: list[MeasureMention] = []
    for pattern, measure in _COMPILED:
        for m in pattern.finditer(text, start, stop):
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            if e <= s or any(o.start < e and s < o.end for o in out):
                continue
            out.append(MeasureMention(s, e, measure, text[s:e]))
    return sorted(out, key=lambda x: x.start)


def measure_for(mentions: list[MeasureMention], position: int, floor: int,
                ceiling: int) -> str | None:
    """The measure a figure at ``position`` refers to: the nearest mention before
    it in the same clause, else the first after it."""
    before = [m for m in mentions if floor <= m.start and m.end <= position]
    if before:
        return before[-1].measure
    after = [m for m in mentions if m.start >= position and m.end <= ceiling]
    return after[0].measure if after else None
