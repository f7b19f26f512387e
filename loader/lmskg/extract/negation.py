"""NegEx-style negation and hedging cues, with their scope.

A negation trigger ('not', 'did not', 'no', 'without', "aren't") negates the
words after it up to a terminator ('but', 'however', ';', ...) or the end of
the clause; a post-trigger ('... is not recommended', '... was not
permitted') negates what comes before it. Pseudo-triggers ('not only', 'no
longer needed' is still a negation, 'not necessarily') are masked first.
Hedges ('may', 'could', 'might be considered') mark a statement as tentative.
The trigger lists are our own, written for treatment statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NEG_PRE = (r"not|n['’]t|never|no|none|neither|nor|without|cannot|failed\s+to|fails\s+to|"
            r"fail\s+to|lack\s+of|absence\s+of|unable\s+to|rather\s+than|instead\s+of")
_PSEUDO = (r"not\s+only|not\s+necessarily|no\s+doubt|not\s+just|whether\s+or\s+not|"
           r"not\s+all|no\s+matter|not\s+least|if\s+not")
_TERMINATORS = (r"\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\bwhereas\b|\byet\b|\bexcept\b|"
                r"\bwhile\b|\bwhich\b|;|\.\s|—|\u2013\s")
_HEDGES = (r"may|might|could|can|possibly|possible|potential(?:ly)?|suggests?|suggested|"
           r"appears?|likely|unlikely|perhaps|consider(?:ed|ing)?|worth\s+considering|"
           r"promising|investigational|experimental|being\s+(?:explored|studied|investigated|"
           r"evaluated|tested)|under\s+investigation|remains?\s+(?:unclear|controversial)")

NEG_TRIGGER = re.compile(rf"\b(?:{_NEG_PRE})\b", re.I)
PSEUDO_TRIGGER = re.compile(rf"\b(?:{_PSEUDO})\b", re.I)
TERMINATOR = re.compile(_TERMINATORS, re.I)
HEDGE = re.compile(rf"\b(?:{_HEDGES})\b", re.I)


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    text: str
    kind: str  # negation | hedge


@dataclass
class Polarity:
    """Negation and hedging found in a span, with the cues that say so."""

    negations: list[Cue] = field(default_factory=list)
    hedges: list[Cue] = field(default_factory=list)

    @property
    def negated(self) -> bool:
        return bool(self.negations)

    @property
    def hedged(self) -> bool:
        return bool(self.hedges)


def _masked(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in PSEUDO_TRIGGER.finditer(text, start, end)]


def negation_cues(text: str, start: int, end: int) -> list[Cue]:
    """Negation triggers in ``text[start:end]`` that are not pseudo-triggers."""
    masked = _masked(text, start, end)
    out = []
    for m in NEG_TRIGGER.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in masked):
            continue
        out.append(Cue(m.start(), m.end(), m.group(), "negation"))
    return out


def scope_end(text: str, trigger: Cue, end: int) -> int:
    """Where a trigger's forward scope stops: the next terminator or ``end``."""
    m = TERMINATOR.search(text, trigger.end, end)
    return m.start() if m else end


def is_negated(text: str, start: int, end: int, target_start: int, target_end: int) -> bool:
    """Whether the span ``target`` lies in the scope of a negation trigger."""
    for cue in negation_cues(text, start, end):
        if cue.end <= target_start and target_end <= scope_end(text, cue, end):
            return True
    return False


def polarity(text: str, start: int, end: int) -> Polarity:
    """Negation and hedge cues of a clause."""
    hedges = [Cue(m.start(), m.end(), m.group(), "hedge") for m in HEDGE.finditer(text, start, end)]
    return Polarity(negation_cues(text, start, end), hedges)
