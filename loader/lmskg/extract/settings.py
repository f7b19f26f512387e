"""Clinical context of a clause: disease, extent or stage, line, timing, intent,
site, risk group, biomarker.

Diseases, extents, sites, risk groups and biomarkers come from the vocabulary
(through the lexicon); lines of therapy, timings and intents are enumerations
of the ontology, found here by the words that say them. Maintenance therapy
has no notation in the ontology, so it is proposed, never recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Mention

LINES = ("first-line", "second-line", "later-line")
TIMINGS = ("adjuvant", "neoadjuvant", "postoperative")
INTENTS = ("curative", "palliative")

_SURGERY_WORDS = r"(?:surgery|surgical\s+(?:resection|removal)|resection|operation|excision)"
_RULES: list[tuple[str, str, str]] = [
    ("line", "first-line", r"\b(?:first|1st)[\s\u00a0-]*line\b|\bfront[\s-]?line\b|\bupfront\b"),
    ("line", "second-line", r"\b(?:second|2nd)[\s\u00a0-]*line\b"),
    ("line", "later-line", r"\b(?:third|3rd|fourth|4th|later|subsequent)[\s\u00a0-]*lines?\b"
                           r"|\bsalvage\b|\blater[\s-]line\b"),
    ("timing", "neoadjuvant", rf"\bneo[\s-]?adjuvant\b|\bpre[\s-]?operative(?:ly)?\b"
                              rf"|\b(?:before|prior\s+to|ahead\s+of)\s+(?:the\s+)?{_SURGERY_WORDS}"),
    ("timing", "postoperative", rf"\bpost[\s-]?operative(?:ly)?\b"
                                rf"|\b(?:after|following)\s+(?:the\s+)?{_SURGERY_WORDS}"),
    ("timing", "adjuvant", rf"(?<!neo)(?<!neo-)\badjuvant\b"
                           rf"|\b(?:in\s+conjunction\s+with|combined\s+with|in\s+addition\s+to|"
                           rf"along\s+with)\s+{_SURGERY_WORDS}"),
    ("intent", "palliative", r"\bpalliat(?:ive|ion)\b|\bsymptom\s+control\b"
                             r"|\b(?:relieve|control|ease|reduce|alleviate)\w*\s+(?:the\s+)?"
                             r"(?:symptoms|pain)\b"),
    ("intent", "curative", r"\bcurative\b|\bwith\s+(?:the\s+)?intent\s+to\s+cure\b"),
]
_COMPILED = [(k, v, re.compile(p, re.I)) for k, v, p in _RULES]
_STAGE = re.compile(r"\bstages?[\s\u00a0]+(?P<list>(?:I{1,3}V?|IV|[1-4])[ABC]?"
                    r"(?:\s*(?:,|or|and|to|-|–|/)\s*(?:stage\s+)?(?:I{1,3}V?|IV|[1-4])[ABC]?)*)\b")
_ROMAN = {"1": "i", "2": "ii", "3": "iii", "4": "iv", "I": "i", "II": "ii", "III": "iii", "IV": "iv"}
TIMING_PREPOSITION = re.compile(r"\b(?:before|after|following|prior\s+to|during|without|"
                                r"combined\s+with|in\s+conjunction\s+with|in\s+addition\s+to|"
                                r"making|than|that|ahead\s+of|enable|allow|permit|facilitate)\s+"
                                r"(?:the\s+|major\s+|later\s+|subsequent\s+)?$", re.I)
MAINTENANCE = re.compile(r"\bmaintenance\b", re.I)


@dataclass
class Context:
    """Context values of one clause, by kind, in the order found."""

    values: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, value: str) -> None:
        lst = self.values.setdefault(kind, [])
        if value not in lst:
            lst.append(value)

    def get(self, kind: str) -> list[str]:
        return self.values.get(kind, [])


def _stages(text: str, start: int, end: int, known: set[str]) -> list[str]:
    out: list[str] = []
    for m in _STAGE.finditer(text, start, end):
        parts = re.findall(r"I{1,3}V?|IV|[1-4]", m.group("list"))
        nums = [{"i": 1, "ii": 2, "iii": 3, "iv": 4}[_ROMAN[p]] for p in parts if p in _ROMAN]
        if re.search(r"\b(?:to|-|–)\b|[-–]", m.group("list")) and len(nums) == 2:
            nums = list(range(min(nums), max(nums) + 1))
        for n in nums:
            sid = f"stage-{['i', 'ii', 'iii', 'iv'][n - 1]}"
            if sid in known and sid not in out:
                out.append(sid)
    return out


def context_of(text: str, start: int, end: int, mentions: list[Mention],
               known_ids: set[str]) -> Context:
    """The context a clause states (nothing is inherited here)."""
    ctx = Context()
    therapy_starts = {m.start for m in mentions if m.category in ("therapy", "regimen")}
    for m in mentions:
        if m.category not in ("disease", "extent", "site", "risk", "biomarker"):
            continue
        if m.category == "extent" and _modifies_therapy(text, m, therapy_starts):
            continue
        ctx.add(m.category, m.term_id)
    for sid in _stages(text, start, end, known_ids):
        ctx.add("extent", sid)
    for kind, value, pattern in _COMPILED:
        if pattern.search(text, start, end):
            ctx.add(kind, value)
    return ctx


def _modifies_therapy(text: str, m: Mention, therapy_starts: set[int]) -> bool:
    """'advanced radiation techniques': an extent word directly before a therapy
    describes the therapy, not the disease."""
    nxt = m.end
    while nxt < len(text) and text[nxt] in " \u00a0":
        nxt += 1
    return nxt in therapy_starts


def is_timing_anchor(text: str, mention: Mention, floor: int) -> bool:
    """Whether a surgery mention only says when another therapy is given
    ('before surgery', 'combined with surgery', 'making surgery possible')."""
    if mention.kind != "surgery" or mention.term_id != "surgery":
        return False
    return bool(TIMING_PREPOSITION.search(text[max(floor, mention.start - 40):mention.start]))


_PRIOR_BEFORE = re.compile(r"\b(?:pretreated|previously\s+treated|already\s+(?:been\s+)?treated|"
                           r"progress\w*|relapsed|failed|failure|refractory|resistant|exposed|"
                           r"pretreatment)\s+(?:with|on|to|after|of|following)\s+"
                           r"(?:(?:an?|the|prior|previous|standard|first-line|one|two|more|"
                           r"at\s+least)\s+)*$|\b(?:after|following|once|since)\s+(?:(?:an?|the|"
                           r"prior|previous|standard|first-line)\s+)*$|\bprior\s+(?:to\s+)?$|"
                           r"\bprevious(?:ly)?\s+(?:treated\s+with\s+)?$", re.I)
_PRIOR_AFTER = re.compile(r"^(?:[\s-]+(?:containing|based))?(?:\s+(?:regimens?|therapy|treatment|"
                          r"chemotherapy))?\s+(?:has|had|have)\s+failed\b|^\s+failure\b"
                          r"|^(?:[\s-]+(?:containing|based))?(?:\s+(?:regimens?|therapy|treatment|"
                          r"chemotherapy))?\s+(?:pretreated|refractory|failure)\b", re.I)


_PATIENT_HISTORY = re.compile(r"\b(?:who|that)\s+(?:have|has|had)\s+(?:not\s+|never\s+|already\s+)?"
                              r"(?:had|received|undergone|been\s+treated\s+with)\s+(?:an?\s+|any\s+|"
                              r"prior\s+|previous\s+)?$", re.I)


def is_prior_therapy(text: str, mention: Mention, floor: int) -> bool:
    """Whether a therapy is named as treatment already given ('treated with an
    anthracycline-containing regimen', 'after anthracycline failure', 'once
    standard chemotherapy has failed', 'patients who have not had surgery'):
    context, not the claim's therapy."""
    before = text[max(floor, mention.start - 60):mention.start]
    if _PATIENT_HISTORY.search(before):
        return True
    if mention.kind in ("surgery", "radiation", "ablation", "care-activity"):
        return False
    after = text[mention.end:mention.end + 40]
    return bool(_PRIOR_BEFORE.search(before) or _PRIOR_AFTER.match(after))
