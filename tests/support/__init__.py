"""Helpers the tests share (plain modules, imported as ``tests.support...``; fixtures
live in ``tests/conftest.py``)."""
