"""OWL consistency as check findings, by rules in the store (no HermiT): the scalable
counterpart of :mod:`.owl`, with findings of the same form (the individual, its claim
and source, the axiom)."""

from __future__ import annotations

import pyoxigraph as ox

from ..reasoning.rules import Reasoner
from ..reasoning.consistency import explanations
from .located import claim_sources
from .report import Finding, finding


def owl_rule_findings(store: ox.Store, exclude: frozenset | None = None,
                      reasoner: Reasoner | None = None) -> list[Finding]:
    """No findings for a consistent graph; else one per contradiction the rules find.
    Give a ``reasoner`` whose work graphs are filled to reuse them (it is left open)."""
    if reasoner is None:
        with Reasoner(store, exclude) as own:
            return owl_rule_findings(store, exclude, own)
    found = explanations(reasoner)
    located = claim_sources(reasoner.scope, (e.subject for e in found))
    return [finding(located, "owl", e.subject, f"inconsistent: {e.message}", e.axiom)
            for e in found]
