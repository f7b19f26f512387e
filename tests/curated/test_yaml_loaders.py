"""The fast (libyaml) and careful (pure Python) YAML loaders read curated files alike."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lmskg.curated import yamlio

DATA = Path(__file__).resolve().parents[2] / "data"
FILES = sorted(DATA.rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_both_loaders_read_every_curated_file_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yamlio._loader_for(text) is yamlio._FastLoader
    fast = yaml.load(text, Loader=yamlio._FastLoader)  # noqa: S506
    careful = yaml.load(text, Loader=yamlio._Loader)  # noqa: S506
    assert fast == careful


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",
    "a: " + "[" * yamlio.MAX_DEPTH + "]" * yamlio.MAX_DEPTH + "\n",
    'a: "x\\udc80"\n',
])
def test_text_the_fast_loader_cannot_judge_goes_to_the_careful_one(text: str) -> None:
    assert yamlio._loader_for(text) is yamlio._Loader


def test_the_fast_loader_keeps_dates_as_text_and_refuses_duplicate_keys() -> None:
    assert yaml.load("d: 2024-02-21\n", Loader=yamlio._FastLoader) == {"d": "2024-02-21"}  # noqa: S506
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key"):
        yaml.load("a: 1\na: 2\n", Loader=yamlio._FastLoader)  # noqa: S506
