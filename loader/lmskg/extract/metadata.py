"""What the document says about itself: title, dates, reviewer, review status,
flags, and a guess at its type. Every value is anchored (quote and offsets).

Only the head of the document (its lines before the running text) is read for
dates, so that the date a cited page was retrieved, in the reference list, is
never taken for the document's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .dates import find_dates
from .sentences import Sentence

_KIND_CUES: list[tuple[str, str]] = [
    (r"medically\s+reviewed|reviewed\s+by|last\s+reviewed", "medically-reviewed"),
    (r"last\s+updated|updated|modified|revised|current\s+to|as\s+of|current\s+as\s+of", "last-updated"),
    (r"published|posted|issued|date", "published"),
]
_REVIEWER = re.compile(r"\breviewed\s+by\s+(?P<name>[A-Z][\w.'’-]*(?:[\s\u00a0]+[A-Z][\w.'’-]*){0,4}"
                       r"(?:,[\s\u00a0]*(?:MD|DO|PhD|RN|PharmD|MPH|FACS|MBBS|FRCP)\b\.?)*)", re.I)
_FLAGS: list[tuple[str, str]] = [
    (r"\bAI[\s-]generated\b|\bgenerated\s+by\s+(?:an\s+)?(?:AI|artificial\s+intelligence)\b|"
     r"\bmedical\s+AI\b", "ai-generated"),
    (r"\beducational\s+purposes?\s+only\b|\bfor\s+educational\s+purposes\b", "educational-purpose-only"),
    (r"\b(?:intended\s+)?for\s+(?:health\s?care|medical)\s+professionals\b", "for-healthcare-professionals"),
    (r"\bnot\s+(?:be\s+used\s+)?(?:for|to\s+make|as\s+a\s+substitute\s+for)\s+(?:clinical|medical)\s+"
     r"(?:decision|advice)", "not-for-clinical-decisions"),
]
_STATUS: list[tuple[str, str]] = [
    (r"\bpending\s+(?:human\s+)?review\b", "pending-human-review"),
    (r"\bmedically\s+reviewed\b", "medically-reviewed"),
]
_TYPE_CUES: list[tuple[str, str]] = [
    (r"\bguidelines?\b|\bconsensus\s+statement\b", "guideline"),
    (r"\b(?:systematic\s+)?review\s+(?:article|excerpt)\b|\ba\s+review\b", "review-article"),
    (r"^\s*(?:background|methods|findings|results|conclusions?|interpretation)\s*$", "research-article"),
    (r"\bmedically\s+reviewed\b|\bmin\s+read\b", "patient-information-page"),
    (r"\bAI[\s-]generated\b|\bmedical\s+AI\b|\bpending\s+(?:human\s+)?review\b", "ai-generated-answer"),
    (r"\banswers?\b.*\bquestions?\b|\bQ\s*&\s*A\b", "question-answer-compilation"),
]
_META_LINE = re.compile(r"^\s*\d+\s+min(?:ute)?s?\s+read\s*$|^\s*(?:share|print|email|advertisement)\s*$",
                        re.I)


@dataclass
class Metadata:
    """Anchored metadata of the document, ready for the draft record."""

    title: dict[str, Any] | None = None
    dates: list[dict[str, Any]] = field(default_factory=list)
    reviewer: dict[str, Any] | None = None
    review_status: dict[str, Any] | None = None
    flags: list[dict[str, Any]] = field(default_factory=list)
    type: str = "general-article"
    type_basis: str = "default: no cue for another document type"
    meta_sentences: set[int] = field(default_factory=set)


def _anchor(text: str, start: int, end: int, value: str | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {}
    if value is not None:
        rec["value"] = value
    rec.update({"quote": text[start:end], "start": start, "end": end})
    return rec


def _head(sentences: list[Sentence]) -> list[int]:
    """Indices of the head: units before the first full body sentence (max 6)."""
    out: list[int] = []
    for i, s in enumerate(sentences[:8]):
        if s.kind == "body" and i > 0 and len(out) >= 1 and not _short(s):
            break
        out.append(i)
    return out


def _short(s: Sentence) -> bool:
    return s.end - s.start < 90


def _date_kind(line: str) -> str:
    for pattern, kind in _KIND_CUES:
        if re.search(pattern, line, re.I):
            return kind
    return "published"


def read_metadata(text: str, sentences: list[Sentence]) -> Metadata:
    """Title, dates, reviewer, status, flags and type of a document."""
    md = Metadata()
    if sentences and sentences[0].kind == "heading":
        s = sentences[0]
        md.title = _anchor(text, s.start, s.end)
    for i in _head(sentences):
        s = sentences[i]
        line = text[s.start:s.end]
        if _META_LINE.match(line):
            md.meta_sentences.add(i)
            continue
        dates = find_dates(text, s.start, s.end, bare_years=False)
        starts_with_date = bool(dates) and not text[s.start:dates[0].start].strip(" -–—:")
        cue = any(re.search(p, line, re.I) for p, _ in _KIND_CUES)
        if dates and (cue or starts_with_date):
            d = dates[0]
            md.dates.append({"kind": _date_kind(line), **_anchor(text, d.start, d.end, d.value)})
            md.meta_sentences.add(i)
        rm = _REVIEWER.search(line)
        if rm:
            name = re.sub(r"[\s\u00a0]+", " ", rm.group("name")).strip()
            name = re.sub(r"\s+on$", "", name)
            a = s.start + rm.start("name")
            md.reviewer = _anchor(text, a, a + len(rm.group("name").rstrip()), name)
            md.meta_sentences.add(i)
    _status_and_flags(text, md)
    _truncation(text, sentences, md)
    md.type, md.type_basis = _guess_type(text, sentences)
    return md


def _status_and_flags(text: str, md: Metadata) -> None:
    for pattern, value in _STATUS:
        m = re.search(pattern, text, re.I)
        if m:
            md.review_status = _anchor(text, m.start(), m.end(), value)
            break
    for pattern, value in _FLAGS:
        m = re.search(pattern, text, re.I)
        if m:
            md.flags.append(_anchor(text, m.start(), m.end(), value))


def _truncation(text: str, sentences: list[Sentence], md: Metadata) -> None:
    """A document whose last running sentence stops without punctuation is cut."""
    body = [s for s in sentences if s.kind in ("body", "heading")]
    if not body or body[-1].kind != "body" or body[-1] is sentences[0]:
        return
    last = body[-1]
    tail = text[last.start:last.end].rstrip()
    if tail.endswith((".", "!", "?", "”", '"', ")", "]", ":")):
        return
    words = list(re.finditer(r"\S+", text[last.start:last.end]))[-2:]
    if words:
        a, b = last.start + words[0].start(), last.start + words[-1].end()
        md.flags.append(_anchor(text, a, b, "truncated"))


def _guess_type(text: str, sentences: list[Sentence]) -> tuple[str, str]:
    head = "\n".join(text[s.start:s.end] for s in sentences[:4])
    headings = [text[s.start:s.end] for s in sentences if s.kind == "heading"]
    for pattern, value in _TYPE_CUES:
        where = "\n".join(headings) if value == "research-article" else head + "\n" + text[:600]
        if re.search(pattern, where, re.I | re.M):
            if value == "research-article" and re.search(r"\brandomi[sz]ed\b|\bphase\s*(?:[1-4]|I{1,3})\b",
                                                        text, re.I):
                return "clinical-trial-report", "structured abstract of a trial (section headings)"
            return value, f"cue: /{pattern[:40]}/"
    return "general-article", "default: no cue for another document type"
