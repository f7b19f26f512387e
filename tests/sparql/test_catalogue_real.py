"""The catalogue on the real graph: for every question, the answer a researcher would check.

Each pin holds on the sources curated now and keeps holding as more are added: it
asks for rows that must be there ("s000 reports a response rate of 50 %"), never
for exact row counts. Questions that read the reasoner's classes run on the graph
with the inferred graph (one HermiT run per session).
"""

from __future__ import annotations

from typing import Callable

import pytest

from lmskg.ontology.namespaces import CLAIM, REGIMEN, SOURCE
from lmskg.sparql.params import bind, bindings_for
from lmskg.sparql.local import run_local
from tests.sparql.query_fixtures import catalogue, ontology

CATALOGUE = catalogue()
Rows = list[dict[str, str]]
PINS: dict[str, tuple[bool, Callable[[Callable[..., Rows]], None]]] = {}


def pin(name: str, reasoned: bool = False):
    """Register the real-graph check of one question."""
    def register(check: Callable[[Callable[..., Rows]], None]):
        PINS[name] = (reasoned, check)
        return check
    return register


def claim(cid: str) -> str:
    return str(CLAIM[cid])


def source(sid: str) -> str:
    return str(SOURCE[sid])


def regimen(rid: str) -> str:
    return str(REGIMEN[rid])


def row_for(rows: Rows, **want: str) -> dict[str, str]:
    """The one row that has all the wanted values (claim ids may be given bare)."""
    found = [r for r in rows if all(r.get(k) == v for k, v in want.items())]
    assert found, f"no row with {want} among {len(rows)} rows:\n" + "\n".join(map(str, rows))
    return found[0]


# -- by therapy --------------------------------------------------------------------------

@pin("outcomes-for-regimen")
def _(ask):
    row = row_for(ask(), claim=claim("s000-c26"))
    assert row["source"] == source("s000")
    assert float(row["value"]) == 50 and row["unit"] == "%"
    assert "approximate" in row["qualifiers"]
    assert "improved response rates of around fifty percent" in row["quote"]
    assert "gemcitabine and docetaxel" in row["quote"]


@pin("regimens-with-drug")
def _(ask):
    gem = {r["regimen"] for r in ask()}
    assert {regimen("gemcitabine-docetaxel"), regimen("fdr-gemcitabine-docetaxel"),
            regimen("gemcitabine-based")} <= gem
    anthracyclines = {r["regimen"] for r in ask(therapy="anthracyclines")}
    assert {regimen("doxorubicin-ifosfamide"), regimen("doxorubicin-dacarbazine"),
            regimen("doxorubicin-75-q3w"), regimen("anthracycline-based")} <= anthracyclines
    assert regimen("gemcitabine-docetaxel") not in anthracyclines


@pin("anthracycline-containing-regimens", reasoned=True)
def _(ask):
    rows = ask()
    row_for(rows, regimen=regimen("anthracycline-based"), claim=claim("s002-c20a"))
    row_for(rows, regimen=regimen("doxorubicin-ifosfamide"), claim=claim("s000-c22b"))
    assert not [r for r in rows if r["regimen"] == regimen("gemcitabine-docetaxel")]


@pin("gemcitabine-containing-regimens", reasoned=True)
def _(ask):
    rows = ask()
    row_for(rows, regimen=regimen("gemcitabine-docetaxel"), claim=claim("s000-c26"))
    row = row_for(rows, regimen=regimen("fdr-gemcitabine-docetaxel"), claim=claim("s002-c26"))
    assert row["type"] == "recommendation" and row["date"] == "2025-05-15"


@pin("doses-for-drug")
def _(ask):
    row = row_for(ask(), claim=claim("s002-c08"))
    assert (row["dose"], row["interval"], row["type"]) == ("75 mg/m2", "every 3 wk", "dose")
    assert row_for(ask(therapy="ifosfamide"), claim=claim("s002-c12b"))["dose"] == "12-14 g/m2"


