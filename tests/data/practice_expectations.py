"""What each fact of ../shared/practice/manifest.yaml must be held by in examples/practice/data.

For every span of the manifest: a list of (holding kind, fields). A fact is held when, for
each item, some holding of that kind (see test_practice.holdings) has those field values and
its anchor overlaps the span (for a span that occurs several times, at every occurrence).
The fields are the reading of the manifest's 'meaning' in the record fields of
lmskg.curated.records and lmskg.curated.studies; where the text says less than the meaning
(the manifest's 'unadjusted', 'primary endpoint', 'overall survival' for 'One-year
survival'), only what the text says is required. See docs/decisions/0010-trial-evidence.md.
"""

from __future__ import annotations

P1 = "p001-et743-sar-3007"
P2 = "p002-eortc-62012"
P3 = "p003-palette"
P4E = "p004-eribulin-dacarbazine"
P4G = "p004-geddis"


def arm_result(study, arm, measure, value, unit="mo", **kw):
    return ("claim", {"type": "arm-result", "study": study, "arm": arm, "measure": measure,
                      "value": value, "unit": unit, **kw})


def comparison(study, arm, comparator, measure, **kw):
    return ("claim", {"type": "comparative-result", "study": study, "arm": arm,
                      "comparator_arm": comparator, "measure": measure, **kw})


def hr(study, arm, comparator, measure, value, **kw):
    return comparison(study, arm, comparator, measure, effect_measure="hazard-ratio",
                      value=value, unit="1", **kw)


def dose(study, arm, agent, value, unit, **kw):
    return ("administration.dose", {"study": study, "arm": arm, "agent": agent, "value": value,
                                    "unit": unit, **kw})


def adm(kind, study, arm, agent, **kw):
    return (f"administration.{kind}", {"study": study, "arm": arm, "agent": agent, **kw})


def ae(study, arm, effect, value):
    return ("claim", {"type": "adverse-event-rate", "study": study, "arm": arm,
                      "side_effects": [effect], "value": value, "unit": "%"})


