"""Why a graph is inconsistent, by rules: one SPARQL query per kind of axiom that can make
individuals contradict the ontology.

Each finding is an :class:`~lmskg.reasoning.explain.Explanation` (the individual, a
message, the axiom), worded as the HermiT path's diagnosis words it, so a curator reads
the same thing whichever path found it:

- disjoint classes (``owl:AllDisjointClasses``, ``owl:disjointWith``): an individual in
  two of them, with the reason it is in each (asserted, a subclass, a domain or range);
- functional and inverse-functional properties with two values known to differ
  (literals of different value, individuals declared different or in disjoint classes);
- data values outside a datatype range (``rdfs:range``) or outside the range a class
  restricts its members to (``∀p.PercentRange``);
- enumerations (``C ≡ {a, b, c}``): a member of C declared different from each;
- complements, maximum cardinalities, irreflexive, asymmetric and disjoint properties,
  and ``owl:sameAs`` between individuals known to differ.

Types come from the work graphs the rules filled (:class:`~.rules.Reasoner`), so an
individual made equal to another (a functional property with two values) carries both
sets of types, as in HermiT.
"""

from __future__ import annotations

from itertools import combinations

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from ..ontology.namespaces import show
from .explain import Explanation
from .owl_schema import All, Card, Datatype, Facets, Named, Not, OneOf, Or, Prop
from .scope import TYPES, fresh, iri, lexical, term


def explanations(reasoner) -> list[Explanation]:
    reasoner.materialize()
    found: list[Explanation] = []
    for check in (_disjoint, _functional, _data_ranges, _restrictions, _properties, _same_as):
        found += check(reasoner)
    return sorted(set(found), key=lambda e: (str(e.subject), e.axiom, e.message))


# -- disjoint classes -----------------------------------------------------------------------

def _disjoint(r) -> list[Explanation]:
    out = []
    for members, axiom in r.schema.disjoint:
        names = [m.iri for m in members if isinstance(m, Named)]
        if len(names) < 2:
            continue
        values = " ".join(iri(n) for n in names)
        rows = r.scope.select(
            f"SELECT ?i WHERE {{ VALUES ?c {{ {values} }} GRAPH {iri(TYPES)} {{ ?i a ?c }} }} "
            f"GROUP BY ?i HAVING (COUNT(DISTINCT ?c) > 1)")
        for row in rows:
            ind = row["i"]
            has = {t for t in _types(r, ind)}
            why = _reasons(r, ind)
            for a, b in combinations(names, 2):
                if a in has and b in has:
                    out.append(Explanation(ind, f"{show(ind)} is a {show(a)} ({why.get(a, 'inferred')}) "
                                                f"and a {show(b)} ({why.get(b, 'inferred')}), "
                                                "which are disjoint", axiom))
    return out


def _types(r, ind: object) -> list:
    rows = r.scope.select(f"SELECT ?c WHERE {{ GRAPH {iri(TYPES)} {{ {term(ind)} a ?c }} }}") \
        if isinstance(ind, URIRef) else []
    return [row["c"] for row in rows]


