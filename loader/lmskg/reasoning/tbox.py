"""The class and property hierarchies of a schema, by structural subsumption.

A named class C is below D when D is a told superclass (``rdfs:subClassOf``, a named
conjunct of C's definition), or when D is defined (``D ≡ E``) and C's description
entails E part by part: a conjunct of E is a superclass of C, or a restriction C carries
(``∃p.F`` from ``∃q.G`` with q below p and G below F, ``p value v``, at least n, a
subset of individuals). This is sound, and complete for the intersections,
existentials, values and cardinalities the ontology defines its classes with; the tests
compare it with HermiT on the project's ontologies.

:func:`classify` also gives what HermiT prints (and owlready2 keeps) about classes and
properties: each direct subclass link and each equivalence between named entities, and
``owl:Nothing`` for an unsatisfiable class (told superclasses in two disjoint classes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .owl_schema import (THING, All, And, Card, Datatype, Facets, HasValue, Named, Not, OneOf,
                         Or, Prop, Schema, Some)

# What the TBox needs to know of an individual named in a class expression
# (``p value v``): its asserted types, and whether it has a property value.
Nominal = Callable[[object], set]


@dataclass
class Hierarchy:
    schema: Schema
    supers: dict = field(default_factory=dict)  # named class -> named classes above or equal
    unsat: set = field(default_factory=set)
    role_supers: dict = field(default_factory=dict)  # Prop -> Props above or equal
    sufficient: list = field(default_factory=list)  # (expression, named class, axiom text)
    necessary: dict = field(default_factory=dict)  # named class -> [(expression, axiom)]

    def sup(self, cls: URIRef) -> set:
        return self.supers.get(cls, {cls})

    def below(self, a: URIRef, b: URIRef) -> bool:
        """a strictly below b."""
        return b in self.sup(a) and a not in self.sup(b)

    def sub_roles(self, prop: Prop) -> set:
        """Every role (a property or an inverse) below ``prop``, itself included."""
        return {q for q, ups in self.role_supers.items() if prop in ups} | {prop}

    def role_below(self, q: Prop, p: Prop) -> bool:
        return p in self.role_supers.get(q, {q})

    def disjoint_pairs(self) -> set:
        """Ordered pairs of named classes declared disjoint (and their subclasses are)."""
        out = set()
        for members, _ in self.schema.disjoint:
            names = [m.iri for m in members if isinstance(m, Named)]
            out |= {(a, b) for a in names for b in names if a != b}
        return out


def classify(schema: Schema, nominal: Nominal | None = None) -> Hierarchy:
    h = Hierarchy(schema)
    _roles(h)
    told: dict = {}  # named class -> expressions it is below
    for sub, sup, text in schema.subclass:
        if isinstance(sub, Named):
            told.setdefault(sub.iri, []).append((sup, text))
        else:
            h.sufficient.append((sub, sup, text))
    for left, right, text in schema.equivalent:
        for a, b in ((left, right), (right, left)):
            if isinstance(a, Named):
                told.setdefault(a.iri, []).append((b, text))
            if isinstance(b, Named):
                h.sufficient.append((a, b, text))
    h.necessary = told
    named = set(schema.classes) | set(told)
    h.supers = {c: {c} for c in named}
    nominal = nominal or (lambda v: set())
    changed = True
    while changed:
        changed = False
        for c in sorted(named):
            before = len(h.supers[c])
            desc = _description(h, c)
            for expr in desc:
                if isinstance(expr, Named) and expr.iri != OWL.Thing:
                    h.supers[c] |= h.sup(expr.iri)
            for expr, target, _ in h.sufficient:
                if isinstance(target, Named) and target.iri not in h.supers[c] and \
                        _entails(h, h.supers[c], _description(h, c), expr, nominal):
                    h.supers[c] |= h.sup(target.iri)
            changed |= len(h.supers[c]) != before
    disjoint = h.disjoint_pairs()
    for c in named:
        ups = h.supers[c]
        if OWL.Nothing in ups or any((a, b) in disjoint for a in ups for b in ups) or any(
                isinstance(e, Not) and isinstance(e.of, Named) and e.of.iri in ups
                for e in _description(h, c)):
            h.unsat.add(c)
    for c in named:
        h.supers[c].discard(OWL.Thing)
    return h


def _roles(h: Hierarchy) -> None:
    s = h.schema
    edges: set = set()
    for a, b in s.subprops:
        edges |= {(a, b), (a.inv(), b.inv())}
    for p, chars in s.characteristics.items():
        if "symmetric" in chars:
            edges |= {(Prop(p), Prop(p, True)), (Prop(p, True), Prop(p))}
    roles = {Prop(p) for p in s.object_props | s.data_props} | {x for e in edges for x in e}
    roles |= {r.inv() for r in roles if r.iri in s.object_props}
    ups = {r: {r} for r in roles}
    changed = True
    while changed:
        changed = False
        for a, b in edges:
            new = ups[b] - ups[a]
            if new:
                ups[a] |= new
                changed = True
        for r in roles:
            for u in list(ups[r]):
                extra = ups[u] - ups[r]
                if extra:
                    ups[r] |= extra
                    changed = True
    h.role_supers = ups


def _description(h: Hierarchy, cls: URIRef) -> list:
    """The expressions a named class is below: its told superclasses and definitions, and
    theirs, flattened through intersections."""
    out = []
    for up in h.sup(cls):
        for expr, _ in h.necessary.get(up, ()):
            out += _flatten(expr)
        out.append(Named(up))
    return out


def _flatten(expr: object) -> list:
    if isinstance(expr, And):
        return [x for part in expr.parts for x in _flatten(part)]
    return [expr]


def _entails(h: Hierarchy, ups: set, desc: list, expr: object, nominal: Nominal) -> bool:
    """Whatever has the named types ``ups`` and the description ``desc`` is in ``expr``."""
    if isinstance(expr, Named):
        return expr.iri == OWL.Thing or expr.iri in ups
    if isinstance(expr, And):
        return all(_entails(h, ups, desc, x, nominal) for x in expr.parts)
    if isinstance(expr, Or):
        return any(_entails(h, ups, desc, x, nominal) for x in expr.parts)
    if isinstance(expr, OneOf):
        return any(isinstance(d, OneOf) and set(d.members) <= set(expr.members) for d in desc)
    if isinstance(expr, HasValue):
        return any(isinstance(d, HasValue) and d.value == expr.value and
                   h.role_below(d.prop, expr.prop) for d in desc)
    if isinstance(expr, Some):
        for d in desc:
            if isinstance(d, (Some, Card)) and h.role_below(d.prop, expr.prop) and \
                    (not isinstance(d, Card) or (d.kind != "max" and d.n >= 1)) and \
                    _filler_below(h, d.filler, expr.filler, nominal):
                return True
            if isinstance(d, HasValue) and h.role_below(d.prop, expr.prop) and \
                    _member(h, d.value, expr.filler, nominal):
                return True
        return False
    if isinstance(expr, Card) and expr.kind == "min":
        if expr.n == 0:
            return True
        if expr.n == 1:
            return _entails(h, ups, desc, Some(expr.prop, expr.filler), nominal)
        return any(isinstance(d, Card) and d.kind in ("min", "exact") and d.n >= expr.n and
                   h.role_below(d.prop, expr.prop) and
                   _filler_below(h, d.filler, expr.filler, nominal) for d in desc)
    if isinstance(expr, All):
        return any(isinstance(d, All) and h.role_below(expr.prop, d.prop) and
                   _filler_below(h, d.filler, expr.filler, nominal) for d in desc)
    return False  # max cardinalities, complements: not entailed structurally


def _filler_below(h: Hierarchy, a: object, b: object, nominal: Nominal) -> bool:
    if a == b or b == THING or b == Datatype(RDFS.Literal):
        return True
    if isinstance(a, (Datatype, Facets)) or isinstance(b, (Datatype, Facets)):
        return False
    if isinstance(a, Named):
        return _entails(h, h.sup(a.iri), _description(h, a.iri), b, nominal)
    if isinstance(a, OneOf):
        return all(_member(h, v, b, nominal) for v in a.members)
    flat = _flatten(a)
    ups = set().union(*(h.sup(x.iri) for x in flat if isinstance(x, Named))) if flat else set()
    return _entails(h, ups, flat, b, nominal)


def _member(h: Hierarchy, value: object, expr: object, nominal: Nominal) -> bool:
    """An individual named in the ontology is in ``expr``, by what is asserted of it."""
    if isinstance(expr, OneOf):
        return value in expr.members
    if isinstance(expr, Or):
        return any(_member(h, value, x, nominal) for x in expr.parts)
    if isinstance(expr, And):
        return all(_member(h, value, x, nominal) for x in expr.parts)
    if isinstance(expr, Named):
        return expr.iri == OWL.Thing or any(expr.iri in h.sup(t) for t in nominal(value))
    if isinstance(expr, HasValue):
        return (RDF.value, expr.prop, expr.value) in nominal(value)
    return False


# -- what HermiT prints about classes and properties (and owlready2 keeps) ------------------

def tbox_inferences(h: Hierarchy, asserted: Callable[[tuple], bool]) -> set:
    """The SubClassOf, EquivalentClasses, SubObjectPropertyOf and EquivalentObjectProperties
    lines of HermiT's classification, as triples, less those already asserted.

    HermiT prints a link between the representatives of two hierarchy nodes; for a node of
    several equivalent classes the representative of the subclass side is its own choice.
    In the cases tried it was the member with an asserted link to the parent (so owlready2
    keeps nothing); the rules assume so, else take the first IRI. The project's ontologies
    define no two named classes as equivalent, so this never arises there."""
    out = set()
    sat = {c for c in h.supers if c not in h.unsat and not str(c).startswith(str(OWL))}
    nodes = {c: frozenset(d for d in h.sup(c) if c in h.sup(d) and d in sat) for c in sat}
    for node in set(nodes.values()):
        members = sorted(node)
        for a in members:
            for b in members:
                if a != b:
                    out.add((a, OWL.equivalentClass, b))
        child = members[0]
        ups = {nodes[d] for d in h.sup(child) if d in sat} - {node}
        direct = {n for n in ups if not any(n != m and next(iter(n)) in
                                            set().union(*(h.sup(x) for x in m)) for m in ups)}
        for parent in direct:
            top = sorted(parent)[0]
            if len(members) > 1 and any(asserted((m, RDFS.subClassOf, top)) for m in members):
                continue  # HermiT named the member with the asserted link (see above)
            out.add((child, RDFS.subClassOf, top))
    for c in h.unsat:
        if not str(c).startswith(str(OWL)):
            out.add((c, OWL.equivalentClass, OWL.Nothing))
    out |= _role_lines(h, h.schema.object_props, object_roles=True)
    out |= _role_lines(h, h.schema.data_props, object_roles=False)
    return {t for t in out if not asserted(t)}


def _role_lines(h: Hierarchy, props: set, object_roles: bool) -> set:
    out = set()
    roles = {r for r in h.role_supers if r.iri in props}
    node_of = {r: frozenset(u for u in h.role_supers[r] if r in h.role_supers.get(u, {u}))
               for r in roles}

    def rep(node: frozenset) -> Prop:
        return sorted(node, key=lambda r: (r.inverse, str(r.iri)))[0]

    for node in set(node_of.values()):
        if object_roles and len(node) > 1 and all(not r.inverse for r in node):
            for a in node:
                for b in node:
                    if a != b:
                        out.add((a.iri, OWL.equivalentProperty, b.iri))
        child = rep(node)
        ups = {node_of[u] for u in h.role_supers[child] if u in node_of} - {node}
        direct = {n for n in ups if not any(n != m and rep(n) in h.role_supers[rep(m)]
                                            for m in ups)}
        for parent in direct:
            p = rep(parent)
            if not child.inverse and not p.inverse:
                out.add((child.iri, RDFS.subPropertyOf, p.iri))
    return out
