"""Curator tools: fill in missing quote offsets, and keep files in canonical form.

``lmskg anchor FILE``: for every quote in a source file that has no ``start``
/``end`` yet, find it in the corpus document and fill the offsets in. A quote
that occurs once is placed there; one that occurs several times is placed at
its first occurrence after the previous anchor of the file (records follow the
order of the text), and reported so the curator can confirm. Offsets that are
already there are never changed (the build checks them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import yamlio
from .corpus import read_document
from .errors import InputError, Problem
from .schema import REFERENCE, REGIMEN, SOURCE, TERM, Schema, anchors_of, canonical

# Which schema each curated file follows, by path relative to the data directory.
LIST_SCHEMAS: dict[str, Schema] = {"references.yaml": REFERENCE,
                                   "vocabulary/regimens.yaml": REGIMEN}


def schema_for(rel: str) -> tuple[Schema, bool]:
    """(schema, is_list) for a file under data/, by its relative path."""
    if rel.startswith("sources/"):
        return SOURCE, False
    if rel in LIST_SCHEMAS:
        return LIST_SCHEMAS[rel], True
    return TERM, True


def header_of(text: str) -> str:
    """The leading comment block of a file (kept by the formatter)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def canonical_text(rel: str, text: str, data: Any) -> str:
    """What the file at data/<rel> should contain, given its current text and data."""
    schema, is_list = schema_for(rel)
    body = [canonical(schema, r) for r in data] if is_list else canonical(schema, data)
    return header_of(text) + yamlio.dump(body)


def curated_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.rglob("*.yaml") if p.is_file())


def format_files(data_dir: Path, write: bool) -> list[str]:
    """Files under data_dir that are not canonical (rewritten when ``write``)."""
    changed = []
    for path in curated_files(data_dir):
        rel = path.relative_to(data_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        want = canonical_text(rel, text, yamlio.load(path, yamlio.display(path)))
        if want != text:
            changed.append(yamlio.display(path))
            if write:
                path.write_text(want, encoding="utf-8")
    return changed


def fill_offsets(path: Path, corpus_dir: Path) -> list[str]:
    """Fill missing offsets in one source file; return what was done, line by line."""
    rec = yamlio.load(path)
    if not isinstance(rec, dict) or "file" not in rec:
        raise InputError(Problem(str(path), "", "file", "not a source file (no 'file' field)"))
    doc = read_document(corpus_dir, rec["file"])
    report: list[str] = []
    problems: list[Problem] = []
    # Anchors are visited by kind (metadata, citations, unclaimed, claims), each in text order.
    last_by_kind: dict[str, int] = {}
    for anchor in anchors_of(rec):
        a, kind = anchor.data, anchor.kind
        label = anchor.record if anchor.kind == "claim" else \
            (f"{anchor.record}.{anchor.field}" if kind == "claim-date" else anchor.field)
        quote = a["quote"]
        if isinstance(a.get("start"), int) and isinstance(a.get("end"), int):
            last_by_kind[kind] = a["start"]
            continue
        places = doc.occurrences(quote)
        if not places:
            problems.append(Problem(str(path), label, "quote", "quote not found in "
                                    f"{doc.file}", "copy it exactly, curly quotes included"))
            continue
        after = [p for p in places if p >= last_by_kind.get(kind, 0)]
        start = (after or places)[0]
        a["start"], a["end"] = start, start + len(quote)
        last_by_kind[kind] = start
        note = "" if len(places) == 1 else f" (one of {len(places)} occurrences: check)"
        report.append(f"{label}: {start}-{start + len(quote)}{note}")
    if problems:
        raise InputError(problems)
    text = path.read_text(encoding="utf-8")
    path.write_text(header_of(text) + yamlio.dump(canonical(SOURCE, rec)), encoding="utf-8")
    return report
