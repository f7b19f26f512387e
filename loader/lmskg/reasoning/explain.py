"""OWL consistency with HermiT, and an explanation when the graph is inconsistent.

HermiT (through owlready2) only says "inconsistent". To tell a curator what to
fix we then look for the cause, in two steps:

1. Axiom-directed diagnosis, read from the ontology itself: an individual whose
   types (asserted, by rdfs:subClassOf, or by the domain and range of the
   properties it uses) fall in two disjoint classes; a functional property with
   two values known to differ (distinct literals, or individuals declared
   different); one value of two disjoint properties (an arm compared with itself);
   a value outside the datatype range that a class restricts its members to
   (a percentage of 130, a negative hazard ratio), or outside the range of its
   data property (a p-value of 1.5). Each finding names the individual, its
   claim and source, and the axiom.
2. If that finds nothing, a black-box search (as OWL API explanation tools
   do): the data is split into bundles (a claim with its anchor and quantity,
   a source, a term), and the smallest set of bundles that is still
   inconsistent is found by divide and conquer, re-running HermiT; then the
   smallest set of ontology axioms that, with those bundles, is inconsistent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Callable, Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ..ontology.namespaces import ID, show
from .hermit import Inconsistent, classify

Triple = tuple


@dataclass(frozen=True)
class Explanation:
    subject: URIRef
    message: str
    axiom: str


def consistent(graph: Graph) -> bool:
    try:
        classify(graph)
        return True
    except Inconsistent:
        return False


# -- 1. axiom-directed diagnosis -------------------------------------------------------------

def _superclasses(onto: Graph) -> dict[URIRef, set[URIRef]]:
    out: dict[URIRef, set[URIRef]] = {}
    for cls in set(onto.subjects(RDF.type, OWL.Class)) | set(onto.subjects(RDFS.subClassOf)):
        if isinstance(cls, URIRef):
            out[cls] = {c for c in onto.transitive_objects(cls, RDFS.subClassOf)
                        if isinstance(c, URIRef)}
    return out


def _types(data: Graph, onto: Graph) -> dict[URIRef, dict[URIRef, str]]:
    """Each individual's classes, with the reason it has each (asserted, domain, range)."""
    supers = _superclasses(onto)
    domains = {p: set(onto.objects(p, RDFS.domain)) for p in set(onto.subjects(RDFS.domain))}
    ranges = {p: set(onto.objects(p, RDFS.range)) for p in set(onto.subjects(RDFS.range))
              if (p, RDF.type, OWL.ObjectProperty) in onto}
    sub_props = {p: set(onto.transitive_objects(p, RDFS.subPropertyOf))
                 for p in set(onto.subjects(RDFS.subPropertyOf)) | set(domains) | set(ranges)}
    types: dict[URIRef, dict[URIRef, str]] = {}

    def add(node: object, cls: object, why: str) -> None:
        if isinstance(node, URIRef) and isinstance(cls, URIRef):
            for c in supers.get(cls, {cls}):
                types.setdefault(node, {}).setdefault(c, why if c == cls else
                                                      f"{why}, a subclass of {show(c)}")

    for s, o in data.subject_objects(RDF.type):
        add(s, o, f"asserted {show(o)}")
    for s, p, o in data:
        for q in sub_props.get(p, {p}):
            for d in domains.get(q, ()):
                add(s, d, f"subject of {show(p)} (domain {show(d)})")
            for r in ranges.get(q, ()):
                add(o, r, f"object of {show(p)} (range {show(r)})")
    return types


def _disjoint_pairs(onto: Graph) -> Iterable[tuple[URIRef, URIRef, str]]:
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(onto, onto.value(node, OWL.members)))
        axiom = "AllDisjointClasses(" + " ".join(show(m) for m in members) + ")"
        for a, b in combinations(members, 2):
            yield a, b, axiom
    for a, b in onto.subject_objects(OWL.disjointWith):
        yield a, b, f"DisjointClasses({show(a)} {show(b)})"


def _different(onto: Graph, data: Graph) -> set[frozenset]:
    pairs: set[frozenset] = set()
    for g in (onto, data):
        for node in g.subjects(RDF.type, OWL.AllDifferent):
            members = list(Collection(g, g.value(node, OWL.distinctMembers)))
            pairs |= {frozenset(p) for p in combinations(members, 2)}
        pairs |= {frozenset(p) for p in g.subject_objects(OWL.differentFrom)}
    return pairs


