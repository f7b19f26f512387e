"""The smallest trial report: one document, one source, one study with two arms and a
subgroup, and one claim of each result type.

Unit tests of the trial records start here (like :mod:`tests.support.tiny`):
:func:`write_tiny_trial` writes the inputs and returns a Config; :func:`source_data` gives the
source as a mapping that a test may break before :func:`write_source` writes it back. Offsets
are computed from the text, so the fixture stays right when the text is edited.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

from lmskg.config import Config
from lmskg.curated import yamlio
from tests.support import tiny

TEXT = (
    "Tiny trial report\n"
    "In this randomised phase 3 trial (NCT01234567), 120 patients were randomised 1:1 to "
    "gemcitabine 900 mg/m2 on days 1 and 8 every 3 weeks or to docetaxel; 60 received "
    "gemcitabine and 60 docetaxel. Median overall survival was 12 months with gemcitabine "
    "and 10 months with docetaxel (HR 0.8; 95% CI 0.6-0.95; p=0.02). Grade 3 or higher "
    "neutropenia occurred in 6/60 with gemcitabine. Among the forty patients with "
    "leiomyosarcoma, median overall survival was 11 months with gemcitabine. Median follow-up "
    "was 24 months (range 2-40). Responders went on with gemcitabine as maintenance. "
    "Gemcitabine is contraindicated in pregnancy.\n")


def at(quote: str, after: int = 0) -> dict[str, Any]:
    """A passage of TEXT: its quote and offsets (the first occurrence from ``after``)."""
    start = TEXT.index(quote, after)
    return {"quote": quote, "start": start, "end": start + len(quote)}


OS_SENTENCE = ("Median overall survival was 12 months with gemcitabine and 10 months with "
               "docetaxel (HR 0.8; 95% CI 0.6-0.95; p=0.02).")
SUBGROUP_SENTENCE = ("Among the forty patients with leiomyosarcoma, median overall survival "
                     "was 11 months with gemcitabine.")

STUDY: dict[str, Any] = {
    "id": "t001-tiny",
    "label": "a tiny trial",
    **at("this randomised phase 3 trial"),
    "registry_ids": [{"value": "NCT01234567", "registry": "clinicaltrials-gov",
                      **at("NCT01234567")}],
    "design": [{"value": "randomised", **at("randomised phase 3 trial")}],
    "phase": {"value": "phase-3", **at("phase 3")},
    "randomised": {"value": 120, **at("120 patients were randomised")},
    "allocation_ratio": {"value": "1:1", "arms": ["gemcitabine", "docetaxel"],
                         **at("randomised 1:1")},
    "arms": [
        {"key": "gemcitabine", "label": "gemcitabine", "regimen": "gemcitabine",
         **at("gemcitabine 900 mg/m2 on days 1 and 8 every 3 weeks"),
         "size": {"value": 60, **at("60 received gemcitabine")},
         "administrations": [{
             "key": "gemcitabine", "agent": "gemcitabine",
             **at("gemcitabine 900 mg/m2 on days 1 and 8 every 3 weeks"),
             "doses": [{"value": 900, "unit": "mg/m2", **at("900 mg/m2")}],
             "days": {"value": [1, 8], **at("on days 1 and 8")},
             "cycle_length": {"value": 3, "unit": "wk", **at("every 3 weeks")},
             "maintenance": {"value": True, **at("gemcitabine as maintenance")}}]},
        {"key": "docetaxel", "label": "docetaxel", "regimen": "docetaxel",
         **at("to docetaxel"), "size": {"value": 60, **at("60 docetaxel")}},
    ],
    "follow_up": {"value": 24, "unit": "mo", "qualifiers": ["median"], "spread": "range",
                  "spread_low": 2, "spread_high": 40,
                  **at("Median follow-up was 24 months (range 2-40)")},
    "subgroups": [{"key": "leiomyosarcoma", "label": "patients with leiomyosarcoma",
                   **at("the forty patients with leiomyosarcoma"),
                   "disease": ["leiomyosarcoma"],
                   "size": {"value": 40, **at("the forty patients")}}],
}


def _claim(cid: str, ctype: str, quote: str, **fields: Any) -> dict[str, Any]:
    return {"id": cid, "type": ctype, **at(quote), "direction": "neutral", **fields}


CLAIMS: list[dict[str, Any]] = [
    _claim("t001-c01", "arm-result", OS_SENTENCE, measure="overall-survival", value=12,
           unit="mo", qualifiers=["median"], study="t001-tiny", arm="gemcitabine"),
    _claim("t001-c02", "comparative-result", OS_SENTENCE, measure="overall-survival",
           value=0.8, unit="1", study="t001-tiny", arm="gemcitabine",
           comparator_arm="docetaxel", effect_measure="hazard-ratio", ci_low=0.6,
           ci_high=0.95, ci_level=95, p_value=0.02, p_relation="="),
    _claim("t001-c03", "adverse-event-rate",
           "Grade 3 or higher neutropenia occurred in 6/60 with gemcitabine.",
           side_effects=["neutropenia"], study="t001-tiny", arm="gemcitabine",
           numerator=6, denominator=60, grades=["grade-3", "grade-4", "grade-5"]),
    _claim("t001-c04", "arm-result", SUBGROUP_SENTENCE, disease=["leiomyosarcoma"],
           measure="overall-survival", value=11, unit="mo", qualifiers=["median"],
           study="t001-tiny", arm="gemcitabine", subgroup="leiomyosarcoma",
           subgroup_of="t001-c01"),
    _claim("t001-c05", "contraindication", "Gemcitabine is contraindicated in pregnancy.",
           direction="against", regimen="gemcitabine", condition=["pregnancy"]),
]


def source_data() -> dict[str, Any]:
    """The tiny trial source as a mapping (a fresh copy a test may change)."""
    sha = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    return copy.deepcopy({
        "id": "t001", "file": "tiny.txt", "sha256": sha, "type": "clinical-trial-report",
        "title": {"quote": "Tiny trial report", "start": 0, "end": 17},
        "studies": [STUDY], "claims": CLAIMS})


def write_source(config: Config, data: dict[str, Any]) -> None:
    path = config.data_dir / "sources" / "t001.yaml"
    path.write_text(yamlio.dump(data), encoding="utf-8")


def write_tiny_trial(root: Path) -> Config:
    """The tiny inputs with the trial report in place of the tiny source."""
    config = tiny.write_tiny(root)
    (config.corpus_dir / "tiny.txt").write_text(TEXT, encoding="utf-8")
    vocab = config.data_dir / "vocabulary"
    with open(vocab / "regimens.yaml", "a", encoding="utf-8") as fh:
        fh.write("- id: gemcitabine\n  kind: single-agent\n  label: gemcitabine\n"
                 "  components:\n  - gemcitabine\n"
                 "- id: docetaxel\n  kind: single-agent\n  label: docetaxel\n"
                 "  components:\n  - docetaxel\n")
    with open(vocab / "contexts.yaml", "a", encoding="utf-8") as fh:
        fh.write("- id: pregnancy\n  kind: condition\n  label: pregnancy\n")
    (vocab / "effects.yaml").write_text("- id: neutropenia\n  kind: adverse-effect\n"
                                        "  label: neutropenia\n", encoding="utf-8")
    write_source(config, source_data())
    return config
