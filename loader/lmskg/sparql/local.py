"""Running SPARQL on the embedded store.

Parameters are bound by :mod:`lmskg.sparql.params` before the text reaches here; a
query that uses ``SERVICE`` is refused (it would reach the network).
"""

from __future__ import annotations

from rdflib import Dataset
from rdflib.plugins.stores.memory import Memory

from ..errors import QueryError
from .parse import parse_checked
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
