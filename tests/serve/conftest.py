"""Fixtures of the server tests: the Oxigraph database of the real graph (``trig_file``
is in tests/conftest.py), and the endpoint ``lmskg serve`` runs on it (the checking
front before a read-only Oxigraph on an internal port), on free loopback ports."""

from __future__ import annotations

from pathlib import Path

import pytest

from lmskg.serve.endpoint import Endpoint
from lmskg.serve.oxigraph import prepare_database


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