def _reasons(r, ind: object) -> dict:
    """Why an individual has each of its types, worded as the HermiT path's diagnosis."""
    why: dict = {}
    if not isinstance(ind, URIRef):
        return why
    s = r.scope

    def add(cls: object, reason: str) -> None:
        for c in sorted(r.h.sup(cls), key=str):
            why.setdefault(c, reason if c == cls else f"{reason}, a subclass of {show(c)}")

    x = term(ind)
    for row in s.select(f"SELECT DISTINCT ?t WHERE {{ {s.asserted(x, iri(RDF.type), '?t')} }} "
                        "ORDER BY ?t"):
        add(row["t"], f"asserted {show(row['t'])}")
    domains = {p: e.iri for p, e, _ in r.schema.domains if isinstance(e, Named)}
    ranges = {p: e.iri for p, e, _ in r.schema.ranges if isinstance(e, Named)}
    for row in s.select(f"SELECT DISTINCT ?p WHERE {{ {s.asserted(x, '?p', '?o')} }} ORDER BY ?p"):
        for up in r.h.role_supers.get(Prop(row["p"]), ()):
            table = ranges if up.inverse else domains
            if up.iri in table:
                kind = "range" if up.inverse else "domain"
                add(table[up.iri], f"subject of {show(row['p'])} ({kind} {show(table[up.iri])})")
    for row in s.select(f"SELECT DISTINCT ?p WHERE {{ {s.asserted('?o', '?p', x)} }} ORDER BY ?p"):
        for up in r.h.role_supers.get(Prop(row["p"]), ()):
            table = domains if up.inverse else ranges
            if up.iri in table and row["p"] in r.schema.object_props:
                kind = "domain" if up.inverse else "range"
                add(table[up.iri], f"object of {show(row['p'])} ({kind} {show(table[up.iri])})")
    return why


# -- functional properties ------------------------------------------------------------------

def _functional(r) -> list[Explanation]:
    out = []
    p = r.p
    for prop, chars in sorted(r.schema.characteristics.items()):
        for kind in ("functional", "inverse-functional"):
            if kind not in chars:
                continue
            literal = prop in r.schema.data_props
            for x, a, b in r.shared(Prop(prop, kind == "inverse-functional")):
                if (str(a), str(getattr(a, "datatype", ""))) >= (str(b), str(getattr(b, "datatype", ""))):
                    continue  # each pair once
                if literal:
                    clash = f"{p.supported('?a')} && {p.supported('?b')} && !({p.same_value('?a', '?b')})"
                    differ = r.scope.ask(f"ASK {{ BIND ({term(a)} AS ?a) BIND ({term(b)} AS ?b) "
                                         f"FILTER ({clash}) }}")
                else:
                    differ = r.known_different(a, b)
                if not differ:
                    continue
                shown_a, shown_b = _shown(a), _shown(b)
                if kind == "functional":
                    message = (f"{show(x)} has two values of the functional property "
                               f"{show(prop)}: {shown_a} and {shown_b}")
                    out.append(Explanation(x, message, f"FunctionalProperty({show(prop)})"))
                else:
                    message = (f"{show(x)} is the value of the inverse-functional property "
                               f"{show(prop)} for two different individuals: {shown_a} and {shown_b}")
                    out.append(Explanation(a, message, f"InverseFunctionalProperty({show(prop)})"))
    return out


def _shown(value: object) -> str:
    """A value as the HermiT path's diagnosis shows it."""
    return show(Literal(lexical(value))) if isinstance(value, Literal) else show(value)


# -- data values ----------------------------------------------------------------------------

def _data_ranges(r) -> list[Explanation]:
    out = []
    p, s = r.p, r.scope
    for prop, rng, _ in r.schema.ranges:
        if prop not in r.schema.data_props:
            continue
        rows = s.select(f"SELECT DISTINCT ?x ?v WHERE {{ {p.prop('?x', Prop(prop), '?v')} "
                        f"FILTER ({p.supported('?v')} && !({p.in_range('?v', rng)})) }}")
        for row in rows:
            out.append(Explanation(row["x"], f"{show(row['x'])} has {show(prop)} "
                                             f"{lexical(row['v'])}, outside its range {_range(r, rng)}",
                                   f"DataPropertyRange({show(prop)} {_range(r, rng)})"))
    return out


def _range(r, rng: object) -> str:
    if isinstance(rng, Datatype):
        return show(rng.iri)
    if isinstance(rng, Facets):
        return f"DatatypeRestriction({show(rng.base)} " + " ".join(
            f"{show(f)} {lexical(v)}" for f, v in rng.facets) + ")"
    return "DataOneOf(" + " ".join(lexical(v) for v in rng.members) + ")"


