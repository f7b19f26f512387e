"""Running SPARQL on the embedded store.

Parameters are bound by :mod:`lmskg.params` before the text reaches here; a
query that uses ``SERVICE`` is refused (it would reach the network).
"""

from __future__ import annotations

import difflib

from rdflib import Dataset, URIRef
from rdflib.namespace import SKOS
from rdflib.plugins.stores.memory import Memory

from .catalogue import CatalogueQuery
from .errors import QueryError
from .params import id_namespace, parse_checked
from .results import Results


def run_local(ds: Dataset, text: str, where: str = "query") -> Results:
    """Run a SELECT or ASK query on the dataset (default graph: union of all graphs)."""
    prepared = parse_checked(text, where)
    kind = prepared.algebra.name
    if kind not in ("SelectQuery", "AskQuery"):
        raise QueryError(f"{where}: only SELECT and ASK queries are supported here "
                         f"(found {kind})")
    # rdflib's own store evaluates the query as translated above (parsing big queries is
    # slow in rdflib); a store with its own engine (Oxigraph) gets the text.
    try:
        result = ds.query(prepared if isinstance(ds.store, Memory) else text)
    except Exception as exc:  # evaluation errors surface as various exception types
        raise QueryError(f"{where}: the query failed: {exc}") from exc
    if result.type == "ASK":
        return Results((), (), bool(result.askAnswer))
    variables = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(row[i] for i in range(len(variables))) for row in result)
    return Results(variables, rows)


def check_terms(ds: Dataset, query: CatalogueQuery, bindings: dict[str, object]) -> None:
    """QueryError for an id parameter (regimen, source, ...) naming no term of the graph.

    A misspelt id would otherwise answer with no rows, which reads as "the graph
    knows nothing"; the error names the closest ids that do exist.
    """
    for p in query.params:
        ns = id_namespace(p.type)
        term = bindings.get(p.name)
        if ns is None or not isinstance(term, URIRef):
            continue
        if next(iter(ds.triples((term, None, None))), None) is not None:
            continue
        value = str(term)[len(str(ns)):]
        known = sorted({str(s)[len(str(ns)):] for s in ds.subjects(SKOS.notation, None)
                        if isinstance(s, URIRef) and str(s).startswith(str(ns))
                        and "/" not in str(s)[len(str(ns)):]})
        close = difflib.get_close_matches(value, known, n=5, cutoff=0.6)
        close += [k for k in known if value in k and k not in close]
        hint = f"; did you mean: {', '.join(close[:5])}?" if close else (
            f"; known: {', '.join(known[:20])}{', ...' if len(known) > 20 else ''}"
            if known else "")
        raise QueryError(f"parameter {p.name!r}: no {p.type} {value!r} in the graph{hint}")
