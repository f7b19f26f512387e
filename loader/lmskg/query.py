"""Running SPARQL on the embedded store.

Parameters are bound by :mod:`lmskg.params` before the text reaches here; a
query that uses ``SERVICE`` is refused (it would reach the network).
"""

from __future__ import annotations

from rdflib import Dataset

from .errors import QueryError
from .params import parse_checked
from .results import Results


def run_local(ds: Dataset, text: str, where: str = "query") -> Results:
    """Run a SELECT or ASK query on the dataset (default graph: union of all graphs)."""
    parsed = parse_checked(text, where)
    kind = parsed[1].name
    if kind not in ("SelectQuery", "AskQuery"):
        raise QueryError(f"{where}: only SELECT and ASK queries are supported here "
                         f"(found {kind})")
    try:
        result = ds.query(text)
    except Exception as exc:  # evaluation errors surface as various exception types
        raise QueryError(f"{where}: the query failed: {exc}") from exc
    if result.type == "ASK":
        return Results((), (), bool(result.askAnswer))
    variables = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(row[i] for i in range(len(variables))) for row in result)
    return Results(variables, rows)
