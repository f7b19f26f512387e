"""Drafts of ``lmskg extract`` in ``<data>/drafts/``, read as unreviewed candidates.

A draft is a source file in the curated format with a ``draft`` key on the source and on
every claim: who drafted it (the extractor and its version) and its review status
(``unreviewed``), and what the curated format has no field for (confidence, the cue words,
every figure of the quote with its CI, p-value, arm, grade). :func:`load_drafts` takes
those keys off, parses the rest with the curated schema and checks it as a source (known
terms, quotes at their offsets in the corpus document, dates), so that a draft builds with
no hand edits and a bad one is reported like any curated file. A claim a curator accepts
is moved to ``data/sources/<id>.yaml`` without its ``draft`` key (README, Adding a
source).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from . import yamlio
from .corpus import SourceFile, read_document
from .layout import draft_files
from .records import Source
from .structure import parse
from .validate import Validator

STATUSES = ("unreviewed",)


@dataclass(frozen=True)
class DraftMark:
    """The ``draft`` key of a source or claim: status, extractor, version, and the rest."""

    status: str
    extractor: str
    version: str
    confidence: float | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class DraftFile:
    """A checked draft: the source as the curated schema reads it, and the marks."""

    source: SourceFile
    mark: DraftMark
    claim_marks: dict[str, DraftMark]


def _mark(raw: Any, display: str, record: str, problems: list[Problem]) -> DraftMark | None:
    if not isinstance(raw, dict):
        problems.append(Problem(display, record, "draft", "missing or not a mapping",
                                "a draft of lmskg extract marks every claim; re-draft it"))
        return None
    status, extractor, version = (raw.get(k) for k in ("status", "extractor", "version"))
    if status not in STATUSES:
        problems.append(Problem(display, record, "draft.status", f"unknown status {status!r}",
                                "an accepted claim goes to data/sources/ without 'draft'"))
        return None
    if not isinstance(extractor, str) or not isinstance(version, str):
        problems.append(Problem(display, record, "draft", "extractor and version are required"))
        return None
    conf = raw.get("confidence")
    confidence = float(conf) if isinstance(conf, (int, float)) and 0 <= conf <= 1 else None
    extra = {k: v for k, v in raw.items()
             if k not in ("status", "extractor", "version", "confidence")}
    return DraftMark(status, extractor, version, confidence, extra)


def _unmarked(value: Any) -> Any:
    """A value without the ``draft`` notes the extractor leaves inside it."""
    if isinstance(value, dict):
        return {k: _unmarked(v) for k, v in value.items() if k != "draft"}
    if isinstance(value, list):
        return [_unmarked(v) for v in value]
    return value


def _split(raw: dict[str, Any], display: str, problems: list[Problem]
           ) -> tuple[dict[str, Any], DraftMark | None, dict[str, DraftMark]]:
    """The curated part of a draft and its marks."""
    sid = str(raw.get("id", ""))
    mark = _mark(raw.get("draft"), display, sid, problems)
    curated = {k: _unmarked(v) for k, v in raw.items() if k not in ("draft", "claims")}
    claims, marks = [], {}
    for c in raw.get("claims") or ():
        if isinstance(c, dict):
            cid = str(c.get("id", ""))
            m = _mark(c.get("draft"), display, cid, problems)
            if m is not None:
                marks[cid] = m
            c = {k: _unmarked(v) for k, v in c.items() if k != "draft"}
        claims.append(c)
    curated["claims"] = claims
    return curated, mark, marks


def load_drafts(data_dir: Path, corpus_dir: Path, validator: Validator) -> list[DraftFile]:
    """Every draft of ``data_dir/drafts``, checked; InputError lists every problem."""
    problems: list[Problem] = []
    out: list[DraftFile] = []
    seen_claims: dict[str, str] = {}
    for path in draft_files(data_dir):
        display = yamlio.display(path)
        try:
            raw = yamlio.load(path, display)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(display, "", "", "a draft is a mapping (one source)"))
            continue
        curated, mark, marks = _split(raw, display, problems)
        record, found = parse(Source, curated, display, path.stem)
        problems.extend(found)
        if record is None or mark is None:
            continue
        try:
            doc = read_document(corpus_dir, record.file)
        except InputError as exc:
            problems.extend(Problem(display, record.id, "file", p.message, p.hint)
                            for p in exc.problems)
            continue
        src = SourceFile(display, record, doc)
        validator.check_source(src, seen_claims)
        out.append(DraftFile(src, mark, marks))
    problems.extend(validator.problems)
    if problems:
        raise InputError(problems)
    return out
