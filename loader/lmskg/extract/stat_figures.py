"""Figure matchers for statistics and design: citation markers and
identifiers (so their digits are not read as figures), dates, confidence
intervals, p-values, hazard and odds ratios, grades, trial phases,
allocation ratios, 'n=' counts and proportions."""

from __future__ import annotations

import re
from typing import Any, Iterator

from .dates import find_dates
from .figure import Figure, compile_i as _re, matcher
from .numbers import NUM, value_of
from .units import DASH, RANGE_SEP, S, S1

_ID = _re(r"\bNCT\d{8}\b|\b(?:ISRCTN|EudraCT)[\s:]*[\d-]{6,}|"
          r"\b[A-Z][A-Z0-9]*\d[A-Z0-9]*(?:-[A-Z0-9]+)+\b|"
          r"\b[A-Z]{2,}[A-Z-]*[\s\u00a0]\d{3,6}\b(?![\s\u00a0]*(?:%|mg|g/|patients|months))|"
          r"\b\d{4};\s*\d+\s*(?:\(\d+\))?\s*:\s*\d+(?:\s*-\s*\d+)?", 0)


_CITE = _re(r"\[\s*\d+(?:\s*(?:,|-|\u2013)\s*\d+)*\s*\]")


@matcher("citation")
def _citations(text: str, start: int, end: int) -> Iterator[Figure]:
    """Bracketed citation markers '[1]', '[2, 3]' are not figures."""
    for m in _CITE.finditer(text, start, end):
        yield Figure(m.start(), m.end(), "citation", m.group())


@matcher("identifier")
def _identifiers(text: str, start: int, end: int) -> Iterator[Figure]:
    """Trial and registry identifiers, and journal year;volume:pages strings."""
    for m in _ID.finditer(text, start, end):
        yield Figure(m.start(), m.end(), "identifier", m.group())


@matcher("date")
def _dates(text: str, start: int, end: int) -> Iterator[Figure]:
    for d in find_dates(text, start, end):
        yield Figure(d.start, d.end, "date", d.text, detail={"date": d.value})


_CI = _re(rf"(?:(?P<level>\d{{2}}(?:\.\d+)?){S}%{S})?(?:CI|confidence{S1}intervals?)\b"
          rf"{S}(?:\((?:CI)\))?{S}[,:=]?{S}(?:of{S1}|was{S1}|from{S1})?(?:\[|\()?"
          rf"{S}(?P<lo>-?{NUM}){S}(?P<u1>%)?{RANGE_SEP}"
          rf"{S}(?P<hi>-?{NUM})(?P<u2>{S}%)?")


@matcher("ci")
def _confidence_intervals(text: str, start: int, end: int) -> Iterator[Figure]:
    """'95% CI 0.44–0.70', '(95% CI, 26 to 48)', '95% confidence interval 0.6-0.9'."""
    for m in _CI.finditer(text, start, end):
        lo, hi = value_of(m.group("lo")), value_of(m.group("hi"))
        if lo is None or hi is None:
            continue
        detail: dict[str, Any] = {"ci_low": lo, "ci_high": hi}
        if m.group("level"):
            detail["ci_level"] = float(m.group("level"))
        yield Figure(m.start(), m.end(), "ci", m.group(), detail=detail,
                     unit="%" if m.group("u1") or m.group("u2") else None)


_P = _re(rf"(?<![\w])P{S}(?:-?{S}value)?{S}(?:for{S1}\w+{S})?(?P<rel>=|<|>|≤|≥|<=|>=|&lt;|&gt;)"
         rf"{S}(?P<v>0?\.\d+(?:{S}[x×]{S}10{S}[-−–]{S}\d+)?|\d(?:\.\d+)?(?:e-?\d+)?)")
_P_NS = _re(rf"(?<![\w])P{S}(?:={S})?(?:NS|n\.s\.)")


@matcher("p-value")
def _p_values(text: str, start: int, end: int) -> Iterator[Figure]:
    """'p<0.001', 'P = .49', 'p-value of 0.03' and 'P=NS'."""
    for m in _P.finditer(text, start, end):
        raw = m.group("v")
        val = value_of(re.split(r"[x×]", raw)[0])
        if val is None:
            continue
        rel = {"&lt;": "<", "&gt;": ">", "<=": "≤", ">=": "≥"}.get(m.group("rel"), m.group("rel"))
        yield Figure(m.start(), m.end(), "p-value", m.group(),
                     detail={"p_value": val, "p_relation": rel})
    for m in _P_NS.finditer(text, start, end):
        yield Figure(m.start(), m.end(), "p-value", m.group(),
                     detail={"p_relation": "not significant"})


