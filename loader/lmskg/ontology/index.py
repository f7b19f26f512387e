"""The ontology file, read once: its graph and the notations curated data may use.

Curated records name ontology terms by ``skos:notation``: document types, claim types,
therapy and regimen kinds, context kinds, and the enumerations (directions, measures,
qualifiers, lines, timings, intents, mapping statuses, review statuses, flags).
:func:`load_ontology` collects them per category into a plain
:class:`~lmskg.curated.notations.Notations` for the curated stage, and keeps the graph
for the dataset.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ..curated.contexts import context_kinds
from ..curated.notations import Notations
from ..errors import InputError, Problem
from . import terms as T
from .namespaces import BIBO, LMS


@dataclass(frozen=True)
class OntologyIndex:
    """The ontology graph and its notations; ``lookup`` gives IRIs."""

    graph: Graph
    notations: Notations

    def lookup(self, category: str, notation: str) -> URIRef | None:
        iri = self.notations.lookup(category, notation)
        return URIRef(iri) if iri is not None else None

    def allowed(self, category: str) -> str:
        return self.notations.allowed(category)


def categories() -> dict[str, tuple[URIRef, bool]]:
    """category -> (root class, whether members are its subclasses (else individuals))."""
    out: dict[str, tuple[URIRef, bool]] = {
        "document-type": (BIBO.Document, True),
        "claim-type": (T.Claim, True),
        "therapy-kind": (T.Therapy, True),
        "context-kind": (T.ClinicalContext, True),
        "regimen-kind": (T.Regimen, True),
        "direction": (T.Direction, False),
        "measure": (T.OutcomeMeasure, False),
        "qualifier": (T.Qualifier, False),
        "mapping": (T.MappingStatus, False),
        "review-status": (T.ReviewStatus, False),
        "flag": (T.SourceFlag, False),
        # the enumerations of trial reports (docs/decisions/0010-trial-evidence.md)
        "study-design": (T.StudyDesign, False),
        "phase": (T.TrialPhase, False),
        "blinding": (T.Blinding, False),
        "control": (T.ControlType, False),
        "arm-role": (T.ArmRole, False),
        "endpoint-role": (T.EndpointRole, False),
        "analysis-population": (T.AnalysisPopulation, False),
        "analysis": (T.AnalysisKind, False),
        "assessor": (T.Assessor, False),
        "effect-measure": (T.EffectMeasure, False),
        "significance": (T.Significance, False),
        "grade": (T.AdverseEventGrade, False),
        "route": (T.Route, False),
        "method": (T.AdministrationMethod, False),
        "dose-basis": (T.DoseBasis, False),
        "characteristic-kind": (T.CharacteristicKind, False),
        "registry": (T.TrialRegistry, False),
    }
    for kind in context_kinds():  # context kinds whose values are ontology individuals
        if kind.values_from == "ontology":
            out[kind.key] = (LMS[kind.cls], False)
    return out


def load_ontology(ontology_file: Path) -> OntologyIndex:
    try:
        graph = Graph().parse(ontology_file, format="turtle")
    except OSError as exc:
        raise InputError(Problem(str(ontology_file), "", "", f"cannot read: {exc}")) from exc
    except Exception as exc:  # rdflib raises several parser exception types
        raise InputError(Problem(str(ontology_file), "", "", f"does not parse: {exc}")) from exc
    mismatches = registry_mismatches(graph)
    if mismatches:
        raise InputError([Problem(str(ontology_file), "", "", m, "the context kinds of "
                                  "lmskg/curated/contexts.py and the ontology must agree")
                          for m in mismatches])
    found: dict[str, dict[str, str]] = {}
    for name, (root, subclasses) in categories().items():
        if subclasses:
            members = set(graph.transitive_subjects(RDFS.subClassOf, root)) - {root}
        else:
            members = set(graph.subjects(RDF.type, root))
        found[name] = {str(graph.value(m, SKOS.notation)): str(m) for m in members
                       if isinstance(m, URIRef) and graph.value(m, SKOS.notation) is not None}
    units = {notation: tuple(sorted(str(u) for u in graph.objects(URIRef(iri), T.allowedUnit)))
             for notation, iri in found["measure"].items()}
    return OntologyIndex(graph, Notations(found, units))


def registry_mismatches(graph: Graph) -> list[str]:
    """Where the ontology and the context-kind registry disagree: every kind needs its
    property (a sub-property of lms:context, ranging over its class) and its class (a
    clinical context with the kind's key as notation); every sub-property of lms:context
    needs a kind."""
    out = []
    for kind in context_kinds():
        prop, cls = LMS[kind.prop], LMS[kind.cls]
        if (prop, RDFS.subPropertyOf, T.context) not in graph or \
                (prop, RDF.type, OWL.ObjectProperty) not in graph:
            out.append(f"context kind {kind.key!r}: declare lms:{kind.prop} as an "
                       "owl:ObjectProperty with rdfs:subPropertyOf lms:context")
        if (prop, RDFS.range, cls) not in graph:
            out.append(f"context kind {kind.key!r}: lms:{kind.prop} needs rdfs:range "
                       f"lms:{kind.cls}")
        if (cls, RDFS.subClassOf, T.ClinicalContext) not in graph or \
                (cls, SKOS.notation, Literal(kind.key)) not in graph:
            out.append(f"context kind {kind.key!r}: declare lms:{kind.cls} as a subclass of "
                       f"lms:ClinicalContext with skos:notation \"{kind.key}\"")
    props = {LMS[k.prop] for k in context_kinds()}
    for prop in sorted(set(graph.subjects(RDFS.subPropertyOf, T.context)) - props):
        out.append(f"{prop} is a sub-property of lms:context but no context kind of the "
                   "registry uses it")
    return out
