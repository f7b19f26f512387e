"""Units as documents write them, and their UCUM codes ('months' -> 'mo',
'mg/m²' -> 'mg/m2'), with the regex fragments the figure matchers share."""

from __future__ import annotations

import re

S = r"[\s\u00a0]*"        # optional space (NBSP counts)
S1 = r"[\s\u00a0]+"       # required space
DASH = r"(?:-|\u2010|\u2011|\u2012|\u2013|\u2014|\u2212)"
RANGE_SEP = rf"(?:{S}{DASH}{S}|{S1}to{S1})"

UNIT_WORDS: list[tuple[str, str]] = [
    (r"mg{S}/{S}m(?:2|²|\^2)", "mg/m2"), (r"g{S}/{S}m(?:2|²|\^2)", "g/m2"),
    (r"mg{S}per{S1}(?:square{S1}met(?:re|er)|m(?:2|²))", "mg/m2"),
    (r"mg{S}/{S}kg", "mg/kg"), (r"(?:µg|μg|mcg){S}/{S}kg", "ug/kg"),
    (r"(?:µg|μg|mcg)", "ug"), (r"mg", "mg"), (r"c?Gy", "Gy"), (r"g", "g"),
    (r"IU", "[iU]"),
]
DOSE_UNIT = "|".join(f"(?:{p.format(S=S, S1=S1)})" for p, _ in UNIT_WORDS)
PERCENT = rf"(?:%|{S1}per{S}cent\b|{S1}percent\b|{S1}pc\b)"
TIME_UNITS: list[tuple[str, str]] = [
    (r"months?|mos?\.?|mths?", "mo"), (r"weeks?|wks?", "wk"), (r"years?|yrs?|y", "a"),
    (r"days?|d", "d"), (r"hours?|hrs?|h", "h"), (r"minutes?|mins?", "min"),
]
TIME_UNIT = "|".join(f"(?:{p})" for p, _ in TIME_UNITS)


def time_unit(word: str) -> str | None:
    w = word.strip().lower().rstrip(".")
    for pat, code in TIME_UNITS:
        if re.fullmatch(pat, w):
            return code
    return None


def dose_unit(word: str) -> str | None:
    for pat, code in UNIT_WORDS:
        if re.fullmatch(pat.format(S=S, S1=S1), word.strip(), re.I if code != "g" else 0):
            return code
    return None
