"""The package shows its pipeline: stages import only the stages before them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.architecture.import_rules import STAGES, violations

PACKAGE = Path(__file__).resolve().parents[2] / "loader" / "lmskg"


def test_the_package_keeps_its_import_rules():
    assert violations(PACKAGE) == []


def test_every_module_of_the_package_has_a_stage():
    """A new subpackage must be placed in the pipeline (tests/architecture/import_rules.py)."""
    placed = {name for group in STAGES for name in group}
    found = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.is_dir() and (p / "__init__.py").is_file())
             or (p.suffix == ".py" and p.name != "__init__.py")}
    assert found - placed == set()


@pytest.mark.parametrize("module, line, expected", [
    ("curated/yamlio.py", "import rdflib",
     "lmskg.curated.yamlio (line {n}) imports rdflib: the curated stage reads YAML into "
     "records, no RDF"),
    ("curated/records.py", "from ..transform import nodes",
     "lmskg.curated.records (line {n}) imports lmskg.transform.nodes: records come before "
     "triples"),
    ("transform/nodes.py", "from ..curated import validate",
     "lmskg.transform.nodes (line {n}) imports lmskg.curated.validate: transforms take "
     "checked records; they never validate"),
    ("transform/nodes.py", "from ..curated import validate_studies",
     "lmskg.transform.nodes (line {n}) imports lmskg.curated.validate_studies: transforms "
     "take checked records; they never validate"),
    ("stores/dataset.py", "from ..ontology import terms",
     "lmskg.stores.dataset (line {n}) imports lmskg.ontology.terms: a store knows no domain "
     "terms"),
    ("sparql/results.py", "from ..cli import main",
     "lmskg.sparql.results (line {n}) imports lmskg.cli.main: nothing imports the command "
     "line; it is a leaf"),
    ("exports/rdf.py", "from ..serve import oxigraph",
     "lmskg.exports.rdf (line {n}) imports lmskg.serve.oxigraph: serve comes after exports "
     "in the pipeline"),
    ("sparql/results.py", "import lmskg",
     "lmskg.sparql.results (line {n}) imports lmskg: import the module you need"),
    ("curated/contexts.py", "from . import load",
     "import cycle between: lmskg.curated.contexts, "),
])
def test_a_forbidden_import_is_named(tmp_path, module, line, expected):
    copy = tmp_path / "lmskg"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    path = copy / module
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\n{line}\n", encoding="utf-8")
    n = len(text.splitlines()) + 2
    found = violations(copy)
    assert any(expected.format(n=n) in v for v in found), found
