"""The hand-written ``graph:derived`` blocks of the question fixtures say what the build
would derive from the fixture's own statements: a fixture cannot pass with a summary the
build would never write. Checked for every fixture of a question that reads the property."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from tests.support.cli import REPO
from tests.support.derived import SUMMARIES, mismatches

QUESTIONS = REPO / "tests" / "sparql" / "questions"


def _cases() -> list:
    out = []
    for query in sorted((REPO / "queries").glob("*.rq")):
        text = query.read_text(encoding="utf-8")
        for prop in SUMMARIES:
            if f"lms:{str(prop).rpartition('#')[2]}" in text:
                out += [pytest.param(path, prop, id=f"{query.stem}/{path.name}/"
                                     f"{str(prop).rpartition('#')[2]}")
                        for path in sorted((QUESTIONS / query.stem).glob("*.trig"))]
    return out


@pytest.mark.parametrize("path, prop", _cases())
def test_a_fixtures_derived_summary_is_what_the_build_derives(path: Path, prop):
    ds = Dataset(default_union=True)
    ds.parse(path, format="trig")
    assert mismatches(ds, prop) == [], path.name


def test_every_question_reading_a_summary_has_a_fixture_checked():
    assert len({c.values[0] for c in _cases()}) >= 24
