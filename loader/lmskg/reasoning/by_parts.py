"""The rules over a large graph one part at a time, when the parts cannot affect each other.

The rules (:mod:`.rules`) run in an in-memory store that holds the whole asserted graph:
about 2 GiB at 100,000 claims, so about 21 GiB at a million. Most of the graph is the
sources' own statements, and a source's claims, quotes and selectors are named by nothing
outside it. So each *part* (a few sources' graphs) is reasoned over with the
*background* (the ontology and vocabulary graphs) in a store of its own, and the parts'
``inferred`` graphs are joined.

That join equals the whole graph's ``inferred`` graph when no part can change what
another part concludes. A part reaches another only through a term both mention: a term
of the background, or one that two parts mention. This module proves, for the parts it
is given, that every such *boundary* term has the same statements in every part that
mentions it (asserted or inferred, the named types the rules give it, and the incoming
edges that the axioms read from its side: symmetric and inverse properties, inverse
functional ones, and cardinalities of an inverse). With equal statements on every
boundary term, every rule that joins statements through a boundary term finds them all in
the part where it fires, so no part misses a conclusion of the whole graph, and each
part's own individuals get the types the whole graph gives them. The proof also needs:

- no term is the subject of statements in two parts, nor in a part and the background
  (its statements would be split: each part would see only some of them);
- a term that one part names only as an object is no other part's subject;
- every axiom is in the background (a part that stated one would reason with a schema of
  its own).

When any of these fails, :func:`inferred_by_parts` raises :class:`NotSeparable` naming the
term or graph, and the caller reasons over the whole graph at once: never a wrong answer,
only more memory. The tests hold the joined output to the whole graph's, line for line.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields, is_dataclass
from typing import Iterable, Iterator

import pyoxigraph as ox

from .owl_schema import Card, Prop
from .rules import Reasoner, schema_graph_names
from .scope import PROPS, TYPES, WORK_GRAPHS, iri

_LOOKUP_BATCH = 500  # terms per VALUES block when reading boundary statements


class NotSeparable(Exception):
    """The parts can affect each other: reason over the whole graph instead."""


def inferred_by_parts(background: bytes, parts: Iterable[bytes], exclude: frozenset,
                      target: str, background_graphs: frozenset) -> list[str]:
    """The ``target`` graph the rules write for the background (N-Quads of the graphs
    named ``background_graphs``) together with every part (N-Quads of other asserted
    graphs), as sorted N-Quads lines: the lines the rules write over the whole graph at
    once. Raises :class:`NotSeparable` when that cannot be proven (see the module)."""
    lines: set[str] = set()
    digests: dict[str, tuple[bytes, int]] = {}  # boundary term -> (digest, first part)
    subjects: dict[int, int] = {}  # hash of a term some part states things of -> part
    objects: dict[int, tuple[str, int]] = {}  # hash of a term a part only names -> (term, part)
    background_terms: set[str] | None = None
    graph = ox.NamedNode(target)
    labels = dict.fromkeys(_blank_labels(background), 0)  # label -> part (0: background)
    for index, part in enumerate(parts):
        number = index + 1
        for label in _blank_labels(part):
            first_label = labels.setdefault(label, number)
            if first_label != number:
                where = f"part {first_label}" if first_label else "the background"
                raise NotSeparable(f"blank node _:{label} is named in {where} and part {number}")
        store = ox.Store()
        store.bulk_load(input=background, format=ox.RdfFormat.N_QUADS)
        store.bulk_load(input=part, format=ox.RdfFormat.N_QUADS)
        with Reasoner(store, exclude, target) as reasoner:
            own = schema_graph_names(reasoner.scope) - background_graphs
            if own:
                raise NotSeparable(f"part {number}: graph {min(own)} states axioms")
            reasoner.write_inferred()
            lines.update(f"{q.subject} {q.predicate} {q.object} {graph} .\n"
                         for q in store.quads_for_pattern(None, None, None, graph))
            if background_terms is None:  # the same in every part
                background_terms = _terms(store, _graphs_in(background_graphs))
            skip = background_graphs | exclude | WORK_GRAPHS | {target}
            stated = _terms(store, _graphs_not_in(skip), subjects_only=True)
            for term in stated:
                if term in background_terms:
                    raise NotSeparable(f"part {number} describes {term}, a term of the background")
                first = subjects.setdefault(hash(term), number)
                if first != number:
                    raise NotSeparable(f"{term} is described in parts {first} and {number}")
            named = _terms(store, _graphs_not_in(skip)) - stated - background_terms
            for term in named:
                objects.setdefault(hash(term), (term, number))
            # a blank node of the background is part of an axiom or a list, never an
            # individual a part's statement can name (labels are the file's own)
            boundary = sorted(t for t in background_terms | named if t.startswith("<"))
            for term, digest in _digests(reasoner, boundary):
                first_digest = digests.setdefault(term, (digest, number))
                if first_digest[0] != digest:
                    raise NotSeparable(f"{term} has different statements in parts "
                                       f"{first_digest[1]} and {number}")
    for key, (term, number) in sorted(objects.items(), key=lambda kv: kv[1]):
        if key in subjects:
            raise NotSeparable(f"{term} is described in part {subjects[key]} and named in "
                               f"part {number}")
    return sorted(lines)


def _blank_labels(data: bytes) -> set[str]:
    """The blank node labels of N-Quads text. A store labels each load's blank nodes
    afresh, so one label in two parts (one node, in the whole file) must be found here."""
    if b"_:" not in data:  # no blank node (or only the text of a literal): nothing to parse
        return set()
    found = set()
    for quad in ox.parse(data, ox.RdfFormat.N_QUADS):
        for node in (quad.subject, quad.object):
            if isinstance(node, ox.BlankNode):
                found.add(node.value)
    return found


def _graphs_in(names: frozenset) -> str:
    return f"FILTER (?g IN ({', '.join(iri(n) for n in sorted(names))}))"


def _graphs_not_in(names: frozenset) -> str:
    return f"FILTER (?g NOT IN ({', '.join(iri(n) for n in sorted(names))}))"


def _terms(store: ox.Store, graphs: str, subjects_only: bool = False) -> set[str]:
    """The IRIs and blank nodes (in N-Triples syntax) that the graphs ``graphs`` (a
    FILTER on ``?g``) state things of, and with ``subjects_only`` false, name as objects."""
    found = {str(row["s"]) for row in store.query(
        f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {graphs} }}")}
    if not subjects_only:
        found |= {str(row["o"]) for row in store.query(
            f"SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {graphs} "
            "FILTER (!isLiteral(?o)) }")}
    return found


def _two_way_properties(reasoner: Reasoner) -> list[str]:
    """Properties whose statements the axioms also read from the object's side: an edge
    ``x p t`` then says something of ``t`` (a symmetric or inverse property gives ``t`` a
    value; inverse functional properties and cardinalities of an inverse count ``t``'s
    incoming edges). Every property below such a role is one too."""
    schema, h = reasoner.schema, reasoner.h
    wanted = {Prop(p, True) for p in schema.object_props if schema.has(p, "inverse-functional")}
    wanted |= {card.prop for card in _cards(schema) if card.prop.inverse}
    out = []
    for p in sorted(schema.object_props):
        ups = h.role_supers.get(Prop(p, True), {Prop(p, True)})
        if any(not u.inverse or u in wanted for u in ups):
            out.append(p)
    return [iri(p) for p in out]


def _cards(node: object) -> Iterator[Card]:
    """Every cardinality restriction in a schema or an expression."""
    if isinstance(node, Card):
        yield node
    if is_dataclass(node) and not isinstance(node, type):
        for f in fields(node):
            if f.name != "graph":
                yield from _cards(getattr(node, f.name))
    elif isinstance(node, (list, tuple, set, frozenset)):
        for item in node:
            yield from _cards(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from _cards(item)


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
        found: dict[str, list[str]] = {t: [] for t in batch}
        rows = scope.store.query(
            f"SELECT ?t ?d ?p ?o WHERE {{ VALUES ?t {{ {' '.join(batch)} }} "
            f"{{ {scope.asserted('?t', '?p', '?o')} BIND (\"out\" AS ?d) }} "
            f"UNION {{ GRAPH {iri(PROPS)} {{ ?t ?p ?o }} BIND (\"out\" AS ?d) }} "
            f"UNION {{ GRAPH {iri(TYPES)} {{ ?t ?p ?o }} BIND (\"type\" AS ?d) }} {incoming}}}")
        for row in rows:
            value = row["o"]
            # each store labels the background's blank nodes (its axioms) afresh
            value = "_:" if isinstance(value, ox.BlankNode) else str(value)
            found[str(row["t"])].append(f"{row['d']} {row['p']} {value}")
        for term in batch:
            text = "\n".join(sorted(set(found[term]))).encode("utf-8")
            yield term, hashlib.blake2b(text, digest_size=16).digest()
