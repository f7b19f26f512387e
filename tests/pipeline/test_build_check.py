"""``lmskg build --check``: the main job in one pass (read once, HermiT once)."""

from __future__ import annotations

import hashlib

import pytest

from tests.support import tiny
from tests.support.cli import run_cli


def _args(config) -> list[str]:
    return ["--data", str(config.data_dir), "--corpus", str(config.corpus_dir),
            "--build", str(config.build_dir)]


@pytest.fixture
def tiny_config(tmp_path, monkeypatch):
    config = tiny.write_tiny(tmp_path)
    monkeypatch.setenv("LMSKG_VOCAB", str(config.vocab_dir))
    return config


@pytest.mark.slow
def test_build_check_builds_checks_and_reports_coverage(tiny_config):
    res = run_cli("build", "--check", *_args(tiny_config))
    assert res.code == 0, res.err
    assert "built 1 claims from 1 sources" in res.out
    assert "check passed" in res.out and "OWL (HermiT) consistent at build" in res.out
    assert "coverage: 2 sentences in 1 sources, 0 unexplained" in res.out
    assert (tiny_config.build_dir / "coverage.md").is_file()


@pytest.mark.slow
def test_build_check_fails_on_an_unexplained_sentence(tiny_config):
    doc = tiny_config.corpus_dir / "tiny.txt"
    text = doc.read_text(encoding="utf-8") + "Nobody curated this sentence.\n"
    doc.write_text(text, encoding="utf-8")
    source = tiny_config.data_dir / "sources" / "t001.yaml"
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source.write_text(tiny.source_yaml(sha), encoding="utf-8")
    res = run_cli("build", "--check", *_args(tiny_config))
    assert res.code == 1
    assert "check passed" in res.out and "1 unexplained" in res.out
    assert "Nobody curated this sentence." in res.err
