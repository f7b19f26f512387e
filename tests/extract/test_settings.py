"""Clinical context: line, timing, intent, extent and stage; prior therapies."""

import pytest

from lmskg.extract.draft import extract


def first(vocab, text):
    return extract(text, "s930", vocab).claims[0]


@pytest.mark.parametrize("text,key,values", [
    ("Doxorubicin is the first-line standard.", "line", ["first-line"]),
    ("Eribulin is used as second-line therapy.", "line", ["second-line"]),
    ("Adjuvant chemotherapy is used.", "timing", ["adjuvant"]),
    ("Radiation therapy before surgery is used.", "timing", ["neoadjuvant"]),
    ("Neoadjuvant radiotherapy is an option.", "timing", ["neoadjuvant"]),
    ("Palliative chemotherapy is an option.", "intent", ["palliative"]),
    ("Radiation can be used to relieve symptoms.", "intent", ["palliative"]),
    ("Chemotherapy is used in stage III or IV disease.", "extent", ["stage-iii", "stage-iv"]),
    ("Chemotherapy is used in stages I-III.", "extent", ["stage-i", "stage-ii", "stage-iii"]),
    ("Chemotherapy is used for metastatic or unresectable LMS.", "extent",
     ["metastatic", "unresectable"]),
])
def test_context(vocab, text, key, values):
    assert first(vocab, text)[key] == values


def test_surgery_named_as_a_time_is_not_a_therapy(vocab):
    c = first(vocab, "Radiation therapy is given after surgery.")
    assert c["therapies"] == ["radiation-therapy"] and c["timing"] == ["postoperative"]


def test_prior_therapy_is_context(vocab):
    c = first(vocab, "Eribulin is an option for patients pretreated with anthracyclines.")
    assert c["therapies"] == ["eribulin"] and "pretreated" in c["extent"]


def test_maintenance_is_proposed_not_recorded(vocab):
    from lmskg.extract.draft import extract as ex
    d = ex("Maintenance chemotherapy may be used.", "s931", vocab)
    assert "timing" not in d.claims[0]
    assert any(p["kind"] == "context" and p["surface"] == "Maintenance" for p in d.vocabulary)
