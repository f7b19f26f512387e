"""A local query reads only the built dataset, and stops at its time limit, on every engine."""

from __future__ import annotations

import time

import pytest

from lmskg.errors import QueryError
from lmskg.sparql.deadline import DEFAULT_TIMEOUT, QueryTimeout
from lmskg.sparql.engines import OxigraphEngine, RdflibEngine
from lmskg.sparql.local import construct_local, run_local
from lmskg.stores.oxigraph import from_dataset
from tests.support.cli import run_cli

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SOURCE = "https://w3id.org/lmskg/graph/source/s000"


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def engine(request, dataset):
    return RdflibEngine(dataset) if request.param == "memory" else \
        OxigraphEngine(from_dataset(dataset))


@pytest.mark.parametrize("clause", [
    "FROM <http://example.org/data.ttl>",
    "FROM <file:///etc/passwd>",
    "FROM NAMED <http://example.org/data.ttl>",
    f"FROM <{SOURCE}> FROM NAMED <file:///etc/hosts>",
])
def test_a_from_clause_naming_anything_else_is_refused(engine, clause):
    with pytest.raises(QueryError, match="is refused: a local query reads only the built "
                                         "dataset"):
        run_local(engine, f"SELECT * {clause} WHERE {{ ?s ?p ?o }} LIMIT 1", "q")


def test_a_from_clause_naming_a_graph_of_the_dataset_reads_it(engine):
    res = run_local(engine, f"SELECT (COUNT(*) AS ?n) FROM <{SOURCE}> WHERE {{ ?s ?p ?o }}")
    assert int(res.rows[0][0]) > 100


def test_construct_is_confined_too(engine):
    with pytest.raises(QueryError, match="FROM <file:///etc/passwd> is refused"):
        construct_local(engine, "CONSTRUCT { ?s ?p ?o } FROM <file:///etc/passwd> "
                                "WHERE { ?s ?p ?o }")


def test_a_query_that_runs_too_long_is_stopped_and_says_so(engine):
    t = time.monotonic()
    with pytest.raises(QueryTimeout, match="the query was stopped after 1 s"):
        run_local(engine, CROSS, "q", timeout=1)
    assert time.monotonic() - t < 10


def test_the_default_limit_is_bounded():
    assert 0 < DEFAULT_TIMEOUT <= 300


def test_the_command_line_honours_timeout(tmp_path):
    path = tmp_path / "cross.rq"
    path.write_text(CROSS, encoding="utf-8")
    res = run_cli("sparql", str(path), "--timeout", "1")
    assert res.code == 2 and "the query was stopped after 1 s (raise --timeout" in res.err


def test_an_error_inside_the_engine_reaches_the_caller(engine):
    with pytest.raises(QueryError, match="only SELECT and ASK"):
        run_local(engine, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
