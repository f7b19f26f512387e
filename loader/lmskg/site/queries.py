"""Everything the site reads from the graph: the one module that knows the questions.

The site asks catalogue questions where one answers what a page shows (the sources
overview, everything about a claim, the outcome table, conflicts and corroborations),
so that a page and ``lmskg query NAME`` say the same; a few questions of its own fetch
what no catalogue question returns (labels, anchors with their offsets, the facts of
every curated thing, estimates with confidence intervals). Each answer becomes rows of
plain dataclasses here: when the columns of a question change, this module changes and
no other.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from rdflib import Literal, URIRef

from ..ontology.index import OntologyIndex
from ..ontology.namespaces import ID
from ..sparql.catalogue import CatalogueQuery
from ..sparql.params import bind, bindings_for
from ..sparql.results import Results

Ask = Callable[[str, str], Results]  # (query text, name for messages) -> results

PREFIXES = """PREFIX lms: <https://w3id.org/lmskg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

LABELS = PREFIXES + """
SELECT ?term ?kind ?text WHERE {
  { ?term skos:prefLabel ?text BIND("preferred" AS ?kind) }
  UNION { ?term rdfs:label ?text BIND("label" AS ?kind) }
  UNION { ?term skos:notation ?text BIND("notation" AS ?kind) }
  FILTER(isIRI(?term))
}"""

FACTS = """
SELECT ?subject ?property ?value WHERE {
  ?subject ?property ?value .
  FILTER(STRSTARTS(STR(?subject), "%s"))
}""" % ID

ANCHORS = PREFIXES + """
SELECT ?owner ?anchor ?document ?supports ?start ?end ?exact WHERE {
  { ?owner lms:anchor ?anchor } UNION { ?owner lms:evidencedBy ?anchor }
  ?anchor oa:hasSource ?document ; oa:hasSelector ?position , ?quote .
  ?position oa:start ?start ; oa:end ?end .
  ?quote oa:exact ?exact .
  OPTIONAL { ?anchor lms:supportsProperty ?supports }
}"""

# Trial results: an estimate with its confidence interval on a claim's quantity
# (lms:ciLow and lms:ciHigh, the terms planned for comparative results).
ESTIMATES = PREFIXES + """
SELECT ?claim ?estimate ?ci_low ?ci_high ?unit ?measure WHERE {
  ?claim lms:quantity ?quantity .
  ?quantity lms:ciLow ?ci_low ; lms:ciHigh ?ci_high .
  OPTIONAL { ?quantity lms:value ?estimate }
  OPTIONAL { ?quantity lms:unit ?unit }
  OPTIONAL { ?claim lms:measure ?measure }
}"""


@dataclass(frozen=True)
class Label:
    preferred: str | None
    label: str | None
    notation: str | None


@dataclass(frozen=True)
class SourceRow:
    """One row of ``sources-overview``."""

    iri: str
    title: str
    type: str  # the document type's notation
    dates: tuple[tuple[str, str], ...]  # (kind, date) as the source gives them
    not_before_basis: str
    publisher: str
    reviewer: str
    review_status: str
    flags: tuple[str, ...]  # notations
    claims: int


@dataclass(frozen=True)
class ClaimFact:
    """One row of ``claim-details``: a statement about a claim or one of its parts."""

    claim: str
    via: str  # "" for the claim itself, "anchor", "quantity", "citation <slug>", ...
    property: str
    value: URIRef | Literal


@dataclass(frozen=True)
class Fact:
    subject: str
    property: str
    value: URIRef | Literal


@dataclass(frozen=True)
class AnchorRow:
    owner: str  # the claim, source, reference or citation the anchored text supports
    anchor: str
    document: str  # the source whose text holds it
    supports: str | None  # the metadata property it supports (none for a claim's quote)
    start: int
    end: int
    exact: str


