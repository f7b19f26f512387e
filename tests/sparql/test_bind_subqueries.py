"""A parameter is also bound inside each sub-query that hands its variable up unchanged
(lmskg.sparql.params.bind): Oxigraph evaluates a sub-query on its own, so without it a
sub-query grouping by the parameter computes every group of the graph. The answers must
be the ones the outer VALUES alone gives."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from lmskg.errors import QueryError
from lmskg.sparql.local import run_local
from lmskg.sparql.params import bind

EX = "http://example.org/"
X = URIRef(EX + "x")
VALUES = f"VALUES (?r) {{ (<{EX}x>) }}"


def _dataset() -> Dataset:
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef(EX + "g"))
    for claim, regimen, year in (("c1", "x", 2001), ("c2", "x", 2009), ("c3", "y", 2020)):
        g.add((URIRef(EX + claim), URIRef(EX + "regimen"), URIRef(EX + regimen)))
        g.add((URIRef(EX + claim), URIRef(EX + "year"), Literal(year)))
    return ds


NEWEST = f"""PREFIX ex: <{EX}>
SELECT ?r ?c WHERE {{
  ?c ex:regimen ?r ; ex:year ?y .
  {{ SELECT ?r (MAX(?any) AS ?newest) WHERE {{ ?a ex:regimen ?r ; ex:year ?any }} GROUP BY ?r }}
  FILTER(?y = ?newest)
}} ORDER BY ?c"""


def test_a_sub_query_grouping_by_the_parameter_is_bound_inside_with_the_same_answers():
    text = bind(NEWEST, {"r": X})
    assert text.count(VALUES) == 2
    inner = text.index("SELECT ?r (MAX")
    assert text.index(VALUES, inner) < text.index("?a ex:regimen", inner)
    unbound_inside = NEWEST.replace("WHERE {\n", "WHERE {\n  " + VALUES + "\n", 1)
    assert run_local(_dataset(), text).rows == run_local(_dataset(), unbound_inside).rows \
        == ((X, URIRef(EX + "c2")),)


@pytest.mark.parametrize("sub_query, why", [
    ("SELECT ?other WHERE { ?other ?p ?r }", "it does not hand ?r up"),
    ("SELECT (?s AS ?r) WHERE { ?s ?p ?o }", "?r is an expression's name there"),
    ("SELECT (MAX(?r) AS ?top) WHERE { ?s ?p ?r }", "?r is only read by an aggregate"),
    ("SELECT ?r WHERE { ?s ?p ?r } LIMIT 1", "a LIMIT picks other rows once bound"),
    ("SELECT ?r WHERE { ?s ?p ?r } ORDER BY ?r OFFSET 2", "so does an OFFSET"),
])
def test_a_sub_query_that_does_not_hand_the_variable_up_unchanged_is_left_alone(sub_query, why):
    text = bind(f"SELECT * WHERE {{ ?r ?q ?v {{ {sub_query} }} }}", {"r": X})
    assert text.count(VALUES) == 1, why


def test_a_sub_query_inside_one_that_does_not_hand_it_up_is_left_alone():
    text = bind("SELECT * WHERE { ?r ?p ?o { SELECT ?o WHERE { { SELECT ?r ?o WHERE "
                "{ ?r ?q ?o } } } } }", {"r": X})
    assert text.count(VALUES) == 1


def test_nested_sub_queries_that_each_hand_it_up_are_each_bound():
    text = bind("SELECT * WHERE { ?r ?p ?o { SELECT * WHERE { { SELECT ?r WHERE "
                "{ ?r ?q ?z } } } } }", {"r": X})
    assert text.count(VALUES) == 3


def test_only_the_parameters_a_sub_query_hands_up_are_bound_in_it():
    text = bind("SELECT * WHERE { ?r ?p ?d { SELECT ?r WHERE { ?r ?q ?z } } }",
                {"r": X, "d": Literal(3)})
    assert text.count('VALUES (?d ?r) { ("3"^^<http://www.w3.org/2001/XMLSchema#integer> '
                      f'<{EX}x>) }}') == 1
    assert text.count(VALUES) == 1


def test_braces_and_keywords_in_comments_strings_and_iris_are_not_code():
    text = bind('SELECT * WHERE {\n  # { SELECT ?r WHERE { not code } }\n'
                '  ?r ?p "{ SELECT ?r WHERE {" .\n  ?r ?q <http://example.org/SELECT?WHERE=%7B> }',
                {"r": X})
    assert text.count(VALUES) == 1
    assert text.index(VALUES) < text.index("# {")


def test_an_unclosed_sub_query_is_a_query_error():
    with pytest.raises(QueryError, match="never closed"):
        bind("SELECT * WHERE { ?r ?p ?o { SELECT ?r WHERE { ?r ?q ?z }", {"r": X})


def test_a_sub_query_without_a_where_clause_is_a_query_error():
    with pytest.raises(QueryError, match="sub-query of the query has no WHERE clause"):
        bind("SELECT * WHERE { ?r ?p ?o { SELECT ?r } }", {"r": X})
