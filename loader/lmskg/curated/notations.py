"""What the ontology lets curated records say: notations by category.

Curated files name ontology terms by their ``skos:notation`` ('outcome', 'first-line',
'response-rate'). The ontology is read elsewhere (:mod:`lmskg.ontology.index`, which
needs rdflib); this plain table is all the curated stage sees of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Notations:
    """category -> notation -> IRI, and the units each outcome measure allows."""

    categories: dict[str, dict[str, str]]
    measure_units: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def lookup(self, category: str, notation: str) -> str | None:
        return self.categories.get(category, {}).get(notation)

    def allowed(self, category: str) -> str:
        """The notations of a category, for messages."""
        return ", ".join(sorted(self.categories.get(category, {})))

    def units_for(self, measure: str) -> tuple[str, ...]:
        return self.measure_units.get(measure, ())
