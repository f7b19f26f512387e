"""Figures: ranges, intervals, p-values, qualifiers, units, schedules."""

import pytest

from lmskg.extract.figures import find_figures


def one(text, role=None):
    figs = [f for f in find_figures(text) if role is None or f.role == role]
    assert len(figs) == 1, [(f.role, f.text) for f in figs]
    f = figs[0]
    assert text[f.start:f.end] == f.text
    return f


@pytest.mark.parametrize("text,low,high,unit", [
    ("lasting 12-14 months in all", 12, 14, "mo"),
    ("lasting 12–14 months in all", 12, 14, "mo"),          # en dash
    ("lasting nine to twelve months", 9, 12, "mo"),
    ("lasting between 14-16 weeks", 14, 16, "wk"),
    ("lasting between 14 and 16 weeks", 14, 16, "wk"),
    ("rates from twenty to sixty percent", 20, 60, "%"),
    ("rates of 10\u201315% were seen", 10, 15, "%"),
])
def test_ranges(text, low, high, unit):
    f = one(text)
    assert (f.low, f.high, f.unit) == (low, high, unit)
    assert "range" in f.qualifiers


@pytest.mark.parametrize("text,low,high,level", [
    ("rate 37% (95% CI, 26 to 48)", 26, 48, 95),
    ("HR 0.77; 95% CI 0.62-0.95", 0.62, 0.95, 95),
    ("HR 0.5 (95% CI 0.31–0.82)", 0.31, 0.82, 95),
    ("odds 1.9 (90% confidence interval 1.2 to 3.1)", 1.2, 3.1, 90),
])
def test_confidence_intervals(text, low, high, level):
    ci = one(text, "ci")
    assert (ci.detail["ci_low"], ci.detail["ci_high"], ci.detail["ci_level"]) == (low, high, level)


@pytest.mark.parametrize("text,value,rel", [
    ("(p<0.001)", 0.001, "<"), ("(P = .049)", 0.049, "="), ("p=0.41", 0.41, "="),
    ("p ≤ 0.05", 0.05, "≤"),
])
def test_p_values(text, value, rel):
    p = one(text, "p-value")
    assert (p.detail["p_value"], p.detail["p_relation"]) == (value, rel)


@pytest.mark.parametrize("text,qualifier", [
    ("about 40% of them", "approximate"), ("around thirty percent", "approximate"),
    ("as high as seventy percent", "upper-bound"), ("up to 20% of cases", "upper-bound"),
    ("at least 20% of patients", "lower-bound"), ("more than 30% of women", "lower-bound"),
    ("in 5% or more of cases", "lower-bound"),
])
def test_qualifiers(text, qualifier):
    f = one(text, "percent")
    assert f.qualifiers == [qualifier]


@pytest.mark.parametrize("text,value,unit", [
    ("given at 75 mg/m2 daily", 75, "mg/m2"), ("given at 1.4 mg/m² weekly", 1.4, "mg/m2"),
    ("given at 10 g/m2 per cycle", 10, "g/m2"), ("given 800 mg once daily", 800, "mg"),
    ("a total of 50 Gy in 25 fractions", 50, "Gy"),
])
def test_dose_units(text, value, unit):
    f = one(text, "dose")
    assert (f.value, f.unit) == (value, unit)


def test_dose_schedule_pieces():
    text = "drug X 1.2 mg/m2 on days 1 and 8, every 21 days, infused over 24 hours"
    roles = [(f.role, f.text) for f in find_figures(text)]
    assert roles == [("dose", "1.2 mg/m2"), ("schedule", "on days 1 and 8"),
                     ("schedule", "every 21 days"), ("schedule", "over 24 hours")]
    every = [f for f in find_figures(text) if f.text == "every 21 days"][0]
    assert every.detail["interval"] == {"value": 21, "unit": "d"}


def test_hazard_ratio_and_proportion_and_grade():
    text = "grade 3-4 fatigue in 3/48 patients (HR 0.61)"
    figs = {f.role: f for f in find_figures(text)}
    assert (figs["grade"].low, figs["grade"].high) == (3, 4)
    assert (figs["proportion"].value, figs["proportion"].detail["denominator"]) == (3, 48)
    assert figs["hazard-ratio"].value == 0.61


def test_units_carry_across_versus():
    text = "median 7.1 vs 5.2 months and 31% vs 18%"
    vals = [(f.value, f.unit, f.qualifiers) for f in find_figures(text)]
    assert vals == [(7.1, "mo", ["median"]), (5.2, "mo", ["median"]), (31, "%", []), (18, "%", [])]


def test_time_point_and_counts_and_dates():
    text = "At 24 weeks, 120 patients in ten countries were followed from March 2001."
    roles = [(f.role, f.text) for f in find_figures(text)]
    assert ("time-point", "24 weeks") in roles
    assert ("count", "120 patients") in roles
    assert ("count", "ten countries") in roles
    assert ("date", "March 2001") in roles


def test_median_does_not_cross_a_comma():
    text = "a median age of 50 years, and 60% were women"
    pct = one(text, "percent")
    assert "median" not in pct.qualifiers
