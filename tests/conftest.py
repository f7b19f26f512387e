"""Shared fixtures: the repository's own inputs, copies to break, and CLI runners."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from lmskg.build import Curated, build_dataset, load_curated
from lmskg.cli import main
from lmskg.config import Config

REPO = Path(__file__).resolve().parents[1]
CORPUS = Config().corpus_dir.resolve()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> CliResult:
    """Run ``lmskg`` in-process and capture what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return CliResult(code, out.getvalue(), err.getvalue())


def run_subprocess(*args: str, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    """Run ``lmskg`` as a separate process (exit codes, stdout/stderr as a user sees them)."""
    exe = Path(sys.executable).with_name("lmskg")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd or REPO,
                          timeout=600, **kw)


@pytest.fixture(autouse=True)
def no_credentials_from_the_developer(monkeypatch):
    """A developer's own endpoint credentials must never reach a test."""
    for var in ("LMSKG_ENDPOINT_USER", "LMSKG_ENDPOINT_PASSWORD", "LMSKG_ENDPOINT_TOKEN",
                "LMSKG_NETRC"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def config() -> Config:
    return Config(data_dir=REPO / "data", corpus_dir=CORPUS, build_dir=REPO / "build",
                  ontology_dir=REPO / "ontology", queries_dir=REPO / "queries")


@pytest.fixture(scope="session")
def curated(config: Config) -> Curated:
    return load_curated(config)


@pytest.fixture(scope="session")
def dataset(curated: Curated):
    """The real graph, asserted statements only (no reasoner)."""
    return build_dataset(curated)


@pytest.fixture(scope="session")
def reasoned_dataset(curated: Curated):
    """The real graph with HermiT's 'inferred' graph (runs Java once per session)."""
    from lmskg.reasoning import add_inferred

    ds = build_dataset(curated)
    add_inferred(ds)
    return ds


@pytest.fixture
def data_copy(tmp_path: Path, config: Config) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(config.data_dir, target)
    return target


@pytest.fixture
def tmp_config(tmp_path: Path, data_copy: Path, config: Config) -> Config:
    return replace(config, data_dir=data_copy, build_dir=tmp_path / "build")
