"""OWL consistency as check findings: HermiT's verdict, explained when it is 'no'."""

from __future__ import annotations

from rdflib import Graph

from ..reasoning.explain import explain
from ..reasoning.hermit import Inconsistent, classify
from .report import Finding, finding


def owl_findings(data: Graph, onto: Graph) -> list[Finding]:
    """No findings for a consistent graph; else each explanation (individual, its claim
    and source, and the axiom)."""
    merged = Graph()
    merged += onto
    merged += data
    try:
        classify(merged)
        return []
    except Inconsistent:
        pass
    return [finding(merged, "owl", e.subject, f"inconsistent: {e.message}", e.axiom)
            for e in explain(data, onto)]
