"""Which redirects change origin (scheme, host or port)."""

from __future__ import annotations

import pytest

from lmskg.net.redirects import origin


@pytest.mark.parametrize("a, b", [
    ("http://h/query", "http://h:80/sparql?x=1"),
    ("https://H.example/query", "https://h.example:443/other"),
    ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store"),
])
def test_the_same_origin(a, b):
    assert origin(a) == origin(b)


@pytest.mark.parametrize("a, b", [
    ("http://h/query", "https://h/query"),  # scheme
    ("http://h:7878/query", "http://h:7879/query"),  # port
    ("http://127.0.0.1:7878/query", "http://localhost:7878/query"),  # host
    ("http://h/query", "http://h.evil.example/query"),
    ("http://h/query", "http://h:notaport/query"),
])
def test_another_origin(a, b):
    assert origin(a) != origin(b)
