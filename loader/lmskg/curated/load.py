"""Read every curated input, check it, and hand it on as typed records.

:func:`load_curated` reads the vocabulary, the references and every source file with
its corpus document, checks them (structure, links, anchors, figures, dates) and
raises one :class:`~lmskg.errors.InputError` listing every problem; otherwise it
returns a :class:`Curated` that the transform turns into RDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from . import yamlio
from .corpus import SourceFile, read_document
from .crosswalk import SharedVocab, load_shared_vocab
from .layout import source_files
from .notations import Notations
from .records import Source
from .structure import parse
from .validate import Validator
from .validate_studies import check_same_study_links
from .vocabulary import Vocabulary, load_vocabulary


@dataclass(frozen=True)
class Curated:
    """Every checked input of a build."""

    notations: Notations
    vocab: Vocabulary
    shared: SharedVocab
    sources: list[SourceFile]

    @property
    def claim_count(self) -> int:
        return sum(len(src.record.claims) for src in self.sources)


def load_curated(data_dir: Path, corpus_dir: Path, vocab_dir: Path,
                 notations: Notations) -> Curated:
    """Read, check and return the curated data; raise InputError listing every problem."""
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise InputError(Problem(str(data_dir), "", "", "data directory not found",
                                 "pass --data DIR"))
    if not corpus_dir.is_dir():
        raise InputError(Problem(str(corpus_dir), "", "", "corpus directory not found",
                                 "pass --corpus DIR, or set LMSKG_CORPUS (CORPUS= for make)"))
    shared = load_shared_vocab(vocab_dir)
    vocab = load_vocabulary(data_dir, notations, problems)
    validator = Validator(notations, vocab, shared)
    validator.check_vocabulary()

    sources: list[SourceFile] = []
    seen_ids: dict[str, str] = {}
    seen_claims: dict[str, str] = {}
    for path in source_files(data_dir):
        display = yamlio.display(path)
        try:
            raw = yamlio.load(path, display)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        record, found = parse(Source, raw, display, path.stem)
        problems.extend(found)
        if record is None:
            continue  # the source itself is malformed; its claims cannot be placed
        if record.id in seen_ids:
            problems.append(Problem(display, record.id, "id", f"duplicate source id (also in "
                                    f"{seen_ids[record.id]})"))
            continue
        seen_ids[record.id] = display
        try:
            doc = read_document(corpus_dir, record.file)
        except InputError as exc:
            problems.extend(Problem(display, record.id, "file", p.message, p.hint)
                            for p in exc.problems)
            doc = None
        src = SourceFile(display, record, doc)
        validator.check_source(src, seen_claims)
        sources.append(src)
    check_same_study_links(validator, validator.studies)
    problems.extend(validator.problems)
    if problems:
        raise InputError(problems)
    if not sources:
        raise InputError(Problem(f"{data_dir}/sources", "", "", "no source files found"))
    return Curated(notations, vocab, shared, sources)

