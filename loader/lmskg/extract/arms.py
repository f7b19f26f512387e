"""Which arm of a comparison a figure belongs to.

Trial reports give one figure per arm: '13.5 months with eribulin and 11.5
months with dacarbazine', 'median 4.2 months versus 1.5 months with
dacarbazine', '46.3% of the doxorubicin group', '51% and 60%, respectively'.
An arm is a therapy or regimen mention, or a phrase that stands for one
('placebo', 'the combination', 'the doublet', 'doxorubicin alone'). A figure
takes the arm named right after it ('with X', 'on X', 'of the X group'), else
the arm right before it ('X: 13.5 months'); figures listed with
'respectively' take the arms in the order they were named; in 'A vs B' the
first figure takes the arm the clause is about and the second the other arm.
Anything else stays unresolved, for the curator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figures import Figure
from .lexicon import Mention

OUTCOME_ROLES = ("percent", "duration", "hazard-ratio", "odds-ratio")
_PSEUDO_ARM = re.compile(r"\b(?:placebo|best\s+supportive\s+care|BSC|(?:the\s+)?control\s+(?:arm|group)|"
                         r"(?:the\s+)?(?:combination|doublet|triplet)(?:\s+(?:arm|group))?)\b", re.I)
_AFTER = re.compile(r"^[\s\u00a0]*(?:\([^()]*\)[\s\u00a0]*)?,?[\s\u00a0]*(?:with|on|in|for|of|among|"
                    r"receiving|given|versus|vs\.?)?[\s\u00a0]+(?:the[\s\u00a0]+|patients[\s\u00a0]+"
                    r"(?:on|receiving|given)[\s\u00a0]+|those[\s\u00a0]+(?:on|receiving)[\s\u00a0]+)?$", re.I)
_BEFORE = re.compile(r"^[\s\u00a0]*(?:arm|group)?[\s\u00a0]*(?::|,|\(|was|were|had|of|reached)?"
                     r"[\s\u00a0]*(?:median|a\s+median\s+of)?[\s\u00a0]*$", re.I)
_VS = re.compile(r"^[\s\u00a0]*(?:vs\.?|versus|and|compared\s+with|compared\s+to|,)[\s\u00a0]*$", re.I)


@dataclass(frozen=True)
class Arm:
    """An arm of a comparison: the therapies (or regimen) it stands for."""

    start: int
    end: int
    surface: str
    therapies: tuple[str, ...] = ()
    regimen: str | None = None

    @property
    def key(self) -> tuple[tuple[str, ...], str | None, str]:
        named = self.therapies or self.regimen
        return (self.therapies, self.regimen, "" if named else self.surface.lower())

    @property
    def is_therapy(self) -> bool:
        return bool(self.therapies or self.regimen)


def arm_mentions(text: str, start: int, end: int, mentions: list[Mention],
                 combos: list[tuple[int, int, tuple[str, ...], str | None]],
                 remembered: Arm | None) -> list[Arm]:
    """Arms named in a clause: combinations, single therapies, pseudo-arms."""
    arms: list[Arm] = []
    for s, e, comps, regimen in combos:
        arms.append(Arm(s, e, text[s:e], comps if regimen is None else (), regimen))
    for m in mentions:
        if m.category not in ("therapy", "regimen"):
            continue
        if any(a.start <= m.start < a.end for a in arms):
            continue
        if m.category == "regimen":
            arms.append(Arm(m.start, m.end, m.surface, (), m.term_id))
        else:
            arms.append(Arm(m.start, m.end, m.surface, (m.term_id,)))
    for pm in _PSEUDO_ARM.finditer(text, start, end):
        if any(a.start < pm.end() and pm.start() < a.end for a in arms):
            continue
        word = pm.group().lower()
        if any(w in word for w in ("combination", "doublet", "triplet")) and remembered:
            arms.append(Arm(pm.start(), pm.end(), pm.group(), remembered.therapies, remembered.regimen))
        elif "combination" not in word and "doublet" not in word and "triplet" not in word:
            arms.append(Arm(pm.start(), pm.end(), pm.group(), ()))
    return sorted(arms, key=lambda a: a.start)


def _between_has_figure(figs: list[Figure], a: int, b: int) -> bool:
    return any(a <= f.start and f.end <= b and f.role in OUTCOME_ROLES for f in figs)


def assign(text: str, figs: list[Figure], arms: list[Arm], clause: tuple[int, int],
           paragraph_arms: list[Arm]) -> dict[int, Arm | None]:
    """For each outcome figure (by index in ``figs``), its arm or None."""
    out: dict[int, Arm | None] = {}
    outcome = [i for i, f in enumerate(figs) if f.role in OUTCOME_ROLES]
    for i in outcome:
        f = figs[i]
        after = [a for a in arms if a.start >= f.end and _AFTER.match(text[f.end:a.start])
                 and not _between_has_figure(figs, f.end, a.start)]
        if after:
            out[i] = after[0]
            continue
        before = [a for a in arms if a.end <= f.start and _BEFORE.match(text[a.end:f.start])]
        out[i] = before[-1] if before else None
    _respectively(text, figs, outcome, arms, clause, paragraph_arms, out)
    _versus_pairs(text, figs, outcome, arms, paragraph_arms, out)
    return out


def _respectively(text: str, figs: list[Figure], outcome: list[int], arms: list[Arm],
                  clause: tuple[int, int], paragraph_arms: list[Arm],
                  out: dict[int, Arm | None]) -> None:
    if not re.search(r"\brespectively\b", text[clause[0]:clause[1]], re.I):
        return
    pending = [i for i in outcome if out.get(i) is None and figs[i].role in ("percent", "duration")]
    pool = _distinct(arms) if len(_distinct(arms)) >= len(pending) else _distinct(paragraph_arms)
    if len(pool) >= len(pending) >= 2:
        for i, arm in zip(pending, pool):
            out[i] = arm


_COMPARE = re.compile(r"^[\s\u00a0,]*(?:vs\.?|versus|compared\s+(?:with|to)|against|or(?:\s+to)?|and)"
                      r"[\s\u00a0]*$", re.I)


def comparison(text: str, arms: list[Arm]) -> tuple[Arm, Arm] | None:
    """An explicit ordered comparison 'A versus B' ('A compared with B', 'A or
    to B') among the arms of a clause."""
    for a, b in zip(arms, arms[1:]):
        if a.key != b.key and _COMPARE.match(text[a.end:b.start]) and \
                re.search(r"vs|versus|compar|against|\bor\s+to\b", text[a.end:b.start], re.I):
            return a, b
    return None


def _versus_pairs(text: str, figs: list[Figure], outcome: list[int], arms: list[Arm],
                  paragraph_arms: list[Arm], out: dict[int, Arm | None]) -> None:
    """'(7.4 vs 4.6 months)', '2.2 versus 2.6 months': figures paired by 'vs'."""
    for x, y in zip(outcome, outcome[1:]):
        fx, fy = figs[x], figs[y]
        if fx.role != fy.role or not _VS.match(re.sub(r"\([^()]*\)", " ", text[fx.end:fy.start])):
            continue
        ax, ay = out.get(x), out.get(y)
        if ax and ay:
            continue
        if ax and not ay:
            out[y] = _other(ax, arms) or _other(ax, paragraph_arms)
            continue
        if ay and not ax:
            out[x] = _other(ay, [a for a in arms if a.end <= fx.start]) or _other(ay, arms) \
                or _other(ay, paragraph_arms)
            continue
        pair = comparison(text, [a for a in arms if a.end <= fx.start])
        named = _distinct([a for a in arms if a.end <= fx.start])
        if pair:
            out[x], out[y] = pair
        elif len(named) == 1:
            out[x] = named[0]
            out[y] = _other(named[0], arms) or _other(named[0], paragraph_arms)
        else:
            assigned = [a for a in (out.get(i) for i in outcome) if a is not None]
            order = _distinct(assigned) or _distinct(paragraph_arms)
            if len(order) >= 2:
                out[x], out[y] = order[0], order[1]


def _distinct(arms: list[Arm]) -> list[Arm]:
    seen, out = set(), []
    for a in arms:
        if a is not None and a.key not in seen:
            seen.add(a.key)
            out.append(a)
    return out


def _other(arm: Arm, pool: list[Arm]) -> Arm | None:
    """The most recent arm of ``pool`` that is not ``arm``."""
    for a in reversed(pool):
        if a.key != arm.key:
            return a
    return None
