"""Loading the smallest input: one source, one claim; and what each check says of it."""

from __future__ import annotations

import pytest

from lmskg.errors import InputError
from lmskg.pipeline.inputs import load_inputs
from tests.support import tiny


def test_the_tiny_input_loads(tmp_path):
    inputs = load_inputs(tiny.write_tiny(tmp_path))
    (src,) = inputs.curated.sources
    assert src.record.title.text == "Tiny trial report"
    (claim,) = src.record.claims
    assert claim.regimen == "gemcitabine-docetaxel" and claim.qualifiers == ("approximate",)
    assert src.document.text[claim.start:claim.end] == claim.quote


@pytest.mark.parametrize("extra, expected", [
    ("  time_point:\n    value: 2\n    unit: a\n",
     "record t001-c01: field time_point.value: 2 does not appear in the quote"),
    ("  therapies:\n  - unobtainium\n",
     "record t001-c01: field therapies: unknown therapy 'unobtainium'"),
    ("  line:\n  - tenth-line\n", "record t001-c01: field line: unknown line term 'tenth-line'"),
    ("  site:\n  - metastatic\n", "record t001-c01: field site: unknown site term 'metastatic'"),
    ("  cites:\n  - '9'\n", "record t001-c01: field cites: marker '9' is not among"),
])
def test_each_link_problem_is_reported(tmp_path, extra, expected):
    config = tiny.write_tiny(tmp_path)
    path = config.data_dir / "sources" / "t001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_inputs(config)
    assert expected in str(err.value)
