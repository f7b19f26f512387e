"""Broader and narrower: regimens (variants, classes) and context terms, as plain sets.

Context values are curated keys: vocabulary terms (``data/vocabulary/contexts.yaml``,
linked by ``broader``) or ontology individuals (lines, timings, intents, linked by
``skos:broader`` in the ontology).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import SKOS

from ..curated.contexts import context_kinds
from ..curated.vocabulary import Vocabulary
from ..ontology.index import OntologyIndex


def _closure(parents: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Every key's ancestors (transitively, itself excluded)."""
    out: dict[str, frozenset[str]] = {}

    def up(key: str, seen: frozenset[str]) -> frozenset[str]:
        if key in out:
            return out[key]
        found: set[str] = set()
        for parent in parents.get(key, ()):
            if parent not in seen:
                found |= {parent} | up(parent, seen | {key})
        out[key] = frozenset(found)
        return out[key]

    for key in parents:
        up(key, frozenset())
    return out


@dataclass(frozen=True)
class Hierarchy:
    """Ancestors of regimens and of context values (per context kind)."""

    regimen_ancestors: dict[str, frozenset[str]]
    regimen_is_class: dict[str, bool]
    context_ancestors: dict[str, dict[str, frozenset[str]]]

    def regimen_up(self, regimen: str) -> frozenset[str]:
        return self.regimen_ancestors.get(regimen, frozenset())

    def context_up(self, kind: str, value: str) -> frozenset[str]:
        return self.context_ancestors.get(kind, {}).get(value, frozenset())


def hierarchy(ontology: OntologyIndex, vocab: Vocabulary) -> Hierarchy:
    therapies = vocab.table("therapies")
    regimens = {rid: r.broader for rid, r in vocab.regimens.items()}
    is_class = {rid: r.kind == "family" or any(
        therapies.get(c) is not None and therapies[c].kind == "drug-class"
        for c in r.components) for rid, r in vocab.regimens.items()}
    contexts: dict[str, dict[str, frozenset[str]]] = {}
    terms = vocab.table("contexts")
    for kind in context_kinds():
        if kind.values_from == "vocabulary":
            parents = {k: t.broader for k, t in terms.items() if t.kind == kind.key}
        else:
            parents = _ontology_parents(ontology, kind.key)
        contexts[kind.key] = _closure(parents)
    return Hierarchy(_closure(regimens), is_class, contexts)


def _ontology_parents(ontology: OntologyIndex, category: str) -> dict[str, tuple[str, ...]]:
    """notation -> broader notations, for the individuals of an ontology category."""
    by_iri = {iri: key for key, iri in ontology.notations.categories.get(category, {}).items()}
    return {key: tuple(sorted(by_iri[str(b)] for b in ontology.graph.objects(URIRef(iri),
                                                                          SKOS.broader)
                              if str(b) in by_iri))
            for iri, key in by_iri.items()}

