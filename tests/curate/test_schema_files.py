"""The JSON Schemas editors use: up to date, and every curated file valid against its own."""

from __future__ import annotations

import json

import jsonschema
import pytest

from lmskg.curate.schema_files import SCHEMA_DIR, modeline, schema_texts, stale_schemas
from lmskg.curated import yamlio
from lmskg.curated.layout import curated_files
from tests.support.cli import REPO, run_cli

DATA = REPO / "data"


def test_the_schema_files_are_up_to_date():
    assert stale_schemas(DATA) == [], "run: .venv/bin/lmskg schema --write"


@pytest.mark.parametrize("path", curated_files(DATA), ids=lambda p: p.name)
def test_every_curated_file_names_and_meets_its_schema(path):
    rel = path.relative_to(DATA).as_posix()
    text = path.read_text(encoding="utf-8")
    assert text.startswith(modeline(rel))
    schema_path = path.parent / text.splitlines()[0].split("$schema=", 1)[1]
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(yamlio.load(path), schema)


def test_the_schema_rejects_what_the_loader_rejects():
    schema = json.loads(schema_texts()["source.schema.json"])
    record = yamlio.load(DATA / "sources" / "s000.yaml")
    record["claims"][0]["valeu"] = 60
    with pytest.raises(jsonschema.ValidationError, match="valeu"):
        jsonschema.validate(record, schema)


def test_schema_check_names_a_stale_file(tmp_path):
    (tmp_path / SCHEMA_DIR).mkdir()
    res = run_cli("schema", "--check", "--data", str(tmp_path))
    assert res.code == 1 and "stale:" in res.out and "source.schema.json" in res.out
