"""What the curated records may refer to: ontology notations and curated terms.

Two registries, both read-only once built:

- :class:`OntologyIndex`: the notations (``skos:notation``) of the ontology's
  classes and enumeration individuals, per category (document types, claim
  types, therapy kinds, directions, measures, lines of therapy, ...).
- :class:`Vocabulary`: the curated terms of ``data/vocabulary/*.yaml``
  (therapies, regimens, contexts, effects, tools, factors) and the references
  of ``data/references.yaml``, as plain records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from . import terms as T
from . import yamlio
from .errors import InputError, Problem
from .namespaces import BIBO
from .schema import REFERENCE, REGIMEN, TERM, check


@dataclass(frozen=True)
class OntologyIndex:
    """Notation -> IRI maps for every category the curated data uses."""

    graph: Graph
    categories: dict[str, dict[str, URIRef]]

    def lookup(self, category: str, notation: str) -> URIRef | None:
        return self.categories[category].get(notation)

    def allowed(self, category: str) -> str:
        return ", ".join(sorted(self.categories[category]))


# category name -> (root class, whether members are subclasses (True) or individuals)
_CATEGORIES: dict[str, tuple[URIRef, bool]] = {
    "document-type": (BIBO.Document, True),
    "claim-type": (T.Claim, True),
    "therapy-kind": (T.Therapy, True),
    "context-kind": (T.ClinicalContext, True),
    "regimen-kind": (T.Regimen, True),
    "direction": (T.Direction, False),
    "measure": (T.OutcomeMeasure, False),
    "qualifier": (T.Qualifier, False),
    "line": (T.LineOfTherapy, False),
    "timing": (T.TreatmentTiming, False),
    "intent": (T.TreatmentIntent, False),
    "mapping": (T.MappingStatus, False),
    "review-status": (T.ReviewStatus, False),
    "flag": (T.SourceFlag, False),
}


def load_ontology(ontology_file: Path) -> OntologyIndex:
    try:
        graph = Graph().parse(ontology_file, format="turtle")
    except OSError as exc:
        raise InputError(Problem(str(ontology_file), "", "", f"cannot read: {exc}")) from exc
    except Exception as exc:  # rdflib raises several parser exception types
        raise InputError(Problem(str(ontology_file), "", "", f"does not parse: {exc}")) from exc
    categories: dict[str, dict[str, URIRef]] = {}
    for name, (root, subclasses) in _CATEGORIES.items():
        found: dict[str, URIRef] = {}
        if subclasses:
            members = set(graph.transitive_subjects(RDFS.subClassOf, root)) - {root}
        else:
            members = set(graph.subjects(RDF.type, root))
        for member in members:
            notation = graph.value(member, SKOS.notation)
            if isinstance(member, URIRef) and notation is not None:
                found[str(notation)] = member
        categories[name] = found
    return OntologyIndex(graph, categories)


# Vocabulary files: file stem -> (schema, the categories of 'kind' it allows)
VOCABULARY_FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "therapies": ("therapy-kind", ()),
    "contexts": ("context-kind", ("disease", "extent", "biomarker", "site", "risk")),
    "effects": ("fixed", ("adverse-effect",)),
    "tools": ("fixed", ("prognostic-tool",)),
    "factors": ("fixed", ("factor",)),
}


@dataclass
class Vocabulary:
    """Curated terms by file stem and id, and where each was defined."""

    terms: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    regimens: dict[str, dict[str, Any]] = field(default_factory=dict)
    references: dict[str, dict[str, Any]] = field(default_factory=dict)
    origin: dict[tuple[str, str], str] = field(default_factory=dict)

    def term(self, stem: str, key: str) -> dict[str, Any] | None:
        return self.terms.get(stem, {}).get(key)

    def context_kind(self, key: str) -> str | None:
        record = self.terms.get("contexts", {}).get(key)
        return record["kind"] if record else None


def _read_list(path: Path, display: str, problems: list[Problem]) -> list[dict[str, Any]]:
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


def load_vocabulary(data_dir: Path, ontology: OntologyIndex,
                    problems: list[Problem]) -> Vocabulary:
    """Read and structurally check every vocabulary file; append problems."""
    vocab = Vocabulary()
    vdir = data_dir / "vocabulary"
    for stem, (category, kinds) in VOCABULARY_FILES.items():
        display = yamlio.display(vdir / f"{stem}.yaml")
        records = _read_list(vdir / f"{stem}.yaml", display, problems)
        table: dict[str, dict[str, Any]] = {}
        for i, record in enumerate(records):
            rid = str(record.get("id", f"#{i + 1}")) if isinstance(record, dict) else f"#{i + 1}"
            found = check(TERM, record, display, rid)
            problems.extend(found)
            if found:
                continue
            kind = record["kind"]
            allowed = (kinds if category == "fixed" else
                       tuple(k for k in ontology.categories[category] if not kinds or k in kinds))
            if kind not in allowed:
                problems.append(Problem(display, rid, "kind", f"unknown kind {kind!r}",
                                        f"allowed here: {', '.join(sorted(allowed))}"))
            if rid in table:
                problems.append(Problem(display, rid, "id", "duplicate id"))
            table[rid] = record
            vocab.origin[(stem, rid)] = display
        vocab.terms[stem] = table

    display = yamlio.display(vdir / "regimens.yaml")
    for i, record in enumerate(_read_list(vdir / "regimens.yaml", display, problems)):
        rid = str(record.get("id", f"#{i + 1}")) if isinstance(record, dict) else f"#{i + 1}"
        found = check(REGIMEN, record, display, rid)
        problems.extend(found)
        if found:
            continue
        if rid in vocab.regimens:
            problems.append(Problem(display, rid, "id", "duplicate id"))
        vocab.regimens[rid] = record
        vocab.origin[("regimens", rid)] = display

    display = yamlio.display(data_dir / "references.yaml")
    for i, record in enumerate(_read_list(data_dir / "references.yaml", display, problems)):
        rid = str(record.get("id", f"#{i + 1}")) if isinstance(record, dict) else f"#{i + 1}"
        found = check(REFERENCE, record, display, rid)
        problems.extend(found)
        if found:
            continue
        if rid in vocab.references:
            problems.append(Problem(display, rid, "id", "duplicate id"))
        vocab.references[rid] = record
        vocab.origin[("references", rid)] = display
    return vocab
