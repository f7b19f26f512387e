"""Word tokens with offsets, and the spelling normalisation shared by matchers.

Matching works on normalised tokens so that 'tumour'/'tumor', 'localised'/
'localized', 'oedema'/'edema', 'therapies'/'therapy' meet, while offsets stay
those of the untouched text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+(?:['’][a-z]{1,2}\b)?")
# characters that may stand between two words of one multi-word term
_JOINERS = set(" \u00a0\t\n-\u2010\u2011\u2012\u2013*_/")


@dataclass(frozen=True)
class Token:
    """One word of the text: offsets, surface and normalised form."""

    start: int
    end: int
    text: str
    norm: str


def normalise(word: str, keep_case: bool = False) -> str:
    """A spelling-neutral key for a word (British/American, plural/singular).

    All-capital abbreviations (LMS, SBRT, OS) keep their form: 'OS' is not 'os'
    stripped of a plural, and 'LMS' must not match 'lm'.
    """
    if keep_case or (word.isupper() and len(word) <= 6) or any(c.isdigit() for c in word):
        return word.lower() if not keep_case else word
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s$", "", w)
    w = w.replace("oe", "e").replace("ae", "e")            # oedema, anaemia, diarrhoea
    w = re.sub(r"our(s?)$", r"or\1", w)                      # tumour, tumours
    w = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", w)  # localised, randomisation
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"                                     # therapies
    elif len(w) > 4 and re.search(r"(ch|sh|x)es$", w):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not re.search(r"(ss|us|is)$", w):
        w = w[:-1]                                           # drugs, lungs, leiomyosarcomas
    return w


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The word tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group(), normalise(m.group()))
            for m in _WORD.finditer(text, start, stop)]


def joined(text: str, left: Token, right: Token, max_gap: int = 4) -> bool:
    """Whether two tokens are adjacent words of one phrase (only joiners between)."""
    gap = text[left.end:right.start]
    return len(gap) <= max_gap and all(ch in _JOINERS for ch in gap)
