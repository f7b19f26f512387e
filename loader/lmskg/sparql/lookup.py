"""Do the ids a query is given name terms of the graph that answers?

A misspelt id would otherwise answer with no rows, which reads as "the graph knows
nothing"; :func:`require_known_terms` raises a QueryError naming the closest ids that
do exist. It asks the local dataset directly, or a remote endpoint through ASK queries.
"""

from __future__ import annotations

import difflib
from typing import Protocol

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import SKOS

from ..errors import QueryError
from .catalogue import CatalogueQuery
from .engines import Engine
from .local import run_local
from ..ontology.index import OntologyIndex
from .params import id_namespace, kind_classes, type_docs
from .remote import Connection, run_remote


class TermLookup(Protocol):
    """What the parameter check needs to know of a graph, local or remote."""

    def exists(self, term: URIRef) -> bool: ...
    def typed(self, term: URIRef, classes: tuple[URIRef, ...]) -> bool: ...
    def known(self, ns: str) -> list[str]: ...


class _AskLookup:
    """The questions as ASK queries, to whatever answers them."""

    def _ask(self, pattern: str) -> bool:
        raise NotImplementedError

    def exists(self, term: URIRef) -> bool:
        return self._ask(f"{term.n3()} ?p ?o")

    def typed(self, term: URIRef, classes: tuple[URIRef, ...]) -> bool:
        values = " ".join(c.n3() for c in classes)
        return self._ask(f"VALUES ?c {{ {values} }} {term.n3()} a ?c")

    def known(self, ns: str) -> list[str]:
        return []


class LocalLookup(_AskLookup):
    """Asks the local engine, and can list the ids it knows (for suggestions)."""

    def __init__(self, engine: Engine | Dataset):
        self.engine = engine

    def _ask(self, pattern: str) -> bool:
        return bool(run_local(self.engine, f"ASK {{ {pattern} }}", "parameter check",
                              timeout=0).boolean)

    def known(self, ns: str) -> list[str]:
        res = run_local(self.engine, "SELECT DISTINCT ?s WHERE { ?s <%s> ?n "
                        "FILTER(STRSTARTS(STR(?s), %s)) }" % (SKOS.notation, Literal(ns).n3()),
                        "parameter check", timeout=0)
        ids = {str(s)[len(ns):] for (s,) in res.rows}
        return sorted(i for i in ids if "/" not in i)


class RemoteLookup(_AskLookup):
    """The same questions as ASK queries to an endpoint (no suggestions: that would mean
    listing the endpoint's terms)."""

    def __init__(self, endpoint: str | Connection, timeout: float):
        self.connection = endpoint if isinstance(endpoint, Connection) else Connection(endpoint)
        self.endpoint, self.timeout = self.connection.endpoint, timeout

    def _ask(self, pattern: str) -> bool:
        res = run_remote(self.endpoint, f"ASK {{ {pattern} }}", timeout=self.timeout,
                         where="parameter check", connection=self.connection)
        return bool(res.boolean)


# id types that also take a class of the ontology by its notation: all its members
CLASS_VALUES = {"therapy": "therapy-kind"}


def with_classes(query: CatalogueQuery, bindings: dict[str, object],
                 lookup: TermLookup | Engine | Dataset,
                 ontology: OntologyIndex) -> dict[str, object]:
    """The bindings with an id that names no term of the graph but a class of the ontology
    ('hormonal-therapy', a kind of therapy) bound to that class instead: the catalogue
    queries then take all its members."""
    if not isinstance(lookup, _AskLookup):
        lookup = LocalLookup(lookup)
    out = dict(bindings)
    for p in query.params:
        category, term = CLASS_VALUES.get(p.type), bindings.get(p.name)
        ns = id_namespace(p.type)
        if category is None or not isinstance(term, URIRef) or ns is None:
            continue
        cls = ontology.lookup(category, str(term)[len(str(ns)):])
        if cls is not None and not lookup.exists(term):
            out[p.name] = cls
    return out


def require_known_terms(lookup: TermLookup | Engine | Dataset, query: CatalogueQuery,
                bindings: dict[str, object]) -> None:
    """QueryError for an id parameter (regimen, source, ...) naming no term of the graph,
    or a term of the wrong kind (a disease where a biomarker is asked for).

    A misspelt id would otherwise answer with no rows, which reads as "the graph
    knows nothing"; the error names the closest ids that do exist.
    """
    if not isinstance(lookup, _AskLookup):
        lookup = LocalLookup(lookup)
    for p in query.params:
        ns = id_namespace(p.type)
        term = bindings.get(p.name)
        if ns is None or not isinstance(term, URIRef) or not str(term).startswith(str(ns)):
            continue  # not an id (or a class the id named, see with_classes)
        value = str(term)[len(str(ns)):]
        if lookup.exists(term):
            classes = kind_classes().get(p.type)
            if classes and not lookup.typed(term, classes):
                article = "an" if p.type[0] in "aeiou" else "a"
                raise QueryError(f"parameter {p.name!r}: {value!r} is not {article} {p.type} "
                                 f"term ({type_docs()[p.type]})")
            continue
        known = lookup.known(str(ns))
        close = difflib.get_close_matches(value, known, n=5, cutoff=0.6)
        close += [k for k in known if value in k and k not in close]
        hint = f"; did you mean: {', '.join(close[:5])}?" if close else (
            f"; known: {', '.join(known[:20])}{', ...' if len(known) > 20 else ''}"
            if known else "")
        raise QueryError(f"parameter {p.name!r}: no {p.type} {value!r} in the graph{hint}")
