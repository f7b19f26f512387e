"""Whoever answers a question: the local engine or a remote endpoint, behind one face.

The command line asks an :class:`Answerer` to check parameter ids, to run a query
(SELECT and ASK give :class:`~lmskg.sparql.results.Results`, CONSTRUCT and DESCRIBE a
graph), and to name the terms of an answer (their labels, for tables).
"""

from __future__ import annotations

from typing import Iterable, Protocol

from rdflib import Dataset, Graph, Literal, URIRef

from ..errors import QueryError
from .engines import Engine
from .local import construct_local, run_local
from .lookup import LocalLookup, RemoteLookup, TermLookup
from .parse import query_form
from .remote import Connection, run_remote
from .results import Results

LABELS = """SELECT ?term (SAMPLE(?text) AS ?label) WHERE {
  VALUES ?term { %s }
  ?term <http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2000/01/rdf-schema#label> ?text
} GROUP BY ?term"""
MAX_LABELLED = 500  # terms of one answer looked up for their labels


class Answerer(Protocol):
    def lookup(self) -> TermLookup: ...
    def select(self, text: str, where: str) -> Results: ...
    def construct(self, text: str, where: str) -> Graph: ...
    def labels(self, terms: Iterable[URIRef]) -> dict[URIRef, str]: ...


def run(answerer: Answerer, text: str, where: str) -> Results | Graph:
    """SELECT and ASK give results, CONSTRUCT and DESCRIBE a graph."""
    if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
        return answerer.construct(text, where)
    return answerer.select(text, where)


def _labels_from(results: Results) -> dict[URIRef, str]:
    return {term: str(label) for term, label in results.rows
            if isinstance(term, URIRef) and isinstance(label, Literal)}


def _values(terms: Iterable[URIRef]) -> str | None:
    chosen = sorted({t for t in terms if isinstance(t, URIRef)})[:MAX_LABELLED]
    return " ".join(t.n3() for t in chosen) if chosen else None


class LocalAnswerer:
    def __init__(self, engine: Engine | Dataset, timeout: float):
        self.engine, self.timeout = engine, timeout

    def lookup(self) -> TermLookup:
        return LocalLookup(self.engine)

    def select(self, text: str, where: str) -> Results:
        return run_local(self.engine, text, where, timeout=self.timeout)

    def construct(self, text: str, where: str) -> Graph:
        return construct_local(self.engine, text, where, timeout=self.timeout)

    def labels(self, terms: Iterable[URIRef]) -> dict[URIRef, str]:
        values = _values(terms)
        if values is None:
            return {}
        return _labels_from(run_local(self.engine, LABELS % values, "labels", timeout=0))


class RemoteAnswerer:
    """An endpoint; every query (parameter checks and labels too) goes through one
    :class:`~lmskg.sparql.remote.Connection`, with its credentials and dataset."""

    def __init__(self, endpoint: str | Connection, timeout: float):
        self.connection = endpoint if isinstance(endpoint, Connection) else Connection(endpoint)
        self.endpoint, self.timeout = self.connection.endpoint, timeout

    def lookup(self) -> TermLookup:
        return RemoteLookup(self.connection, self.timeout)

    def select(self, text: str, where: str) -> Results:
        return run_remote(self.endpoint, text, timeout=self.timeout, where=where,
                          connection=self.connection)

    def construct(self, text: str, where: str) -> Graph:
        raise QueryError(f"{where}: CONSTRUCT and DESCRIBE queries run on the local graph "
                         "only; on an endpoint, ask a SELECT query")

    def labels(self, terms: Iterable[URIRef]) -> dict[URIRef, str]:
        values = _values(terms)
        if values is None:
            return {}
        return _labels_from(run_remote(self.endpoint, LABELS % values, timeout=self.timeout,
                                       where="labels", connection=self.connection))
