"""``lmskg anchor FILE``: fill in missing quote offsets in a source file.

For every quote that has no ``start``/``end`` yet, find it in the corpus document and
fill the offsets in. A quote that occurs once is placed there; one that occurs several
times is placed at its first occurrence after the previous anchor of its kind (records
follow the order of the text), and reported so the curator can confirm. Offsets that
are already there are never changed (the build checks them).
"""

from __future__ import annotations

from pathlib import Path

from ..curated import yamlio
from ..curated.anchors import anchors_of
from ..curated.corpus import read_document
from ..errors import InputError, Problem
from ..files import read_text
from .fmt import canonical_text


def fill_offsets(path: Path, corpus_dir: Path) -> list[str]:
    """Fill missing offsets in one source file; return what was done, line by line."""
    rec = yamlio.load(path)
    if not isinstance(rec, dict) or "file" not in rec:
        raise InputError(Problem(str(path), "", "file", "not a source file (no 'file' field)"))
    doc = read_document(corpus_dir, rec["file"])
    report: list[str] = []
    problems: list[Problem] = []
    # Anchors are visited by kind (metadata, citations, unclaimed, studies, claims), each in
    # text order (a study's values follow its fields, not the text: check the ones reported).
    last_by_kind: dict[str, int] = {}
    for anchor in anchors_of(rec):
        a, kind = anchor.data, anchor.kind
        label = anchor.record if kind == "claim" else \
            (f"{anchor.record}.{anchor.field}" if kind in ("claim-date", "study")
             else anchor.field)
        quote = anchor.quote
        if isinstance(a.get("start"), int) and isinstance(a.get("end"), int):
            last_by_kind[kind] = a["start"]
            continue
        places = doc.occurrences(quote)
        if not places:
            problems.append(Problem(str(path), label, "quote", "quote not found in "
                                    f"{doc.file}", "copy it exactly, curly quotes included"))
            continue
        floor = 0 if kind == "study" else last_by_kind.get(kind, 0)
        after = [p for p in places if p >= floor]
        start = (after or places)[0]
        a["start"], a["end"] = start, start + len(quote)
        last_by_kind[kind] = start
        note = "" if len(places) == 1 else f" (one of {len(places)} occurrences: check)"
        report.append(f"{label}: {start}-{start + len(quote)}{note}")
    if problems:
        raise InputError(problems)
    text = read_text(path, "file", str(path))
    path.write_text(canonical_text(f"sources/{path.name}", text, rec), encoding="utf-8")
    return report
