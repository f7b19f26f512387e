"""Figure matchers for quantities: doses, percentages, schedules, time points,
durations, bare ranges, counts, and any number left over."""

from __future__ import annotations

import re
from typing import Iterator

from .figure import Figure, compile_i as _re, matcher, num
from .numbers import NUM, find_numbers, value_of
from .units import (DASH, DOSE_UNIT, PERCENT, RANGE_SEP, S, S1, TIME_UNIT, dose_unit,
                    time_unit)

def _range_or_value(suffix: str, unit: str) -> re.Pattern[str]:
    """A value or range followed by a unit: '12-14 months', 'nine to twelve months',
    'between 14-16 weeks', 'between 14 and 16 weeks', 'from 20 to 60 percent',
    '12 months to 14 months'. 'and' makes a range only after 'between'."""
    return _re(rf"(?:(?P<between>between){S1}(?P<blo>{NUM})(?:{S}{unit})?{S1}and{S1}"
               rf"(?P<bhi>{NUM}){S}(?P<bunit>{unit}){suffix}"
               rf"|(?:(?:between|from){S1})?(?P<lo>{NUM})(?:{S}(?P<u0>{unit}))?"
               rf"(?:(?P<sep>{RANGE_SEP}){S}(?P<hi>{NUM}))?{S}(?P<unit>{unit}){suffix})")


_DOSE = _range_or_value(r"(?:/(?:cycle|course|day|d|week|wk|dose))?(?![\w/])", DOSE_UNIT)
_PCT = _range_or_value("", PERCENT)
_TIME = _range_or_value(r"(?![\w])", rf"(?:{TIME_UNIT})")
_TIME_HYPHEN = _re(rf"(?<![\w.])(?P<v>{NUM}){S}-{S}(?P<unit>{TIME_UNIT})(?![\w])")


def _valued(m: re.Match[str], role: str, unit: str) -> Figure | None:
    lo_s = m.group("blo") or m.group("lo")
    hi_s = m.group("bhi") or m.group("hi")
    lo = value_of(lo_s)
    hi = value_of(hi_s) if hi_s else None
    if lo is None:
        return None
    fig = Figure(m.start(), m.end(), role, m.group(), unit=unit)
    if hi is not None and hi >= lo:
        fig.low, fig.high = lo, hi
        fig.qualifiers.append("range")
    elif hi is not None:
        return None  # '14-12 months' is not a range: leave the numbers to others
    else:
        fig.value = lo
    return fig


def _unit_of(m: re.Match[str]) -> str:
    return m.group("bunit") or m.group("unit")


@matcher("dose")
def _doses(text: str, start: int, end: int) -> Iterator[Figure]:
    """'75 mg/m2', '1.5 mg/m²', '10 g/m2', '800 mg', '50 Gy', '12-14 g/m2'."""
    for m in _DOSE.finditer(text, start, end):
        unit = dose_unit(_unit_of(m)) or _unit_of(m)
        fig = _valued(m, "dose", unit)
        if fig is not None:
            yield fig


@matcher("percent")
def _percents(text: str, start: int, end: int) -> Iterator[Figure]:
    """'46.3%', 'around thirty percent', '20 to 60%', '12–14%'."""
    for m in _PCT.finditer(text, start, end):
        fig = _valued(m, "percent", "%")
        if fig is not None:
            yield fig


_SCHEDULE = _re(
    rf"\bevery{S1}(?:(?P<n>{NUM}){S1})?(?P<u>{TIME_UNIT}|other{S1}week)\b"
    rf"|\bq{S}(?P<qn>\d+){S}(?P<qu>w|wk|d|h)\b"
    rf"|\bon{S1}days?{S1}(?P<days>\d+(?:{S}(?:,|and|{DASH}|to|&){S}\d+)*)"
    rf"|\b(?:bolus{S1}on{S1})?days?{S1}(?P<days2>\d+{S}(?:{DASH}|to){S}\d+)"
    rf"|\bover{S1}(?P<on>{NUM})(?:(?:{S}{DASH}|{S1}to){S}(?P<on2>{NUM}))?{S}(?P<ou>{TIME_UNIT})\b"
    rf"|\b(?:once|twice|three{S1}times|thrice){S1}(?:a{S1})?(?:daily|weekly|a{S1}day|a{S1}week|day|week)\b"
    rf"|\b(?:daily|weekly|monthly|per{S1}cycle|per{S1}day)\b")


@matcher("schedule")
def _schedules(text: str, start: int, end: int) -> Iterator[Figure]:
    """'every 3 weeks', 'q3w', 'on days 1 and 8', 'days 1-3', 'over 24 hours', 'once daily'."""
    for m in _SCHEDULE.finditer(text, start, end):
        fig = Figure(m.start(), m.end(), "schedule", m.group())
        if m.group("u"):
            n = value_of(m.group("n")) if m.group("n") else 1.0
            unit = time_unit(m.group("u")) or "wk"
            fig.detail["interval"] = {"value": num(n or 1.0), "unit": unit}
            fig.value, fig.unit = n, unit
        elif m.group("qn"):
            fig.value, fig.unit = float(m.group("qn")), {"w": "wk", "wk": "wk"}.get(
                m.group("qu"), m.group("qu"))
        elif m.group("on"):
            lo = value_of(m.group("on"))
            hi = value_of(m.group("on2")) if m.group("on2") else None
            fig.unit = time_unit(m.group("ou"))
            if hi is not None:
                fig.low, fig.high = lo, hi
                fig.qualifiers.append("range")
            else:
                fig.value = lo
            fig.detail["duration"] = True
        elif m.group("days") or m.group("days2"):
            days = [float(d) for d in re.findall(r"\d+", m.group("days") or m.group("days2"))]
            fig.detail["days"] = [num(d) for d in days]
            fig.value = days[0] if len(days) == 1 else None
            if len(days) > 1:
                fig.low, fig.high = days[0], days[-1]
        yield fig


