"""The curated terms, regimens and references, read into typed records.

:class:`Vocabulary` holds every term of ``data/vocabulary/*.yaml`` by file stem and
id, the regimens, the references of ``data/references.yaml``, and the file each was
read from (for messages). Only structure and kinds are checked here; links between
terms are checked by :mod:`lmskg.curated.validate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from . import yamlio
from .layout import REFERENCES, REGIMENS, term_files
from .notations import Notations
from .records import Reference, Regimen, Term
from .structure import parse


@dataclass
class Vocabulary:
    """Curated terms by file stem and id, and where each was defined."""

    terms: dict[str, dict[str, Term]] = field(default_factory=dict)
    regimens: dict[str, Regimen] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    origin: dict[tuple[str, str], str] = field(default_factory=dict)

    def table(self, stem: str) -> dict[str, Term]:
        return self.terms.get(stem, {})

    def context_kind(self, key: str) -> str | None:
        """The kind of a term of contexts.yaml, or None if there is no such term."""
        term = self.table("contexts").get(key)
        return term.kind if term else None


def _read_list(path: Path, display: str, problems: list[Problem]) -> list[Any]:
    try:
        data = yamlio.load(path, display)
    except InputError as exc:
        problems.extend(exc.problems)
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(display, "", "", "expected a list of records at the top level"))
        return []
    return data


def _records(cls: type, path: Path, problems: list[Problem]) -> list[tuple[str, Any, str]]:
    """(id, record, file) for every well-formed record of a list file; problems appended."""
    display = yamlio.display(path)
    out = []
    for i, raw in enumerate(_read_list(path, display, problems)):
        rid = str(raw.get("id", f"#{i + 1}")) if isinstance(raw, dict) else f"#{i + 1}"
        record, found = parse(cls, raw, display, rid)
        problems.extend(found)
        if record is not None:
            out.append((rid, record, display))
    return out


def load_vocabulary(data_dir: Path, notations: Notations,
                    problems: list[Problem]) -> Vocabulary:
    """Read and structurally check every vocabulary file; append problems."""
    vocab = Vocabulary()
    for tf in term_files():
        table: dict[str, Term] = {}
        for rid, term, display in _records(Term, data_dir / "vocabulary" / f"{tf.stem}.yaml",
                                           problems):
            allowed = (tf.kinds if tf.category is None else
                       tuple(k for k in notations.categories.get(tf.category, {})
                             if not tf.kinds or k in tf.kinds))
            if term.kind not in allowed:
                problems.append(Problem(display, rid, "kind", f"unknown kind {term.kind!r}",
                                        f"allowed here: {', '.join(sorted(allowed))}"))
            if rid in table:
                problems.append(Problem(display, rid, "id", "duplicate id"))
            table[rid] = term
            vocab.origin[(tf.stem, rid)] = display
        vocab.terms[tf.stem] = table
    for rid, regimen, display in _records(Regimen, data_dir / REGIMENS, problems):
        if rid in vocab.regimens:
            problems.append(Problem(display, rid, "id", "duplicate id"))
        vocab.regimens[rid] = regimen
        vocab.origin[("regimens", rid)] = display
    for rid, ref, display in _records(Reference, data_dir / REFERENCES, problems):
        if rid in vocab.references:
            problems.append(Problem(display, rid, "id", "duplicate id"))
        vocab.references[rid] = ref
        vocab.origin[("references", rid)] = display
    return vocab