def _bounds(r, rng: object) -> tuple:
    """(min, max) of a range given by inclusive facets, for the diagnosis's wording."""
    if isinstance(rng, Datatype) and rng.iri in r.schema.datatypes:
        return _bounds(r, r.schema.datatypes[rng.iri])
    if isinstance(rng, Facets):
        facets = dict(rng.facets)
        lo, hi = facets.get(XSD.minInclusive), facets.get(XSD.maxInclusive)
        if lo is not None or hi is not None:
            return lexical(lo) if lo is not None else None, lexical(hi) if hi is not None else None
    return None


# -- restrictions a class puts on its members -----------------------------------------------

def _restrictions(r) -> list[Explanation]:
    out = []
    p, s = r.p, r.scope
    for cls, exprs in sorted(r.h.necessary.items()):
        for expr, text in exprs:
            member = p.typed("?i", cls)
            if isinstance(expr, All) and r.schema.data_props & {expr.prop.iri} and \
                    isinstance(expr.filler, (Datatype, Facets, OneOf)):
                rows = s.select(f"SELECT DISTINCT ?i ?v WHERE {{ {member} "
                                f"{p.prop('?i', expr.prop, '?v')} FILTER ({p.supported('?v')} && "
                                f"!({p.in_range('?v', expr.filler)})) }}")
                bounds = _bounds(r, expr.filler)
                for row in rows:
                    where = (f"outside {bounds[0]}-{bounds[1]}" if bounds else
                             f"not in {_range(r, expr.filler)}")
                    filler = show(expr.filler.iri) if isinstance(expr.filler, Datatype) \
                        else _range(r, expr.filler)
                    out.append(Explanation(
                        row["i"], f"{show(row['i'])} is a {show(cls)} but its {show(expr.prop.iri)} "
                                  f"{lexical(row['v'])} is {where}",
                        f"SubClassOf({show(cls)} ObjectAllValuesFrom({show(expr.prop.iri)} {filler}))"))
            elif isinstance(expr, OneOf) and all(isinstance(m, URIRef) for m in expr.members):
                out += _enumeration(r, cls, expr, text)
            elif isinstance(expr, Not) and isinstance(expr.of, Named):
                rows = s.select(f"SELECT DISTINCT ?i WHERE {{ {member} {p.typed('?i', expr.of.iri)} }}")
                out += [Explanation(row["i"], f"{show(row['i'])} is a {show(cls)} and a "
                                              f"{show(expr.of.iri)}, which {show(cls)} excludes", text)
                        for row in rows]
            elif isinstance(expr, Card) and expr.kind in ("max", "exact") and r.schema.is_object(expr.prop.iri):
                ys = [fresh("y") for _ in range(expr.n + 1)]
                parts = [p.some("?i", expr.prop, expr.filler, y) for y in ys]
                parts += [f"FILTER EXISTS {{ {p.different(a, b)} }}"
                          for k, a in enumerate(ys) for b in ys[k + 1:]]
                rows = s.select(f"SELECT DISTINCT ?i WHERE {{ {member} {' '.join(parts)} }}")
                out += [Explanation(row["i"], f"{show(row['i'])} is a {show(cls)} but has more "
                                              f"than {expr.n} different values of "
                                              f"{show(expr.prop.iri)}", text) for row in rows]
            elif isinstance(expr, Or) and all(isinstance(x, Named) for x in expr.parts):
                out += _union(r, member, expr, text)
    for prop, expr, text in r.schema.domains + r.schema.ranges:
        if isinstance(expr, Or) and all(isinstance(x, Named) for x in expr.parts):
            is_domain = (prop, expr, text) in r.schema.domains
            pattern = p.prop("?i", Prop(prop), "?o") if is_domain else p.prop("?o", Prop(prop), "?i")
            out += _union(r, pattern, expr, text)
    return out