@pin("side-effects-of-therapy")
def _(ask):
    row = row_for(ask(), claim=claim("s000-c15"))
    assert row["effects"] == "healthy-tissue-damage"
    assert "damage the surrounding healthy tissue" in row["quote"]


@pin("claims-about-therapy")
def _(ask):
    rows = ask()
    assert "second-line" in row_for(rows, claim=claim("s002-c13"))["context"]
    assert row_for(rows, claim=claim("s002-c14"))["treatment"] == "trabectedin-low-dose-radiation"


# -- by clinical context -------------------------------------------------------------------

@pin("options-for-extent")
def _(ask):
    rows = ask()
    assert row_for(rows, claim=claim("s002-c19a"))["treatment"] == "anthracycline-based"
    assert row_for(rows, claim=claim("s002-c19b"))["treatment"] == "gemcitabine-based"
    unresectable = ask(extent="unresectable")
    row_for(unresectable, claim=claim("s002-c19a"))


@pin("options-for-line")
def _(ask):
    rows = ask()
    against = row_for(rows, claim=claim("s002-c11"))
    assert (against["type"], against["direction"]) == ("recommendation-against", "against")
    assert row_for(rows, claim=claim("s002-c26"))["treatment"] == "fdr-gemcitabine-docetaxel"
    row_for(ask(line="second-line"), claim=claim("s002-c13"))


@pin("options-for-timing")
def _(ask):
    rows = ask()
    assert "adjuvant" in row_for(rows, claim=claim("s000-c11"))["context"]
    assert "neoadjuvant" in row_for(rows, claim=claim("s000-c12"))["context"]


@pin("options-for-intent")
def _(ask):
    rows = ask()
    row_for(rows, claim=claim("s000-c17"))
    assert row_for(rows, claim=claim("s002-c14"))["treatment"] == "trabectedin-low-dose-radiation"


@pin("options-for-disease")
def _(ask):
    assert row_for(ask(), claim=claim("s000-c08"))["treatment"] == "tah-bso"


@pin("options-for-biomarker")
def _(ask):
    row = row_for(ask(), claim=claim("s002-c28"))
    assert "aromatase-inhibitors" in row["treatment"] and "er-pr-positive" in row["context"]


# -- outcomes ------------------------------------------------------------------------------

@pin("outcome-table")
def _(ask):
    rows = ask()
    row = row_for(rows, claim=claim("s000-c03"))
    assert (float(row["low"]), float(row["high"]), row["unit"]) == (20, 60, "%")
    row_for(rows, claim=claim("s000-c26"), source=source("s000"))
    by_value = [float(r.get("value") or r["low"]) for r in ask(sort="value")]
    assert by_value == sorted(by_value)


@pin("outcomes-for-measure")
def _(ask):
    row = row_for(ask(), claim=claim("s002-c21a"))
    assert (float(row["low"]), float(row["high"]), row["unit"]) == (14, 16, "mo")


@pin("outcomes-for-line")
def _(ask):
    """First-line PFS about 5 months and OS 14-16 months for anthracycline- and
    gemcitabine-based regimens, as s002 states them."""
    rows = [r for r in ask() if r["source"] == source("s002")]
    for treatment in ("anthracycline-based", "gemcitabine-based"):
        pfs = row_for(rows, treatment=treatment,
                      measure="https://w3id.org/lmskg/ontology#ProgressionFreeSurvival")
        assert float(pfs["value"]) == 5 and pfs["unit"] == "mo"
        assert pfs["qualifiers"] == "approximate; median"
        os_ = row_for(rows, treatment=treatment,
                      measure="https://w3id.org/lmskg/ontology#OverallSurvival")
        assert (float(os_["low"]), float(os_["high"]), os_["unit"]) == (14, 16, "mo")
        assert "metastatic; unresectable; first-line" in pfs["context"]


# -- evidence quality and time ---------------------------------------------------------------

