"""SPARQL patterns for OWL semantics: property values through sub-properties and
inverses, membership in a class expression, individuals known to differ, literal values
and data ranges as OWL 2 (and HermiT) read them.

Every pattern reads the asserted graphs through a :class:`~.scope.Scope` and the work
graphs of the rules: ``TYPES`` (the named types of each individual found so far) and
``PROPS`` (property values that follow from axioms, such as ``p value v``).
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .owl_schema import (And, Card, Datatype, Facets, HasValue, Named, OneOf, Or, Prop, Some,
                         UnsupportedAxiom)
from .scope import HIER, PROPS, R, TYPES, Scope, fresh, iri, term
from .tbox import Hierarchy

X = str(XSD)
DECIMALS = (X + "decimal", X + "integer")  # Oxigraph stores every integer type as integer
STRINGS = [X + t for t in ("string", "normalizedString", "token", "language", "Name", "NCName",
                           "NMTOKEN")]
# Datatypes HermiT reads; literals of any other (xsd:date, xsd:gYear, ...) are dropped with
# --ignoreUnsupportedDatatypes, so they can never clash with anything.
SUPPORTED = set(STRINGS) | {X + t for t in (
    "decimal", "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte", "double", "float", "boolean", "hexBinary", "base64Binary",
    "anyURI", "dateTime", "dateTimeStamp")} | {
    str(RDF.PlainLiteral), str(RDF.XMLLiteral), str(RDFS.Literal), str(OWL.real),
    str(OWL.rational), str(RDF.langString)}
INTEGER_BOUNDS = {
    "integer": (None, None), "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1),
    "long": (-2**63, 2**63 - 1), "int": (-2**31, 2**31 - 1), "short": (-2**15, 2**15 - 1),
    "byte": (-128, 127), "unsignedLong": (0, 2**64 - 1), "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 255)}
FACETS = {X + "minInclusive": ">=", X + "maxInclusive": "<=", X + "minExclusive": ">",
          X + "maxExclusive": "<"}


class Patterns:
    def __init__(self, scope: Scope, h: Hierarchy):
        self.scope = scope
        self.h = h

    # -- properties
    def path(self, prop: Prop) -> str:
        """A one-step SPARQL path through every role below ``prop``."""
        steps = sorted({("^" if r.inverse else "") + iri(r.iri) for r in self.h.sub_roles(prop)})
        return steps[0] if len(steps) == 1 else "(" + "|".join(steps) + ")"

    def prop(self, s: str, prop: Prop, o: str) -> str:
        p = self.path(prop)
        return (f"{{ {self.scope.asserted(s, p, o)} }} UNION "
                f"{{ GRAPH {iri(PROPS)} {{ {s} {p} {o} }} }}")

    def typed(self, x: str, cls: object) -> str:
        return f"GRAPH {iri(TYPES)} {{ {x} a {iri(cls)} }}"

    # -- individuals and literals
    def different(self, a: str, b: str) -> str:
        """a and b are known to be different individuals (or different data values)."""
        ca, cb, lst = fresh("c"), fresh("c"), fresh("l")
        return (f"{{ FILTER (isLiteral({a}) && isLiteral({b}) && !({self.same_value(a, b)})) }}"
                f" UNION {{ GRAPH {iri(HIER)} {{ {a} <{R}inList> {lst} . {b} <{R}inList> {lst} }}"
                f" FILTER (!sameTerm({a}, {b})) }}"
                f" UNION {{ {self.scope.asserted(a, iri(OWL.differentFrom), b)} }}"
                f" UNION {{ {self.scope.asserted(b, iri(OWL.differentFrom), a)} }}"
                f" UNION {{ GRAPH {iri(TYPES)} {{ {a} a {ca} . {b} a {cb} }} "
                f"GRAPH {iri(HIER)} {{ {ca} <{R}disjoint> {cb} }} }}")

    @staticmethod
    def family(x: str) -> str:
        return (f"IF(DATATYPE({x}) IN ({', '.join(iri(d) for d in DECIMALS)}), \"decimal\", "
                f"STR(DATATYPE({x})))")

    def same_value(self, a: str, b: str) -> str:
        """Two literals denote the same data value (integers and decimals compare by value;
        a double never equals a decimal)."""
        return (f"sameTerm({a}, {b}) || (COALESCE({self.family(a)} = {self.family(b)}, false) "
                f"&& COALESCE({a} = {b}, false))")

    def supported(self, v: str) -> str:
        """v is a literal HermiT reads (not an xsd:date, xsd:gYear, ...)."""
        return f"(isLiteral({v}) && (LANG({v}) != \"\" || DATATYPE({v}) IN (" + \
            ", ".join(iri(d) for d in sorted(SUPPORTED)) + ")))"

    def in_range(self, v: str, rng: object) -> str:
        """A SPARQL expression: the literal v is in the data range."""
        if isinstance(rng, OneOf):
            return "(" + " || ".join(self.same_value(v, term(m)) for m in rng.members) + ")" \
                if rng.members else "false"
        if isinstance(rng, Facets):
            conds = [self.in_range(v, Datatype(rng.base))]
            for facet, value in rng.facets:
                if str(facet) not in FACETS:
                    raise UnsupportedAxiom(f"the rule compiler does not support the facet "
                                           f"{facet} of a data range")
                conds.append(f"COALESCE({v} {FACETS[str(facet)]} {term(value)}, false)")
            return "(" + " && ".join(conds) + ")"
        if isinstance(rng, Datatype):
            dt = str(rng.iri)
            if rng.iri in self.h.schema.datatypes:
                return self.in_range(v, self.h.schema.datatypes[rng.iri])
            if dt == str(RDFS.Literal):
                return f"isLiteral({v})"
            if dt == str(RDF.PlainLiteral):
                return f"(LANG({v}) != \"\" || DATATYPE({v}) = {iri(XSD.string)})"
            if dt == X + "string":  # its derived types hold strings too
                return f"DATATYPE({v}) IN ({', '.join(iri(d) for d in STRINGS)})"
            if dt in STRINGS:
                raise UnsupportedAxiom(f"the rule compiler does not support the range {dt} "
                                       "(a value space of some strings)")
            if dt in (X + "decimal", str(OWL.real), str(OWL.rational)):
                return f"(DATATYPE({v}) IN ({', '.join(iri(d) for d in DECIMALS)}) && isNumeric({v}))"
            name = dt[len(X):] if dt.startswith(X) else None
            if name in INTEGER_BOUNDS:
                lo, hi = INTEGER_BOUNDS[name]
                conds = [f"DATATYPE({v}) IN ({', '.join(iri(d) for d in DECIMALS)})",
                         f"isNumeric({v})", f"COALESCE(FLOOR({v}) = {v}, false)"]
                conds += [f"{v} >= {lo}"] if lo is not None else []
                conds += [f"{v} <= {hi}"] if hi is not None else []
                return "(" + " && ".join(conds) + ")"
            if dt == X + "dateTimeStamp":
                return f"(DATATYPE({v}) = {iri(XSD.dateTime)} && TZ({v}) != \"\")"
            if dt in SUPPORTED:
                return f"DATATYPE({v}) = {iri(dt)}"
            return "true"  # a datatype HermiT ignores: no constraint
        raise UnsupportedAxiom(f"the rule compiler does not support the data range {rng!r}")

    # -- class expressions as conditions
    def member(self, expr: object, x: str) -> str:
        """A group pattern that holds when the individual x is in ``expr`` (x may be
        unbound: the pattern binds it)."""
        if isinstance(expr, Named):
            if expr.iri == OWL.Thing:
                raise UnsupportedAxiom("owl:Thing as a condition on its own")
            return self.typed(x, expr.iri)
        if isinstance(expr, And):
            named = [p for p in expr.parts if isinstance(p, Named)]
            rest = [p for p in expr.parts if not isinstance(p, Named)]
            return " ".join(self.member(p, x) for p in named + rest)
        if isinstance(expr, Or):
            return " UNION ".join("{ " + self.member(p, x) + " }" for p in expr.parts)
        if isinstance(expr, OneOf):
            return f"VALUES {x} {{ {' '.join(term(m) for m in expr.members)} }}"
        if isinstance(expr, HasValue):
            if isinstance(expr.value, Literal):
                lit = fresh("lit")
                return f"{self.prop(x, expr.prop, lit)} FILTER ({self.same_value(lit, term(expr.value))})"
            return self.prop(x, expr.prop, term(expr.value))
        if isinstance(expr, Some):
            return self.some(x, expr.prop, expr.filler)
        if isinstance(expr, Card) and expr.kind == "min":
            if expr.n <= 1:
                return self.some(x, expr.prop, expr.filler) if expr.n == 1 else ""
            ys = [fresh("y") for _ in range(expr.n)]
            parts = [self.some(x, expr.prop, expr.filler, y) for y in ys]
            parts += [f"FILTER EXISTS {{ {self.different(a, b)} }}"
                      for i, a in enumerate(ys) for b in ys[i + 1:]]
            return " ".join(parts)
        raise UnsupportedAxiom(f"the rule compiler does not support {type(expr).__name__} "
                               "as a condition that classifies individuals")

    def some(self, x: str, prop: Prop, filler: object, y: str | None = None) -> str:
        y = y or fresh("y")
        head = self.prop(x, prop, y)
        if isinstance(filler, (Datatype, Facets)) or (
                isinstance(filler, OneOf) and filler.members and
                isinstance(filler.members[0], Literal)):
            return f"{head} FILTER ({self.in_range(y, filler)})"
        if isinstance(filler, Named) and filler.iri == OWL.Thing:
            return head
        return f"{head} {self.member(filler, y)}"

    # -- reading of expressions
    def reads(self, expr: object) -> set:
        """The classes and properties a condition reads (for ordering the rules)."""
        out: set = set()
        if isinstance(expr, Named):
            out.add(("class", expr.iri))
        elif isinstance(expr, (And, Or)):
            for p in expr.parts:
                out |= self.reads(p)
        elif isinstance(expr, (Some, HasValue, Card)):
            out |= {("prop", r.iri) for r in self.h.sub_roles(expr.prop)}
            if isinstance(expr, (Some, Card)):
                out |= self.reads(expr.filler)
            if isinstance(expr, Card) and expr.n >= 2:
                out |= {("class", c) for c in self.h.supers}  # difference by disjoint types
        return out


def individual_iri(value: object) -> bool:
    return isinstance(value, URIRef)
