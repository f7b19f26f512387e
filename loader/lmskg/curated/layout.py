"""Where each kind of curated record lives in a data directory, and its record class.

::

    data/sources/<id>.yaml            one source and its claims (records.Source)
    data/vocabulary/<stem>.yaml       terms (records.Term), one file per family
    data/vocabulary/regimens.yaml     regimens (records.Regimen)
    data/references.yaml              works the sources cite (records.Reference)
    data/drafts/<id>.yaml             a draft of ``lmskg extract``: unreviewed candidates
                                      (records.Source with ``draft`` keys; curated.drafts)
    data/drafts/<id>.vocabulary-draft.yaml   terms a draft proposes (never read by a build)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .records import Reference, Regimen, Source, Term

SOURCES = "sources"
VOCABULARY = "vocabulary"
REGIMENS = "vocabulary/regimens.yaml"
REFERENCES = "references.yaml"
DRAFTS = "drafts"
VOCABULARY_DRAFT_SUFFIX = ".vocabulary-draft.yaml"


@dataclass(frozen=True)
class TermFile:
    """A vocabulary file of terms: the ontology category its kinds come from, or the
    fixed kinds it allows."""

    stem: str
    category: str | None  # an ontology category of class notations (therapy-kind, ...)
    kinds: tuple[str, ...]  # fixed kinds, or (with a category) the ones allowed of it


def term_files() -> tuple[TermFile, ...]:
    from .contexts import vocabulary_kinds  # the registry decides which kinds are terms

    return (
        TermFile("therapies", "therapy-kind", ()),
        TermFile("contexts", "context-kind", vocabulary_kinds()),
        TermFile("effects", None, ("adverse-effect",)),
        TermFile("tools", None, ("prognostic-tool",)),
        TermFile("factors", None, ("factor",)),
    )


def source_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / SOURCES).glob("*.yaml"))


def curated_files(data_dir: Path) -> list[Path]:
    """Every curated file (drafts are not curated: they are written by lmskg extract)."""
    drafts = data_dir / DRAFTS
    return sorted(p for p in data_dir.rglob("*.yaml")
                  if p.is_file() and drafts not in p.parents)


def draft_files(data_dir: Path) -> list[Path]:
    """The drafts to build (their vocabulary drafts are for the curator only)."""
    return sorted(p for p in (data_dir / DRAFTS).glob("*.yaml")
                  if p.is_file() and not p.name.endswith(VOCABULARY_DRAFT_SUFFIX))


def record_class_for(rel: str) -> tuple[type, bool]:
    """(record class, whether the file is a list of them) for data/<rel>."""
    if rel.startswith(f"{SOURCES}/"):
        return Source, False
    if rel == REFERENCES:
        return Reference, True
    if rel == REGIMENS:
        return Regimen, True
    return Term, True
