"""Fixtures of the server tests: the real graph as a TriG file, its Oxigraph database,
and the endpoint ``lmskg serve`` runs on it (the checking front before a read-only
Oxigraph on an internal port), each started on free loopback ports."""

from __future__ import annotations

from pathlib import Path

import pytest

from lmskg.exports.rdf import trig
from lmskg.serve.endpoint import Endpoint
from lmskg.serve.oxigraph import prepare_database


@pytest.fixture(scope="session")
def trig_file(tmp_path_factory, reasoned_dataset) -> Path:
    """The real graph with its inferences, as ``lmskg build`` writes it."""
    build = tmp_path_factory.mktemp("build")
    path = build / "lmskg.trig"
    path.write_text(trig(reasoned_dataset), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def database(trig_file) -> Path:
    """The Oxigraph database ``lmskg serve`` loads from the file."""
    db, _ = prepare_database(trig_file, trig_file.parent / "oxigraph")
    return db


@pytest.fixture(scope="session")
def served(database):
    """The read-only endpoint ``lmskg serve`` runs, with its defaults (no CORS, 60 s)."""
    with Endpoint(database, port=0) as endpoint:
        yield endpoint
