"""A source's studies, and the trial fields of its claims, to RDF (pure; no I/O).

A study is a study as one source describes it (docs/decisions/0010-trial-evidence.md):
``id/study/<id>``, with its arms (``.../arm/<key>``), their administrations
(``.../arm/<key>/administration/<key>``), subgroups, endpoints and characteristics below it,
all in the source's named graph. Every value the text states gets an anchor
(``lms:evidencedBy``, like a source's title) saying which properties it supports.
"""

from __future__ import annotations

from typing import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS, XSD

from ..curated.corpus import Document
from ..curated.records import Claim, Quantity, Source
from ..curated.structure import Context
from ..curated.studies import Administration, Arm, Study
from ..ontology import terms as T
from ..ontology.index import OntologyIndex
from ..ontology.namespaces import CITO, CLAIM, REGIMEN, REGISTRY_PREFIXES, STUDY, THERAPY, slug
from .contexts import context_triples
from .nodes import Triple, date_literal, dec, en, individual, metadata_anchor, nonneg, quantity

Cited = dict[str, tuple[URIRef, URIRef | None]]  # marker -> (citation, reference it cites)


def study_iri(study_id: str) -> URIRef:
    return STUDY[study_id]


def arm_iri(study_id: str, key: str) -> URIRef:
    return URIRef(f"{STUDY[study_id]}/arm/{key}")


def subgroup_iri(study_id: str, key: str) -> URIRef:
    return URIRef(f"{STUDY[study_id]}/subgroup/{key}")


def registry_record_iri(registry: str, identifier: str) -> URIRef:
    return URIRef(REGISTRY_PREFIXES[registry] + identifier)


def positive(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.positiveInteger)


def arm_regimen(rec: Source, c: Claim) -> str | None:
    """The regimen a claim is about: its own, else (for a result of one arm) the arm's."""
    if c.regimen is not None or c.type == "comparative-result":
        return c.regimen
    study = rec.study(c.study)
    arm = study.arm(c.arm) if study is not None else None
    return arm.regimen if arm is not None else None


# -- studies ---------------------------------------------------------------------------------

