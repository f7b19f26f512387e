"""Oxigraph (pyoxigraph) stores, and terms moved between rdflib and Oxigraph.

lmskg builds with rdflib and asks its questions of Oxigraph by default (see
docs/decisions/0003-stores.md): a dataset is loaded into a pyoxigraph store from a TriG
file or from an rdflib dataset, and answers come back as rdflib terms, so the result
formats are the same whichever engine answered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD

from ..errors import InputError, Problem

Term = URIRef | Literal | BNode


def from_trig(path: Path) -> ox.Store:
    """An in-memory store holding a TriG file; InputError if it does not parse."""
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
    except OSError as exc:
        raise InputError(Problem(str(path), "", "", f"cannot read: {exc.strerror or exc}")) \
            from exc
    except SyntaxError as exc:  # pyoxigraph's parse errors
        raise InputError(Problem(str(path), "", "", f"does not parse as TriG: "
                                 f"{str(exc)[:200]}", "rebuild it with 'lmskg build'")) from exc
    return store


def from_dataset(ds: Dataset) -> ox.Store:
    """An in-memory store holding every named graph of an rdflib dataset."""
    store = ox.Store()
    store.extend(_quads(ds))
    return store


def _quads(ds: Dataset) -> Iterable[ox.Quad]:
    for graph in ds.graphs():
        name = graph.identifier
        if not isinstance(name, URIRef) or not len(graph):
            continue
        target = ox.NamedNode(str(name))
        for s, p, o in graph:
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), target)


def to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: Any) -> Term | None:
    """A pyoxigraph term (or None) as an rdflib term (or None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def graph_names(store: ox.Store) -> set[str]:
    return {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}

