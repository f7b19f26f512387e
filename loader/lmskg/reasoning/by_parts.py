"""The rules over a large graph one part at a time, where the parts cannot affect each other.

The rules (:mod:`.rules`) run in an in-memory store that holds the whole asserted graph:
about 2 GiB at 100,000 claims, so about 21 GiB at a million. Most of the graph is the
sources' own statements, and a source's claims, quotes and selectors are named by nothing
outside it. So each *part* (a few sources' graphs) is reasoned over with the
*background* (the ontology and vocabulary graphs) in a store of its own, and the parts'
``inferred`` lines are joined.

The join equals the whole graph's ``inferred`` graph when no part can change what another
concludes. A part reaches another only through a term both hold: a term of the
background, or one that two parts name. :func:`inferred_by_parts` accepts the parts only
when these conditions hold, and raises :class:`NotSeparable` naming the term or graph
otherwise (the caller then reasons over the whole graph: more memory, the same lines):

- each term is *described* (the subject of statements) in one part at most, and never in
  a part and the background: its statements are all in one store;
- a term one part names without describing it is described in no other part;
- every *boundary* term (of the background, or named by a part without being described
  there) has the same statements in every part that holds it: asserted ones, the property
  values the rules infer, its named types, and its incoming edges through every property
  the axioms read from the object's side (symmetric and inverse properties, inverse
  functional ones, and any property whose inverse an expression names: ``∃p⁻.C``,
  ``∀p⁻.C``, ``≥n p⁻``, ``p⁻ value v``);
- no boundary term is made equal to another individual (a functional property, an
  ``owl:sameAs``, a class of one individual): the rules copy every edge of merged
  individuals, whatever the property;
- no part states an axiom (it would reason with a schema of its own) or holds a blank
  node (one label in two parts is one node in the whole file, two in two stores).

With these, a rule that joins statements through a term finds all of them in the part
where it fires: statements about a part's own terms are in that part only, and those
about a boundary term are the same in every part. These conditions are checked, not
proven complete for every OWL construct the rules accept: the tests hold the joined
lines to the whole graph's, line for line, on the real graph, a synthetic corpus and
small graphs built to break each condition (tests/reasoning/test_by_parts.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import fields, is_dataclass
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import URIRef

from .owl_schema import Prop
from .rules import Reasoner, target_lines
from .scope import PROPS, TYPES, Scope, iri

_LOOKUP_BATCH = 500  # terms per VALUES block when reading boundary statements


class NotSeparable(Exception):
    """The parts could not be shown independent: reason over the whole graph instead."""


def inferred_by_parts(background: bytes, parts: Iterable[tuple[str, bytes]],
                      exclude: frozenset, target: str) -> list[str]:
    """The ``target`` graph the rules write for the background (N-Quads text) together
    with every part ((a name for messages, N-Quads text of other asserted graphs)), as
    sorted N-Quads lines: those the rules write over the whole graph at once. Raises
    :class:`NotSeparable` when the parts fail a condition of the module's."""
    # the background keeps its blank node labels (a bulk load would draw new ones for
    # each store), so its axioms' nodes read the same in every part
    background_quads = list(ox.parse(background, ox.RdfFormat.N_QUADS))
    background_graphs = frozenset(q.graph_name.value for q in background_quads)
    background_terms = {str(node) for q in background_quads
                        for node in (q.subject, q.object) if not isinstance(node, ox.Literal)}
    lines: set[str] = set()
    described_in: dict[int, str] = {}  # key of a term a part describes -> that part
    named_in: dict[int, str] = {}  # key of a term a part names, not describing it -> part
    digests: dict[str, tuple[bytes, str]] = {}  # boundary term -> (statements, first part)
    for name, data in parts:
        if _has_blank_node(data):
            raise NotSeparable(f"{name} has a blank node")
        store = ox.Store()
        store.extend(background_quads)
        store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
        with Reasoner(store, exclude, target) as reasoner:
            own = reasoner.schema_graphs - background_graphs
            if own:
                raise NotSeparable(f"{name}: graph <{min(own)}> states axioms")
            part_only = Scope(store, exclude | {target} | background_graphs)
            described = _terms(part_only, "?s")
            named = _terms(part_only, "?o") - described - background_terms
            _claim(described, named, background_terms, described_in, named_in, name)
            reasoner.write_inferred()
            lines.update(target_lines(store, target))
            boundary = background_terms | named
            merged = {_nt(x) for x in reasoner.merged} & boundary
            if merged:
                raise NotSeparable(f"{min(merged)} is made equal to another individual in "
                                   f"{name}")
            iris = sorted(t for t in boundary if t.startswith("<"))
            for term, digest in _digests(reasoner, iris):
                first = digests.setdefault(term, (digest, name))
                if first[0] != digest:
                    raise NotSeparable(f"{term} has different statements in {first[1]} and "
                                       f"{name}")
    return sorted(lines)


