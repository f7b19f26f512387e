"""A tiny vocabulary, made up for the tests (real drug names, no corpus text)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


from lmskg.extract.vocabulary import Vocabulary, from_records  # noqa: E402

THERAPIES = [
    {"id": "surgery", "kind": "surgery", "label": "surgery"},
    {"id": "surgical-resection", "kind": "surgery", "label": "surgical resection"},
    {"id": "radiation-therapy", "kind": "radiation", "label": "radiation therapy",
     "alt_labels": ["radiation", "radiotherapy"]},
    {"id": "sbrt", "kind": "radiation", "label": "stereotactic body radiation therapy",
     "alt_labels": ["SBRT"]},
    {"id": "chemotherapy", "kind": "chemotherapy", "label": "chemotherapy", "alt_labels": ["chemo"]},
    {"id": "doxorubicin", "kind": "drug", "label": "doxorubicin", "alt_labels": ["Adriamycin"],
     "in_class": ["anthracyclines"]},
    {"id": "ifosfamide", "kind": "drug", "label": "ifosfamide"},
    {"id": "dacarbazine", "kind": "drug", "label": "dacarbazine", "alt_labels": ["DTIC"]},
    {"id": "gemcitabine", "kind": "drug", "label": "gemcitabine"},
    {"id": "docetaxel", "kind": "drug", "label": "docetaxel"},
    {"id": "trabectedin", "kind": "drug", "label": "trabectedin"},
    {"id": "eribulin", "kind": "drug", "label": "eribulin"},
    {"id": "anthracyclines", "kind": "drug-class", "label": "anthracyclines",
     "alt_labels": ["anthracycline"]},
]
REGIMENS = [
    {"id": "doxorubicin-ifosfamide", "kind": "combination", "label": "doxorubicin plus ifosfamide",
     "components": ["doxorubicin", "ifosfamide"]},
    {"id": "doxorubicin-dacarbazine", "kind": "combination", "label": "doxorubicin plus dacarbazine",
     "components": ["doxorubicin", "dacarbazine"]},
    {"id": "gemcitabine-docetaxel", "kind": "combination", "label": "gemcitabine plus docetaxel",
     "components": ["gemcitabine", "docetaxel"]},
    {"id": "doxorubicin-75-q3w", "kind": "single-agent", "label": "doxorubicin 75 mg/m2 every 3 weeks",
     "components": ["doxorubicin"], "dose": {"value": 75, "unit": "mg/m2"},
     "interval": {"value": 3, "unit": "wk"}},
    {"id": "anthracycline-based", "kind": "family", "label": "anthracycline-based regimens",
     "components": ["anthracyclines"]},
]
CONTEXTS = [
    {"id": "leiomyosarcoma", "kind": "disease", "label": "leiomyosarcoma", "alt_labels": ["LMS"]},
    {"id": "uterine-leiomyosarcoma", "kind": "disease", "label": "uterine leiomyosarcoma",
     "alt_labels": ["uterine LMS"]},
    {"id": "soft-tissue-sarcoma", "kind": "disease", "label": "soft tissue sarcoma"},
    {"id": "metastatic", "kind": "extent", "label": "metastatic"},
    {"id": "advanced", "kind": "extent", "label": "advanced"},
    {"id": "localized", "kind": "extent", "label": "localized", "alt_labels": ["localised"]},
    {"id": "unresectable", "kind": "extent", "label": "unresectable"},
    {"id": "pretreated", "kind": "extent", "label": "pretreated"},
    {"id": "stage-i", "kind": "extent", "label": "stage I"},
    {"id": "stage-ii", "kind": "extent", "label": "stage II"},
    {"id": "stage-iii", "kind": "extent", "label": "stage III"},
    {"id": "stage-iv", "kind": "extent", "label": "stage IV"},
    {"id": "lung", "kind": "site", "label": "lung"},
]
EFFECTS = [{"id": "nausea", "kind": "adverse-effect", "label": "nausea"}]
FACTORS = [{"id": "tumor-size", "kind": "factor", "label": "tumour size"}]


def make_vocab() -> Vocabulary:
    v = Vocabulary()
    for stem, recs in (("therapies", THERAPIES), ("regimens", REGIMENS), ("contexts", CONTEXTS),
                       ("effects", EFFECTS), ("factors", FACTORS)):
        from_records(stem, recs, v)
    return v


@pytest.fixture(scope="session")
def vocab() -> Vocabulary:
    return make_vocab()
