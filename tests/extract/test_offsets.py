"""Offsets are code points of the untouched text: curly quotes, NBSP, en dash,
mg/m², CRLF and astral characters must not shift them."""

import random

import pytest

from lmskg.extract.draft import extract

TEXT = ("Made-up notes on treatment\n\n"
        "According to the editors: \u201cDoxorubicin at 75\u00a0mg/m\u00b2 every 3 weeks is "
        "the standard.\u201d Response rates were 12\u201314% with doxorubicin \U0001F600 and "
        "about thirty\u00a0percent with gemcitabine plus docetaxel (95% CI, 20 to 41).\r\n"
        "Radiation therapy isn\u2019t recommended for stage I disease.\n")


def check_anchors(text, draft):
    src = draft.source
    for c in src["claims"]:
        assert text[c["start"]:c["end"]] == c["quote"]
        for f in c["draft"].get("figures", []):
            assert text[f["start"]:f["end"]] == f["text"]
    for key in ("title", "reviewer", "review_status"):
        if key in src:
            assert text[src[key]["start"]:src[key]["end"]] == src[key]["quote"]
    for rec in src.get("dates", []) + src.get("flags", []) + src.get("unclaimed", []):
        assert text[rec["start"]:rec["end"]] == rec["quote"]
    for cit in src.get("citations", []):
        if "cited_as" in cit:
            ca = cit["cited_as"]
            assert text[ca["start"]:ca["end"]] == ca["quote"]
    for p in draft.vocabulary:
        for o in p["occurrences"]:
            assert text[o["start"]:o["end"]] == o["quote"]


def test_offsets_exact_with_special_characters(vocab):
    draft = extract(TEXT.encode("utf-8"), "s900", vocab)
    check_anchors(TEXT, draft)
    claims = draft.claims
    dose = [c for c in claims if c["type"] == "dose"][0]
    assert (dose["regimen"], dose["value"], dose["unit"]) == ("doxorubicin-75-q3w", 75, "mg/m2")
    rr = [c for c in claims if c.get("low") == 12][0]
    assert (rr["high"], rr["unit"], rr["therapies"]) == (14, "%", ["doxorubicin"])
    gd = [c for c in claims if c.get("value") == 30][0]
    assert gd["regimen"] == "gemcitabine-docetaxel" and gd["qualifiers"] == ["approximate"]
    assert (gd["draft"]["stats"]["ci_low"], gd["draft"]["stats"]["ci_high"]) == (20, 41)
    against = [c for c in claims if c["type"] == "recommendation-against"][0]
    assert against["direction"] == "against" and against["extent"] == ["stage-i"]


def test_quotation_carries_the_attribution(vocab):
    draft = extract(TEXT, "s900", vocab)
    dose = [c for c in draft.claims if c["type"] == "dose"][0]
    assert dose["cites"] == ["the editors"]


@pytest.mark.parametrize("seed", range(25))
def test_any_utf8_text_gives_a_valid_draft(vocab, seed):
    rng = random.Random(seed)
    alphabet = (list("abcdefghij XYZ.,;:()[]-–—%/\n0123456789") +
                ["\u00a0", "\u201c", "\u201d", "\u00b2", "é", "ß", "\u4e2d", "\U0001F600",
                 " doxorubicin ", " 75 mg/m2 ", " 12\u201314 months ", " p<0.05 ", " not ",
                 " plus ifosfamide ", " [1] ", " (95% CI 1-2) ", " stage III "])
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400))) + "x"
    draft = extract(text, "s901", vocab)
    check_anchors(text, draft)
    assert draft.source["claims"] is not None