def _literal_differs(a: Literal, b: Literal) -> bool:
    try:
        return a.toPython() != b.toPython()
    except Exception:  # noqa: BLE001 - unparsable literals compare by lexical form
        return str(a) != str(b)


@dataclass(frozen=True)
class Bounds:
    """The facets of a named datatype: low and high ends, each inclusive or not."""

    lo: Decimal | None = None
    hi: Decimal | None = None
    lo_open: bool = False
    hi_open: bool = False

    def __bool__(self) -> bool:
        return self.lo is not None or self.hi is not None

    def excludes(self, d: Decimal) -> bool:
        return ((self.lo is not None and (d < self.lo or (self.lo_open and d == self.lo)))
                or (self.hi is not None and (d > self.hi or (self.hi_open and d == self.hi))))

    def __str__(self) -> str:
        if not self.lo_open and not self.hi_open and self.lo is not None and \
                self.hi is not None:
            return f"{self.lo}-{self.hi}"  # the closed range, as messages always wrote it
        left = "(" if self.lo_open or self.lo is None else "["
        right = ")" if self.hi_open or self.hi is None else "]"
        return f"{left}{'-inf' if self.lo is None else self.lo}, " \
               f"{'inf' if self.hi is None else self.hi}{right}"


def _range_bounds(onto: Graph, datatype: object) -> Bounds:
    """The bounds of a named datatype defined by xsd facets (none if it has no facets)."""
    found: dict[URIRef, Decimal] = {}
    for eq in onto.objects(datatype, OWL.equivalentClass):
        restrictions = onto.value(eq, OWL.withRestrictions)
        for facet in Collection(onto, restrictions) if restrictions else []:
            for p, v in onto.predicate_objects(facet):
                found[p] = Decimal(str(v))
    lo_incl, lo_excl = found.get(XSD.minInclusive), found.get(XSD.minExclusive)
    hi_incl, hi_excl = found.get(XSD.maxInclusive), found.get(XSD.maxExclusive)
    return Bounds(lo_excl if lo_excl is not None else lo_incl,
                  hi_excl if hi_excl is not None else hi_incl,
                  lo_excl is not None, hi_excl is not None)


def _has_value_members(onto: Graph, data: Graph, cls: URIRef) -> set[URIRef]:
    """Individuals of ``cls``: asserted, or meeting its definition Class ≡ (C ⊓ p value v),
    or Class ≡ (C ⊓ ∃p.{v1 v2 ...})."""
    members = set(data.subjects(RDF.type, cls))
    for eq in onto.objects(cls, OWL.equivalentClass):
        parts = onto.value(eq, OWL.intersectionOf)
        if parts is None:
            continue
        conds = []
        for part in Collection(onto, parts):
            if (part, RDF.type, OWL.Restriction) not in onto:
                continue
            prop = onto.value(part, OWL.onProperty)
            if onto.value(part, OWL.hasValue) is not None:
                conds.append((prop, {onto.value(part, OWL.hasValue)}))
            some = onto.value(part, OWL.someValuesFrom)
            one_of = onto.value(some, OWL.oneOf) if some is not None else None
            if one_of is not None:
                conds.append((prop, set(Collection(onto, one_of))))
        if conds:
            members |= {s for s in set(data.subjects()) if isinstance(s, URIRef)
                        and all(any((s, p, v) in data for v in vs) for p, vs in conds)}
    return members


def _members(onto: Graph, data: Graph, cls: URIRef, depth: int = 2) -> set[URIRef]:
    """Individuals of ``cls`` by :func:`_has_value_members`, and the values of ``p`` of the
    individuals of a class that restricts them to it (C ⊑ ∀p.cls)."""
    members = _has_value_members(onto, data, cls)
    if depth:
        for restriction in onto.subjects(OWL.allValuesFrom, cls):
            prop = onto.value(restriction, OWL.onProperty)
            for owner in onto.subjects(RDFS.subClassOf, restriction):
                if isinstance(owner, URIRef) and prop is not None:
                    for ind in _members(onto, data, owner, depth - 1):
                        members |= {o for o in data.objects(ind, prop) if isinstance(o, URIRef)}
    return members


