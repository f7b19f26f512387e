"""A local query reads only the built dataset, and stops at its time limit, on every engine."""

from __future__ import annotations

import re
import time

import pytest

from lmskg.errors import QueryError
from lmskg.sparql.deadline import DEFAULT_TIMEOUT, QueryTimeout
from lmskg.sparql.engines import OxigraphEngine, RdflibEngine
from lmskg.sparql.local import construct_local, may_leave_the_dataset, run_local
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


@pytest.mark.parametrize("text,leaves", [
    ("SELECT * WHERE { ?s ?p ?o } # read from here", False),
    ("SELECT * WHERE { ?s <http://x/fromDate> ?o }", False),
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?x > 2) } # FROM <x:y>", False),
    ("select * from <file:///etc/passwd> where { ?s ?p ?o }", True),
    ("SELECT * WHERE { SERVICE <http://e> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { <http://x#a> ?p ?o } FROM <x:y>", True),  # '#' in an IRI
    ("SELECT * WHERE { ?s ?p '# no comment' } FROM <x:y>", True),  # '#' in a string
    ('SELECT * WHERE { ?s ?p "a \\" # string" } FROM <x:y>', True),
    ('SELECT * WHERE { ?s ?p """long # \nstring""" } FROM <x:y>', True),
])
def test_only_a_query_without_service_or_from_outside_comments_skips_the_parse(text, leaves):
    assert may_leave_the_dataset(text) is leaves


@pytest.mark.parametrize("text,message", [
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "only SELECT and ASK queries are run here "
                                                  "(found CONSTRUCT)"),
    ("SELECT * WHERE { ?s ?p }", "q"),  # a syntax error, reported as for every engine
])
def test_oxigraph_without_the_parse_still_refuses_forms_and_reports_syntax(engine, text,
                                                                           message):
    with pytest.raises(QueryError, match=re.escape(message)):
        run_local(engine, text, "q")
    with pytest.raises(QueryError):
        construct_local(engine, "SELECT * WHERE { ?s ?p ?o }", "q")
