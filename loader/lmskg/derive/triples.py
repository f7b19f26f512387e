"""The derived statements as RDF, for the ``graph/derived`` named graph.

Claim types (``lms:claimType``: the most specific claim class, read in one step) and
document types of sources and references (``lms:documentType``), each
claim's context and treatment in short (``lms:contextSummary``, ``lms:treatmentSummary``),
claim dates (``lms:claimDate`` with ``lms:claimDateKind``), not-before bounds of undated
sources, same-origin marks (``lms:likelySameOriginAs``), and one ``lms:ClaimPair`` node per
pair the agreement questions compare. The graph says what made it: the derive activity of
this lmskg version (PROV-O).
"""

from __future__ import annotations

from typing import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDFS, XSD

from ..curated.contexts import in_display_order
from ..curated.corpus import SourceFile
from ..curated.records import Claim, Source
from ..curated.structure import Context
from ..curated.vocabulary import Vocabulary
from ..ontology import terms as T
from ..ontology.index import OntologyIndex
from ..ontology.namespaces import ACTIVITY, AGENT, CLAIM, DERIVED_GRAPH, PAIR
from ..transform.nodes import Triple, date_literal, dec, en, individual, nonneg
from ..transform.source import source_iri
from ..transform.trials import arm_regimen
from ..transform.vocabulary import reference_iri
from ..version import __version__
from .dating import claim_dates, not_before
from .hierarchy import hierarchy
from .origin import same_origin
from .pairs import Pair, claim_pairs, with_independent_sources

ACTIVITY_IRI = ACTIVITY["derive"]
AGENT_IRI = AGENT["lmskg"]
_PAIR_KIND = {"opposite-stances": T.OppositeStances, "same-stance": T.SameStance,
              "two-figures": T.TwoFigures}
_RELATION = {"same-regimen": T.SameRegimen, "variant": T.VariantOfRegimen,
             "class-and-member": T.ClassAndMember}
# the kinds a claim's date can have, by notation (the questions name them the same way:
# sparql.generated writes this table into them)
DATE_KINDS = {"statement": T.StatementDateKind, "published": T.PublishedDateKind,
               "medically-reviewed": T.MedicallyReviewedDateKind,
               "last-updated": T.LastUpdatedDateKind, "not-before": T.NotBeforeDateKind}


UNNAMED = "(unnamed)"  # a therapy the text does not name, in a treatment summary


def pair_iri(first: str, second: str) -> URIRef:
    return PAIR[f"{first}--{second}"]


def derived_triples(ontology: OntologyIndex, vocab: Vocabulary,
                    sources: list[SourceFile]) -> Iterator[Triple]:
    """Every derived statement of a build."""
    yield from _provenance()
    for key in sorted(vocab.references):  # a document's type, read in one step
        ref = vocab.references[key]
        yield reference_iri(ref.id), T.documentType, ontology.lookup("document-type", ref.type)
    dates: dict[str, str] = {}
    for src in sources:
        yield source_iri(src.record.id), T.documentType, \
            ontology.lookup("document-type", src.record.type)
        for claim in src.record.claims:  # its type, read in one step by the questions
            yield CLAIM[claim.id], T.claimType, ontology.lookup("claim-type", claim.type)
            summary = context_summary(claim.context)
            if summary:
                yield CLAIM[claim.id], T.contextSummary, Literal(summary)
            treatment = treatment_summary(src.record, claim)
            if treatment:
                yield CLAIM[claim.id], T.treatmentSummary, Literal(treatment)
        bound = not_before(src, vocab)
        if bound is not None:
            yield source_iri(src.record.id), T.notBefore, date_literal(bound.text)
            yield source_iri(src.record.id), T.notBeforeBasis, en(bound.basis)
        for claim_id, dated in sorted(claim_dates(src, bound).items()):
            dates[claim_id] = dated.text
            yield CLAIM[claim_id], T.claimDate, date_literal(dated.text)
            yield CLAIM[claim_id], T.claimDateKind, DATE_KINDS[dated.kind]
    origins = same_origin(sources)
    pairs = with_independent_sources(
        claim_pairs(sources, hierarchy(ontology, vocab), origins, dates), origins.owner)
    marked = dict(origins.copies)  # near copies, and compared claims that cite one work
    marked.update({(p.first.id, p.second.id): p.origin for p in pairs if p.origin is not None})
    for first, second in sorted(marked):
        yield CLAIM[first], T.likelySameOriginAs, CLAIM[second]
    for pair in pairs:
        yield from _pair(pair)


def context_summary(context: Context) -> str:
    """The notations of a claim's context values, by kind in display order (disease first,
    patient condition last) and then by notation, each once, joined by '; ' ('' for no
    context): what the questions list as a claim's context. A value's notation is its id
    in the record."""
    rank = {k.key: k.display_rank for k in in_display_order()}
    ordered = sorted((rank[key], value) for key, values in context for value in values)
    return "; ".join(dict.fromkeys(value for _, value in ordered))


def treatment_summary(record: Source, claim: Claim) -> str:
    """The regimen a claim is about (its own, or its arm's), else the therapies it names,
    sorted, each once, joined by '; ' ('(unnamed)' for a therapy the text does not name;
    '' for none): what the questions list as a claim's treatment. Notations are ids."""
    regimen = arm_regimen(record, claim)
    if regimen is not None:
        return regimen
    named = set(claim.therapies) | ({UNNAMED} if claim.unnamed_therapy is not None else set())
    return "; ".join(sorted(named))


def _provenance() -> Iterable[Triple]:
    yield from individual(ACTIVITY_IRI, PROV.Activity)
    yield ACTIVITY_IRI, RDFS.label, en("lmskg derive: claim and document types, claims' "
                                       "context and treatment in short, claim dates, "
                                       "same-origin marks, the pairs of claims the "
                                       "agreement questions compare")
    yield ACTIVITY_IRI, PROV.wasAssociatedWith, AGENT_IRI
    yield from individual(AGENT_IRI, PROV.SoftwareAgent)
    yield AGENT_IRI, RDFS.label, Literal(f"lmskg {__version__}")
    yield DERIVED_GRAPH, PROV.wasGeneratedBy, ACTIVITY_IRI


def _pair(p: Pair) -> Iterator[Triple]:
    iri = pair_iri(p.first.id, p.second.id)
    yield from individual(iri, T.ClaimPair)
    yield iri, T.firstClaim, CLAIM[p.first.id]
    yield iri, T.secondClaim, CLAIM[p.second.id]
    yield iri, T.pairKind, _PAIR_KIND[p.kind]
    yield iri, T.regimenRelation, _RELATION[p.relation]
    if p.differences:
        yield iri, T.contextDifference, en("; ".join(p.differences))
    if p.gap is not None:
        yield iri, T.figureGapPercent, dec(p.gap)
    yield iri, T.likelySameOrigin, Literal(p.origin is not None, datatype=XSD.boolean)
    if p.origin is not None:
        yield iri, T.originBasis, en(p.origin.basis)
    if p.independent_sources is not None:
        yield iri, T.independentSources, nonneg(p.independent_sources)
    yield iri, PROV.wasGeneratedBy, ACTIVITY_IRI

