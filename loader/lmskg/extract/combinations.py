"""Combinations of therapies, mapped to the vocabulary's regimens.

Two therapies named in one clause form a combination only when the text joins
them as one: 'X plus Y', 'X combined with (either) Y (or Z)', 'X in
combination with Y', 'X along with Y', 'combination of X and Y', 'combining
X with Y', 'adding Y to X', 'X/Y', 'X-Y'. A plain list ('X, Y and Z', 'X or
Y') is not a combination (the curation rule). A combination maps to the
vocabulary regimen whose components are the same set; if the vocabulary has
none, the combination is proposed, never given an invented id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Mention
from .vocabulary import Vocabulary

_JOIN = re.compile(r"^[\s\u00a0,]*(?:alone[\s\u00a0,]+or[\s\u00a0]+)?(?:plus|\+|combined\s+with|in\s+combination\s+with|"
                   r"together\s+with|along\s+with|in\s+conjunction\s+with|with|and\s+with)"
                   r"(?:\s+(?:either|both))?[\s\u00a0,]*$", re.I)
_SLASH = re.compile(r"^[\s\u00a0]*(?:/|-|\u2013|\+)[\s\u00a0]*$")
_AND = re.compile(r"^[\s\u00a0]*(?:and|&)[\s\u00a0]*$", re.I)
_OR = re.compile(r"^[\s\u00a0]*,?[\s\u00a0]*or[\s\u00a0]*$", re.I)
_TO = re.compile(r"^[\s\u00a0]*to\s+(?:(?:an?|the|a\s+)?[\w-]+\s+){0,3}$", re.I)
_DOSE_NOISE = re.compile(r"[\d.,]+|mg|g|m2|m²|/|kg|\(|\)|\bon\b|\bdays?\b|\band\b|\bevery\b|"
                         r"\bweeks?\b|\bover\b|\bhours?\b|\bh\b|\bdaily\b|\bbolus\b|"
                         r"\bintravenously\b|\bat\b|\borally\b", re.I)


@dataclass(frozen=True)
class Combination:
    """Therapies the text combines, and the vocabulary regimen they make (if any)."""

    components: tuple[str, ...]
    start: int
    end: int
    regimen: str | None


def _gap(text: str, a: Mention, b: Mention) -> str:
    return text[a.end:b.start]


def _joined(text: str, a: Mention, b: Mention, clause_start: int) -> bool:
    gap = _gap(text, a, b)
    before = text[max(clause_start, a.start - 30):a.start].lower()
    if re.search(r"\bcompar\w*\s+(?:\w+\s+)?$|\bversus\s+$|\bvs\.?\s+$", before):
        return False  # 'compared X with Y' is a comparison, not a combination
    if _JOIN.match(gap) or _SLASH.match(gap):
        return True
    if _AND.match(gap) and re.search(r"combination\s+of\s+(?:the\s+)?$|combining\s+$", before):
        return True
    if _AND.match(gap) and re.match(r"^[\s\u00a0]*(?:combination|doublet|regimen)\b",
                                    text[b.end:b.end + 20], re.I):
        return True
    if re.search(r"\bcombining\s+$", before) and re.match(r"^\s*with\s*$", gap, re.I):
        return True
    if re.search(r"\badding\s+$", before) and _TO.match(gap):
        return True
    # 'gemcitabine 675 mg/m2 on days 1 and 8 with docetaxel': doses between
    stripped = _DOSE_NOISE.sub(" ", gap)
    return bool(len(gap) < 70 and re.search(r"\d", gap) and _JOIN.match(stripped))


def find_combinations(text: str, mentions: list[Mention], vocab: Vocabulary,
                      clause_start: int) -> list[Combination]:
    """Combinations among the therapy mentions of one clause (in text order)."""
    ther = [m for m in mentions if m.category == "therapy"]
    out: list[Combination] = []
    i = 0
    while i < len(ther) - 1:
        a, b = ther[i], ther[i + 1]
        if not _joined(text, a, b, clause_start):
            i += 1
            continue
        partners = [b]
        # 'combined with either B or C': one combination per alternative
        k = i + 1
        while k + 1 < len(ther) and _OR.match(_gap(text, ther[k], ther[k + 1])):
            partners.append(ther[k + 1])
            k += 1
        first_is_joined = re.search(r"\badding\s+$", text[max(0, a.start - 10):a.start], re.I)
        for p in partners:
            comps = (p.term_id, a.term_id) if first_is_joined else (a.term_id, p.term_id)
            if comps[0] == comps[1]:
                continue
            out.append(Combination(comps, a.start, p.end, regimen_for(comps, vocab, text)))
        i = k + 1
    return out


def regimen_for(components: tuple[str, ...] | list[str], vocab: Vocabulary,
                text: str = "") -> str | None:
    """The vocabulary regimen made of exactly these components, or None.

    Where several regimens share the components (a regimen and its schedule
    variant), the one whose label the text uses wins, else the broadest.
    """
    want = set(components)
    found = [r for r in vocab.regimens if r.kind == "combination" and set(r.components) == want]
    if not found:
        return None
    lower = text.lower()
    named = [r for r in found if any(lbl.lower() in lower for lbl in r.labels)]
    if named:
        return named[0].id
    ids = {r.id for r in found}
    broadest = [r for r in found if not (set(r.broader) & ids)]
    return (broadest or found)[0].id


def single_agent_regimen(drug: str, dose: dict[str, float | str] | None,
                         interval: dict[str, float | str] | None,
                         vocab: Vocabulary) -> str | None:
    """A single-agent regimen of the vocabulary with this drug, dose and interval."""
    if not dose:
        return None
    for r in vocab.regimens:
        if r.kind != "single-agent" or list(r.components) != [drug] or not r.dose:
            continue
        if any(r.dose.get(k) != dose.get(k) for k in ("value", "low", "high", "unit")
               if r.dose.get(k) is not None or dose.get(k) is not None):
            continue
        if r.interval and interval and any(r.interval.get(k) != interval.get(k)
                                           for k in ("value", "unit")):
            continue
        if r.interval and not interval:
            continue
        return r.id
    return None
