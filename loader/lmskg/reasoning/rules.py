"""OWL reasoning by rules that Oxigraph runs: what HermiT infers, without HermiT.

HermiT classifies the whole graph in one Java process; at a million claims it cannot. The
ontology is small and changes rarely, the individuals are many and simple, so the axioms
are compiled once into SPARQL updates that run inside the store:

1. :mod:`.owl_schema` reads every axiom of the schema graphs (an unknown construct is
   an error, never ignored) and :mod:`.tbox` classifies the named classes.
2. The rules fill two work graphs: the named types of every individual (asserted types
   with their superclasses; domains and ranges through sub-properties, inverses and
   symmetric properties; classes whose definition an individual meets, as
   ``lms:SecondLineClaim ≡ lms:Claim ⊓ ∃lms:lineOfTherapy.{lms:SecondLine}``; the
   fillers of ``∀p.C`` and of ``∃p.C`` on a functional p) and the property values the
   axioms imply (``C ≡ ... ⊓ p value v`` read the other way). They run in the order of
   what they read and write; a cycle runs to a fixpoint. Individuals that functional
   properties or ``owl:sameAs`` make equal share their statements, as HermiT merges them.
3. :meth:`Reasoner.write_inferred` writes what :func:`lmskg.reasoning.hermit.add_inferred`
   writes: HermiT's output as owlready2 keeps it (each individual's most specific types,
   direct subclass links and equivalences between named entities, less what is asserted)
   and the superclass types of :func:`lmskg.reasoning.hermit.superclass_types`.

:func:`inconsistencies` reports what makes the graph inconsistent (:mod:`.consistency`).
The rules are sound for any OWL 2 ontology they accept; the tests prove them equal to
HermiT on the real graph, every fixture HermiT runs on, and a synthetic corpus.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..ontology.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH
from ..stores.oxigraph import from_ox
from .owl_schema import (SCHEMA_PREDICATES, SCHEMA_TYPES, All, And, Card, HasValue, Named, Not,
                         OneOf, Or, Prop, Schema, Some, read_schema)
from .patterns import Patterns
from .scope import HIER, PROPS, R, TYPES, WORK_GRAPHS, Scope, fresh, iri, term
from .tbox import Hierarchy, classify, tbox_inferences

NOT_CLASSES = sorted(SCHEMA_TYPES | {OWL.NamedIndividual, OWL.Thing, RDF.List, RDFS.Resource,
                                     RDF.Statement})


@dataclass
class Rule:
    name: str
    update: str
    reads: frozenset
    writes: frozenset


@dataclass
class Reasoner:
    """The rules of the schema in ``store``, and the work graphs they fill."""

    store: ox.Store
    exclude: frozenset | None = None
    target: str = str(INFERRED_GRAPH)
    timings: dict = field(default_factory=dict)
    # individuals the axioms made equal to another (functional properties, owl:sameAs,
    # a class of one individual), whose statements the rules copied between them
    merged: set = field(default_factory=set)

    def __post_init__(self) -> None:
        t = time.perf_counter()
        base = Scope(self.store)
        self.scope = Scope(self.store, (self.exclude if self.exclude is not None
                                        else base.exclude) | {self.target})
        self.schema_graphs = schema_graph_names(self.scope)  # where its axioms were read
        self.schema_graph = schema_graph(self.scope, self.schema_graphs)
        self.schema: Schema = read_schema(self.schema_graph)
        self.h: Hierarchy = classify(self.schema, nominal=self._nominal)
        self.p = Patterns(self.scope, self.h)
        self.rules = order(compile_rules(self.schema, self.h, self.p))
        self.materialized = False
        self.timings["compile"] = time.perf_counter() - t

    # -- the work graphs
    def materialize(self) -> None:
        """Fill the work graphs: every named type of every individual."""
        if self.materialized:
            return
        t = time.perf_counter()
        self.close()
        self.scope.add(HIER, self._hierarchy_triples())
        s = self.scope
        self.scope.update(
            f"INSERT {{ GRAPH {iri(HIER)} {{ ?m <{R}inList> ?l }} }} WHERE {{ "
            f"{s.asserted('?l', iri(RDF.type), iri(OWL.AllDifferent))} "
            f"{s.asserted('?l', '(' + iri(OWL.distinctMembers) + '|' + iri(OWL.members) + ')/' + iri(RDF.rest) + '*/' + iri(RDF.first), '?m')} }}")
        while True:
            for group in self.rules:
                self._run(group)
            if not self._merge_equals():
                break
        self.materialized = True
        self.timings["materialize"] = time.perf_counter() - t

    def _run(self, group: list) -> None:
        cyclic = len(group) > 1 or group[0].writes & group[0].reads
        while True:
            before = self.scope.count(TYPES) + self.scope.count(PROPS) if cyclic else 0
            for rule in group:
                t = time.perf_counter()
                self.scope.update(rule.update)
                self.timings[rule.name] = self.timings.get(rule.name, 0) + time.perf_counter() - t
            if not cyclic or self.scope.count(TYPES) + self.scope.count(PROPS) == before:
                return

    def close(self) -> None:
        """Remove the work graphs."""
        for g in WORK_GRAPHS:
            self.scope.drop(g)
        self.materialized = False

    def __enter__(self) -> "Reasoner":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _hierarchy_triples(self) -> list:
        out = []
        for c, ups in self.h.supers.items():
            for d in ups:
                out.append((c, URIRef(R + "sup"), d))
                if self.h.below(c, d):
                    out.append((c, URIRef(R + "below"), d))
        for a, b in self.h.disjoint_pairs():
            out.append((a, URIRef(R + "disjoint"), b))
        return out

    def _nominal(self, value: object) -> set:
        """Asserted types and property values of an individual named in an axiom."""
        if not isinstance(value, URIRef):
            return set()
        rows = self.scope.select(f"SELECT ?p ?o WHERE {{ {self.scope.asserted(term(value), '?p', '?o')} }}")
        out: set = set()
        for row in rows:
            if row["p"] == RDF.type:
                out.add(row["o"])
            else:
                out.add((RDF.value, Prop(row["p"]), row["o"]))
        return out

    # -- individuals made equal (functional properties, owl:sameAs)
    def _merge_equals(self) -> bool:
        """Copy the statements of individuals that must be equal to each other; True if
        that added anything (the rules then run again)."""
        # two individuals known to differ that the axioms make equal are a contradiction
        # the consistency checks report (a functional property with both as values);
        # merging them would only spread it (every claim with the direction lms:For would
        # gain lms:Neutral, one finding each). A consistent graph has no such pair.
        pairs = {pair for pair in self.equal_pairs() if not self.known_different(*pair)}
        if not pairs:
            return False
        self.merged.update(x for pair in pairs for x in pair)
        parent: dict = {}

        def find(x: object) -> object:
            while parent.get(x, x) != x:
                x = parent.get(x, x)
            return x

        for a, b in pairs:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        groups: dict = {}
        for x in {x for pair in pairs for x in pair}:
            groups.setdefault(find(x), set()).add(x)
        before = self.scope.count(TYPES) + self.scope.count(PROPS)
        for members in groups.values():
            values = " ".join(term(m) for m in sorted(members))
            self.scope.update(
                f"INSERT {{ GRAPH {iri(PROPS)} {{ ?b ?p ?o }} }} WHERE {{ VALUES ?a {{ {values} }} "
                f"VALUES ?b {{ {values} }} {{ {self.scope.asserted('?a', '?p', '?o')} }} UNION "
                f"{{ GRAPH {iri(PROPS)} {{ ?a ?p ?o }} }} FILTER (?p != {iri(RDF.type)}) }}")
            self.scope.update(
                f"INSERT {{ GRAPH {iri(PROPS)} {{ ?s ?p ?b }} }} WHERE {{ VALUES ?a {{ {values} }} "
                f"VALUES ?b {{ {values} }} {{ {self.scope.asserted('?s', '?p', '?a')} }} UNION "
                f"{{ GRAPH {iri(PROPS)} {{ ?s ?p ?a }} }} }}")
            self.scope.update(
                f"INSERT {{ GRAPH {iri(TYPES)} {{ ?b a ?c }} }} WHERE {{ VALUES ?a {{ {values} }} "
                f"VALUES ?b {{ {values} }} GRAPH {iri(TYPES)} {{ ?a a ?c }} }}")
        return self.scope.count(TYPES) + self.scope.count(PROPS) != before

    def known_different(self, a: object, b: object) -> bool:
        """Whether the individuals a and b are known to differ (never for a blank node,
        which a query cannot name)."""
        if isinstance(a, BNode) or isinstance(b, BNode):
            return False
        # the two written into the pattern: bound by BIND they would be no join key to
        # Oxigraph, and the UNION of p.different would read every two typed individuals
        # (a check of 100,000 claims with one claim of two directions: over ten minutes)
        return self.scope.ask(f"ASK {{ {self.p.different(term(a), term(b))} }}")

    def shared(self, prop: Prop) -> list[tuple]:
        """(x, a, b) where x has the two distinct values a and b of ``prop``: found by
        counting values per subject (linear), then listing those of the few with two."""
        s, p = self.scope, self.p
        rows = s.select(f"SELECT ?x WHERE {{ {p.prop('?x', prop, '?a')} }} GROUP BY ?x "
                        "HAVING (COUNT(DISTINCT ?a) > 1)")
        out = []
        xs = [row["x"] for row in rows if not isinstance(row["x"], BNode)]
        for start in range(0, len(xs), 200):
            values = " ".join(term(x) for x in xs[start:start + 200])
            pairs = s.select(f"SELECT DISTINCT ?x ?a ?b WHERE {{ VALUES ?x {{ {values} }} "
                             f"{p.prop('?x', prop, '?a')} {p.prop('?x', prop, '?b')} "
                             "FILTER (!sameTerm(?a, ?b)) }")
            out += [(row["x"], row["a"], row["b"]) for row in pairs]
        if any(isinstance(row["x"], BNode) for row in rows):
            pairs = s.select(f"SELECT DISTINCT ?x ?a ?b WHERE {{ {p.prop('?x', prop, '?a')} "
                             f"{p.prop('?x', prop, '?b')} FILTER (isBlank(?x) && !sameTerm(?a, ?b)) }}")
            out += [(row["x"], row["a"], row["b"]) for row in pairs]
        return out

    def equal_pairs(self) -> set:
        """Pairs of distinct individuals the axioms make equal."""
        s, p = self.scope, self.p
        parts = [f"{{ {s.asserted('?a', iri(OWL.sameAs), '?b')} }}"]
        found: set = set()
        for prop, chars in sorted(self.schema.characteristics.items()):
            if not self.schema.is_object(prop):
                continue
            if "functional" in chars:
                found |= {(a, b) for _, a, b in self.shared(Prop(prop))}
            if "inverse-functional" in chars:
                found |= {(a, b) for _, a, b in self.shared(Prop(prop, True))}
        for cls, exprs in sorted(self.h.necessary.items()):
            for expr, _ in exprs:
                if isinstance(expr, OneOf) and len(expr.members) == 1 and \
                        isinstance(expr.members[0], URIRef):
                    parts.append(f"{{ {p.typed('?a', cls)} BIND ({term(expr.members[0])} AS ?b) }}")
        rows = s.select("SELECT DISTINCT ?a ?b WHERE { " + " UNION ".join(parts) +
                        " FILTER (!isLiteral(?a) && !isLiteral(?b) && !sameTerm(?a, ?b)) }")
        found |= {(r["a"], r["b"]) for r in rows}
        return {tuple(sorted(pair, key=str)) for pair in found
                if not any(isinstance(x, Literal) for x in pair)}

    # -- what HermiT's path writes
    def write_inferred(self) -> int:
        """Replace the target graph with what ``hermit.add_inferred`` would put there."""
        self.materialize()
        t = time.perf_counter()
        s, target = self.scope, iri(self.target)
        s.drop(self.target)
        tbox = tbox_inferences(self.h, lambda triple: triple in self.schema_graph)
        s.add(self.target, tbox)
        below = f"<{R}below>"
        s.update(f"INSERT {{ GRAPH {target} {{ ?i a ?c }} }} WHERE {{ "
                 f"GRAPH {iri(TYPES)} {{ ?i a ?c }} FILTER (isIRI(?i)) "
                 f"OPTIONAL {{ GRAPH {iri(TYPES)} {{ ?i a ?d }} GRAPH {iri(HIER)} {{ ?d {below} ?c }} }} "
                 f"FILTER (!BOUND(?d)) {s.absent('?i', iri(RDF.type), '?c')} }}")
        s.update(f"INSERT {{ GRAPH {target} {{ ?i a {iri(OWL.Thing)} }} }} WHERE {{ "
                 f"{{ SELECT DISTINCT ?i WHERE {{ {self._untyped_candidates()} }} }} FILTER (isIRI(?i)) "
                 f"OPTIONAL {{ GRAPH {iri(TYPES)} {{ ?i a ?any }} }} FILTER (!BOUND(?any)) "
                 f"{s.absent('?i', iri(RDF.type), iri(OWL.Thing))} }}")
        self._superclass_types(tbox)
        self.timings["write"] = time.perf_counter() - t
        return s.count(self.target)

    def _untyped_candidates(self) -> str:
        """Individuals that may have no named type at all (HermiT then names owl:Thing)."""
        s, schema = self.scope, self.schema
        parts = [s.asserted("?i", iri(RDF.type), iri(OWL.NamedIndividual)),
                 s.asserted("?i", "(" + iri(OWL.sameAs) + "|^" + iri(OWL.sameAs) + "|" +
                            iri(OWL.differentFrom) + "|^" + iri(OWL.differentFrom) + ")", "?o"),
                 f"GRAPH {iri(HIER)} {{ ?i <{R}inList> ?l }}"]
        named = sorted(_individuals_in_axioms(schema), key=str)
        if named:  # the individuals class expressions name (p value v, one of) count too
            parts.append(f"VALUES ?i {{ {' '.join(term(x) for x in named)} }}")
        typed_subj, typed_obj = side_classes(schema, self.h)
        for prop in sorted(schema.object_props | schema.data_props):
            if not typed_subj.get(prop):
                parts.append(s.asserted("?i", iri(prop), "?o"))
            if prop in schema.object_props and not typed_obj.get(prop):
                parts.append(s.asserted("?o", iri(prop), "?i"))
        return " UNION ".join("{ " + x + " }" for x in parts)

    def _superclass_types(self, tbox: set) -> None:
        """``hermit.superclass_types``: every named superclass (asserted links and HermiT's)
        of every type an individual has, for classes declared owl:Class."""
        edges: dict = {}
        for s_, o in self.schema_graph.subject_objects(RDFS.subClassOf):
            if isinstance(s_, URIRef) and isinstance(o, URIRef):
                edges.setdefault(s_, set()).add(o)
        for s_, p_, o in tbox:
            if p_ == RDFS.subClassOf:
                edges.setdefault(s_, set()).add(o)
        declared = set(self.schema_graph.subjects(RDF.type, OWL.Class))
        told = []
        for cls in sorted(c for c in declared if isinstance(c, URIRef)
                          and not str(c).startswith(str(OWL))):
            seen, todo = {cls}, [cls]
            while todo:
                for up in edges.get(todo.pop(), ()):
                    if up not in seen:
                        seen.add(up)
                        todo.append(up)
            told += [(cls, URIRef(R + "told"), c) for c in seen
                     if c != cls and not str(c).startswith(str(OWL))]
        self.scope.add(HIER, told)
        s, target = self.scope, iri(self.target)
        s.update(f"INSERT {{ GRAPH {target} {{ ?i a ?c }} }} WHERE {{ "
                 f"{{ SELECT DISTINCT ?i ?k WHERE {{ {{ {s.asserted('?i', iri(RDF.type), '?k')} }} "
                 f"UNION {{ GRAPH {target} {{ ?i a ?k }} }} FILTER (isIRI(?i)) }} }} "
                 f"GRAPH {iri(HIER)} {{ ?k <{R}told> ?c }} "
                 f"{s.absent('?i', iri(RDF.type), '?c')} }}")


def schema_graph_names(scope: Scope) -> set[str]:
    """The ontology graph and every asserted graph that states an axiom."""
    preds = " ".join(iri(p) for p in sorted(SCHEMA_PREDICATES))
    types = " ".join(iri(t) for t in sorted(SCHEMA_TYPES))
    rows = scope.select(
        f"SELECT DISTINCT ?g WHERE {{ {{ VALUES ?p {{ {preds} }} GRAPH ?g {{ ?s ?p ?o }} }} UNION "
        f"{{ VALUES ?t {{ {types} }} GRAPH ?g {{ ?s a ?t }} }} "
        f"FILTER (?g NOT IN ({', '.join(iri(n) for n in sorted(scope.exclude | WORK_GRAPHS))})) }}")
    return ({str(r["g"]) for r in rows} | {str(ONTOLOGY_GRAPH)}) - scope.exclude


def schema_graph(scope: Scope, names: set[str]) -> Graph:
    """The graphs ``names`` (:func:`schema_graph_names`), in one graph."""
    g = Graph()
    for name in sorted(names):
        for q in scope.store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return g


def side_classes(schema: Schema, h: Hierarchy) -> tuple[dict, dict]:
    """For each property: the named classes its subjects, and its objects, fall in (by the
    domains and ranges of every property it is below, directly or as an inverse)."""
    domains: dict = {}
    ranges: dict = {}
    for prop, expr, _ in schema.domains:
        if isinstance(expr, Named):
            domains.setdefault(prop, set()).add(expr.iri)
    for prop, expr, _ in schema.ranges:
        if isinstance(expr, Named) and prop in schema.object_props:
            ranges.setdefault(prop, set()).add(expr.iri)
    subj: dict = {}
    obj: dict = {}
    for prop in schema.object_props | schema.data_props:
        for up in h.role_supers.get(Prop(prop), {Prop(prop)}):
            first, second = (ranges, domains) if up.inverse else (domains, ranges)
            subj.setdefault(prop, set()).update(first.get(up.iri, ()))
            obj.setdefault(prop, set()).update(second.get(up.iri, ()))
    close = (lambda classes: set().union(*(h.sup(c) for c in classes)) if classes else set())
    return ({p: close(c) for p, c in subj.items()}, {p: close(c) for p, c in obj.items()})


# -- the rules ----------------------------------------------------------------------------

def compile_rules(schema: Schema, h: Hierarchy, p: Patterns) -> list[Rule]:
    s = p.scope
    types, props, hier = iri(TYPES), iri(PROPS), iri(HIER)
    everything = frozenset(("class", c) for c in h.supers)
    rules = [Rule("asserted types", (
        f"INSERT {{ GRAPH {types} {{ ?i a ?c . ?i a ?d }} }} WHERE {{ "
        f"{s.asserted('?i', iri(RDF.type), '?c')} FILTER (isIRI(?c) && ?c NOT IN "
        f"({', '.join(iri(c) for c in NOT_CLASSES)})) "
        f"OPTIONAL {{ GRAPH {hier} {{ ?c <{R}sup> ?d }} }} }}"), frozenset(), everything)]
    subj, obj = side_classes(schema, h)
    for prop in sorted(schema.object_props | schema.data_props):
        data = prop in schema.data_props
        where = (f"{{ {s.asserted('?s', iri(prop), '?o')} }} UNION "
                 f"{{ GRAPH {props} {{ ?s {iri(prop)} ?o }} }}")
        for side, var, classes in (("subjects", "?s", subj.get(prop)),
                                   ("objects", "?o", None if data else obj.get(prop))):
            if classes:
                rules.append(Rule(
                    f"{side} of {prop}",
                    f"INSERT {{ GRAPH {types} {{ {var} a ?c }} }} WHERE {{ {where} "
                    f"FILTER (!isLiteral({var})) VALUES ?c {{ {' '.join(iri(c) for c in sorted(classes))} }} }}",
                    frozenset({("prop", prop)}), frozenset(("class", c) for c in classes)))
    for n, (expr, target, text) in enumerate(h.sufficient):
        if not isinstance(target, Named):
            rules += consequences(p, h, target, "?x", p.member(expr, "?x"), p.reads(expr),
                                  f"{text} ({n})")
            continue
        implied = set().union(*(h.sup(x.iri) for x in _conjuncts(expr) if isinstance(x, Named))) \
            if _conjuncts(expr) else set()
        writes = h.sup(target.iri) - implied
        if not writes:
            continue
        rules.append(Rule(
            f"definition {text} ({n})",
            f"INSERT {{ GRAPH {types} {{ ?x a ?d }} }} WHERE {{ {p.member(expr, '?x')} "
            f"FILTER (!isLiteral(?x)) GRAPH {hier} {{ {iri(target.iri)} <{R}sup> ?d }} "
            f"FILTER (?d IN ({', '.join(iri(c) for c in sorted(writes))})) }}",
            frozenset(p.reads(expr)), frozenset(("class", c) for c in writes)))
    for cls, exprs in sorted(h.necessary.items()):
        for expr, text in exprs:
            if not isinstance(expr, Named):
                rules += consequences(p, h, expr, "?x", p.typed("?x", cls),
                                      {("class", cls)}, text)
    sides = [("?s", axiom) for axiom in schema.domains] + \
        [("?o", axiom) for axiom in schema.ranges if axiom[0] in schema.object_props]
    for var, (prop, expr, text) in sides:
        if not isinstance(expr, Named):
            rules += consequences(p, h, expr, var, p.prop("?s", Prop(prop), "?o"),
                                  {("prop", r.iri) for r in h.sub_roles(Prop(prop))}, text)
    return rules


def _individuals_in_axioms(schema: Schema) -> set:
    """The individuals named in class expressions (``p value v``, ``one of``)."""
    out: set = set()

    def walk(expr: object) -> None:
        if isinstance(expr, (And, Or)):
            for part in expr.parts:
                walk(part)
        elif isinstance(expr, Not):
            walk(expr.of)
        elif isinstance(expr, OneOf):
            out.update(m for m in expr.members if isinstance(m, URIRef))
        elif isinstance(expr, HasValue) and isinstance(expr.value, URIRef):
            out.add(expr.value)
        elif isinstance(expr, (Some, All, Card)):
            walk(expr.filler)

    for a, b, _ in schema.subclass + schema.equivalent:
        walk(a)
        walk(b)
    for members, _ in schema.disjoint:
        for m in members:
            walk(m)
    for _, expr, _ in schema.domains + schema.ranges:
        walk(expr)
    return out


def _conjuncts(expr: object) -> list:
    return list(expr.parts) if isinstance(expr, And) else [expr]


def consequences(p: Patterns, h: Hierarchy, expr: object, x: str, where: str, reads: set,
                 text: str) -> list[Rule]:
    """Rules for what follows when the individual x (bound by ``where``) is in ``expr``."""
    types, props, hier = iri(TYPES), iri(PROPS), iri(HIER)
    if isinstance(expr, Named):
        if expr.iri == OWL.Thing:
            return []
        return [Rule(f"consequence {text} -> {expr.iri}",
                     f"INSERT {{ GRAPH {types} {{ {x} a ?d }} }} WHERE {{ {where} "
                     f"FILTER (!isLiteral({x})) GRAPH {hier} {{ {iri(expr.iri)} <{R}sup> ?d }} }}",
                     frozenset(reads), frozenset(("class", c) for c in h.sup(expr.iri)))]
    if isinstance(expr, And):
        return [r for part in expr.parts for r in consequences(p, h, part, x, where, reads, text)]
    if isinstance(expr, HasValue):
        s, o = (term(expr.value), x) if expr.prop.inverse else (x, term(expr.value))
        return [Rule(f"consequence {text} -> value of {expr.prop.iri}",
                     f"INSERT {{ GRAPH {props} {{ {s} {iri(expr.prop.iri)} {o} }} }} WHERE {{ {where} }}",
                     frozenset(reads), frozenset({("prop", expr.prop.iri)}))]
    functional = isinstance(expr, Some) and not expr.prop.inverse and \
        h.schema.has(expr.prop.iri, "functional")
    if isinstance(expr, All) or functional:
        if not h.schema.is_object(expr.prop.iri):
            return []  # a data range: checked by consistency
        y = fresh("y")
        step = f"{where} {p.prop(x, expr.prop, y)}"
        return consequences(p, h, expr.filler, y, step,
                            set(reads) | {("prop", r.iri) for r in h.sub_roles(expr.prop)}, text)
    return []  # unions, complements, cardinalities, other existentials: no named type


def order(rules: list[Rule]) -> list[list[Rule]]:
    """Groups of rules in the order they must run: a rule after those that write what it
    reads; rules that depend on each other in one group (run to a fixpoint)."""
    n = len(rules)
    succ = [[j for j in range(n) if rules[i].writes & rules[j].reads and
             not (i == j and not rules[i].writes & rules[i].reads)] for i in range(n)]
    index, low, on_stack, stack, comps = {}, {}, set(), [], []
    counter = [0]

    def strong(v: int) -> None:  # Tarjan, iteratively
        work = [(v, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter[0]
                counter[0] += 1
                stack.append(node)
                on_stack.add(node)
            if i < len(succ[node]):
                work.append((node, i + 1))
                w = succ[node][i]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[node] = min(low[node], index[w])
                continue
            for w in succ[node]:
                if w in on_stack:
                    low[node] = min(low[node], low[w])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                comps.append(sorted(comp))

    for v in range(n):
        if v not in index:
            strong(v)
    comps.reverse()  # Tarjan finds sinks first
    return [[rules[i] for i in comp] for comp in comps]


# -- entry points -------------------------------------------------------------------------

def infer(store: ox.Store, exclude: frozenset | None = None,
          target: str = str(INFERRED_GRAPH)) -> int:
    """Write into ``target`` what the HermiT path puts in the ``inferred`` graph, for the
    asserted graphs of ``store`` (all named graphs but ``exclude``: by default the
    derived and inferred graphs). The number of triples written."""
    with Reasoner(store, exclude, str(target)) as reasoner:
        return reasoner.write_inferred()


def target_lines(store: ox.Store, target: str = str(INFERRED_GRAPH)) -> list[str]:
    """The triples of the target graph as sorted N-Quads lines."""
    graph = ox.NamedNode(target)
    return sorted(f"{q.subject} {q.predicate} {q.object} {graph} .\n"
                  for q in store.quads_for_pattern(None, None, None, graph))


def inferred(store: ox.Store, target: str = str(INFERRED_GRAPH)) -> Graph:
    """The triples of the target graph, as an rdflib graph."""
    g = Graph()
    for triple in Scope(store).triples(str(target)):
        g.add(triple)
    return g


def inconsistencies(store: ox.Store, exclude: frozenset | None = None) -> list:
    """Why the asserted graphs are inconsistent (empty when consistent), as
    :class:`~lmskg.reasoning.explain.Explanation` objects."""
    from .consistency import explanations

    with Reasoner(store, exclude) as reasoner:
        return explanations(reasoner)

