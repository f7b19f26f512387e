"""A clinical context to triples: one property per context kind (pure; no I/O).

Claims, study populations, subgroups and study characteristics state contexts the same
way (``lms:disease``, ``lms:extent``, ...), read from the one registry of kinds.
"""

from __future__ import annotations

from typing import Iterator

from rdflib import URIRef

from ..curated.contexts import context_kind
from ..curated.structure import Context
from ..ontology.index import OntologyIndex
from ..ontology.namespaces import LMS
from .nodes import Triple
from .vocabulary import term_iri


def context_triples(ontology: OntologyIndex, subject: URIRef,
                    context: Context) -> Iterator[Triple]:
    for key, values in context:
        kind = context_kind(key)
        assert kind is not None
        for v in values:
            value = (ontology.lookup(key, v) if kind.values_from == "ontology"
                     else term_iri("contexts", v))
            yield subject, LMS[kind.prop], value
