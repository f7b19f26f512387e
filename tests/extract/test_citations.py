"""Citation markers as written, mapped to the reference list."""

from lmskg.extract.draft import extract
from lmskg.extract.citations import find_markers


def markers(text):
    return [(m.text, m.kind) for m in find_markers(text, 0, len(text))]


def test_marker_shapes():
    assert markers("as shown [2, 3].") == [("2, 3", "numeric")]
    assert markers("as shown (Smith et al., 2019).") == [("Smith et al., 2019", "author-year")]
    assert markers("Jones and Lee (2020) found") == [("Jones and Lee (2020)", "author-year")]
    assert markers("as shown.12 Next") == [("12", "numeric")]
    assert markers("as shown¹²") == [("12", "numeric")]


def test_numbered_markers_map_to_the_list(vocab):
    text = ("Doxorubicin is used widely [1]. Eribulin may be considered (Smith et al., 2016).\n\n"
            "References\n[1] Doe J, Roe K. A trial. J Sarcoma. 2010;1(2):3-4.\n")
    src = extract(text, "s920", vocab).source
    cits = {c["marker"]: c for c in src["citations"]}
    # a draft names no reference of references.yaml: the curator maps it; the note says how
    # the extractor read it
    assert cits["1"]["mapping"] == "unresolved" and "read the mapping as stated" in cits["1"]["note"]
    assert cits["1"]["cited_as"]["quote"].startswith("[1] Doe J")
    assert cits["Smith et al., 2016"]["mapping"] == "unresolved"
    claims = {c["therapies"][0]: c for c in src["claims"]}
    assert claims["doxorubicin"]["cites"] == ["1"]
    assert claims["eribulin"]["cites"] == ["Smith et al., 2016"]
    assert all(c["start"] < text.index("References") for c in src["claims"])