_RATIO_STAT = _re(rf"\b(?P<kind>a?HR|hazard{S1}ratios?|a?OR|odds{S1}ratios?)\b{S}"
                  rf"(?:\((?:a?HR|a?OR)\){S})?(?:for{S1}[\w\s-]{{1,30}}?{S})?"
                  rf"(?:of|was|were|=|:|,)?{S}(?P<v>\d*\.\d+|\d+)(?![\d.])", 0)


@matcher("ratio-statistic")
def _ratio_statistics(text: str, start: int, end: int) -> Iterator[Figure]:
    """'HR 0.55', 'hazard ratio of 0.77', 'HR = 1.14', 'OR 2.1'."""
    for m in _RATIO_STAT.finditer(text, start, end):
        kind = m.group("kind").lower()
        if kind in ("or", "aor") and m.group("kind") not in ("OR", "aOR"):
            continue
        role = "odds-ratio" if "o" in kind[:2] and "hazard" not in kind else "hazard-ratio"
        yield Figure(m.start(), m.end(), role, m.group(), value=float(m.group("v")))


_GRADE = _re(rf"\bgrades?{S}(?P<rel>≥|>=|>|≤|<)?{S}(?P<lo>[0-5]|IV|I{{1,3}}V?|V)\b"
             rf"(?:{S}(?:{DASH}|/|to|or|and){S}(?P<hi>[0-5]|IV|I{{1,3}}V?|V)\b)?"
             rf"(?P<more>{S1}or{S1}(?:higher|greater|more|above))?")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def _roman(s: str) -> float:
    return float(_ROMAN.get(s.upper(), 0) or s)


@matcher("grade")
def _grades(text: str, start: int, end: int) -> Iterator[Figure]:
    """'grade 3', 'grade 3-4', 'grade ≥3', 'grade 3 or higher'."""
    for m in _GRADE.finditer(text, start, end):
        lo = _roman(m.group("lo"))
        fig = Figure(m.start(), m.end(), "grade", m.group(), value=lo)
        if m.group("hi"):
            fig.value, fig.low, fig.high = None, lo, _roman(m.group("hi"))
            fig.qualifiers.append("range")
        if m.group("rel") in ("≥", ">=", ">") or m.group("more"):
            fig.qualifiers.append("lower-bound")
        yield fig


_PHASE = _re(rf"\bphase{S}(?P<v>[1-4]|IV|I{{1,3}})\b(?:{S}(?:/|{DASH}){S}(?P<hi>[1-4]|I{{1,3}}|IV)\b)?")


@matcher("phase")
def _phases(text: str, start: int, end: int) -> Iterator[Figure]:
    """'phase 3', 'phase II', 'phase 1/2' (the design of a trial)."""
    for m in _PHASE.finditer(text, start, end):
        fig = Figure(m.start(), m.end(), "phase", m.group(), value=_roman(m.group("v")))
        if m.group("hi"):
            fig.detail["phase_high"] = _roman(m.group("hi"))
        yield fig


_RATIO = _re(r"(?<![\w:.])(?P<a>\d{1,2})\s?:\s?(?P<b>\d{1,2})(?![\d:])")


@matcher("ratio")
def _ratios(text: str, start: int, end: int) -> Iterator[Figure]:
    """Allocation ratios: '2:1', 'randomised 1:1'."""
    for m in _RATIO.finditer(text, start, end):
        yield Figure(m.start(), m.end(), "ratio", m.group(), value=float(m.group("a")),
                     detail={"ratio_b": float(m.group("b"))})


_N_EQ = _re(rf"\bn{S}={S}(?P<v>\d[\d,]*)")
_PROPORTION = _re(rf"(?<![\w/.])(?P<a>\d+){S}/{S}(?P<b>\d+)(?![\w/.])"
                  rf"|(?<![\w.])(?P<a2>{NUM}){S1}of{S1}(?:the{S1})?(?P<b2>{NUM})(?={S1}[a-z])")


@matcher("count")
def _counts_n(text: str, start: int, end: int) -> Iterator[Figure]:
    """'n=345' and proportions '3/48', '12 of 40 patients'."""
    for m in _N_EQ.finditer(text, start, end):
        yield Figure(m.start(), m.end(), "count", m.group(),
                     value=float(m.group("v").replace(",", "")))
    for m in _PROPORTION.finditer(text, start, end):
        a = value_of(m.group("a") or m.group("a2"))
        b = value_of(m.group("b") or m.group("b2"))
        if a is None or b is None or not (0 <= a <= b) or b == 0:
            continue
        yield Figure(m.start(), m.end(), "proportion", m.group(), value=a,
                     detail={"denominator": b, "percent": round(100 * a / b, 1)})
