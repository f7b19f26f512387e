"""Running SPARQL on the local dataset, confined to it and under a time limit.

Parameters are bound by :mod:`lmskg.sparql.params` before the text reaches here. A
local query reads only the built dataset: ``SERVICE`` is refused (it would reach the
network) and so is a ``FROM`` or ``FROM NAMED`` that names anything but one of the
dataset's own graphs (rdflib would fetch a URL or read a ``file:`` IRI). Every query
runs under a time limit (:mod:`lmskg.sparql.deadline`).
"""

from __future__ import annotations

import re

import rdflib.plugins.sparql
from rdflib import Dataset, Graph
from rdflib.plugins.sparql.sparql import Query

from ..errors import EngineError, QueryError
from .deadline import DEFAULT_TIMEOUT, run_within
from .engines import Engine, RdflibEngine
from .parse import parse_checked
from .results import Results

# rdflib's engine would otherwise load the IRI of a FROM clause from the web or the disk;
# with this off it reads the dataset's graph of that name (the refusal below is the rule)
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


def _engine(source: Engine | Dataset) -> Engine:
    return RdflibEngine(source) if isinstance(source, Dataset) else source


def _confined(prepared: Query, engine: Engine, where: str) -> None:
    """QueryError for a FROM / FROM NAMED naming anything but a graph of the dataset."""
    clauses = getattr(prepared.algebra, "datasetClause", None) or []
    if not clauses:
        return
    known = engine.graph_names()
    for clause in clauses:
        kind, iri = ("FROM", clause.default) if clause.get("default") is not None \
            else ("FROM NAMED", clause.named)
        if str(iri) not in known:
            raise QueryError(f"{where}: {kind} <{iri}> is refused: a local query reads only "
                             f"the built dataset, whose graphs are "
                             f"{', '.join(sorted(known)) or 'none'}")


# Only a query with one of these keywords outside its comments can name another dataset
# or a service (SPARQL keywords are ASCII words and cannot be escaped). Oxigraph, which
# parses the text itself, is spared rdflib's slow parse for every other query: on a
# catalogue question that parse cost 10-100x the answer (make bench).
_KEYWORDS = re.compile(r"(?i)\b(service|from)\b")
# the tokens in which a '#' does not start a comment, and comments (SPARQL 1.1, 19.8)
_TOKENS = re.compile("|".join([
    r"'{3}(?:[^'\\]|\\.|'(?!''))*'{3}",  # long string in single quotes
    r'"{3}(?:[^"\\]|\\.|"(?!""))*"{3}',  # long string in double quotes
    r"'(?:[^'\\\n\r]|\\.)*'",  # string
    r'"(?:[^"\\\n\r]|\\.)*"',  # string
    r'<[^<>"{}|^`\\\x00-\x20]*>',  # IRI
    r"(#[^\n\r]*)",  # a comment
]))


def may_leave_the_dataset(text: str) -> bool:
    """Whether the query has SERVICE or FROM outside its comments (strings and IRIs, which
    may hold a '#', are kept whole)."""
    code = _TOKENS.sub(lambda m: " " if m.group(1) is not None else m.group(0), text)
    return bool(_KEYWORDS.search(code))


def _prepare(text: str, where: str, engine: Engine, forms: tuple[str, ...]) -> Query | None:
    """The parsed query, checked (its form, confinement); None when Oxigraph answers a
    query that cannot leave the dataset (Oxigraph checks its syntax and the engine its
    form)."""
    if engine.name == "oxigraph" and not may_leave_the_dataset(text):
        return None
    prepared = parse_checked(text, where)
    if prepared.algebra.name not in forms:
        found = prepared.algebra.name.removesuffix("Query").upper()
        wanted = " and ".join(f.removesuffix("Query").upper() for f in forms)
        raise QueryError(f"{where}: only {wanted} queries are run here (found {found})")
    _confined(prepared, engine, where)
    return prepared


def _evaluate(fn, engine: Engine, where: str, text: str):  # -> the function's result
    """Run the engine; a failure on a query that parsed is the engine's (exit 3)."""
    try:
        return fn()
    except QueryError:
        raise
    except SyntaxError:  # Oxigraph's parser, on a text nobody parsed before: say where
        parse_checked(text, where)  # raises the QueryError users get from every engine
        raise
    except Exception as exc:  # evaluation errors surface as various exception types
        other = "memory" if engine.name == "oxigraph" else "oxigraph"
        raise EngineError(f"{where}: the {engine.name} query engine failed on this query: "
                          f"{type(exc).__name__}: {exc} (try --store {other}; please report "
                          "it with the query)") from exc


def run_local(source: Engine | Dataset, text: str, where: str = "query",
              timeout: float = DEFAULT_TIMEOUT) -> Results:
    """Run a SELECT or ASK query (default graph: union of the named graphs)."""
    engine = _engine(source)
    prepared = _prepare(text, where, engine, ("SelectQuery", "AskQuery"))
    return run_within(lambda: _evaluate(lambda: engine.select_or_ask(text, prepared, where),
                                        engine, where, text), timeout, where)


def construct_local(source: Engine | Dataset, text: str, where: str = "query",
                    timeout: float = DEFAULT_TIMEOUT) -> Graph:
    """Run a CONSTRUCT or DESCRIBE query; the graph it makes."""
    engine = _engine(source)
    prepared = _prepare(text, where, engine, ("ConstructQuery", "DescribeQuery"))
    return run_within(lambda: _evaluate(lambda: engine.construct(text, prepared, where),
                                        engine, where, text), timeout, where)
