"""One headless Chromium per test module, driven over the DevTools protocol
(tests/support/headless.py). Without Chromium the tests fail, saying how to install it:
they never pass, or skip, in silence."""

from __future__ import annotations

import pytest

from tests.support.headless import Browser, BrowserError, find_chromium


def require_chromium() -> str:
    """The Chromium binary, or a failed test that says how to install one."""
    try:
        return find_chromium()
    except BrowserError as exc:
        pytest.fail(f"the browser tests need Chromium: {exc}", pytrace=False)


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    with Browser(width=1200, height=900, timeout=60) as b:
        yield b
