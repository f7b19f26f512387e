"""Quote anchors: what a curator is told when a quote is not where it says."""

from __future__ import annotations

from lmskg.curated.corpus import Document, anchor_problem

DOC = Document("doc.txt", "Dose 75\u00a0mg/m2 every 3 weeks.", "0" * 64)


def _problem(quote: str, start: int, end: int) -> str:
    p = anchor_problem(DOC, quote, start, end, "s.yaml", "s001-c01", "quote")
    return str(p) if p else ""


def test_an_invisible_difference_is_named_by_code_point():
    message = _problem("75 mg/m2", 5, 13)
    assert "the text there is '75\\xa0mg/m2'" in message
    assert "they first differ at character 3: the quote has U+0020 SPACE, the text U+00A0 " \
           "NO-BREAK SPACE" in message


def test_start_after_end_is_said_so():
    assert "field quote: start 13 is after end 5" in _problem("75\u00a0mg/m2", 13, 5)


def test_offsets_outside_the_text():
    assert "offsets 5-900 are outside doc.txt (length 28)" in _problem("x", 5, 900)


def test_a_quote_at_its_offsets_has_no_problem():
    assert _problem("75\u00a0mg/m2", 5, 13) == ""
