"""Shared fixtures: the repository's own inputs, copies to break, the built graph."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from lmskg.config import Config
from lmskg.curated.load import Curated
from lmskg.pipeline.dataset import build_dataset
from lmskg.pipeline.inputs import Inputs, load_inputs
from tests.support.cli import CORPUS, PRACTICE, REPO


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
def inputs(config: Config) -> Inputs:
    """The real inputs, read and checked once per session."""
    return load_inputs(config)


@pytest.fixture(scope="session")
def curated(inputs: Inputs) -> Curated:
    return inputs.curated


@pytest.fixture(scope="session")
def dataset(inputs: Inputs):
    """The real graph, asserted statements only (no reasoner)."""
    return build_dataset(inputs)


@pytest.fixture(scope="session")
def reasoned_dataset(inputs: Inputs):
    """The real graph with HermiT's 'inferred' graph (runs Java once per session)."""
    from lmskg.reasoning.hermit import add_inferred

    ds = build_dataset(inputs)
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


@pytest.fixture(scope="session")
def trig_file(tmp_path_factory, reasoned_dataset) -> Path:
    """The real graph with its inferences, as ``lmskg build`` writes it."""
    from lmskg.exports.rdf import trig

    build = tmp_path_factory.mktemp("build")
    path = build / "lmskg.trig"
    path.write_text(trig(reasoned_dataset), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def practice_config(tmp_path_factory) -> Config:
    """The practice texts (../shared/practice) and their curation (examples/practice/data),
    built into a temporary directory: never the main graph."""
    return Config(data_dir=REPO / "examples" / "practice" / "data", corpus_dir=PRACTICE,
                  build_dir=tmp_path_factory.mktemp("practice-build"),
                  ontology_dir=REPO / "ontology", queries_dir=REPO / "queries")


@pytest.fixture(scope="session")
def practice_built(practice_config: Config):
    """The practice graph, built once per session as ``lmskg build`` does (HermiT included:
    the build proves it consistent and adds the inferred graph)."""
    from lmskg.pipeline.build import build

    return build(practice_config)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, reasoned_dataset, config: Config) -> Path:
    """The evidence site of the real graph, as ``lmskg site`` writes it (built once)."""
    from lmskg.ontology.index import load_ontology
    from lmskg.site.build import build_site
    from lmskg.sparql.catalogue import load_catalogue
    from lmskg.sparql.engines import OxigraphEngine
    from lmskg.stores.oxigraph import from_dataset

    target = tmp_path_factory.mktemp("site-build") / "site"
    build_site(OxigraphEngine(from_dataset(reasoned_dataset)), load_ontology(config.ontology_file),
               load_catalogue(config.queries_dir), config.corpus_dir, target)
    return target


@pytest.fixture(scope="session")
def database(trig_file) -> Path:
    """The Oxigraph database ``lmskg serve`` loads from the file."""
    from lmskg.serve.oxigraph import prepare_database

    db, _ = prepare_database(trig_file, trig_file.parent / "oxigraph")
    return db


@pytest.fixture(scope="session")
def served_site(database, site_dir, config: Config):
    """``lmskg serve`` with the site beside the endpoint (as when build/site exists)."""
    from lmskg.serve.endpoint import Endpoint

    with Endpoint(database, port=0, site=site_dir,
                  context_file=config.ontology_dir / "context.jsonld") as endpoint:
        yield endpoint
