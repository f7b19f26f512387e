"""The figure record and the registry of figure matchers.

A matcher is a function (text, start, end) -> figures of one shape; the
modules :mod:`lmskg.extract.stat_figures` and :mod:`lmskg.extract.quantity_figures`
register theirs here, most specific first, and :func:`lmskg.extract.figures.find_figures`
runs them in that order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

@dataclass
class Figure:
    """One figure of the text, with its exact span and its parsed parts."""

    start: int
    end: int
    role: str
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifiers: list[str] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)

    def numbers(self) -> list[float]:
        """Every number this figure holds (value, range, CI, p ...)."""
        out = [v for v in (self.value, self.low, self.high) if v is not None]
        for key in ("ci_low", "ci_high", "p_value", "denominator", "ratio_b", "grade_high"):
            v = self.detail.get(key)
            if isinstance(v, (int, float)):
                out.append(float(v))
        return out

    def as_record(self) -> dict[str, Any]:
        """The figure as plain data for the draft (numbers as int where whole)."""
        rec: dict[str, Any] = {"role": self.role}
        for key in ("value", "low", "high"):
            v = getattr(self, key)
            if v is not None:
                rec[key] = num(v)
        if self.unit:
            rec["unit"] = self.unit
        if self.qualifiers:
            rec["qualifiers"] = list(self.qualifiers)
        for k, v in self.detail.items():
            rec[k] = num(v) if isinstance(v, float) else v
        rec.update({"text": self.text, "start": self.start, "end": self.end})
        return rec


def num(v: float) -> int | float:
    """A whole float as int (30.0 -> 30), else the float."""
    return int(v) if float(v).is_integer() else float(v)


Matcher = Callable[[str, int, int], Iterator["Figure"]]
MATCHERS: list[tuple[str, Matcher]] = []


def matcher(name: str) -> Callable[[Matcher], Matcher]:
    """Register a matcher (in the order of registration)."""
    def register(fn: Matcher) -> Matcher:
        MATCHERS.append((name, fn))
        return fn
    return register


def compile_i(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    return re.compile(pattern, flags)
