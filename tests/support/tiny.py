"""The smallest complete input: one document, one source, one claim.

Unit tests of every stage start here instead of the real corpus, so that a new
transform or export has a fixture it can read in full. :func:`write_tiny` writes a
corpus, a data directory and a shared-vocabulary directory under a temporary path and
returns a :class:`~lmskg.config.Config` pointing at them (the ontology and queries are
the repository's own).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from lmskg.config import Config
from tests.support.cli import REPO

TEXT = ("Tiny trial report\n"
        "Gemcitabine plus docetaxel gave a response rate of about 50% in metastatic "
        "leiomyosarcoma.\n")
QUOTE = ("Gemcitabine plus docetaxel gave a response rate of about 50% in metastatic "
         "leiomyosarcoma.")
START = TEXT.index(QUOTE)
END = START + len(QUOTE)

THERAPIES = """\
- id: gemcitabine
  kind: drug
  label: gemcitabine
- id: docetaxel
  kind: drug
  label: docetaxel
"""
REGIMENS = """\
- id: gemcitabine-docetaxel
  kind: combination
  label: gemcitabine plus docetaxel
  components:
  - gemcitabine
  - docetaxel
"""
CONTEXTS = """\
- id: leiomyosarcoma
  kind: disease
  label: leiomyosarcoma
- id: metastatic
  kind: extent
  label: metastatic
"""


def source_yaml(sha256: str, claim_extra: str = "") -> str:
    return f"""\
id: t001
file: tiny.txt
sha256: {sha256}
type: clinical-trial-report
title:
  quote: Tiny trial report
  start: 0
  end: 17
claims:
- id: t001-c01
  type: outcome
  quote: {QUOTE}
  start: {START}
  end: {END}
  direction: neutral
  regimen: gemcitabine-docetaxel
  disease:
  - leiomyosarcoma
  extent:
  - metastatic
  measure: response-rate
  value: 50
  unit: '%'
  qualifiers:
  - approximate
{claim_extra}"""


def write_tiny(root: Path) -> Config:
    """Write the tiny inputs under ``root``; a Config that reads them."""
    corpus, data, vocab = root / "corpus", root / "data", root / "vocab"
    for d in (corpus, data / "sources", data / "vocabulary", vocab):
        d.mkdir(parents=True, exist_ok=True)
    (corpus / "tiny.txt").write_text(TEXT, encoding="utf-8")
    sha = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    (data / "sources" / "t001.yaml").write_text(source_yaml(sha), encoding="utf-8")
    files = {"therapies": THERAPIES, "regimens": REGIMENS, "contexts": CONTEXTS,
             "effects": "", "tools": "", "factors": ""}
    for stem, text in files.items():
        (data / "vocabulary" / f"{stem}.yaml").write_text(text, encoding="utf-8")
    (data / "references.yaml").write_text("", encoding="utf-8")
    (vocab / "crosswalk.csv").write_text("kind,key,scheme,id,label,note\n", encoding="utf-8")
    (vocab / "references.csv").write_text(
        "key,authors,title,journal,year,volume,issue,pages,pmid,doi,note\n", encoding="utf-8")
    return replace(Config(), data_dir=data, corpus_dir=corpus, build_dir=root / "build",
                   ontology_dir=REPO / "ontology", queries_dir=REPO / "queries",
                   shared_vocab_dir=vocab)
