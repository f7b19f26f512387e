"""The matching rule of the evaluation."""

from lmskg.extract.evaluate import compare, matches


def claim(start, end, **kw):
    return {"start": start, "end": end, **kw}


def test_overlap_therapy_and_numbers(vocab):
    cur = claim(10, 40, regimen="doxorubicin-ifosfamide", value=30, unit="%")
    assert matches(claim(0, 11, therapies=["ifosfamide"], value=30), cur, vocab)
    assert not matches(claim(40, 50, therapies=["ifosfamide"], value=30), cur, vocab)  # no overlap
    assert not matches(claim(0, 20, therapies=["eribulin"], value=30), cur, vocab)
    assert not matches(claim(0, 20, therapies=["ifosfamide"], value=31), cur, vocab)
    assert matches(claim(0, 20), claim(5, 6), vocab)                  # both name no therapy
    assert not matches(claim(0, 20, therapies=["eribulin"]), claim(5, 6), vocab)


def test_one_to_one_is_stricter(vocab):
    cands = [claim(0, 50, therapies=["eribulin"])]
    cur = [claim(0, 10, therapies=["eribulin"]), claim(20, 30, therapies=["eribulin"])]
    res = compare("x", cands, cur, vocab)
    assert res.matched_curated == {0, 1} and len(res.pairs) == 1
