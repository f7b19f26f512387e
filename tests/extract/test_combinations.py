"""Combinations map to vocabulary regimens; lists and comparisons do not."""

import pytest

from lmskg.extract.combinations import find_combinations, regimen_for
from lmskg.extract.lexicon import Lexicon


def combos(vocab, text):
    lex = Lexicon.from_vocabulary(vocab)
    ms = [m for m in lex.find(text) if m.category == "therapy"]
    return [(c.components, c.regimen) for c in find_combinations(text, ms, vocab, 0)]


@pytest.mark.parametrize("text,regimens", [
    ("doxorubicin in combination with ifosfamide", ["doxorubicin-ifosfamide"]),
    ("doxorubicin + ifosfamide", ["doxorubicin-ifosfamide"]),
    ("doxorubicin combined with either dacarbazine or ifosfamide",
     ["doxorubicin-dacarbazine", "doxorubicin-ifosfamide"]),
    ("a combination of gemcitabine and docetaxel", ["gemcitabine-docetaxel"]),
    ("gemcitabine/docetaxel", ["gemcitabine-docetaxel"]),
    ("gemcitabine-docetaxel", ["gemcitabine-docetaxel"]),
    ("gemcitabine 900 mg/m2 on days 1 and 8 with docetaxel", ["gemcitabine-docetaxel"]),
    ("adding ifosfamide to doxorubicin", ["doxorubicin-ifosfamide"]),
])
def test_combinations(vocab, text, regimens):
    assert [r for _c, r in combos(vocab, text)] == regimens


@pytest.mark.parametrize("text", [
    "doxorubicin, ifosfamide and dacarbazine", "doxorubicin or ifosfamide",
    "compared doxorubicin with ifosfamide", "doxorubicin versus ifosfamide",
])
def test_lists_and_comparisons_are_not_combinations(vocab, text):
    assert combos(vocab, text) == []


def test_unknown_combination_has_no_regimen(vocab):
    assert combos(vocab, "trabectedin plus eribulin") == [(("trabectedin", "eribulin"), None)]
    assert regimen_for(["trabectedin", "eribulin"], vocab) is None
