"""Query blocks generated from the kinds of a claim's date."""

from __future__ import annotations

import pytest

from lmskg.errors import QueryError
from lmskg.sparql.generated import regenerate, stale_queries
from tests.support.cli import REPO


def test_blocks_are_rewritten_keeping_variables_and_indentation():
    text = ("SELECT * WHERE {\n    # generated: date-kinds\n"
            "    VALUES (?t ?k) { (lms:Old \"old\") }\n    ?c lms:claimDateKind ?t .\n}\n")
    out = regenerate(text)
    assert '    VALUES (?t ?k) {\n      (lms:StatementDateKind "statement")' in out
    assert '(lms:NotBeforeDateKind "not-before") }\n    ?c lms:claimDateKind ?t .' in out
    assert "lms:Old" not in out


@pytest.mark.parametrize("text, message", [
    ("# generated: date-kinds\nSELECT * {}", "must be followed by a VALUES clause"),
    ("# generated: colours\nVALUES ?x { }", "unknown generated block 'colours'"),
    ("# generated: date-kinds\nVALUES ?x { }", "needs a VALUES clause of two variables"),
])
def test_a_bad_marker_is_an_error(text, message):
    with pytest.raises(QueryError, match=message):
        regenerate(text)


def test_the_catalogue_is_up_to_date():
    assert stale_queries(REPO / "queries") == [], "run: make catalogue"


def test_the_date_kinds_block_lists_each_kind_of_a_claims_date_with_its_notation():
    from lmskg.derive.triples import DATE_KINDS

    text = ("  OPTIONAL {\n    ?claim lms:claimDateKind ?t .\n    # generated: date-kinds\n"
            "    VALUES (?t ?kind) { }\n  }\n")
    out = regenerate(text)
    assert '(lms:NotBeforeDateKind "not-before")' in out and '"statement")' in out
    assert out.count('(lms:') == len(DATE_KINDS) and out.endswith("}\n  }\n")


def test_the_date_kinds_the_questions_name_are_the_ontologys_notations():
    """The table the questions join on says what the ontology says of each kind."""
    from rdflib import Graph
    from rdflib.namespace import SKOS

    from lmskg.derive.triples import DATE_KINDS

    ontology = Graph().parse(REPO / "ontology" / "lmskg.ttl")
    assert {n: str(ontology.value(t, SKOS.notation)) for n, t in DATE_KINDS.items()} == \
        {n: n for n in DATE_KINDS}
