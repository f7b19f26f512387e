"""``lmskg query NAME --values PARAM``: the values a parameter takes, with their labels.

Ids of curated records are read from the graph that answers (with the class a kind of
id requires: a biomarker parameter lists biomarkers only); enumerations and the kinds of
therapy come from the ontology; other types say what they take.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from ..errors import QueryError
from ..ontology.index import OntologyIndex
from .answer import Answerer
from .catalogue import CatalogueQuery
from .lookup import CLASS_VALUES
from .params import enum_types, id_namespace, kind_classes, type_docs

IDS = """SELECT DISTINCT ?id ?label WHERE {
  ?term <http://www.w3.org/2004/02/skos/core#notation> ?id .
  FILTER(STRSTARTS(STR(?term), %s))
  %s
  OPTIONAL { ?term <http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2000/01/rdf-schema#label> ?label }
} ORDER BY ?id ?label"""


def _ontology_labels(ontology: OntologyIndex, category: str) -> list[tuple[str, str]]:
    out = []
    for notation, iri in sorted(ontology.notations.categories.get(category, {}).items()):
        label = ontology.graph.value(URIRef(iri), SKOS.prefLabel) or \
            ontology.graph.value(URIRef(iri), RDFS.label)
        out.append((notation, str(label) if label is not None else ""))
    return out


def values_of(query: CatalogueQuery, name: str, answerer: Answerer,
              ontology: OntologyIndex) -> tuple[str, list[tuple[str, str]]]:
    """(what the parameter takes, [(value, label), ...]) for a parameter of a question."""
    param = query.param(name)
    if param is None:
        known = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {name!r} (parameters: {known})")
    doc = type_docs().get(param.type, param.type)
    if param.type == "choice":
        return doc, [(c, "") for c in param.choices]
    if param.type == "boolean":
        return doc, [("true", ""), ("false", "")]
    if param.type in enum_types():
        return doc, _ontology_labels(ontology, param.type)
    ns = id_namespace(param.type)
    if ns is None:
        return doc, []
    classes = kind_classes().get(param.type)
    typed = ("VALUES ?class { %s } ?term a ?class ." % " ".join(c.n3() for c in classes)
             if classes else "")
    res = answerer.select(IDS % (Literal(str(ns)).n3(), typed), "values")
    seen: dict[str, str] = {}
    for ident, label in res.rows:
        if ident is not None and "/" not in str(ident):
            seen.setdefault(str(ident), str(label) if label is not None else "")
    found = sorted(seen.items())
    category = CLASS_VALUES.get(param.type)
    if category is not None:
        known = {v for v, _ in found}
        found += [(v, f"{label} (a kind: all its members)")
                  for v, label in _ontology_labels(ontology, category) if v not in known]
    return doc, found