def diagnose(data: Graph, onto: Graph) -> list[Explanation]:
    """Causes of inconsistency that the ontology's axioms make visible directly."""
    found: list[Explanation] = []
    types = _types(data, onto)
    for a, b, axiom in _disjoint_pairs(onto):
        for ind, classes in sorted(types.items()):
            if a in classes and b in classes:
                found.append(Explanation(ind, f"{show(ind)} is a {show(a)} ({classes[a]}) and a "
                                              f"{show(b)} ({classes[b]}), which are disjoint",
                                         axiom))
    different = _different(onto, data)
    for p in sorted(set(onto.subjects(RDF.type, OWL.FunctionalProperty))):
        for s in sorted(set(data.subjects(p))):
            values = sorted(set(data.objects(s, p)))
            for x, y in combinations(values, 2):
                clash = (_literal_differs(x, y) if isinstance(x, Literal) and isinstance(y, Literal)
                         else frozenset((x, y)) in different)
                if clash:
                    found.append(Explanation(s, f"{show(s)} has two values of the functional "
                                                f"property {show(p)}: {show(x)} and {show(y)}",
                                             f"FunctionalProperty({show(p)})"))
    for p, q in sorted(onto.subject_objects(OWL.propertyDisjointWith)):
        for s, o in sorted(data.subject_objects(p)):
            if (s, q, o) in data:
                found.append(Explanation(s, f"{show(s)} has {show(o)} as both {show(p)} and "
                                            f"{show(q)}, which are disjoint properties",
                                         f"DisjointObjectProperties({show(p)} {show(q)})"))
    for cls in sorted(set(onto.subjects(RDFS.subClassOf))):
        for restriction in onto.objects(cls, RDFS.subClassOf):
            dt = onto.value(restriction, OWL.allValuesFrom)
            prop = onto.value(restriction, OWL.onProperty)
            if dt is None or prop is None:
                continue
            bounds = _range_bounds(onto, dt)
            if not bounds:
                continue
            for ind in sorted(_members(onto, data, cls)):
                for v in data.objects(ind, prop):
                    if _outside(v, bounds):
                        found.append(Explanation(
                            ind, f"{show(ind)} is a {show(cls)} but its {show(prop)} {v} is "
                                 f"outside {bounds}",
                            f"SubClassOf({show(cls)} ObjectAllValuesFrom({show(prop)} "
                            f"{show(dt)}))"))
    for prop in sorted(set(onto.subjects(RDF.type, OWL.DatatypeProperty))):
        for dt in onto.objects(prop, RDFS.range):
            bounds = _range_bounds(onto, dt)
            if not bounds:
                continue
            for s, v in sorted(data.subject_objects(prop)):
                if _outside(v, bounds):
                    found.append(Explanation(
                        s, f"{show(s)} has {show(prop)} {v}, outside {bounds} (the range of "
                           f"{show(prop)})", f"DataPropertyRange({show(prop)} {show(dt)})"))
    return found


def _outside(value: object, bounds: Bounds) -> bool:
    try:
        return bounds.excludes(Decimal(str(value)))
    except InvalidOperation:
        return False


# -- 2. black-box search ---------------------------------------------------------------------

def bundle_key(node: object) -> str:
    """Which bundle a subject belongs to: claim/<id>/anchor/... goes with claim/<id>."""
    text = str(node)
    if isinstance(node, URIRef) and text.startswith(str(ID)):
        parts = text[len(ID):].split("/")
        return "/".join(parts[:2])
    return text


def _bundles(data: Graph) -> dict[str, Graph]:
    out: dict[str, Graph] = {}
    bnode_owner: dict[BNode, str] = {}
    for s, p, o in sorted(data):
        if isinstance(s, BNode):
            continue
        key = bundle_key(s)
        out.setdefault(key, Graph()).add((s, p, o))
        if isinstance(o, BNode):
            bnode_owner[o] = key
    # blank-node structures (AllDifferent lists) go with whoever points at them, else alone
    for s, p, o in data:
        if isinstance(s, BNode):
            key = bnode_owner.get(s, f"_:{s}")
            out.setdefault(key, Graph()).add((s, p, o))
    return out


def _minimal(items: list, inconsistent: Callable[[list], bool]) -> list:
    """QuickXplain-style: a minimal sublist that is still inconsistent (with the base)."""
    def qx(background: list, delta_added: bool, candidates: list) -> list:
        if delta_added and inconsistent(background):
            return []
        if len(candidates) == 1:
            return candidates
        half = len(candidates) // 2
        first, second = candidates[:half], candidates[half:]
        d2 = qx(background + first, bool(first), second)
        d1 = qx(background + d2, bool(d2), first)
        return d1 + d2
    return qx([], False, items) if items else []


