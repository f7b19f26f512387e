"""Numbers as documents write them: digits ('1,000', '0.55', '.001') and words
('four hundred and fifty-two', 'nine', 'a hundred').

Words are converted by text2num (a maintained parser for written numbers in
several languages); this module only finds the spans, so offsets are always
those of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ("hundred", "thousand", "million")
_WORD = r"(?:" + "|".join(sorted(_UNITS + _TENS + list(_SCALES), key=len, reverse=True)) + r")"
_SEP = r"(?:[\s\u00a0]+and[\s\u00a0]+|[\s\u00a0]+|[-\u2010\u2011])"
NUMBER_WORDS = re.compile(rf"(?<![\w-])(?:a[\s\u00a0]+(?=hundred|thousand))?{_WORD}"
                          rf"(?:{_SEP}{_WORD})*(?![\w]|-(?!(?:year|month|week|day|hour)))", re.I)
SINGLE = re.compile(r"\ba[\s\u00a0]+single(?=[\s\u00a0]+[a-z])", re.I)
DIGITS = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?(?![\d])"
                    r"|(?<![\w.])\.\d+")


@dataclass(frozen=True)
class Number:
    """A number in the text: its span, value and whether it is written in words."""

    start: int
    end: int
    value: float
    text: str
    in_words: bool = False

    @property
    def as_int_or_float(self) -> int | float:
        return int(self.value) if float(self.value).is_integer() else self.value


NUM = (r"(?<![\w.])(?:(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?|\.\d+|"
       + NUMBER_WORDS.pattern.replace("(?<![\\w-])", "") + ")")
"""A regex fragment matching one number in digits or words (for figure patterns)."""


def value_of(s: str) -> float | None:
    """The value of a number matched by :data:`NUM`."""
    t = s.strip().replace(",", "")
    try:
        return float(t)
    except ValueError:
        v = words_to_number(s)
        return None if v is None else float(v)


def words_to_number(words: str) -> int | None:
    """The value of a number written in English words, or None.

    'four hundred and fifty-two' -> 452; 'a hundred' -> 100; 'nine' -> 9.
    """
    s = re.sub(r"[\s\u00a0]+", " ", words.strip().lower())
    s = re.sub(r"^a (?=hundred|thousand)", "one ", s)
    s = s.replace("\u2010", "-").replace("\u2011", "-")
    try:
        return int(text2num(s, "en"))
    except ValueError:
        return None


def _word_numbers(text: str, start: int, end: int) -> list[Number]:
    out: list[Number] = []
    for m in NUMBER_WORDS.finditer(text, start, end):
        value = words_to_number(m.group())
        if value is not None:
            out.append(Number(m.start(), m.end(), float(value), m.group(), True))
            continue
        # not one number ('one two'): take each word on its own
        for w in re.finditer(_WORD, m.group(), re.I):
            v = words_to_number(w.group())
            if v is not None:
                s = m.start() + w.start()
                out.append(Number(s, s + len(w.group()), float(v), w.group(), True))
    for m in SINGLE.finditer(text, start, end):
        out.append(Number(m.start(), m.end(), 1.0, m.group(), True))
    return out


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in ``text[start:end]``, in text order, with exact offsets."""
    stop = len(text) if end is None else end
    found = [Number(m.start(), m.end(), float(m.group().replace(",", "")), m.group())
             for m in DIGITS.finditer(text, start, stop)]
    found.extend(_word_numbers(text, start, stop))
    found.sort(key=lambda n: (n.start, -n.end))
    out: list[Number] = []
    for n in found:  # drop a number inside another (the words of 'a single')
        if out and n.start < out[-1].end:
            continue
        out.append(n)
    return out
