"""The curated vocabulary as plain records: what the extractor may name.

The extractor never invents an identifier: every therapy, regimen, context,
effect, factor or tool it puts on a candidate comes from these files
(``data/vocabulary/*.yaml`` of the lmskg repository). Terms it cannot map go
to the vocabulary draft instead (:mod:`lmskg.extract.proposals`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from .errors import ExtractInputError

# file stem -> category of the terms it holds (a context file mixes kinds)
_FILES = ("therapies", "regimens", "contexts", "effects", "factors", "tools")


@dataclass(frozen=True)
class Term:
    """One vocabulary term: its id, kind, labels and (for regimens) parts."""

    id: str
    kind: str
    label: str
    category: str  # therapy | regimen | disease | extent | site | risk | biomarker | effect | factor | tool
    alt_labels: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    in_class: tuple[str, ...] = ()
    dose: dict[str, Any] | None = None
    interval: dict[str, Any] | None = None
    schedule: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.alt_labels)


@dataclass
class Vocabulary:
    """All terms, by id, with the lookups the extractor needs."""

    terms: dict[str, Term] = field(default_factory=dict)

    def add(self, term: Term) -> None:
        self.terms[term.id] = term

    def get(self, term_id: str) -> Term | None:
        return self.terms.get(term_id)

    def of(self, *categories: str) -> list[Term]:
        return [t for t in self.terms.values() if t.category in categories]

    @property
    def regimens(self) -> list[Term]:
        return self.of("regimen")

    def components(self, term_id: str) -> set[str]:
        """A regimen's components, or the therapy itself (for claim matching)."""
        term = self.terms.get(term_id)
        if term is not None and term.category == "regimen":
            return set(term.components)
        return {term_id}


def _category(stem: str, kind: str) -> str:
    if stem == "therapies":
        return "therapy"
    if stem == "regimens":
        return "regimen"
    if stem == "contexts":
        return kind  # disease, extent, site, risk, biomarker
    return {"effects": "effect", "factors": "factor", "tools": "tool"}[stem]


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def from_records(stem: str, records: Iterable[dict[str, Any]], vocab: Vocabulary,
                 where: str = "") -> None:
    """Add the records of one vocabulary file (already parsed) to ``vocab``."""
    for i, rec in enumerate(records):
        if not isinstance(rec, dict) or not rec.get("id") or not rec.get("label"):
            raise ExtractInputError(f"record {i} has no id or label", where or stem)
        vocab.add(Term(
            id=str(rec["id"]), kind=str(rec.get("kind", "")), label=str(rec["label"]),
            category=_category(stem, str(rec.get("kind", ""))),
            alt_labels=_tuple(rec.get("alt_labels")), components=_tuple(rec.get("components")),
            broader=_tuple(rec.get("broader")), in_class=_tuple(rec.get("in_class")),
            dose=rec.get("dose"), interval=rec.get("interval"),
            schedule=str(rec.get("schedule", "") or ""),
        ))


def load(directory: str | Path) -> Vocabulary:
    """Read every vocabulary file of ``directory`` (missing files are skipped)."""
    d = Path(directory)
    if not d.is_dir():
        raise ExtractInputError("vocabulary directory not found", str(d))
    vocab = Vocabulary()
    for stem in _FILES:
        path = d / f"{stem}.yaml"
        if not path.exists():
            continue
        try:
            records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ExtractInputError(f"cannot read vocabulary: {exc}", str(path)) from exc
        if not isinstance(records, list):
            raise ExtractInputError("expected a list of terms", str(path))
        from_records(stem, records, vocab, str(path))
    if not vocab.terms:
        raise ExtractInputError("no vocabulary terms found", str(d))
    return vocab


def from_curated(curated: Any) -> Vocabulary:
    """The extractor's view of a checked curated vocabulary
    (:class:`lmskg.curated.vocabulary.Vocabulary`), without reading the files again."""
    from dataclasses import asdict

    vocab = Vocabulary()
    for stem in _FILES:
        table = curated.regimens if stem == "regimens" else curated.table(stem)
        from_records(stem, (asdict(t) for t in table.values()), vocab, stem)
    return vocab