def black_box(data: Graph, onto: Graph, is_inconsistent: Callable[[Graph], bool] | None = None,
              ) -> list[Explanation]:
    test = is_inconsistent or (lambda g: not consistent(g))
    bundles = _bundles(data)
    keys = sorted(bundles)

    def with_bundles(ks: list) -> Graph:
        g = Graph()
        g += onto
        for k in ks:
            g += bundles[k]
        return g

    core = _minimal(keys, lambda ks: test(with_bundles(ks)))
    core_graph = Graph()
    for k in core:
        core_graph += bundles[k]
    axioms = _axioms(onto)
    # Try the axioms that mention a term of the inconsistent statements first: fewer
    # HermiT runs. If those are not enough, search all of them.
    terms = {t for t in core_graph.all_nodes() if isinstance(t, URIRef)}
    names = sorted(n for n, g in axioms.items() if terms & set(g.all_nodes()))

    def with_axioms(ns: list) -> Graph:
        g = Graph()
        g += core_graph
        g += _declarations(onto)
        for n in ns:
            g += axioms[n]
        return g

    if not test(with_axioms(names)):
        names = sorted(axioms)
    needed = _minimal(names, lambda ns: test(with_axioms(ns)))
    subjects = sorted({s for k in core for s in bundles[k].subjects() if isinstance(s, URIRef)
                       and bundle_key(s) == k})
    subject = subjects[0] if subjects else URIRef("urn:unknown")
    about = ", ".join(show(URIRef(k)) if "://" in k else k for k in core)
    return [Explanation(subject, f"the statements about {about} contradict the ontology "
                                 "(found by a black-box search)",
                        "; ".join(needed) or "(the data alone)")]


def _declarations(onto: Graph) -> Graph:
    g = Graph()
    for s, p, o in onto:
        if p == RDF.type and o in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                                   OWL.AnnotationProperty, OWL.NamedIndividual, RDFS.Datatype):
            g.add((s, p, o))
    return g


def _axioms(onto: Graph) -> dict[str, Graph]:
    """Logical statements of the ontology, one small graph per axiom, named readably."""
    out: dict[str, Graph] = {}

    def closure(node: object, g: Graph) -> None:
        for p, o in onto.predicate_objects(node):
            g.add((node, p, o))
            if isinstance(o, BNode):
                closure(o, g)

    for s, p, o in onto:
        if isinstance(s, BNode):
            if p == RDF.type and o in (OWL.AllDisjointClasses, OWL.AllDifferent):
                g = Graph()
                closure(s, g)
                members = onto.value(s, OWL.members) or onto.value(s, OWL.distinctMembers)
                name = (f"{show(o).split(':')[1]}(" +
                        " ".join(show(m) for m in Collection(onto, members)) + ")")
                out[name] = g
            continue
        if p == RDF.type and o in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                                   OWL.AnnotationProperty, OWL.NamedIndividual, RDFS.Datatype):
            continue
        if p in (RDFS.label, RDFS.comment, RDFS.seeAlso) or str(p).startswith(
                ("http://www.w3.org/2004/02/skos/", "http://purl.org/dc/terms/",
                 "http://purl.org/vocab/vann/", "https://w3id.org/lmskg/ontology#allowedUnit")):
            continue
        g = Graph()
        g.add((s, p, o))
        if isinstance(o, BNode):
            closure(o, g)
        out[f"{show(s)} {show(p)} {describe(onto, o)}"] = g
    return out


def describe(onto: Graph, node: object) -> str:
    """A class expression in a compact functional-syntax style, for messages."""
    if not isinstance(node, BNode):
        return show(node)

    def items(head: object) -> str:
        return " ".join(describe(onto, x) for x in Collection(onto, head))

    for key, name in ((OWL.oneOf, "ObjectOneOf"), (OWL.intersectionOf, "ObjectIntersectionOf"),
                      (OWL.unionOf, "ObjectUnionOf")):
        head = onto.value(node, key)
        if head is not None:
            return f"{name}({items(head)})"
    prop = onto.value(node, OWL.onProperty)
    if prop is not None:
        for key, name in ((OWL.someValuesFrom, "SomeValuesFrom"),
                          (OWL.allValuesFrom, "AllValuesFrom"), (OWL.hasValue, "HasValue")):
            value = onto.value(node, key)
            if value is not None:
                return f"{name}({show(prop)} {describe(onto, value)})"
        n = onto.value(node, OWL.minQualifiedCardinality)
        if n is not None:
            on_class = describe(onto, onto.value(node, OWL.onClass))
            return f"MinCardinality({n} {show(prop)} {on_class})"
    return "[...]"


def explain(data: Graph, onto: Graph) -> list[Explanation]:
    return diagnose(data, onto) or black_box(data, onto)
