"""Figures of a comparison go to their arms."""

from lmskg.extract.draft import extract


def by_value(draft):
    return {c.get("value"): c for c in draft.claims if c.get("value") is not None}


def test_figure_then_arm(vocab):
    text = ("Median overall survival was 10.1 months with eribulin and 8.2 months with dacarbazine "
            "(HR 0.8; p=0.02).")
    c = by_value(extract(text, "s910", vocab))
    assert c[10.1]["therapies"] == ["eribulin"] and c[8.2]["therapies"] == ["dacarbazine"]
    assert c[10.1]["measure"] == "overall-survival" and c[8.2]["qualifiers"] == ["median"]
    for v in (10.1, 8.2):  # the comparison's statistics belong to both arms
        assert c[v]["draft"]["stats"]["hazard_ratio"] == 0.8
        assert c[v]["draft"]["stats"]["p_value"] == 0.02


def test_subject_arm_and_versus(vocab):
    text = ("Progression-free survival was longer with trabectedin: median 3.3 months versus "
            "1.9 months with dacarbazine (HR 0.6; 95% CI 0.5-0.8; p<0.001).")
    c = by_value(extract(text, "s911", vocab))
    assert c[3.3]["therapies"] == ["trabectedin"] and c[1.9]["therapies"] == ["dacarbazine"]
    assert c[1.9]["draft"]["stats"]["p_value"] == 0.001
    hr = c[0.6]
    assert set(hr["therapies"]) == {"trabectedin", "dacarbazine"}
    assert (hr["draft"]["stats"]["ci_low"], hr["draft"]["stats"]["ci_high"]) == (0.5, 0.8)


def test_respectively_uses_the_order_of_the_arms(vocab):
    text = ("Patients received doxorubicin or doxorubicin plus ifosfamide. "
            "Two-year survival was 28% and 31%, respectively.")
    c = by_value(extract(text, "s912", vocab))
    assert c[28]["therapies"] == ["doxorubicin"]
    assert c[31]["regimen"] == "doxorubicin-ifosfamide"
    assert c[28]["time_point"] == {"value": 2, "unit": "a"}


def test_placebo_arm_names_no_therapy(vocab):
    text = "Median progression-free survival was 4.0 months with eribulin and 1.5 months with placebo."
    c = by_value(extract(text, "s913", vocab))
    assert c[4.0]["therapies"] == ["eribulin"]
    assert "therapies" not in c[1.5] and c[1.5]["draft"]["stats"]["arm"] == "placebo"
