"""A private Virtuoso (Debian's virtuoso-opensource) for the tests marked ``virtuoso``.

``make test-virtuoso`` runs them; ``make test`` leaves them out (pyproject.toml's
addopts deselect the marker). Without ``virtuoso-t`` on PATH every test here fails with
"install it: apt-get install -y virtuoso-opensource": the target never passes without
having run.
"""

from __future__ import annotations

import pytest

from lmskg.bench.virtuoso import Virtuoso, executables, missing_message
from lmskg.sparql.engines import OxigraphEngine
from lmskg.stores.oxigraph import from_trig
from lmskg.stores.publish import publish

USER, PASSWORD = "lmskg", "virtuoso-s3cret"
CREDENTIALS = {"LMSKG_ENDPOINT_USER": USER, "LMSKG_ENDPOINT_PASSWORD": PASSWORD}


@pytest.fixture(scope="session", autouse=True)
def virtuoso_installed():
    """Fail every test here at once, saying how to install Virtuoso, when it is missing."""
    if executables() is None:
        pytest.fail(missing_message(), pytrace=False)


@pytest.fixture(scope="session")
def virtuoso(virtuoso_installed):
    """A private server on loopback ports, with its own database directory; a user that
    may write through the Digest-only endpoints."""
    with Virtuoso() as server:
        server.create_user(USER, PASSWORD)
        yield server


@pytest.fixture(scope="session")
def published(virtuoso, trig_file):
    """The real build (with its inferences), published by lmskg publish to Virtuoso's
    Digest-only graph store."""
    summary = publish(trig_file, virtuoso.crud_auth_url, say=lambda line: None,
                      environ=dict(CREDENTIALS))
    return virtuoso, summary


@pytest.fixture(scope="session")
def local(trig_file) -> OxigraphEngine:
    """The embedded store lmskg query uses (Oxigraph), on the same file."""
    return OxigraphEngine(from_trig(trig_file))


@pytest.fixture(scope="session")
def practice_trig(practice_config, practice_built):
    """The practice graph (examples/practice: trial reports with arms, comparisons,
    subgroups, doses and adverse events, which the real graph has none of), as built."""
    return practice_config.build_dir / "lmskg.trig"


@pytest.fixture(scope="session")
def practice_published(virtuoso_installed, practice_trig):
    """A second private server (the two graphs share graph IRIs) holding the practice
    graph, published the same way."""
    with Virtuoso() as server:
        server.create_user(USER, PASSWORD)
        summary = publish(practice_trig, server.crud_auth_url, say=lambda line: None,
                          environ=dict(CREDENTIALS))
        yield server, summary


@pytest.fixture(scope="session")
def practice_local(practice_trig) -> OxigraphEngine:
    return OxigraphEngine(from_trig(practice_trig))
