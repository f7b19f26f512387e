"""Where a finding about a node of an Oxigraph store belongs: its claim and source.

:func:`lmskg.checks.report.finding` reads a claim's ``lms:source`` from an rdflib graph;
:func:`claim_sources` fetches just those statements from the store, for the nodes that
have findings, so findings of store-based checks are placed as the rdflib-based ones are.
"""

from __future__ import annotations

from typing import Iterable

from rdflib import Graph, URIRef

from ..ontology import terms as T
from ..ontology.namespaces import CLAIM, STUDY
from ..reasoning.scope import Scope, iri, term


def claim_sources(scope: Scope, nodes: Iterable[object]) -> Graph:
    """The ``lms:source`` of every claim the nodes belong to (claim/<id>/... is the claim's)
    and the ``lms:describedIn`` of every study they belong to (study/<id>/... is the study's),
    the statements :func:`lmskg.checks.report.locate` reads."""
    g = Graph()
    nodes = [n for n in nodes if isinstance(n, URIRef)]
    for base, prop in ((CLAIM, T.source), (STUDY, T.describedIn)):
        owners = sorted({base[str(n)[len(base):].split("/")[0]] for n in nodes
                         if str(n).startswith(str(base))}, key=str)
        for start in range(0, len(owners), 500):
            chunk = " ".join(term(c) for c in owners[start:start + 500])
            for row in scope.select(f"SELECT ?c ?s WHERE {{ VALUES ?c {{ {chunk} }} "
                                    f"{scope.asserted('?c', iri(prop), '?s')} }}"):
                g.add((row["c"], prop, row["s"]))
    return g