@pin("sources-overview")
def _(ask):
    rows = ask()
    s000 = row_for(rows, source=source("s000"))
    assert s000["type"] == "general-article" and not {"published", "updated", "reviewed"} & set(s000)
    s002 = row_for(rows, source=source("s002"))
    assert (s002["type"], s002["updated"], s002["review_status"]) == (
        "ai-generated-answer", "2025-05-15", "pending-human-review")
    assert "educational-purpose-only" in s002["flags"] and int(s002["claims"]) >= 30
    s004 = row_for(rows, source=source("s004"))  # the text has no title: its label stands in
    assert "no title" in s004["title"] and "truncated" in s004["flags"]
    assert {r["source"] for r in rows} >= {source(f"s00{i}") for i in range(5)}


@pin("claims-older-than")
def _(ask):
    rows = ask(years="1", as_of="2027-01-01")
    row = row_for(rows, claim=claim("s002-c11"))
    assert (row["age_years"], row["date"], row["date_kind"]) == ("1", "2025-05-15",
                                                                 "last-updated")
    # s000 gives no date: its not-before bound (the retrieval it reports) stands in, marked
    undated = row_for(rows, claim=claim("s000-c26"))
    assert (undated["date"], undated["date_kind"]) == ("2003-09-03", "not-before")
    assert not [r for r in ask(years="5", as_of="2027-01-01") if r["source"] == source("s002")]


@pin("undated-claims")
def _(ask):
    rows = ask()
    row_for(rows, claim=claim("s000-c26"))
    assert not [r for r in rows if r["source"] == source("s002")]


@pin("ai-generated-or-unreviewed-claims", reasoned=True)
def _(ask):
    rows = ask()
    reasons = row_for(rows, claim=claim("s002-c11"))["reasons"]
    assert "AI-generated answer" in reasons and "pending human review" in reasons
    assert not [r for r in rows if r["source"] == source("s000")]


@pin("claims-citing-reference")
def _(ask):
    rows = ask()
    for cid in ("s000-c21a", "s000-c21b"):
        row = row_for(rows, claim=claim(cid))
        assert (row["marker"], row["mapping"]) == ("An article by Martee L. Hensley", "inferred")


@pin("newest-statement-on-regimen")
def _(ask):
    rows = ask()
    dates = {r["date"] for r in rows}
    assert len(dates) == 1 and min(dates) >= "2025-05-15", dates
    if dates == {"2025-05-15"}:
        row_for(rows, claim=claim("s002-c11"))
        row_for(rows, claim=claim("s002-c26"))


@pin("cited-references")
def _(ask):
    row = row_for(ask(), reference="https://w3id.org/lmskg/id/reference/hensley2002")
    assert (row["pmid"], row["doi"]) == ("12065559", "10.1200/JCO.2002.11.050")
    assert "s000" in row["cited_by"] and int(row["claims"]) >= 2


@pin("unresolved-citations")
def _(ask):
    row = row_for(ask(), claim=claim("s000-c26"))
    assert row["marker"] == "Other smaller studies" and row["mapping_status"] == "unresolved"


# -- agreement -----------------------------------------------------------------------------

@pin("conflicts")
def _(ask):
    """s002 recommends against gemcitabine plus docetaxel first-line for advanced STS, and
    recommends fixed-dose-rate gemcitabine plus docetaxel first-line for disseminated LMS."""
    row = row_for(ask(), conflict="for vs against", claim_a=claim("s002-c26"),
                  claim_b=claim("s002-c11"))
    assert row["regimen_a"] == regimen("fdr-gemcitabine-docetaxel")
    assert row["regimen_b"] == regimen("gemcitabine-docetaxel")
    assert row["source_a"] == row["source_b"] == source("s002")
    assert row["date_a"] == row["date_b"] == "2025-05-15"
    assert "fixed-dose-rate gemcitabine plus docetaxel is an appropriate first-line" in row["quote_a"]
    assert "not recommended as a first-line option" in row["quote_b"]
    assert "disseminated" in row["context_a"] and "advanced" in row["context_b"]


