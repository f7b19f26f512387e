"""Fixtures of the server tests: the Oxigraph database of the real graph (``database``,
with ``trig_file``, ``site_dir`` and ``served_site`` in tests/conftest.py), and the
endpoint ``lmskg serve`` runs on it (the checking front before a read-only Oxigraph on an
internal port), on free loopback ports."""

from __future__ import annotations

import pytest

from lmskg.serve.endpoint import Endpoint


@pytest.fixture(scope="session")
def served(database):
    """The read-only endpoint ``lmskg serve`` runs, with its defaults (no CORS, 60 s)."""
    with Endpoint(database, port=0) as endpoint:
        yield endpoint