EXPECT = {
    "practice-01": {
        "October 23, 2015": [("source.date", {"value": "2015-10-23"})],
        "a single open-label": [("claim", {"study": P1, "n_studies": 1}),
                                ("study.blinding", {"study": P1, "value": "open-label"})],
        "phase 3": [("study.phase", {"study": P1, "value": "phase-3"})],
        "ET743-SAR-3007": [("study.names", {"study": P1, "value": "ET743-SAR-3007"})],
        "518 patients": [("study.randomised", {"study": P1, "value": 518})],
        "2:1 ratio": [("study.allocation_ratio", {"study": P1, "value": "2:1",
                                                  "arms": ["trabectedin", "dacarbazine"]})],
        "n=345": [("arm.size", {"study": P1, "arm": "trabectedin", "value": 345})],
        "n=173": [("arm.size", {"study": P1, "arm": "dacarbazine", "value": 173})],
        "1.5 mg/m2": [dose(P1, "trabectedin", "trabectedin", 1.5, "mg/m2")],
        "24 hours": [adm("duration", P1, "trabectedin", "trabectedin", value=24, unit="h")],
        "1000 mg/m2": [dose(P1, "dacarbazine", "dacarbazine", 1000, "mg/m2")],
        "20 to 120 minutes": [adm("duration", P1, "dacarbazine", "dacarbazine", low=20, high=120,
                                  unit="min")],
        "every 3 weeks": [adm("cycle_length", P1, "trabectedin", "trabectedin", value=3, unit="wk"),
                          adm("cycle_length", P1, "dacarbazine", "dacarbazine", value=3, unit="wk")],
        "56 years": [("study.characteristics", {"study": P1, "kind": "age", "value": 56,
                                                "unit": "a", "qualifiers": ["median"]})],
        "73%": [("study.characteristics", {"study": P1, "kind": "disease-share", "value": 73,
                                           "unit": "%", "disease": ["leiomyosarcoma"]})],
        "27%": [("study.characteristics", {"study": P1, "kind": "disease-share", "value": 27,
                                           "unit": "%", "disease": ["liposarcoma"]})],
        "4.2 months": [arm_result(P1, "trabectedin", "progression-free-survival", 4.2,
                                  qualifiers=["median"], assessment="investigator")],
        "1.5 months": [arm_result(P1, "dacarbazine", "progression-free-survival", 1.5,
                                  qualifiers=["median"])],
        "HR 0.55": [hr(P1, "trabectedin", "dacarbazine", "progression-free-survival", 0.55)],
        "95% CI 0.44–0.70": [hr(P1, "trabectedin", "dacarbazine", "progression-free-survival",
                                0.55, ci_low=0.44, ci_high=0.70, ci_level=95)],
        "p<0.001": [comparison(P1, "trabectedin", "dacarbazine", "progression-free-survival",
                               p_value=0.001, p_relation="<")],
        "13.7 months": [arm_result(P1, "trabectedin", "overall-survival", 13.7,
                                   qualifiers=["median"])],
        "13.1 months": [arm_result(P1, "dacarbazine", "overall-survival", 13.1,
                                   qualifiers=["median"])],
        "HR 0.93": [hr(P1, "trabectedin", "dacarbazine", "overall-survival", 0.93)],
        "95% CI 0.75–1.15": [hr(P1, "trabectedin", "dacarbazine", "overall-survival", 0.93,
                                ci_low=0.75, ci_high=1.15, ci_level=95)],
        "p=0.49": [comparison(P1, "trabectedin", "dacarbazine", "overall-survival",
                              p_value=0.49, p_relation="=")],
        "at least 20%": [("claim", {"type": "adverse-event-rate", "study": P1, "arm": "trabectedin",
                                    "value": 20, "unit": "%", "qualifiers": ["lower-bound"]})],
    },
    "practice-02": {
        "EORTC 62012": [("study.names", {"study": P2, "value": "EORTC 62012"})],
        "April 2014": [("source.date", {"value": "2014-04"})],
        "phase 3": [("study.phase", {"study": P2, "value": "phase-3"})],
        "38 hospitals": [("study.characteristics", {"study": P2, "kind": "sites", "value": 38})],
        "ten countries": [("study.characteristics", {"study": P2, "kind": "countries",
                                                     "value": 10})],
        "18-60 years": [("study.characteristics", {"study": P2, "kind": "eligible-age", "low": 18,
                                                   "high": 60, "unit": "a"})],
        "WHO performance status 0-1": [("study.characteristics", {
            "study": P2, "kind": "eligible-who-performance-status", "low": 0, "high": 1})],
        "1:1": [("study.allocation_ratio", {"study": P2, "value": "1:1"})],
        "first-line doxorubicin 75 mg/m2": [dose(P2, "doxorubicin", "doxorubicin", 75, "mg/m2",
                                                 basis="per-cycle")],
        "bolus on day 1": [adm("method", P2, "doxorubicin", "doxorubicin", value="bolus"),
                           adm("days", P2, "doxorubicin", "doxorubicin", value=[1])],
        "72 h": [adm("duration", P2, "doxorubicin", "doxorubicin", value=72, unit="h"),
                 adm("method", P2, "doxorubicin", "doxorubicin", value="continuous-infusion")],
        "to doxorubicin 75 mg/m2": [dose(P2, "doxorubicin-ifosfamide", "doxorubicin", 75, "mg/m2",
                                         basis="per-cycle")],
        "25 mg/m2 daily on days 1-3": [
            dose(P2, "doxorubicin-ifosfamide", "doxorubicin", 25, "mg/m2", basis="per-day"),
            adm("days", P2, "doxorubicin-ifosfamide", "doxorubicin", value=[1, 2, 3])],
        "ifosfamide 10 g/m2 over 4 days": [
            dose(P2, "doxorubicin-ifosfamide", "ifosfamide", 10, "g/m2", basis="per-cycle"),
            adm("duration", P2, "doxorubicin-ifosfamide", "ifosfamide", value=4, unit="d")],
        "every 3 weeks": [adm("cycle_length", P2, "doxorubicin", "doxorubicin", value=3, unit="wk"),
                          adm("cycle_length", P2, "doxorubicin-ifosfamide", "doxorubicin", value=3,
                              unit="wk"),
                          adm("cycle_length", P2, "doxorubicin-ifosfamide", "ifosfamide", value=3,
                              unit="wk")],
        "maximum of six": [adm("max_cycles", P2, "doxorubicin", "doxorubicin", value=6),
                           adm("max_cycles", P2, "doxorubicin-ifosfamide", "ifosfamide", value=6)],
        "NCT00061984": [("study.registry_ids", {"study": P2, "value": "NCT00061984",
                                                "registry": "clinicaltrials-gov"})],
        "April 2003 to May 2010": [("study.recruitment", {"study": P2, "start_date": "2003-04",
                                                          "end_date": "2010-05"})],
        "455 randomised patients": [("study.randomised", {"study": P2, "value": 455})],
        "228": [("arm.size", {"study": P2, "arm": "doxorubicin", "value": 228})],
        "227": [("arm.size", {"study": P2, "arm": "doxorubicin-ifosfamide", "value": 227})],
        "56 months": [("study.follow_up", {"study": P2, "value": 56, "unit": "mo",
                                           "qualifiers": ["median"]})],
        "12.8 months": [arm_result(P2, "doxorubicin", "overall-survival", 12.8,
                                   qualifiers=["median"])],
        "14.3 months": [arm_result(P2, "doxorubicin-ifosfamide", "overall-survival", 14.3,
                                   qualifiers=["median"])],
        "p=0.076": [comparison(P2, "doxorubicin-ifosfamide", "doxorubicin", "overall-survival",
                               p_value=0.076, p_relation="=", significance="not-significant")],
        "One-year survival was 51% and 60%": [
            arm_result(P2, "doxorubicin", "survival", 51, unit="%",
                       time_point={"value": 1, "unit": "a"}),
            arm_result(P2, "doxorubicin-ifosfamide", "survival", 60, unit="%",
                       time_point={"value": 1, "unit": "a"})],
        "7.4 vs 4.6 months": [
            arm_result(P2, "doxorubicin-ifosfamide", "progression-free-survival", 7.4,
                       qualifiers=["median"]),
            arm_result(P2, "doxorubicin", "progression-free-survival", 4.6, qualifiers=["median"])],
        "26% vs 14%": [arm_result(P2, "doxorubicin-ifosfamide", "response-rate", 26, unit="%"),
                       arm_result(P2, "doxorubicin", "response-rate", 14, unit="%")],
        "p<0.0006": [comparison(P2, "doxorubicin-ifosfamide", "doxorubicin", "response-rate",
                                p_value=0.0006, p_relation="<")],
    },
    "practice-03": {
        "May 2012": [("source.date", {"value": "2012-05"})],
        "phase 3": [("study.phase", {"study": P3, "value": "phase-3"})],
        "72 institutions": [("study.characteristics", {"study": P3, "kind": "sites", "value": 72})],
        "13 countries": [("study.characteristics", {"study": P3, "kind": "countries",
                                                    "value": 13})],
        "2:1": [("study.allocation_ratio", {"study": P3, "value": "2:1",
                                            "arms": ["pazopanib", "placebo"]})],
        "800 mg once daily": [dose(P3, "pazopanib", "pazopanib", 800, "mg"),
                              adm("dose_interval", P3, "pazopanib", "pazopanib", value=1,
                                  unit="d")],
        "NCT00753688": [("study.registry_ids", {"study": P3, "value": "NCT00753688"})],
        "372 registered patients": [("study.enrolled", {"study": P3, "value": 372})],
        "369 were randomised": [("study.randomised", {"study": P3, "value": 369})],
        "246 to pazopanib": [("arm.size", {"study": P3, "arm": "pazopanib", "value": 246})],
        "123 to placebo": [("arm.size", {"study": P3, "arm": "placebo", "value": 123})],
        "4.6 months": [arm_result(P3, "pazopanib", "progression-free-survival", 4.6,
                                  qualifiers=["median"])],
        "95% CI 3.7-4.8": [arm_result(P3, "pazopanib", "progression-free-survival", 4.6,
                                      ci_low=3.7, ci_high=4.8, ci_level=95)],
        "1.6 months": [arm_result(P3, "placebo", "progression-free-survival", 1.6,
                                  qualifiers=["median"])],
        "95% CI 0.9-1.8": [arm_result(P3, "placebo", "progression-free-survival", 1.6,
                                      ci_low=0.9, ci_high=1.8, ci_level=95)],
        "HR 0.31": [hr(P3, "pazopanib", "placebo", "progression-free-survival", 0.31)],
        "95% CI 0.24-0.40": [hr(P3, "pazopanib", "placebo", "progression-free-survival", 0.31,
                                ci_low=0.24, ci_high=0.40, ci_level=95)],
        "p<0.0001": [comparison(P3, "pazopanib", "placebo", "progression-free-survival",
                                p_value=0.0001, p_relation="<")],
        "12.5 months": [arm_result(P3, "pazopanib", "overall-survival", 12.5,
                                   qualifiers=["median"])],
        "95% CI 10.6-14.8": [arm_result(P3, "pazopanib", "overall-survival", 12.5, ci_low=10.6,
                                        ci_high=14.8, ci_level=95)],
        "10.7 months": [arm_result(P3, "placebo", "overall-survival", 10.7,
                                   qualifiers=["median"])],
        "95% CI 8.7-12.8": [arm_result(P3, "placebo", "overall-survival", 10.7, ci_low=8.7,
                                       ci_high=12.8, ci_level=95)],
        "HR 0.86": [hr(P3, "pazopanib", "placebo", "overall-survival", 0.86)],
        "95% CI 0.67-1.11": [hr(P3, "pazopanib", "placebo", "overall-survival", 0.86,
                                ci_low=0.67, ci_high=1.11, ci_level=95)],
        "p=0.25": [comparison(P3, "pazopanib", "placebo", "overall-survival", p_value=0.25,
                              p_relation="=", significance="not-significant")],
        "fatigue (65% vs 49%)": [ae(P3, "pazopanib", "fatigue", 65),
                                 ae(P3, "placebo", "fatigue", 49)],
        "diarrhoea (58% vs 16%)": [ae(P3, "pazopanib", "diarrhoea", 58),
                                   ae(P3, "placebo", "diarrhoea", 16)],
        "nausea (54% vs 28%)": [ae(P3, "pazopanib", "nausea", 54), ae(P3, "placebo", "nausea", 28)],
        "weight loss (48% vs 20%)": [ae(P3, "pazopanib", "weight-loss", 48),
                                     ae(P3, "placebo", "weight-loss", 20)],
        "hypertension (41% vs 7%)": [ae(P3, "pazopanib", "hypertension", 41),
                                     ae(P3, "placebo", "hypertension", 7)],
    },
    "practice-04": {
        "May 2019": [("source.date", {"kind": "literature-cutoff", "value": "2019-05"})],
        "phase 3": [("study.phase", {"study": P4E, "value": "phase-3"})],
        "four hundred and fifty-two patients": [("study.randomised", {"study": P4E, "value": 452})],
        "two or more regimens of which one contained an anthracycline": [
            ("study.population", {"study": P4E, "min_prior_regimens": 2,
                                  "prior_regimens": ["anthracycline-based"]})],
        "1:1": [("study.allocation_ratio", {"study": P4E, "value": "1:1",
                                            "arms": ["eribulin", "dacarbazine"]})],
        "1.4 mg/m2 on days 1 and 8": [dose(P4E, "eribulin", "eribulin", 1.4, "mg/m2"),
                                      adm("days", P4E, "eribulin", "eribulin", value=[1, 8])],
        "every 21 days": [adm("cycle_length", P4E, "eribulin", "eribulin", value=21, unit="d"),
                          adm("cycle_length", P4E, "dacarbazine", "dacarbazine", value=21,
                              unit="d")],
        "[1]": [("marker", {"value": "[1]"})],
        "13.5 months": [arm_result(P4E, "eribulin", "overall-survival", 13.5,
                                   qualifiers=["median"], cites=["[1]"])],
        "11.5 months": [arm_result(P4E, "dacarbazine", "overall-survival", 11.5,
                                   qualifiers=["median"], cites=["[1]"])],
        "HR 0.77": [hr(P4E, "eribulin", "dacarbazine", "overall-survival", 0.77)],
        "95% CI 0.62-0.95": [hr(P4E, "eribulin", "dacarbazine", "overall-survival", 0.77,
                                ci_low=0.62, ci_high=0.95, ci_level=95)],
        "p=0.0169": [comparison(P4E, "eribulin", "dacarbazine", "overall-survival",
                                p_value=0.0169, p_relation="=")],
        "three hundred and nine patients": [("subgroup.size", {"study": P4E,
                                                               "subgroup": "leiomyosarcoma",
                                                               "value": 309})],
        "12.7 months": [arm_result(P4E, "eribulin", "overall-survival", 12.7,
                                   subgroup="leiomyosarcoma", subgroup_of="p004-c01")],
        "13.0 months": [arm_result(P4E, "dacarbazine", "overall-survival", 13.0,
                                   subgroup="leiomyosarcoma", subgroup_of="p004-c02")],
        "HR 0.93": [hr(P4E, "eribulin", "dacarbazine", "overall-survival", 0.93,
                       subgroup="leiomyosarcoma", subgroup_of="p004-c03")],
        "95% CI 0.71-1.20": [hr(P4E, "eribulin", "dacarbazine", "overall-survival", 0.93,
                                ci_low=0.71, ci_high=1.20, ci_level=95,
                                subgroup="leiomyosarcoma")],
        "p=0.57": [comparison(P4E, "eribulin", "dacarbazine", "overall-survival", p_value=0.57,
                              p_relation="=", subgroup="leiomyosarcoma")],
        "2.2 versus 2.6 months": [
            arm_result(P4E, "eribulin", "progression-free-survival", 2.2,
                       subgroup="leiomyosarcoma"),
            arm_result(P4E, "dacarbazine", "progression-free-survival", 2.6,
                       subgroup="leiomyosarcoma")],
        "[2]": [("marker", {"value": "[2]"})],
        "[3]": [("marker", {"value": "[3]"})],
        "Two hundred and fifty-seven": [("study.randomised", {"study": P4G, "value": 257})],
        "doxorubicin 75 mg/m2 on day 1": [dose(P4G, "doxorubicin", "doxorubicin", 75, "mg/m2"),
                                          adm("days", P4G, "doxorubicin", "doxorubicin",
                                              value=[1])],
        "gemcitabine 675 mg/m2 on days 1 and 8": [
            dose(P4G, "gemcitabine-docetaxel", "gemcitabine", 675, "mg/m2"),
            adm("days", P4G, "gemcitabine-docetaxel", "gemcitabine", value=[1, 8])],
        "docetaxel 75 mg/m2 on day 8": [
            dose(P4G, "gemcitabine-docetaxel", "docetaxel", 75, "mg/m2"),
            adm("days", P4G, "gemcitabine-docetaxel", "docetaxel", value=[8])],
        "every 3 weeks": [adm("cycle_length", P4G, "doxorubicin", "doxorubicin", value=3, unit="wk"),
                          adm("cycle_length", P4G, "gemcitabine-docetaxel", "gemcitabine", value=3,
                              unit="wk"),
                          adm("cycle_length", P4G, "gemcitabine-docetaxel", "docetaxel", value=3,
                              unit="wk")],
        "24 weeks": [arm_result(P4G, "doxorubicin", "progression-free-survival", 46.3, unit="%",
                                time_point={"value": 24, "unit": "wk"})],
        "46.3%": [arm_result(P4G, "doxorubicin", "progression-free-survival", 46.3, unit="%")],
        "46.4%": [arm_result(P4G, "gemcitabine-docetaxel", "progression-free-survival", 46.4,
                             unit="%", time_point={"value": 24, "unit": "wk"})],
        "HR 1.14": [hr(P4G, "gemcitabine-docetaxel", "doxorubicin", "overall-survival", 1.14)],
        "p=0.41": [comparison(P4G, "gemcitabine-docetaxel", "doxorubicin", "overall-survival",
                              p_value=0.41, p_relation="=", significance="not-significant")],
        "2016;387(10028):1629-37": [("reference", {"id": "schoffski2016", "date": "2016",
                                                   "volume": "387", "issue": "10028",
                                                   "pages": "1629-37"})],
        "2019;120(11):1026-1032": [("reference", {"id": "blay2019", "date": "2019",
                                                  "volume": "120", "issue": "11",
                                                  "pages": "1026-1032"})],
        "2017;18(10):1397-1410": [("reference", {"id": "seddon2017", "date": "2017",
                                                 "volume": "18", "issue": "10",
                                                 "pages": "1397-1410"})],
    },
}