def _enumeration(r, cls: object, expr: OneOf, text: str) -> list[Explanation]:
    p, s = r.p, r.scope
    members = " ".join(term(m) for m in expr.members)
    rows = s.select(f"SELECT DISTINCT ?i WHERE {{ {p.typed('?i', cls)} "
                    f"FILTER (?i NOT IN ({', '.join(term(m) for m in expr.members)})) "
                    f"FILTER NOT EXISTS {{ VALUES ?m {{ {members} }} "
                    f"FILTER NOT EXISTS {{ {p.different('?i', '?m')} }} }} }}")
    listed = " ".join(show(m) for m in expr.members)
    return [Explanation(row["i"], f"{show(row['i'])} is a {show(cls)} but none of {listed}: "
                                  "it is known to differ from each", text) for row in rows]


def _union(r, pattern: str, expr: Or, text: str) -> list[Explanation]:
    """Members of a union of named classes that are in a class disjoint with each."""
    s = r.scope
    disjoint = r.h.disjoint_pairs()  # what the hierarchy work graph's R:disjoint holds
    conds = []
    for k, x in enumerate(expr.parts):
        against = sorted((a for a, b in disjoint if b == x.iri), key=str)
        if not against:  # no class is disjoint with this part: no member can break the axiom
            return []
        # the classes are listed, not looked up in the work graph: Oxigraph matches the
        # patterns of an EXISTS as written for each row (a lookup per type per row)
        conds.append(f"FILTER EXISTS {{ GRAPH {iri(TYPES)} {{ ?i a ?t{k} }} "
                     f"FILTER (?t{k} IN ({', '.join(iri(a) for a in against)})) }}")
    # each member once before the conditions (a subject of several values is one member)
    rows = s.select(f"SELECT ?i WHERE {{ {{ SELECT DISTINCT ?i WHERE {{ {pattern} }} }} "
                    f"{' '.join(conds)} }}")
    listed = " or ".join(show(x.iri) for x in expr.parts)
    return [Explanation(row["i"], f"{show(row['i'])} must be a {listed} but is in a class "
                                  "disjoint with each", text) for row in rows]


# -- property characteristics and equality --------------------------------------------------

def _properties(r) -> list[Explanation]:
    out = []
    p, s = r.p, r.scope
    for prop, chars in sorted(r.schema.characteristics.items()):
        if "irreflexive" in chars:
            rows = s.select(f"SELECT DISTINCT ?x WHERE {{ {p.prop('?x', Prop(prop), '?x')} }}")
            out += [Explanation(row["x"], f"{show(row['x'])} is related to itself by the "
                                          f"irreflexive property {show(prop)}",
                                f"IrreflexiveObjectProperty({show(prop)})") for row in rows]
        if "asymmetric" in chars:
            rows = s.select(f"SELECT DISTINCT ?x ?y WHERE {{ {p.prop('?x', Prop(prop), '?y')} "
                            f"{p.prop('?y', Prop(prop), '?x')} }}")
            out += [Explanation(row["x"], f"{show(row['x'])} and {show(row['y'])} are related "
                                          f"both ways by the asymmetric property {show(prop)}",
                                f"AsymmetricObjectProperty({show(prop)})") for row in rows]
    for a, b, axiom in r.schema.disjoint_props:
        rows = s.select(f"SELECT DISTINCT ?x ?y WHERE {{ {p.prop('?x', a, '?y')} "
                        f"{p.prop('?x', b, '?y')} }}")
        out += [Explanation(row["x"], f"{show(row['x'])} has {show(row['y'])} as a value of both "
                                      f"{show(a.iri)} and {show(b.iri)}, which are disjoint", axiom)
                for row in rows]
    return out


def _same_as(r) -> list[Explanation]:
    p, s = r.p, r.scope
    rows = s.select(f"SELECT DISTINCT ?a ?b WHERE {{ {s.asserted('?a', iri(OWL.sameAs), '?b')} "
                    f"FILTER (!sameTerm(?a, ?b)) FILTER EXISTS {{ {p.different('?a', '?b')} }} }}")
    return [Explanation(row["a"], f"{show(row['a'])} is stated the same individual as "
                                  f"{show(row['b'])}, which it is known to differ from",
                        f"SameIndividual({show(row['a'])} {show(row['b'])})") for row in rows]