def study_triples(ontology: OntologyIndex, src: URIRef, doc: Document, s: Study,
                  cited: Cited) -> Iterator[Triple]:
    iri = study_iri(s.id)
    yield from individual(iri, T.Study)
    yield iri, RDFS.label, en(s.label)
    yield iri, SKOS.notation, Literal(s.id)
    yield iri, T.describedIn, src
    yield from metadata_anchor(iri, src, doc, "study", s, T.describedIn)
    for n in s.names:
        yield iri, SKOS.altLabel, Literal(n.value)
        yield from metadata_anchor(iri, src, doc, f"name-{slug(n.value)}", n, SKOS.altLabel)
    for r in s.registry_ids:
        record = registry_record_iri(r.registry, r.value)
        yield iri, T.registeredAs, record
        yield from individual(record, T.RegistryRecord)
        yield record, T.registry, ontology.lookup("registry", r.registry)
        yield record, SKOS.notation, Literal(r.value)
        yield record, RDFS.label, Literal(r.value)
        yield from metadata_anchor(iri, src, doc, f"registry-{slug(r.value)}", r,
                                   T.registeredAs)
    for d in s.design:
        yield iri, T.studyDesign, ontology.lookup("study-design", d.value)
        yield from metadata_anchor(iri, src, doc, f"design-{d.value}", d, T.studyDesign)
    for name, prop, category in (("phase", T.phase, "phase"),
                                 ("blinding", T.blinding, "blinding")):
        stated = getattr(s, name)
        if stated is not None:
            yield iri, prop, ontology.lookup(category, stated.value)
            yield from metadata_anchor(iri, src, doc, name, stated, prop)
    for c in s.control:
        yield iri, T.control, ontology.lookup("control", c.value)
        yield from metadata_anchor(iri, src, doc, f"control-{c.value}", c, T.control)
    for name, prop in (("enrolled", T.enrolledCount), ("randomised", T.randomisedCount)):
        count = getattr(s, name)
        if count is not None:
            yield iri, prop, nonneg(count.value)
            yield from metadata_anchor(iri, src, doc, name, count, prop)
    weights: dict[str, str] = {}
    if s.allocation_ratio is not None:
        ratio = s.allocation_ratio
        weights = dict(zip(ratio.arms, ratio.value.split(":")))
        yield iri, T.allocationRatio, Literal(ratio.value)
        yield from metadata_anchor(iri, src, doc, "allocation-ratio", ratio, T.allocationRatio,
                                   T.allocationWeight)
    if s.crossover is not None:
        yield iri, T.crossoverAllowed, Literal(s.crossover.value)
        yield from metadata_anchor(iri, src, doc, "crossover", s.crossover, T.crossoverAllowed)
    for i, pop in enumerate(s.population, 1):
        found = list(context_triples(ontology, iri, pop.context))
        found += [(iri, T.priorTherapy, THERAPY[t]) for t in pop.prior_therapies]
        found += [(iri, T.priorTherapy, REGIMEN[r]) for r in pop.prior_regimens]
        found += [(iri, T.excludedPriorTherapy, THERAPY[t]) for t in pop.excluded_prior_therapies]
        if pop.min_prior_regimens is not None:
            found.append((iri, T.minPriorRegimens, nonneg(pop.min_prior_regimens)))
        yield from found
        props = sorted({p for _, p, _ in found})
        yield from metadata_anchor(iri, src, doc, f"population-{i}", pop, *props)
    for ch in s.characteristics:
        key = ch.kind + "".join(f"-{d}" for d in ch.disease)
        node = URIRef(f"{iri}/characteristic/{key}")
        yield from individual(node, T.StudyCharacteristic)
        yield iri, T.characteristic, node
        yield node, T.characteristicKind, ontology.lookup("characteristic-kind", ch.kind)
        yield node, T.figure, URIRef(f"{node}/figure")
        yield from _quantity(ontology, URIRef(f"{node}/figure"), ch)
        yield from context_triples(ontology, node, _diseases(ch.disease))
        yield from metadata_anchor(node, src, doc, "figure", ch, T.figure)
    if s.follow_up is not None:
        f = s.follow_up
        node = URIRef(f"{iri}/follow-up")
        yield iri, T.followUp, node
        yield from _quantity(ontology, node, f)
        if f.spread is not None:
            spread = URIRef(f"{node}/{f.spread}")
            yield node, T.interquartileRange if f.spread == "iqr" else T.observedRange, spread
            yield from quantity(spread, Quantity(low=f.spread_low, high=f.spread_high,
                                                 unit=f.unit))
        yield from metadata_anchor(iri, src, doc, "follow-up", f, T.followUp)
    if s.recruitment is not None:
        r = s.recruitment
        yield iri, T.recruitmentStart, date_literal(r.start_date)
        props = [T.recruitmentStart]
        if r.end_date is not None:
            yield iri, T.recruitmentEnd, date_literal(r.end_date)
            props.append(T.recruitmentEnd)
        yield from metadata_anchor(iri, src, doc, "recruitment", r, *props)
    for e in s.endpoints:
        node = URIRef(f"{iri}/endpoint/{e.measure}")
        yield from individual(node, T.Endpoint)
        yield iri, T.endpoint, node
        yield node, T.measure, ontology.lookup("measure", e.measure)
        yield node, T.endpointRole, ontology.lookup("endpoint-role", e.role)
        if e.analysis_population is not None:
            yield node, T.analysisPopulation, ontology.lookup("analysis-population",
                                                              e.analysis_population)
        yield from metadata_anchor(node, src, doc, "endpoint", e, T.endpointRole)
    for arm in s.arms:
        yield from _arm(ontology, src, doc, s, arm, weights.get(arm.key))
    for g in s.subgroups:
        node = subgroup_iri(s.id, g.key)
        yield from individual(node, T.Subgroup)
        yield node, RDFS.label, en(g.label)
        yield node, SKOS.notation, Literal(g.key)
        yield node, T.subgroupOfStudy, iri
        found = list(context_triples(ontology, node, g.context))
        yield from found
        yield from metadata_anchor(node, src, doc, "subgroup", g, T.subgroupOfStudy,
                                   *sorted({p for _, p, _ in found}))
        if g.size is not None:
            yield node, T.participants, nonneg(g.size.value)
            yield from metadata_anchor(node, src, doc, "size", g.size, T.participants)
        if g.note is not None:
            yield node, SKOS.note, en(g.note)
    for i, c in enumerate(s.cites, 1):
        citation, reference = cited[c.value]
        yield iri, T.citation, citation
        if reference is not None:
            yield iri, CITO.cites, reference
        yield from metadata_anchor(iri, src, doc, f"cites-{i}", c, T.citation)
    for other in s.same_study_as:
        yield iri, T.sameStudyAs, study_iri(other)
    if s.note is not None:
        yield iri, SKOS.note, en(s.note)


