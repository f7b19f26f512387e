"""Sentences, headings and clauses."""

from lmskg.extract.sentences import clauses, split


def kinds(text):
    return [(s.kind, text[s.start:s.end]) for s in split(text)]


def test_headings_paragraphs_and_broken_sentences():
    text = ("Treating tumours\n\nSurgery is used first. Then radiation follows\n\n"
            "in selected cases.\nSide effects\nNausea is common.\n")
    assert kinds(text) == [
        ("heading", "Treating tumours"), ("body", "Surgery is used first."),
        ("body", "Then radiation follows\n\nin selected cases."),
        ("heading", "Side effects"), ("body", "Nausea is common.")]


def test_last_line_cut_off_is_not_a_heading():
    text = "Drug X is used. It works well.\nBecause it can be resistant and tend"
    assert kinds(text)[-1][0] == "body"


def test_quoted_sentences_are_split():
    text = "The editors wrote: \u201cX is used. Y is not.\u201d Then more."
    bodies = [t for _k, t in kinds(text)]
    assert bodies == ["The editors wrote:", "\u201cX is used.", "Y is not.\u201d", "Then more."]


def test_clauses_respect_brackets():
    text = "X gave 4 months (HR 0.5; p<0.01); Y gave 2 months, but Z gave none."
    parts = [text[a:b] for a, b in clauses(text, 0, len(text))]
    assert parts == ["X gave 4 months (HR 0.5; p<0.01)", "Y gave 2 months", "but Z gave none."]
