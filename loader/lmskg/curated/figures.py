"""Numbers as sources write them: digits or English words.

Used to check that every figure a record states appears in its own quote
('around thirty percent' holds 30; 'nine to twelve months' holds 9 and 12; 'four
hundred and fifty-two patients' holds 452; 'once daily' holds 1).
"""

from __future__ import annotations

import re
from decimal import Decimal

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
          "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1000000}
# words that count without being numerals: 'once daily', 'a single study', 'twice weekly'
_COUNTING = {"once": 1, "single": 1, "twice": 2, "thrice": 3}

WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
WORD_VALUES.update({w: 10 * i for i, w in enumerate(_TENS) if w})

_WORD = re.compile(r"[a-z]+")


def words_for(n: int) -> list[str]:
    """Ways English writes a whole number from 0 to 100 (the forms a test of this module
    spells out; :func:`numbers_in` reads any number in words)."""
    if n == 100:
        return ["hundred", "a hundred", "one hundred"]
    if n < 20:
        return [_UNITS[n]]
    tens, units = divmod(n, 10)
    if units == 0:
        return [_TENS[tens]]
    return [f"{_TENS[tens]}-{_UNITS[units]}", f"{_TENS[tens]} {_UNITS[units]}"]


_DIGITS = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d])")


def _tokens(text: str) -> list[tuple[str, str]]:
    """(word, what joins it to the next word: '-', ' ' or '') for every word of ``text``,
    lower case; anything but a hyphen or spaces between two words breaks a number."""
    lower = text.lower()
    out = []
    matches = list(_WORD.finditer(lower))
    for i, m in enumerate(matches):
        gap = lower[m.end():matches[i + 1].start()] if i + 1 < len(matches) else "."
        joiner = "-" if gap == "-" else " " if gap.strip() == "" and gap else ""
        out.append((m.group(), joiner))
    return out


def _phrase_value(words: list[str]) -> int | None:
    """The value of a run of number words ('four hundred and fifty two'), or None."""
    total = current = 0
    seen = False
    for w in words:
        if w == "and":
            continue
        if w == "a":  # 'a hundred', 'a thousand'
            current = current or 1
            continue
        if w in WORD_VALUES:
            current += WORD_VALUES[w]
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _word_numbers(text: str) -> set[Decimal]:
    """Every number written in words: each number word alone, and each run of them
    ('twenty-two', 'three hundred and nine', 'one thousand two hundred')."""
    found: set[Decimal] = set()
    tokens = _tokens(text)
    number_words = set(WORD_VALUES) | set(_SCALES)
    i = 0
    while i < len(tokens):
        word, joiner = tokens[i]
        if word in _COUNTING:
            found.add(Decimal(_COUNTING[word]))
        if word not in number_words and not (word == "a" and i + 1 < len(tokens)
                                             and tokens[i + 1][0] in _SCALES):
            i += 1
            continue
        run = [word]
        j = i
        while tokens[j][1] and j + 1 < len(tokens):
            nxt = tokens[j + 1][0]
            if nxt in number_words or (nxt == "and" and j + 2 < len(tokens)
                                       and tokens[j + 1][1]
                                       and tokens[j + 2][0] in WORD_VALUES
                                       and any(w in _SCALES for w in run)):
                run.append(nxt)
                j += 1
            else:
                break
        value = _phrase_value(run)
        if value is not None:
            found.add(Decimal(value))
        # each word of a run written with spaces counts alone too ('twenty two' holds 20
        # and 2); the parts of a hyphenated compound ('twenty-two') do not
        for k in range(i, j + 1):
            w, _ = tokens[k]
            hyphenated = (tokens[k][1] == "-" and k < j) or (k > i and tokens[k - 1][1] == "-")
            if w in number_words and not hyphenated:
                found.add(Decimal(WORD_VALUES.get(w, _SCALES.get(w, 0))))
        i = j + 1
    return found


def numbers_in(text: str) -> set[Decimal]:
    """Every number written in ``text``, in digits or in words."""
    found = {Decimal(m.group()) for m in _DIGITS.finditer(text)}
    return found | _word_numbers(text)


def appears_in(value: float | int | Decimal, text: str) -> bool:
    """Whether ``value`` is written in ``text`` (digits or words; a sign is not read: a
    difference of -5 is written '5 points lower' as often as '-5')."""
    return abs(Decimal(str(value))).normalize() in {d.normalize() for d in numbers_in(text)}