def _arm(ontology: OntologyIndex, src: URIRef, doc: Document, s: Study, arm: Arm,
         weight: str | None) -> Iterator[Triple]:
    iri = arm_iri(s.id, arm.key)
    yield from individual(iri, T.StudyArm)
    yield iri, RDFS.label, en(arm.label)
    yield iri, SKOS.notation, Literal(arm.key)
    yield iri, T.armOf, study_iri(s.id)
    yield study_iri(s.id), T.hasArm, iri
    yield iri, T.regimen, REGIMEN[arm.regimen]
    yield from metadata_anchor(iri, src, doc, "arm", arm, T.armOf, T.regimen)
    if weight is not None:
        yield iri, T.allocationWeight, positive(int(weight))
    if arm.role is not None:
        yield iri, T.armRole, ontology.lookup("arm-role", arm.role.value)
        yield from metadata_anchor(iri, src, doc, "role", arm.role, T.armRole)
    if arm.size is not None:
        yield iri, T.armSize, nonneg(arm.size.value)
        yield from metadata_anchor(iri, src, doc, "size", arm.size, T.armSize)
    for a in arm.administrations:
        yield from _administration(ontology, src, doc, iri, arm, a)
    if arm.note is not None:
        yield iri, SKOS.note, en(arm.note)


def _administration(ontology: OntologyIndex, src: URIRef, doc: Document, arm_node: URIRef,
                    arm: Arm, a: Administration) -> Iterator[Triple]:
    iri = URIRef(f"{arm_node}/administration/{a.key}")
    yield from individual(iri, T.Administration)
    yield arm_node, T.administration, iri
    yield iri, RDFS.label, en(f"{arm.label}: {a.key}")
    yield iri, T.agent, THERAPY[a.agent]
    yield from metadata_anchor(iri, src, doc, "agent", a, T.agent)
    for i, d in enumerate(a.doses, 1):
        node = URIRef(f"{iri}/dose/{i}")
        yield iri, T.doseQuantity, node
        yield from quantity(node, Quantity(value=d.value, low=d.low, high=d.high, unit=d.unit))
        if d.basis is not None:
            yield node, T.doseBasis, ontology.lookup("dose-basis", d.basis)
        yield from metadata_anchor(iri, src, doc, f"dose-{i}", d, T.doseQuantity)
    for name, prop, category in (("route", T.route, "route"), ("method", T.method, "method")):
        stated = getattr(a, name)
        if stated is not None:
            yield iri, prop, ontology.lookup(category, stated.value)
            yield from metadata_anchor(iri, src, doc, name, stated, prop)
    if a.days is not None:
        for day in a.days.value:
            yield iri, T.cycleDay, positive(day)
        yield from metadata_anchor(iri, src, doc, "days", a.days, T.cycleDay)
    for name, prop in (("duration", T.duration), ("dose_interval", T.doseInterval),
                       ("cycle_length", T.cycleLength)):
        q = getattr(a, name)
        if q is not None:
            node = URIRef(f"{iri}/{name.replace('_', '-')}")
            yield iri, prop, node
            yield from _quantity(ontology, node, q)
            yield from metadata_anchor(iri, src, doc, name.replace("_", "-"), q, prop)
    if a.max_cycles is not None:
        yield iri, T.maxCycles, positive(a.max_cycles.value)
        yield from metadata_anchor(iri, src, doc, "max-cycles", a.max_cycles, T.maxCycles)
    for name, prop in (("maintenance", T.maintenance), ("supportive", T.supportive)):
        flag = getattr(a, name)
        if flag is not None:
            yield iri, prop, Literal(flag.value)
            yield from metadata_anchor(iri, src, doc, name, flag, prop)
    for other in a.alternative_to:
        yield iri, T.alternativeTo, URIRef(f"{arm_node}/administration/{other}")
    if a.note is not None:
        yield iri, SKOS.note, en(a.note)


