"""The OWL axioms of a graph, read into the terms the rule compiler knows.

:func:`read_schema` walks every triple of the schema graphs (the ontology, and any graph
that uses the OWL or RDFS schema vocabulary, such as the vocabulary graph with its
``owl:AllDifferent``) and gives each one exactly one reading:

- an axiom the rules compile (:class:`Schema` holds them);
- a statement without effect on the types of individuals or on consistency, listed in
  :data:`NO_EFFECT` (declarations, annotations, the ontology header, undeclared
  predicates, which the OWL API reads as annotations);
- a fact about individuals (class and property assertions, ``owl:sameAs``,
  ``owl:differentFrom``, ``owl:AllDifferent``), which the rules read from the store.

Anything else raises :class:`UnsupportedAxiom`, naming the construct and the statement,
so that a new ontology construct is never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ..errors import LmskgError
from ..ontology.namespaces import show


class UnsupportedAxiom(LmskgError):
    """An OWL construct the rule compiler does not know (or not in that position)."""


# -- class and property expressions ---------------------------------------------------------

@dataclass(frozen=True)
class Prop:
    iri: URIRef
    inverse: bool = False

    def inv(self) -> "Prop":
        return Prop(self.iri, not self.inverse)


@dataclass(frozen=True)
class Named:
    iri: URIRef


@dataclass(frozen=True)
class And:
    parts: tuple


@dataclass(frozen=True)
class Or:
    parts: tuple


@dataclass(frozen=True)
class Not:
    of: object


@dataclass(frozen=True)
class OneOf:
    members: tuple  # individuals (IRIs) or, in a data range, literals


@dataclass(frozen=True)
class Some:
    prop: Prop
    filler: object  # a class expression or a data range


@dataclass(frozen=True)
class All:
    prop: Prop
    filler: object


@dataclass(frozen=True)
class HasValue:
    prop: Prop
    value: object  # an individual or a literal


@dataclass(frozen=True)
class Card:
    """min (at least), max (at most) or exact cardinality, qualified by ``filler``."""
    kind: str  # "min" | "max" | "exact"
    n: int
    prop: Prop
    filler: object  # Named(owl:Thing) when unqualified


@dataclass(frozen=True)
class Datatype:
    iri: URIRef


@dataclass(frozen=True)
class Facets:
    """A datatype restricted by XSD facets, e.g. decimals from 0 to 100."""
    base: URIRef
    facets: tuple  # ((facet IRI, Literal), ...)


ClassExpr = Union[Named, And, Or, Not, OneOf, Some, All, HasValue, Card]
DataRange = Union[Datatype, Facets, OneOf]

THING = Named(OWL.Thing)
NOTHING = Named(OWL.Nothing)


# -- what the ontology says ----------------------------------------------------------------

@dataclass
class Schema:
    graph: Graph
    classes: set = field(default_factory=set)
    object_props: set = field(default_factory=set)
    data_props: set = field(default_factory=set)
    annotation_props: set = field(default_factory=set)
    datatypes: dict = field(default_factory=dict)  # named datatype -> its definition
    characteristics: dict = field(default_factory=dict)  # property IRI -> {"functional", ...}
    subclass: list = field(default_factory=list)  # (sub, super, axiom text)
    equivalent: list = field(default_factory=list)  # (left, right, axiom text)
    disjoint: list = field(default_factory=list)  # (members, axiom text)
    domains: list = field(default_factory=list)  # (property IRI, class expression, axiom)
    ranges: list = field(default_factory=list)  # (property IRI, expression or range, axiom)
    subprops: list = field(default_factory=list)  # (Prop, Prop)
    disjoint_props: list = field(default_factory=list)  # (Prop, Prop, axiom text)
    no_effect: dict = field(default_factory=dict)  # kind -> number of statements
    facts: int = 0  # class and property assertions, sameAs, differentFrom, AllDifferent

    def has(self, prop: URIRef, characteristic: str) -> bool:
        return characteristic in self.characteristics.get(prop, ())

    def is_object(self, prop: URIRef) -> bool:
        return prop in self.object_props


DECLARATIONS = {OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                OWL.AnnotationProperty, RDFS.Datatype, OWL.NamedIndividual, OWL.Ontology,
                RDF.Property, OWL.DeprecatedClass, OWL.DeprecatedProperty, OWL.OntologyProperty}
CHARACTERISTICS = {OWL.FunctionalProperty: "functional",
                   OWL.InverseFunctionalProperty: "inverse-functional",
                   OWL.SymmetricProperty: "symmetric", OWL.TransitiveProperty: "transitive",
                   OWL.AsymmetricProperty: "asymmetric", OWL.ReflexiveProperty: "reflexive",
                   OWL.IrreflexiveProperty: "irreflexive"}
SUPPORTED_CHARACTERISTICS = {"functional", "inverse-functional", "symmetric", "asymmetric",
                             "irreflexive"}
ANNOTATIONS = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo,
               OWL.deprecated, OWL.priorVersion, OWL.backwardCompatibleWith,
               OWL.incompatibleWith}
HEADER = {OWL.versionIRI, OWL.imports}  # owlready2 drops owl:imports before HermiT runs
FACT_PREDICATES = {OWL.sameAs, OWL.differentFrom}
AXIOM_PREDICATES = {RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith, OWL.disjointUnionOf,
                    RDFS.domain, RDFS.range, RDFS.subPropertyOf, OWL.equivalentProperty,
                    OWL.inverseOf, OWL.propertyDisjointWith}
UNSUPPORTED_PREDICATES = {OWL.hasKey: "keys (owl:hasKey)",
                          OWL.propertyChainAxiom: "property chains (owl:propertyChainAxiom)",
                          OWL.complementOf: "owl:complementOf on a named class"}
GROUP_AXIOMS = {OWL.AllDisjointClasses, OWL.AllDifferent, OWL.AllDisjointProperties,
                OWL.NegativePropertyAssertion, OWL.Axiom, OWL.Annotation}

# The statements that never change which types an individual has, nor consistency.
NO_EFFECT = {
    "declaration": "a declaration (owl:Class, owl:ObjectProperty, owl:NamedIndividual, ...): "
                   "gives a term its kind, which the compiler reads, and states nothing else",
    "annotation": "an annotation (rdfs:label, skos:definition, any owl:AnnotationProperty, "
                  "rdfs:subPropertyOf between annotation properties): ignored by OWL reasoners",
    "header": "the ontology header (owl:versionIRI; owl:imports, which owlready2 drops)",
    "undeclared predicate": "a predicate declared as no kind of property: the OWL API reads it "
                            "as an annotation, so HermiT never sees it",
    "annotation range or domain": "rdfs:domain or rdfs:range of an annotation property",
}

# The OWL and RDFS terms that mark a graph as holding axioms (rdf:type objects and
# predicates); owl:NamedIndividual and owl:Thing are left out: every claim carries them.
SCHEMA_TYPES = (DECLARATIONS - {OWL.NamedIndividual}) | set(CHARACTERISTICS) | GROUP_AXIOMS | {
    OWL.Restriction, OWL.AllDisjointClasses}
SCHEMA_PREDICATES = (AXIOM_PREDICATES | set(UNSUPPORTED_PREDICATES) | HEADER | {
    OWL.onProperty, OWL.members, OWL.distinctMembers, OWL.intersectionOf, OWL.unionOf,
    OWL.oneOf, OWL.onDatatype, OWL.sourceIndividual})


def read_schema(graph: Graph) -> Schema:
    """Every triple of ``graph`` read as an axiom, a statement without effect or a fact."""
    return _Reader(graph).read()


class _Reader:
    def __init__(self, graph: Graph):
        self.g = graph
        self.s = Schema(graph)
        self.consumed: set = set()

    # -- helpers
    def fail(self, what: str, node: object) -> None:
        raise UnsupportedAxiom(f"the rule compiler does not support {what}: "
                               f"{self.text(node)}; add it to lmskg.reasoning.owl_schema "
                               "and the rules, or list it as without effect")

    def text(self, node: object) -> str:
        from .explain import describe
        return describe(self.g, node) if isinstance(node, BNode) else show(node)

    def use(self, s: object, p: object, o: object) -> None:
        self.consumed.add((s, p, o))

    def items(self, head: object) -> list:
        out = []
        node = head
        while node != RDF.nil:
            first, rest = self.g.value(node, RDF.first), self.g.value(node, RDF.rest)
            if first is None or rest is None:
                self.fail("a malformed RDF list", node)
            self.use(node, RDF.first, first)
            self.use(node, RDF.rest, rest)
            for p, o in self.g.predicate_objects(node):
                if p == RDF.type and o == RDF.List:
                    self.use(node, p, o)
                elif p not in (RDF.first, RDF.rest):
                    self.fail(f"a list node with {show(p)}", node)
            out.append(first)
            node = rest
        return out

    def note(self, kind: str) -> None:
        self.s.no_effect[kind] = self.s.no_effect.get(kind, 0) + 1

    # -- the walk
    def read(self) -> Schema:
        g, s = self.g, self.s
        for node, kind in g.subject_objects(RDF.type):
            if kind in (OWL.Class, RDFS.Class) and isinstance(node, URIRef):
                s.classes.add(node)
            elif kind == OWL.ObjectProperty:
                s.object_props.add(node)
            elif kind == OWL.DatatypeProperty:
                s.data_props.add(node)
            elif kind == OWL.AnnotationProperty:
                s.annotation_props.add(node)
            elif kind in CHARACTERISTICS and isinstance(node, URIRef):
                s.characteristics.setdefault(node, set()).add(CHARACTERISTICS[kind])
                if kind != OWL.FunctionalProperty:  # the others are object properties only
                    s.object_props.add(node)
        # named subjects first, then blank nodes no statement points to (axioms such as
        # AllDisjointClasses); what hangs below them is read with them
        objects = set(g.objects())
        for triple in sorted(t for t in g if not isinstance(t[0], BNode)):
            if triple not in self.consumed:
                self.statement(*triple)
        for triple in sorted(t for t in g if isinstance(t[0], BNode) and t[0] not in objects):
            if triple not in self.consumed:
                self.statement(*triple)
        left = [t for t in g if t not in self.consumed]
        if left:
            self.fail("a statement read by no axiom", left[0][0])
        bad = {c for chars in s.characteristics.values() for c in chars} - \
            SUPPORTED_CHARACTERISTICS
        if bad:
            prop = next(p for p, c in s.characteristics.items() if c & bad)
            self.fail(f"the property characteristic {sorted(bad)[0]}", prop)
        return s

    def statement(self, subj: object, pred: object, obj: object) -> None:
        g, s = self.g, self.s
        if pred == RDF.type:
            if obj in DECLARATIONS:
                if obj == RDFS.Datatype and isinstance(subj, BNode):
                    return  # read with the data range that holds it
                self.use(subj, pred, obj)
                self.note("declaration")
            elif obj in CHARACTERISTICS:
                self.use(subj, pred, obj)
            elif obj == OWL.AllDisjointClasses:
                self.use(subj, pred, obj)
                members = self.items(self.one(subj, OWL.members))
                s.disjoint.append((tuple(self.expr(m) for m in members),
                                   "AllDisjointClasses(" + " ".join(show(m) for m in members)
                                   + ")"))
            elif obj == OWL.AllDifferent:
                self.use(subj, pred, obj)
                head = g.value(subj, OWL.distinctMembers) or g.value(subj, OWL.members)
                key = OWL.distinctMembers if g.value(subj, OWL.distinctMembers) else OWL.members
                self.use(subj, key, head)
                self.items(head)
                s.facts += 1
            elif obj in GROUP_AXIOMS:
                self.fail(show(obj), subj)
            elif isinstance(subj, BNode) and obj in (OWL.Restriction, OWL.Class):
                return  # read with the class expression
            elif str(obj).startswith((str(OWL), str(RDFS), str(RDF))) and obj != OWL.Thing:
                self.fail(f"the type {show(obj)}", subj)
            elif isinstance(obj, BNode):
                self.fail("a class assertion with a class expression", subj)
            else:
                self.use(subj, pred, obj)
                s.facts += 1
            return
        if pred in UNSUPPORTED_PREDICATES:
            self.fail(UNSUPPORTED_PREDICATES[pred], subj)
        if pred in AXIOM_PREDICATES:
            self.axiom(subj, pred, obj)
            return
        if isinstance(subj, BNode) and not (subj, RDF.type, OWL.AllDifferent) in g:
            self.fail(f"a statement on a blank node ({show(pred)}) outside any axiom", subj)
        self.use(subj, pred, obj)
        if pred in FACT_PREDICATES:
            s.facts += 1
        elif pred in ANNOTATIONS or pred in s.annotation_props:
            self.note("annotation")
        elif pred in HEADER:
            self.note("header")
        elif pred in s.object_props or pred in s.data_props:
            s.facts += 1
        elif str(pred).startswith((str(OWL), str(RDFS), str(RDF))):
            self.fail(f"the predicate {show(pred)} outside any axiom", subj)
        else:
            self.note("undeclared predicate")

    def one(self, node: object, pred: object) -> object:
        values = list(self.g.objects(node, pred))
        if len(values) != 1:
            self.fail(f"{show(pred)} with {len(values)} values", node)
        self.use(node, pred, values[0])
        return values[0]

    def axiom(self, subj: object, pred: object, obj: object) -> None:
        s = self.s
        self.use(subj, pred, obj)
        text = f"{self.text(subj)} {show(pred)} {self.text(obj)}"
        if pred in (RDFS.domain, RDFS.range) and subj in s.annotation_props:
            self.note("annotation range or domain")
            return
        if pred == RDFS.subPropertyOf and subj in s.annotation_props:
            self.note("annotation")
            return
        if pred == RDFS.subClassOf:
            s.subclass.append((self.expr(subj), self.expr(obj), text))
        elif pred == OWL.equivalentClass:
            if subj in s.datatypes or (subj, RDF.type, RDFS.Datatype) in self.g:
                s.datatypes[subj] = self.data_range(obj)
            else:
                s.equivalent.append((self.expr(subj), self.expr(obj), text))
        elif pred == OWL.disjointWith:
            s.disjoint.append(((self.expr(subj), self.expr(obj)),
                               f"DisjointClasses({self.text(subj)} {self.text(obj)})"))
        elif pred == OWL.disjointUnionOf:
            members = tuple(self.expr(m) for m in self.items(obj))
            s.equivalent.append((self.expr(subj), Or(members), text))
            s.disjoint.append((members, text))
        elif pred == RDFS.domain:
            s.domains.append((self.prop_iri(subj), self.expr(obj), text))
        elif pred == RDFS.range:
            prop = self.prop_iri(subj)
            rng = self.data_range(obj) if prop in s.data_props else self.expr(obj)
            s.ranges.append((prop, rng, text))
        elif pred == RDFS.subPropertyOf:
            s.subprops.append((self.prop(subj), self.prop(obj)))
        elif pred == OWL.equivalentProperty:
            a, b = self.prop(subj), self.prop(obj)
            s.subprops += [(a, b), (b, a)]
        elif pred == OWL.inverseOf:
            a, b = self.prop(subj), self.prop(obj)
            s.subprops += [(a, b.inv()), (b.inv(), a)]
        elif pred == OWL.propertyDisjointWith:
            s.disjoint_props.append((self.prop(subj), self.prop(obj),
                                     f"DisjointObjectProperties({show(subj)} {show(obj)})"))

    def prop_iri(self, node: object) -> URIRef:
        if not isinstance(node, URIRef):
            self.fail("a domain or range of an inverse property", node)
        return node

    def prop(self, node: object) -> Prop:
        if isinstance(node, URIRef):
            return Prop(node)
        inner = self.one(node, OWL.inverseOf)
        if not isinstance(inner, URIRef):
            self.fail("a nested inverse property", node)
        return Prop(inner, True)

    # -- class expressions and data ranges
    def expr(self, node: object) -> ClassExpr:
        if isinstance(node, URIRef):
            if node not in (OWL.Thing, OWL.Nothing):
                self.s.classes.add(node)
            return Named(node)
        if isinstance(node, Literal):
            self.fail("a literal where a class belongs", node)
        g = self.g
        for p, o in g.predicate_objects(node):
            if p == RDF.type and o in (OWL.Class, OWL.Restriction):
                self.use(node, p, o)
        for key, make in ((OWL.intersectionOf, And), (OWL.unionOf, Or)):
            head = g.value(node, key)
            if head is not None:
                self.use(node, key, head)
                return self.only(node, make(tuple(self.expr(x) for x in self.items(head))))
        head = g.value(node, OWL.oneOf)
        if head is not None:
            self.use(node, OWL.oneOf, head)
            return self.only(node, OneOf(tuple(self.items(head))))
        inner = g.value(node, OWL.complementOf)
        if inner is not None:
            self.use(node, OWL.complementOf, inner)
            return self.only(node, Not(self.expr(inner)))
        on = g.value(node, OWL.onProperty)
        if on is None:
            self.fail("a class expression of this form", node)
        self.use(node, OWL.onProperty, on)
        prop = self.prop(on)
        data = isinstance(on, URIRef) and on in self.s.data_props
        filler = (lambda x: self.data_range(x)) if data else (lambda x: self.expr(x))
        for key, make in ((OWL.someValuesFrom, Some), (OWL.allValuesFrom, All)):
            value = g.value(node, key)
            if value is not None:
                self.use(node, key, value)
                return self.only(node, make(prop, filler(value)))
        value = g.value(node, OWL.hasValue)
        if value is not None:
            self.use(node, OWL.hasValue, value)
            return self.only(node, HasValue(prop, value))
        for key, kind, qualified in (
                (OWL.minQualifiedCardinality, "min", True), (OWL.maxQualifiedCardinality, "max", True),
                (OWL.qualifiedCardinality, "exact", True), (OWL.minCardinality, "min", False),
                (OWL.maxCardinality, "max", False), (OWL.cardinality, "exact", False)):
            value = g.value(node, key)
            if value is None:
                continue
            self.use(node, key, value)
            if qualified:
                on_class = g.value(node, OWL.onDataRange if data else OWL.onClass)
                if on_class is None:
                    self.fail("a qualified cardinality without its class", node)
                self.use(node, OWL.onDataRange if data else OWL.onClass, on_class)
                qualifier = filler(on_class)
            else:
                qualifier = Datatype(RDFS.Literal) if data else THING
            return self.only(node, Card(kind, int(value), prop, qualifier))
        self.fail("a restriction of this kind (owl:hasSelf, owl:onProperties, ...)", node)
        raise AssertionError  # unreachable

    def only(self, node: BNode, expr: object) -> object:
        """The expression, once every statement on its node was read."""
        left = [(p, o) for p, o in self.g.predicate_objects(node)
                if (node, p, o) not in self.consumed]
        if left:
            self.fail(f"{show(left[0][0])} on a class expression", node)
        return expr

    def data_range(self, node: object) -> DataRange:
        if isinstance(node, URIRef):
            return Datatype(node)
        g = self.g
        if (node, RDF.type, RDFS.Datatype) in g:
            self.use(node, RDF.type, RDFS.Datatype)
        head = g.value(node, OWL.oneOf)
        if head is not None:
            self.use(node, OWL.oneOf, head)
            return self.only(node, OneOf(tuple(self.items(head))))
        base = g.value(node, OWL.onDatatype)
        if base is None or not isinstance(base, URIRef):
            self.fail("a data range of this form", node)
        self.use(node, OWL.onDatatype, base)
        head = self.one(node, OWL.withRestrictions)
        facets = []
        for item in self.items(head):
            pairs = list(g.predicate_objects(item))
            if len(pairs) != 1 or not str(pairs[0][0]).startswith(str(XSD)):
                self.fail("a facet of this form", item)
            self.use(item, *pairs[0])
            facets.append(pairs[0])
        return self.only(node, Facets(base, tuple(facets)))
