"""Numbers as sources write them: digits or English words.

Used to check that every figure a claim records appears in its own quote
('around thirty percent' holds 30; 'nine to twelve months' holds 9 and 12).
"""

from __future__ import annotations

import re
from decimal import Decimal

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
          "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
WORD_VALUES.update({w: 10 * i for i, w in enumerate(_TENS) if w})
WORD_VALUES["hundred"] = 100
WORD_VALUES["a hundred"] = 100
WORD_VALUES["one hundred"] = 100


def words_for(n: int) -> list[str]:
    """The ways English writes a whole number from 0 to 100."""
    if n in (100,):
        return ["hundred", "a hundred", "one hundred"]
    if n < 20:
        return [_UNITS[n]]
    tens, units = divmod(n, 10)
    if units == 0:
        return [_TENS[tens]]
    return [f"{_TENS[tens]}-{_UNITS[units]}", f"{_TENS[tens]} {_UNITS[units]}"]


_DIGITS = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d])")


def numbers_in(text: str) -> set[Decimal]:
    """Every number written in ``text``, in digits or (0-100) in words."""
    found = {Decimal(m.group()) for m in _DIGITS.finditer(text)}
    lower = text.lower()
    for n in range(101):
        for word in words_for(n):
            if re.search(rf"(?<![a-z-]){re.escape(word)}(?![a-z-])", lower):
                found.add(Decimal(n))
    return found


def appears_in(value: float | int | Decimal, text: str) -> bool:
    """Whether ``value`` is written in ``text`` (digits or words)."""
    return Decimal(str(value)).normalize() in {d.normalize() for d in numbers_in(text)}