def _quantity(ontology: OntologyIndex, node: URIRef, q: object) -> Iterator[Triple]:
    """A quantity node of a stated figure (value or range, unit, qualifiers)."""
    yield from quantity(node, Quantity(value=q.value, low=q.low, high=q.high, unit=q.unit),
                        tuple(ontology.lookup("qualifier", x) for x in q.qualifiers))


def _diseases(ids: tuple[str, ...]) -> Context:
    return Context((("disease", ids),)) if ids else Context()


# -- claims about studies ---------------------------------------------------------------------

def claim_trial_triples(ontology: OntologyIndex, c: Claim, iri: URIRef) -> Iterator[Triple]:
    """The fields of a claim that place it in a study and give its statistics."""
    if c.study is not None:
        yield iri, T.study, study_iri(c.study)
        if c.arm is not None:
            yield iri, T.arm, arm_iri(c.study, c.arm)
        if c.comparator_arm is not None:
            yield iri, T.comparatorArm, arm_iri(c.study, c.comparator_arm)
        if c.subgroup is not None:
            yield iri, T.subgroup, subgroup_iri(c.study, c.subgroup)
    if c.subgroup_of is not None:
        yield iri, T.subgroupOf, CLAIM[c.subgroup_of]
    for name, prop, category in (("analysis", T.analysis, "analysis"),
                                 ("assessment", T.assessedBy, "assessor"),
                                 ("effect_measure", T.effectMeasure, "effect-measure"),
                                 ("significance", T.statedSignificance, "significance")):
        value = getattr(c, name)
        if value is not None:
            yield iri, prop, ontology.lookup(category, value)
    figure = URIRef(iri + "/quantity")
    for name, prop in (("ci_low", T.ciLow), ("ci_high", T.ciHigh), ("ci_level", T.ciLevel)):
        value = getattr(c, name)
        if value is not None and c.figure is not None:
            yield figure, prop, dec(value)
    if c.p_value is not None:
        yield iri, T.pValue, dec(c.p_value)
        yield iri, T.pComparator, Literal(c.p_relation)
    for name, prop in (("adjusted", T.adjusted), ("serious", T.serious)):
        value = getattr(c, name)
        if value is not None:
            yield iri, prop, Literal(value)
    for name, prop in (("numerator", T.numerator), ("denominator", T.denominator),
                       ("participants", T.participants), ("n_studies", T.studyCount)):
        value = getattr(c, name)
        if value is not None:
            yield iri, prop, nonneg(value)
    for g in c.grades:
        yield iri, T.grade, ontology.lookup("grade", g)
    for t in c.prior_therapies:
        yield iri, T.priorTherapy, THERAPY[t]
    for r in c.prior_regimens:
        yield iri, T.priorTherapy, REGIMEN[r]