def _claim(described: set[str], named: set[str], background_terms: set[str],
           described_in: dict[int, str], named_in: dict[int, str], name: str) -> None:
    """Record what a part describes and names; NotSeparable if another part (or the
    background) describes or names the same terms in a way the module forbids."""
    for term in sorted(described):
        if term in background_terms:
            raise NotSeparable(f"{name} describes {term}, a term of the background")
        key = _key(term)
        first = described_in.setdefault(key, name)
        if first != name:
            raise NotSeparable(f"{term} is described in {first} and {name}")
        if key in named_in:
            raise NotSeparable(f"{term} is named in {named_in[key]} and described in {name}")
    for term in sorted(named):
        key = _key(term)
        if key in described_in:
            raise NotSeparable(f"{term} is described in {described_in[key]} and named in "
                               f"{name}")
        named_in.setdefault(key, name)


def _key(term: str) -> int:
    """A 64-bit key of a term, the same in every run: a collision could only refuse parts
    that are independent, never accept dependent ones."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "big")


def _nt(node: object) -> str:
    """An rdflib term as :func:`_terms` writes it (N-Triples)."""
    return f"<{node}>" if isinstance(node, URIRef) else f"_:{node}"


def _has_blank_node(data: bytes) -> bool:
    if b"_:" not in data:  # the text of a literal may hold it too: then parse
        return False
    return any(isinstance(node, ox.BlankNode) for quad in ox.parse(data, ox.RdfFormat.N_QUADS)
               for node in (quad.subject, quad.object, quad.graph_name))


def _terms(scope: Scope, var: str) -> set[str]:
    """The IRIs (N-Triples syntax) in position ``var`` (``?s`` or ``?o``) of the asserted
    graphs of ``scope``."""
    rows = scope.store.query(f"SELECT DISTINCT {var} WHERE {{ "
                             f"{scope.asserted('?s', '?p', '?o')} FILTER (isIRI({var})) }}")
    return {str(row[0]) for row in rows}


def _two_way_properties(reasoner: Reasoner) -> list[str]:
    """Properties whose statements the axioms also read from the object's side: an edge
    ``x p t`` then says something of ``t`` (a symmetric or inverse property gives ``t`` a
    value; an inverse functional property, or an expression on ``p⁻``, reads ``t``'s
    incoming edges). Every property below such a role is one too."""
    schema, h = reasoner.schema, reasoner.h
    wanted = {Prop(p, True) for p in schema.object_props if schema.has(p, "inverse-functional")}
    wanted |= set(_inverse_roles(schema))
    out = []
    for p in sorted(schema.object_props):
        ups = h.role_supers.get(Prop(p, True), {Prop(p, True)})
        if any(not u.inverse or u in wanted for u in ups):
            out.append(p)
    return [iri(p) for p in out]


def _inverse_roles(node: object) -> Iterator[Prop]:
    """Every inverse role (``p⁻``) a schema or an expression names."""
    if isinstance(node, Prop):
        if node.inverse:
            yield node
    elif is_dataclass(node) and not isinstance(node, type):
        for f in fields(node):
            if f.name != "graph":  # the schema's rdflib graph: its axioms are read already
                yield from _inverse_roles(getattr(node, f.name))
    elif isinstance(node, (list, tuple, set, frozenset)):
        for item in node:
            yield from _inverse_roles(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from _inverse_roles(item)


def _digests(reasoner: Reasoner, terms: list[str]) -> Iterator[tuple[str, bytes]]:
    """(term, a digest of every statement about it) for IRIs in N-Triples syntax: what is
    asserted and inferred of it, the named types the rules give it, and its incoming edges
    through :func:`_two_way_properties`."""
    scope = reasoner.scope
    two_way = _two_way_properties(reasoner)
    incoming = ""
    if two_way:
        values = " ".join(two_way)
        incoming = (f"UNION {{ VALUES ?p {{ {values} }} {scope.asserted('?o', '?p', '?t')} "
                    "BIND (\"in\" AS ?d) } "
                    f"UNION {{ VALUES ?p {{ {values} }} GRAPH {iri(PROPS)} {{ ?o ?p ?t }} "
                    "BIND (\"in\" AS ?d) } ")
    for start in range(0, len(terms), _LOOKUP_BATCH):
        batch = terms[start:start + _LOOKUP_BATCH]
        found: dict[str, set[str]] = {t: set() for t in batch}
        rows = scope.store.query(
            f"SELECT ?t ?d ?p ?o WHERE {{ VALUES ?t {{ {' '.join(batch)} }} "
            f"{{ {scope.asserted('?t', '?p', '?o')} BIND (\"out\" AS ?d) }} "
            f"UNION {{ GRAPH {iri(PROPS)} {{ ?t ?p ?o }} BIND (\"out\" AS ?d) }} "
            f"UNION {{ GRAPH {iri(TYPES)} {{ ?t ?p ?o }} BIND (\"type\" AS ?d) }} {incoming}}}")
        for row in rows:
            found[str(row["t"])].add(f"{row['d']} {row['p']} {row['o']}")
        for term in batch:
            text = "\n".join(sorted(found[term])).encode("utf-8")
            yield term, hashlib.blake2b(text, digest_size=16).digest()
