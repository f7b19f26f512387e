"""Where the rule-based checks read and write in an Oxigraph store.

The asserted statements are every named graph of the store except the ones the build
computes (``derived``, ``inferred``) and the work graphs of the rules themselves. Queries
read them as ``GRAPH ?g { ... } FILTER (?g NOT IN (...))``: pyoxigraph's own way of naming
a default graph (``default_graph=[...]``) grows with the square of the number of graphs
(28 s for 2,000 graphs on this machine), one graph per source would make it unusable.

Oxigraph stores typed literals by value: ``"30.0"^^xsd:decimal`` comes back as ``"30"``
and every integer type as ``xsd:integer``. :func:`lexical` writes a value back in the
form the build writes it (decimals with a fractional digit), so messages quote figures
as rdflib-based checks do.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..ontology.namespaces import DERIVED_GRAPH, GRAPH, INFERRED_GRAPH
from ..stores.oxigraph import from_ox

WORK = str(GRAPH) + "work/"  # work graphs of the rules: removed when they finish
TYPES = WORK + "types"  # every named type of every individual (the closure)
PROPS = WORK + "properties"  # property values that follow from the axioms
HIER = WORK + "hierarchy"  # the class hierarchy, disjointness, list membership
WORK_GRAPHS = frozenset({TYPES, PROPS, HIER})
R = "https://w3id.org/lmskg/rules#"  # predicates of the work graphs

_counter = itertools.count()


def iri(term: object) -> str:
    """An IRI (str, URIRef or NamedNode) in SPARQL syntax."""
    text = term.value if isinstance(term, ox.NamedNode) else str(term)
    if any(c in text for c in '<>"{}|^`\\ '):
        raise ValueError(f"not an IRI that SPARQL can quote: {text!r}")
    return f"<{text}>"


def term(node: object) -> str:
    """An rdflib or pyoxigraph IRI or literal in SPARQL syntax."""
    if isinstance(node, (URIRef, ox.NamedNode)):
        return iri(node)
    if isinstance(node, Literal):
        node = ox.Literal(str(node), language=node.language) if node.language else \
            ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or XSD.string)))
    if isinstance(node, ox.Literal):
        return str(node)  # N-Triples syntax, which SPARQL reads
    raise TypeError(f"no SPARQL syntax for {node!r} (blank nodes cannot be named in a query)")


def fresh(stem: str = "v") -> str:
    """A variable name no other generated pattern uses."""
    return f"?_{stem}{next(_counter)}"


@dataclass
class Scope:
    """The asserted graphs of ``store``: every named graph but ``exclude``."""

    store: ox.Store
    exclude: frozenset[str] = field(default_factory=lambda: frozenset(
        {str(DERIVED_GRAPH), str(INFERRED_GRAPH)}))

    def _filter(self, var: str) -> str:
        names = sorted(self.exclude | WORK_GRAPHS)
        return f"FILTER ({var} NOT IN ({', '.join(iri(n) for n in names)}))"

    def asserted(self, s: str, p: str, o: str) -> str:
        """A triple pattern (a path of one step allowed) over the asserted graphs."""
        g = fresh("g")
        return f"GRAPH {g} {{ {s} {p} {o} }} {self._filter(g)}"

    def absent(self, s: str, p: str, o: str) -> str:
        """Holds when the triple is not asserted (its terms bound before). Oxigraph runs
        ``FILTER NOT EXISTS`` over a ``GRAPH ?g`` pattern once per row without indexes
        (a hundred times slower at 10,000 claims), so this is a left join instead."""
        g = fresh("g")
        return f"OPTIONAL {{ GRAPH {g} {{ {s} {p} {o} }} {self._filter(g)} }} FILTER (!BOUND({g}))"

    def graphs_pattern(self, var: str) -> str:
        """Binds ``var`` to each asserted graph that holds a triple."""
        return f"GRAPH {var} {{ }} {self._filter(var)}"

    def select(self, query: str) -> list[dict[str, object]]:
        """Rows of a SELECT query as {variable: rdflib term}."""
        names, rows = solutions(self.store.query(query))
        return [{n: from_ox(row[n]) for n in names if row[n] is not None} for row in rows]

    def ask(self, query: str) -> bool:
        return bool(self.store.query(query))

    def update(self, text: str) -> None:
        self.store.update(text)

    def count(self, graph: str) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"])

    def drop(self, graph: str) -> None:
        self.store.update(f"DROP SILENT GRAPH {iri(graph)}")

    def add(self, graph: str, triples: Iterable[tuple[object, object, object]]) -> None:
        target = ox.NamedNode(graph)
        self.store.extend(ox.Quad(_ox(s), _ox(p), _ox(o), target) for s, p, o in triples)

    def triples(self, graph: str) -> Iterator[tuple]:
        """The triples of one graph, as rdflib terms."""
        for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)


def solutions(results: ox.QuerySolutions) -> tuple[list[str], list[ox.QuerySolution]]:
    """(variable names, every row) of a SELECT's results, which are then let go of here.
    pyoxigraph's results must be freed by the thread that made them, and the checks run
    two threads (:func:`lmskg.checks.at_scale.rule_checks`): a frame that held them could
    be caught in a reference cycle (the SPARQL constraints' frames were, on the negative
    fixtures) and freed later by the other thread's garbage collection, which pyoxigraph
    refuses (the results then leak)."""
    names = [v.value for v in results.variables]
    rows = list(results)
    del results
    return names, rows


def _ox(node: object) -> object:
    from ..stores.oxigraph import to_ox

    return node if isinstance(node, (ox.NamedNode, ox.BlankNode, ox.Literal)) else to_ox(node)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lexical(value: object) -> str:
    """A literal's text as the build writes it: decimals keep a fractional digit
    ('130.0'), which Oxigraph drops ('130'); other terms as they are."""
    if isinstance(value, Literal) and value.datatype == XSD.decimal:
        try:
            d = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        text = format(d.normalize(), "f")
        return text if "." in text else text + ".0"
    return str(value)


def as_written(value: object) -> object:
    """An rdflib literal from the store with its lexical form as the build writes it."""
    if isinstance(value, Literal) and value.datatype == XSD.decimal:
        return Literal(lexical(value), datatype=XSD.decimal)
    return value
