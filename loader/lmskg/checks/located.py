"""Where a finding about a node of an Oxigraph store belongs: its claim and source.

:func:`lmskg.checks.report.finding` reads a claim's ``lms:source`` from an rdflib graph;
:func:`claim_sources` fetches just those statements from the store, for the nodes that
have findings, so findings of store-based checks are placed as the rdflib-based ones are.
"""

from __future__ import annotations

from typing import Iterable

from rdflib import Graph, URIRef

from ..ontology import terms as T
from ..ontology.namespaces import CLAIM
from ..reasoning.scope import Scope, iri, term


def claim_sources(scope: Scope, nodes: Iterable[object]) -> Graph:
    """The ``lms:source`` of every claim the nodes belong to (claim/<id>/... is the claim's)."""
    g = Graph()
    claims = sorted({CLAIM[str(n)[len(CLAIM):].split("/")[0]] for n in nodes
                     if isinstance(n, URIRef) and str(n).startswith(str(CLAIM))}, key=str)
    for start in range(0, len(claims), 500):
        chunk = " ".join(term(c) for c in claims[start:start + 500])
        for row in scope.select(f"SELECT ?c ?s WHERE {{ VALUES ?c {{ {chunk} }} "
                                f"{scope.asserted('?c', iri(T.source), '?s')} }}"):
            g.add((row["c"], T.source, row["s"]))
    return g