@dataclass(frozen=True)
class OutcomeRow:
    """One row of ``outcome-table``."""

    claim: str
    treatment: str  # the regimen's id, else the therapies' ids ('a; b'), else ''
    measure: str | None
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    qualifiers: tuple[str, ...]
    time_point: str
    context: str
    source: str
    date: str
    date_kind: str
    references: str


@dataclass(frozen=True)
class AgreementRow:
    """One row of ``conflicts`` or ``corroborations``: two claims side by side."""

    kind: str  # "conflict" or "corroboration"
    what: str  # 'for vs against', 'values differ', 'same figure', ...
    standing: str  # a conflict's standing, or a corroboration's independence
    relation: str
    claim_a: str
    claim_b: str
    regimen_a: str | None
    regimen_b: str | None
    figure_a: str
    figure_b: str
    quote_a: str
    quote_b: str
    source_a: str
    source_b: str
    date_a: str
    date_b: str
    date_kind_a: str
    date_kind_b: str
    context_difference: str


@dataclass(frozen=True)
class EstimateRow:
    claim: str
    estimate: Decimal | None
    ci_low: Decimal
    ci_high: Decimal
    unit: str
    measure: str | None


@dataclass(frozen=True)
class SiteData:
    """Every answer the site is made from."""

    labels: dict[str, Label]
    sources: tuple[SourceRow, ...]
    claim_facts: tuple[ClaimFact, ...]
    facts: tuple[Fact, ...]
    anchors: tuple[AnchorRow, ...]
    outcomes: tuple[OutcomeRow, ...]
    agreements: tuple[AgreementRow, ...]
    estimates: tuple[EstimateRow, ...]


def _text(term: object) -> str:
    return "" if term is None else str(term)


def _iri(term: object) -> str | None:
    return str(term) if isinstance(term, URIRef) else None


def _number(term: object) -> Decimal | None:
    return Decimal(str(term)) if isinstance(term, Literal) and str(term) else None


def _split(term: object) -> tuple[str, ...]:
    return tuple(v for v in _text(term).split("; ") if v)


def catalogue_answer(ask: Ask, query: CatalogueQuery, ontology: OntologyIndex,
                     given: dict[str, str] | None = None) -> list[dict[str, object]]:
    """A catalogue question's rows as {column: term}, its parameters at their defaults
    unless given (an empty value leaves a parameter unbound: every value)."""
    text = bind(query.text, bindings_for(query, given or {}, ontology))
    res = ask(text, query.name)
    return [dict(zip(res.variables, row)) for row in res.rows]


def sources(ask: Ask, query: CatalogueQuery, ontology: OntologyIndex) -> tuple[SourceRow, ...]:
    rows = []
    for r in catalogue_answer(ask, query, ontology):
        dates = tuple((kind, _text(r[column])) for kind, column in (
            ("published", "published"), ("last updated", "updated"),
            ("medically reviewed", "reviewed"), ("not before", "not_before"))
            if r.get(column) is not None)
        dates += tuple(("statement", d) for d in _split(r.get("statement_dates")))
        rows.append(SourceRow(str(r["source"]), _text(r["title"]), _text(r["type"]), dates,
                              _text(r["not_before_basis"]), _text(r["publisher"]),
                              _text(r["reviewer"]), _text(r["review_status"]),
                              _split(r["flags"]), int(str(r["claims"] or 0))))
    return tuple(sorted(rows, key=lambda s: s.iri))


def claim_facts(ask: Ask, query: CatalogueQuery, ontology: OntologyIndex,
                claims: set[str]) -> tuple[ClaimFact, ...]:
    """``claim-details`` for every claim at once (its parameter left unbound)."""
    out = []
    for r in catalogue_answer(ask, query, ontology, {"claim": ""}):
        claim = str(r["claim"])
        if claim in claims and r["value"] is not None:
            out.append(ClaimFact(claim, _text(r["via"]), str(r["property"]), r["value"]))
    return tuple(out)


