"""The engines that answer local queries: Oxigraph (the default) and rdflib.

Both take the same query text and give the same :class:`~lmskg.sparql.results.Results`
(rdflib terms), so the result formats, parameter checks and tests do not care which
answered. The default graph is the union of the named graphs on both.
"""

from __future__ import annotations

import re
from typing import Protocol

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.plugins.sparql.sparql import Query
from rdflib.plugins.stores.memory import Memory

from ..errors import QueryError
from ..stores.oxigraph import from_ox, graph_names
from .results import Results

ENGINES = ("oxigraph", "memory")  # "memory": rdflib's own store and SPARQL engine


class Engine(Protocol):
    """What the local runner needs of an engine."""

    name: str

    def graph_names(self) -> set[str]: ...
    def select_or_ask(self, text: str, prepared: Query | None, where: str = "query"
                      ) -> Results: ...
    def construct(self, text: str, prepared: Query | None, where: str = "query"
                  ) -> Graph: ...


class OxigraphEngine:
    """Queries answered by Oxigraph (pyoxigraph), the union of named graphs as default."""

    name = "oxigraph"

    def __init__(self, store: ox.Store):
        self.store = store

    def graph_names(self) -> set[str]:
        return graph_names(self.store)

    def _query(self, text: str) -> object:
        return self.store.query(text, use_default_graph_as_union=True)

    def select_or_ask(self, text: str, prepared: Query | None, where: str = "query"
                      ) -> Results:
        answer = self._query(text)
        if isinstance(answer, ox.QueryTriples):
            raise QueryError(f"{where}: only SELECT and ASK queries are run here (found "
                             f"{_form(text)})")
        if isinstance(answer, ox.QueryBoolean):
            return Results((), (), bool(answer))
        variables = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(from_ox(solution[v]) for v in variables) for solution in answer)
        return Results(variables, rows)

    def construct(self, text: str, prepared: Query | None, where: str = "query") -> Graph:
        answer = self._query(text)
        if not isinstance(answer, ox.QueryTriples):
            raise QueryError(f"{where}: only CONSTRUCT and DESCRIBE queries are run here "
                             f"(found {_form(text)})")
        g = Graph()
        for t in answer:
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return g


def _form(text: str) -> str:
    """The form of a query Oxigraph ran (SELECT, ASK, CONSTRUCT or DESCRIBE)."""
    match = re.search(r"(?i)\b(select|ask|construct|describe)\b", _without_comments(text))
    return match.group(1).upper() if match else "another form"


def _without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


class RdflibEngine:
    """Queries answered by rdflib's SPARQL engine on an rdflib dataset."""

    name = "memory"

    def __init__(self, ds: Dataset):
        self.ds = ds

    def graph_names(self) -> set[str]:
        return {str(g.identifier) for g in self.ds.graphs() if len(g)}

    def _query(self, text: str, prepared: Query) -> object:
        # rdflib's own store evaluates the query as already translated (parsing big
        # queries is slow in rdflib); another store behind rdflib gets the text
        return self.ds.query(prepared if isinstance(self.ds.store, Memory) else text)

    def select_or_ask(self, text: str, prepared: Query | None, where: str = "query"
                      ) -> Results:
        result = self._query(text, prepared)
        if result.type == "ASK":
            return Results((), (), bool(result.askAnswer))
        variables = tuple(str(v) for v in result.vars)
        rows = tuple(tuple(row[i] for i in range(len(variables))) for row in result)
        return Results(variables, rows)

    def construct(self, text: str, prepared: Query | None, where: str = "query") -> Graph:
        g = Graph()
        for triple in self._query(text, prepared):
            g.add(triple)
        return g
