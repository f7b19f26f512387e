"""Query blocks generated from the context-kind registry."""

from __future__ import annotations

import pytest

from lmskg.errors import QueryError
from lmskg.sparql.generated import regenerate, stale_queries
from tests.support.cli import REPO


def test_blocks_are_rewritten_keeping_variables_and_indentation():
    text = ("SELECT * WHERE {\n    # generated: context-order\n"
            "    VALUES (?k ?o) { (lms:old 1) }\n    ?c ?k ?v .\n}\n")
    out = regenerate(text)
    assert "    VALUES (?k ?o) {\n      (lms:disease 1) (lms:site 2)" in out
    assert "(lms:intent 8) (lms:patientCondition 9) }\n    ?c ?k ?v ." in out
    assert "lms:old" not in out


def test_linked_and_unlinked_kinds():
    text = ("# generated: linked-context-kinds\nVALUES ?a { }\n"
            "# generated: unlinked-context-kinds\nVALUES ?b { }\n")
    out = regenerate(text)
    assert "VALUES ?a { lms:disease lms:site lms:biomarker lms:lineOfTherapy lms:timing " \
           "lms:intent lms:patientCondition }" in out
    assert "VALUES ?b { lms:extent lms:riskGroup }" in out


@pytest.mark.parametrize("text, message", [
    ("# generated: context-order\nSELECT * {}", "must be followed by a VALUES clause"),
    ("# generated: colours\nVALUES ?x { }", "unknown generated block 'colours'"),
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