@pin("corroborations")
def _(ask):
    rows = ask()
    for r in rows:  # each pair once, and independent: other sources, or no shared work
        assert r["claim_a"] < r["claim_b"]
        assert r["source_a"] != r["source_b"] or not r.get("shared_references")
    # s003 restates s002's first-line figures: PFS about 5 months, OS 14-16 months
    pfs = row_for(rows, claim_a=claim("s002-c20a"), claim_b=claim("s003-c12a"))
    assert pfs["agreement"] == "same figure"
    assert pfs["figure_a"] == pfs["figure_b"] == "median about 5 mo"
    row_for(rows, claim_a=claim("s002-c21a"), claim_b=claim("s003-c13a"))


# -- prognostic tools, trials, factors, approvals -----------------------------------------

@pin("prognostic-tools")
def _(ask):
    rows = ask()
    tools = {r["prognostic_tool"] for r in rows}
    assert "https://w3id.org/lmskg/id/tool/uterine-lms-nomogram" in tools
    rps = row_for(rows, prognostic_tool="https://w3id.org/lmskg/id/tool/sarculator-rps")
    assert rps["part_of"] == "https://w3id.org/lmskg/id/tool/sarculator"


@pin("trial-referrals")
def _(ask):
    row = row_for(ask(), claim=claim("s002-c17"))
    assert row["context"] == "soft-tissue-sarcoma; advanced" and row["date"] == "2025-05-15"


@pin("prognostic-factors")
def _(ask):
    rows = ask()
    assert "tumor-size" in row_for(rows, claim=claim("s002-c16"))["factors"]
    assert row_for(rows, claim=claim("s000-c04"))["type"] == "treatment-selection"


@pin("regulatory-approvals")
def _(ask):
    rows = ask()
    assert all(r["claim"].startswith(str(CLAIM)) for r in rows)
    row = row_for(rows, claim=claim("s003-c15"))  # unnamed, EU-approved as of 2016-10-12
    assert (row["date"], row["treatment"]) == ("2016-10-12", "(unnamed)")
    assert "second-line" in row["context"]


# -- browsing ------------------------------------------------------------------------------

@pin("claims-by-source")
def _(ask):
    rows = ask()
    starts = [int(r["start"]) for r in rows]
    assert starts == sorted(starts) and {r["source"] for r in rows} == {source("s000")}
    assert row_for(rows, claim=claim("s000-c26"))["figure"] == "about 50 %"


@pin("claim-details")
def _(ask):
    rows = ask()
    exact = row_for(rows, via="anchor", property="http://www.w3.org/ns/oa#exact")
    assert exact["value"].startswith("Other smaller studies")
    assert float(row_for(rows, via="quantity",
                         property="https://w3id.org/lmskg/ontology#value")["value"]) == 50
    row_for(rows, property="https://w3id.org/lmskg/ontology#regimen",
            value=regimen("gemcitabine-docetaxel"))


# -- the tests -----------------------------------------------------------------------------

def test_every_question_is_pinned_on_the_real_graph():
    """... or, for the trial questions (the seed sources describe no study), on the practice
    graph (tests/sparql/test_catalogue_practice.py, which also checks that they answer
    nothing on the real graph)."""
    from tests.sparql.test_catalogue_practice import TRIAL_QUESTIONS

    missing = sorted(set(CATALOGUE) - set(PINS) - set(TRIAL_QUESTIONS))
    assert not missing, f"questions without a real-graph test in {__file__}: {missing}"


@pytest.mark.parametrize("name", sorted(n for n in PINS if not PINS[n][0]))
def test_real_graph(name, dataset):
    PINS[name][1](_asker(name, dataset))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(n for n in PINS if PINS[n][0]))
def test_real_graph_with_inferences(name, reasoned_dataset):
    PINS[name][1](_asker(name, reasoned_dataset))


def _asker(name: str, ds) -> Callable[..., Rows]:
    query = CATALOGUE[name]

    def ask(**given: str) -> Rows:
        bindings = bindings_for(query, given, ontology())
        return run_local(ds, bind(query.text, bindings), name).as_dicts()

    return ask