@matcher("time-point-hyphen")
def _hyphen_times(text: str, start: int, end: int) -> Iterator[Figure]:
    """'one-year survival', '5-year OS', '24-week' (a time point)."""
    for m in _TIME_HYPHEN.finditer(text, start, end):
        v = value_of(m.group("v"))
        if v is None:
            continue
        unit = time_unit(m.group("unit"))
        if unit in ("h", "min") or re.match(r"[\s\u00a0]*(?:continuous[\s\u00a0]+)?(?:infusion|"
                                            r"intravenous)", text[m.end():m.end() + 25], re.I):
            # 'a 24-hour infusion' is how a dose is given, not when an outcome is measured
            yield Figure(m.start(), m.end(), "schedule", m.group(), value=v, unit=unit,
                         detail={"duration": True})
        else:
            yield Figure(m.start(), m.end(), "time-point", m.group(), value=v, unit=unit)


@matcher("duration")
def _durations(text: str, start: int, end: int) -> Iterator[Figure]:
    """'13.7 months', 'nine to twelve months', '72 h', 'between 14-16 weeks'."""
    for m in _TIME.finditer(text, start, end):
        fig = _valued(m, "duration", time_unit(_unit_of(m)) or _unit_of(m))
        if fig is not None:
            yield fig


_BARE_RANGE = _re(rf"(?<![\w.,/-])(?P<lo>\d+(?:\.\d+)?){S}{DASH}{S}(?P<hi>\d+(?:\.\d+)?)(?![\w.]?\d|{S}%)")


@matcher("range")
def _bare_ranges(text: str, start: int, end: int) -> Iterator[Figure]:
    """A range without a unit ('performance status 0-1')."""
    for m in _BARE_RANGE.finditer(text, start, end):
        lo, hi = float(m.group("lo")), float(m.group("hi"))
        if lo < hi:
            yield Figure(m.start(), m.end(), "number", m.group(), low=lo, high=hi,
                         qualifiers=["range"])


_COUNT_NOUN = (r"(?:patients?|participants?|people|persons|women|men|children|adults|subjects|"
               r"cases|hospitals|centres|centers|institutions|sites|countries|trials|studies|"
               r"cycles|courses|regimens|lines|doses|tumou?rs|lesions|arms|groups)")
_COUNT = _re(rf"(?P<v>{NUM})(?P<mod>{S1}(?:or{S1}more{S1})?(?:[a-z-]+{S1}){{0,2}})?"
             rf"(?P<noun>{_COUNT_NOUN})\b")
_COUNT_VERB = _re(rf"(?P<v>{NUM}){S1}(?=(?:were|was|had|received|patients|to{S1}\w+|in{S1}the|"
                  rf"of{S1}(?:whom|them|these|which)|allocated|assigned|randomi[sz]ed|"
                  rf"contained|cycles)\b)")
_CYCLES = _re(rf"\b(?:a{S1})?(?:maximum|minimum|total){S1}of{S1}(?P<v>{NUM})\b")


@matcher("count")
def _counts(text: str, start: int, end: int) -> Iterator[Figure]:
    """'518 patients', 'ten countries', '455 randomised patients', '228 were ...',
    'maximum of six', 'two or more regimens'."""
    for m in _CYCLES.finditer(text, start, end):
        v = value_of(m.group("v"))
        if v is not None:
            fig = Figure(m.start(), m.end(), "count", m.group(), value=v)
            fig.qualifiers.append("upper-bound" if "maxim" in m.group().lower() else "lower-bound")
            yield fig
    for m in _COUNT.finditer(text, start, end):
        mod = (m.group("mod") or "").lower()
        if re.search(r"\b(with|and|or|to|of|in|at|on|for|the|a|an)\b", mod.replace("or more", "")):
            continue
        v = value_of(m.group("v"))
        if v is None:
            continue
        fig = Figure(m.start(), m.end(), "count", m.group(), value=v,
                     detail={"of": m.group("noun").lower()})
        if "or more" in mod:
            fig.qualifiers.append("lower-bound")
        yield fig
    for m in _COUNT_VERB.finditer(text, start, end):
        v = value_of(m.group("v"))
        if v is not None and v == int(v):
            yield Figure(m.start("v"), m.end("v"), "count", m.group("v"), value=v)


@matcher("number")
def _leftover(text: str, start: int, end: int) -> Iterator[Figure]:
    """Any other number, kept so that the curator sees it (role 'number')."""
    for n in find_numbers(text, start, end):
        if n.in_words and n.value <= 1 and n.text.lower() in ("one", "zero", "a single"):
            if n.text.lower() != "a single":
                continue
        yield Figure(n.start, n.end, "number", n.text, value=n.value)
