"""The kinds of clinical context a claim can state: the one registry.

Every stage reads this list and nothing else: the curated schema (one list field per
kind on a claim), validation (where a kind's values come from), the RDF transform (the
property each kind becomes), query parameters (one id type per vocabulary kind), the
evidence table (which column a kind fills) and the catalogue queries (the generated
blocks that order and compare contexts, see :mod:`lmskg.sparql.generated`).

The ontology declares each kind's property and class for reasoners (``ontology/
lmskg.ttl``); a test fails, naming what to add, when the two disagree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContextKind:
    """One kind of clinical context."""

    key: str  # field name in curated claims, parameter type, the class's skos:notation
    prop: str  # local name of the lms: property a claim states it with
    cls: str  # local name of the lms: class of its values
    values_from: str  # "vocabulary" (data/vocabulary/contexts.yaml) or "ontology" (individuals)
    display_rank: int  # where it is listed in answers (disease first, condition last)
    linked: bool  # values are linked by skos:broader, so two claims can be compared on it
    csv_column: str  # the column of build/evidence.csv it fills: "disease" or "setting"
    description: str  # what a curator writes in the field
    param_doc: str  # what a query parameter of this kind takes


CONTEXT_KINDS: tuple[ContextKind, ...] = (
    ContextKind("disease", "disease", "Disease", "vocabulary", 1, True, "disease",
                "Disease context (data/vocabulary/contexts.yaml, kind disease).",
                "a disease id (data/vocabulary/contexts.yaml, kind disease)"),
    ContextKind("extent", "extent", "DiseaseExtent", "vocabulary", 3, False, "setting",
                "Extent or stage context.",
                "an extent or stage id (data/vocabulary/contexts.yaml, kind extent)"),
    ContextKind("line", "lineOfTherapy", "LineOfTherapy", "ontology", 6, True, "setting",
                "Line of therapy (ontology: first-line, second-line, later-line).",
                "a line of therapy of the ontology (first-line, second-line, later-line)"),
    ContextKind("timing", "timing", "TreatmentTiming", "ontology", 7, True, "setting",
                "Timing (adjuvant, neoadjuvant, postoperative).",
                "a timing of the ontology (adjuvant, neoadjuvant, postoperative)"),
    ContextKind("intent", "intent", "TreatmentIntent", "ontology", 8, True, "setting",
                "Intent (curative, palliative).",
                "an intent of the ontology (curative, palliative)"),
    ContextKind("biomarker", "biomarker", "Biomarker", "vocabulary", 5, True, "setting",
                "Biomarker context.",
                "a biomarker id (data/vocabulary/contexts.yaml, kind biomarker)"),
    ContextKind("site", "site", "AnatomicSite", "vocabulary", 2, True, "setting",
                "Anatomical site context.",
                "an anatomical-site id (data/vocabulary/contexts.yaml, kind site)"),
    ContextKind("risk", "riskGroup", "RiskGroup", "vocabulary", 4, False, "setting",
                "Risk group context (poor prognosis, aggressive disease).",
                "a risk-group id (data/vocabulary/contexts.yaml, kind risk)"),
    ContextKind("condition", "patientCondition", "PatientCondition", "vocabulary", 9, True,
                "setting", "Condition of the patient (a known hypersensitivity, pregnancy, "
                "breastfeeding), e.g. of a contraindication.",
                "a patient-condition id (data/vocabulary/contexts.yaml, kind condition)"),
)


def context_kinds() -> tuple[ContextKind, ...]:
    """The registry, in the order curated files list the kinds."""
    return CONTEXT_KINDS


def context_kind(key: str) -> ContextKind | None:
    return next((k for k in CONTEXT_KINDS if k.key == key), None)


def vocabulary_kinds() -> tuple[str, ...]:
    """Keys of the kinds whose values are terms of data/vocabulary/contexts.yaml."""
    return tuple(k.key for k in CONTEXT_KINDS if k.values_from == "vocabulary")


def in_display_order() -> tuple[ContextKind, ...]:
    return tuple(sorted(CONTEXT_KINDS, key=lambda k: k.display_rank))
