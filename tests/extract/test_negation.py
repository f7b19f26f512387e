"""Negation and hedging decide the type and direction of qualitative claims."""

import pytest

from lmskg.extract.claimtype import Features, classify
from lmskg.extract.negation import is_negated, polarity


def typed(text, therapy=True, measures=0):
    return classify(text, Features(has_therapy=therapy, measures=measures,
                                   polarity=polarity(text, 0, len(text))))


@pytest.mark.parametrize("text,type_,direction", [
    ("Drug X is not recommended for small tumours.", "recommendation-against", "against"),
    ("Drug X could be even detrimental in frail patients.", "recommendation-against", "against"),
    ("Drug X should not be given after surgery.", "recommendation-against", "against"),
    ("Drug X is unlikely to cure the disease.", "recommendation-against", "neutral"),
    ("Drug X alone is often not sufficient.", "recommendation-against", "neutral"),
    ("Drug X may be considered after failure of Y.", "treatment-option", "for"),
    ("Drug X is recommended as first-line therapy.", "recommendation", "for"),
    ("Drug X is still under investigation.", "investigational", "neutral"),
    ("Drug X is a promising option.", "investigational", "for"),
])
def test_qualitative_types(text, type_, direction):
    t = typed(text)
    assert (t.type, t.direction) == (type_, direction)


def test_did_not_improve_is_an_outcome_against():
    t = typed("Drug X did not improve overall survival.", measures=1)
    assert (t.type, t.direction) == ("outcome", "against")


def test_improved_is_an_outcome_for():
    t = typed("Drug X improved response rates.", measures=1)
    assert (t.type, t.direction) == ("outcome", "for")


def test_negation_scope_stops_at_a_terminator():
    text = "No benefit was seen with X, but Y helped."
    x, y = text.index("X"), text.index("Y")
    assert is_negated(text, 0, len(text), x, x + 1)
    assert not is_negated(text, 0, len(text), y, y + 1)


def test_pseudo_negation_is_not_negation():
    text = "X not only shrinks tumours but also eases pain."
    x = text.index("shrinks")
    assert not is_negated(text, 0, len(text), x, x + 7)


def test_hedges_are_found():
    p = polarity("X may help and could be tried.", 0, 30)
    assert [c.text for c in p.hedges] == ["may", "could"]
