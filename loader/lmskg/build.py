"""Curated data to a verified rdflib Dataset.

:func:`load_curated` reads and checks every input and raises one
:class:`~lmskg.errors.InputError` listing every problem; :func:`build_dataset`
turns checked records into named graphs: the ontology, the shared vocabulary,
and one graph per source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from . import yamlio
from .config import Config
from .corpus import read_document
from .crosswalk import SharedVocab, load_shared_vocab
from .errors import InputError, Problem
from .namespaces import ONTOLOGY_GRAPH, VOCABULARY_GRAPH, source_graph
from .schema import CLAIM, SOURCE, check
from .source_rdf import source_triples
from .store import new_dataset
from .validate import Checker, SourceFile
from .vocab_rdf import all_different, term_iri, vocabulary_triples
from .vocabulary import OntologyIndex, Vocabulary, load_ontology, load_vocabulary


@dataclass(frozen=True)
class Curated:
    """Every checked input of a build."""

    ontology: OntologyIndex
    vocab: Vocabulary
    shared: SharedVocab
    sources: list[SourceFile]


def source_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "sources").glob("*.yaml"))


def load_curated(config: Config) -> Curated:
    """Read, check and return the curated data; raise InputError listing every problem."""
    problems: list[Problem] = []
    if not config.data_dir.is_dir():
        raise InputError(Problem(str(config.data_dir), "", "", "data directory not found",
                                 "pass --data DIR"))
    if not config.corpus_dir.is_dir():
        raise InputError(Problem(str(config.corpus_dir), "", "", "corpus directory not found",
                                 "pass --corpus DIR, or set LMSKG_CORPUS (CORPUS= for make)"))
    ontology = load_ontology(config.ontology_file)
    shared = load_shared_vocab(config.vocab_dir)
    vocab = load_vocabulary(config.data_dir, ontology, problems)
    checker = Checker(ontology, vocab, shared)
    checker.check_vocabulary()

    sources: list[SourceFile] = []
    seen_ids: dict[str, str] = {}
    seen_claims: dict[str, str] = {}
    for path in source_files(config.data_dir):
        display = yamlio.display(path)
        try:
            rec = yamlio.load(path, display)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        found = check(SOURCE, rec, display, path.stem)
        problems.extend(found)
        if not isinstance(rec, dict) or any(p.record == path.stem for p in found):
            continue  # the source itself is malformed; its claims cannot be placed
        sid = rec["id"]
        if sid in seen_ids:
            problems.append(Problem(display, sid, "id", f"duplicate source id (also in "
                                    f"{seen_ids[sid]})"))
            continue
        seen_ids[sid] = display
        rec = dict(rec, claims=[c for c in rec["claims"] if not check(CLAIM, c, display, "")])
        try:
            doc = read_document(config.corpus_dir, rec["file"])
        except InputError as exc:
            problems.extend(Problem(display, sid, "file", p.message, p.hint)
                            for p in exc.problems)
            doc = None
        src = SourceFile(display, rec, doc)
        checker.check_source(src, seen_claims)
        sources.append(src)
    problems.extend(checker.problems)
    if problems:
        raise InputError(problems)
    if not sources:
        raise InputError(Problem(f"{config.data_dir}/sources", "", "", "no source files found"))
    return Curated(ontology, vocab, shared, sources)


def build_dataset(curated: Curated, store: str = "memory") -> Dataset:
    """The dataset: ontology graph, vocabulary graph and one graph per source."""
    ds = new_dataset(store)
    og = ds.graph(ONTOLOGY_GRAPH)
    for triple in curated.ontology.graph:
        og.add(triple)
    vg = ds.graph(VOCABULARY_GRAPH)
    for triple in vocabulary_triples(curated.ontology, curated.vocab):
        vg.add(triple)
    therapies = sorted(term_iri("therapies", k) for k in curated.vocab.terms.get("therapies", {}))
    if len(therapies) > 1:
        vg += all_different(therapies)
    for src in curated.sources:
        sg = ds.graph(source_graph(src.record["id"]))
        for triple in source_triples(curated.ontology, src):
            sg.add(triple)
    return ds