def outcomes(ask: Ask, query: CatalogueQuery, ontology: OntologyIndex
             ) -> tuple[OutcomeRow, ...]:
    return tuple(OutcomeRow(
        str(r["claim"]), _text(r["treatment"]), _iri(r["measure"]), _number(r["value"]),
        _number(r["low"]), _number(r["high"]), _text(r["unit"]), _split(r["qualifiers"]),
        _text(r["time_point"]), _text(r["context"]), str(r["source"]), _text(r["date"]),
        _text(r["date_kind"]), _text(r["references"]))
        for r in catalogue_answer(ask, query, ontology))


def agreements(ask: Ask, conflicts: CatalogueQuery, corroborations: CatalogueQuery,
               ontology: OntologyIndex) -> tuple[AgreementRow, ...]:
    out = []
    for kind, query, what, standing in (("conflict", conflicts, "conflict", "standing"),
                                        ("corroboration", corroborations, "agreement",
                                         "independent")):
        for r in catalogue_answer(ask, query, ontology):
            out.append(AgreementRow(
                kind, _text(r[what]), _text(r[standing]), _text(r["relation"]),
                str(r["claim_a"]), str(r["claim_b"]), _iri(r["regimen_a"]),
                _iri(r["regimen_b"]), _text(r["figure_a"]), _text(r["figure_b"]),
                _text(r["quote_a"]), _text(r["quote_b"]), str(r["source_a"]),
                str(r["source_b"]), _text(r["date_a"]), _text(r["date_b"]),
                _text(r["date_kind_a"]), _text(r["date_kind_b"]),
                _text(r["context_difference"])))
    return tuple(out)


def labels(ask: Ask) -> dict[str, Label]:
    """Each term's preferred label, label and notation (the least of each, when a term
    has several, so that the choice does not depend on the engine's order)."""
    found: dict[str, dict[str, str]] = {}
    for term, kind, text in ask(LABELS, "site labels").rows:
        known = found.setdefault(str(term), {})
        if str(kind) not in known or str(text) < known[str(kind)]:
            known[str(kind)] = str(text)
    return {term: Label(k.get("preferred"), k.get("label"), k.get("notation"))
            for term, k in found.items()}


def facts(ask: Ask) -> tuple[Fact, ...]:
    """Every statement about a curated thing (an IRI under /id/), in any graph."""
    return tuple(Fact(str(s), str(p), o) for s, p, o in ask(FACTS, "site facts").rows
                 if isinstance(s, URIRef))


def anchors(ask: Ask) -> tuple[AnchorRow, ...]:
    return tuple(AnchorRow(str(owner), str(anchor), str(document), _iri(supports),
                           int(str(start)), int(str(end)), str(exact))
                 for owner, anchor, document, supports, start, end, exact
                 in ask(ANCHORS, "site anchors").rows)


def estimates(ask: Ask) -> tuple[EstimateRow, ...]:
    out = []
    for claim, estimate, low, high, unit, measure in ask(ESTIMATES, "site estimates").rows:
        out.append(EstimateRow(str(claim), _number(estimate), _number(low) or Decimal(0),
                               _number(high) or Decimal(0), _text(unit), _iri(measure)))
    return tuple(out)


def read_site_data(ask: Ask, catalogue: dict[str, CatalogueQuery],
                   ontology: OntologyIndex) -> SiteData:
    """Ask every question the site needs, once."""
    all_facts = facts(ask)
    claim_iris = {f.subject for f in all_facts
                  if f.property == "https://w3id.org/lmskg/ontology#source"
                  and f.subject.startswith(str(ID) + "claim/")}
    return SiteData(
        labels=labels(ask),
        sources=sources(ask, catalogue["sources-overview"], ontology),
        claim_facts=claim_facts(ask, catalogue["claim-details"], ontology, claim_iris),
        facts=all_facts,
        anchors=anchors(ask),
        outcomes=outcomes(ask, catalogue["outcome-table"], ontology),
        agreements=agreements(ask, catalogue["conflicts"], catalogue["corroborations"],
                              ontology),
        estimates=estimates(ask))
