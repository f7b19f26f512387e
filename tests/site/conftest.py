"""A tiny input whose texts try to break the pages: a title and a quote with markup and
script, a curator's note with an event handler."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from lmskg.config import Config
from lmskg.ontology.index import load_ontology
from lmskg.pipeline.dataset import build_dataset
from lmskg.pipeline.inputs import load_inputs
from lmskg.sparql.catalogue import load_catalogue
from lmskg.sparql.engines import OxigraphEngine
from lmskg.stores.oxigraph import from_dataset
from tests.support import tiny

TITLE = "Tiny <b>trial</b> & report"
QUOTE = ("Gemcitabine plus docetaxel gave a response rate of about 50% in metastatic "
         "leiomyosarcoma <script>alert(1)</script>.")
NOTE = "<img src=x onerror=alert(2)> and $x$"
TEXT = f"{TITLE}\n{QUOTE}\n"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_hostile(root: Path) -> Config:
    config = tiny.write_tiny(root)
    (config.corpus_dir / "tiny.txt").write_text(TEXT, encoding="utf-8")
    sha = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    start = TEXT.index(QUOTE)
    yaml = tiny.source_yaml(sha, f"  note: {_quoted(NOTE)}\n")
    yaml = yaml.replace(f"  quote: {tiny.QUOTE}\n  start: {tiny.START}\n  end: {tiny.END}\n",
                        f"  quote: {_quoted(QUOTE)}\n  start: {start}\n"
                        f"  end: {start + len(QUOTE)}\n")
    yaml = yaml.replace("  quote: Tiny trial report\n  start: 0\n  end: 17\n",
                        f"  quote: {_quoted(TITLE)}\n  start: 0\n  end: {len(TITLE)}\n")
    (config.data_dir / "sources" / "t001.yaml").write_text(yaml, encoding="utf-8")
    return config


@pytest.fixture
def hostile(tmp_path) -> Config:
    return write_hostile(tmp_path)


def site_inputs(config: Config, ds=None):
    """What site_files takes, for a config (the dataset without the reasoner)."""
    ds = ds if ds is not None else build_dataset(load_inputs(config))
    return (OxigraphEngine(from_dataset(ds)), load_ontology(config.ontology_file),
            load_catalogue(config.queries_dir), config.corpus_dir)
