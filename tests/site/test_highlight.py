"""Cutting a text at every quote boundary: overlapping, nested and shared quotes."""

from __future__ import annotations

from lmskg.site.highlight import Marker, Segment, Span, Target, joined, pieces

TEXT = "Surgery first. Then chemotherapy with doxorubicin, or radiation."


def span(key: str, quote: str, kind: str = "claim", occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(quote, start + 1)
    return Span(kind, key, start, start + len(quote))


def test_separate_quotes_each_get_their_text():
    spans = [span("a", "Surgery first."), span("b", "radiation")]
    found = pieces(TEXT, spans)
    assert joined(found, "claim", "a") == "Surgery first."
    assert joined(found, "claim", "b") == "radiation"
    assert "".join(p.text for p in found if isinstance(p, Segment)) == TEXT


def test_overlapping_quotes_share_the_overlap():
    spans = [span("a", "Then chemotherapy with doxorubicin"),
             span("b", "chemotherapy with doxorubicin, or radiation.")]
    found = pieces(TEXT, spans)
    assert joined(found, "claim", "a") == "Then chemotherapy with doxorubicin"
    assert joined(found, "claim", "b") == "chemotherapy with doxorubicin, or radiation."
    shared = [p for p in found if isinstance(p, Segment) and len(p.claims) == 2]
    assert [p.text for p in shared] == ["chemotherapy with doxorubicin"]


def test_nested_and_identical_quotes():
    spans = [span("outer", "Then chemotherapy with doxorubicin, or radiation."),
             span("inner", "doxorubicin"), span("same", "doxorubicin")]
    found = pieces(TEXT, spans)
    for key, quote in (("outer", "Then chemotherapy with doxorubicin, or radiation."),
                       ("inner", "doxorubicin"), ("same", "doxorubicin")):
        assert joined(found, "claim", key) == quote
    assert any(isinstance(p, Segment) and set(p.claims) == {"outer", "inner", "same"}
               for p in found)


def test_targets_and_markers_sit_between_segments_before_each_quote():
    found = pieces(TEXT, [span("a", "Then chemotherapy"), span("t", "Surgery", "meta")])
    at = next(i for i, p in enumerate(found) if isinstance(p, Marker))
    assert found[at - 1] == Target("q-a") and isinstance(found[at + 1], Segment)
    assert found[at + 1].text.startswith("Then")
    assert found[0] == Target("t") and found[1].metas == ("t",)


def test_a_quote_metadata_also_rests_on():
    found = pieces(TEXT, [span("a", "Surgery first."), span("t", "Surgery", "meta")])
    assert joined(found, "claim", "a") == "Surgery first."
    assert joined(found, "meta", "t") == "Surgery"


def test_spans_outside_the_text_or_empty_are_left_out():
    found = pieces(TEXT, [Span("claim", "x", 5, 500), Span("claim", "y", 3, 3),
                          Span("claim", "z", -1, 4)])
    assert [p for p in found if not isinstance(p, Segment)] == []
    assert "".join(p.text for p in found) == TEXT
