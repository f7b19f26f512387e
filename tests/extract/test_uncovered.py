"""``lmskg coverage`` lists the figures and drug mentions of a curated source that no claim
covers (found by the extractor); what a claim records, or names, is not listed."""

from __future__ import annotations

import hashlib

from lmskg.checks.coverage import coverage, report
from lmskg.checks.uncovered import uncovered
from lmskg.pipeline.inputs import load_inputs
from tests.support import tiny

MORE = " Docetaxel alone gave a response rate of 12%, as shown by 1.\n"


def test_only_what_no_claim_covers_is_listed(tmp_path):
    cfg = tiny.write_tiny(tmp_path)
    text = tiny.TEXT.rstrip("\n") + MORE
    (cfg.corpus_dir / "tiny.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = tiny.source_yaml(sha).replace("claims:\n", "citations:\n- marker: '1'\n"
                                           "  mapping: unresolved\nclaims:\n")
    (cfg.data_dir / "sources" / "t001.yaml").write_text(source, encoding="utf-8")
    curated = load_inputs(cfg).curated
    missed = uncovered(curated)
    # the claimed sentence's 50% and its regimen's drugs are covered; the marker '1' is a
    # citation, not a figure
    assert [(u.found.what, u.found.text) for u in missed] == [("drug", "Docetaxel"),
                                                              ("percent", "12%")]
    assert all(text[u.found.start:u.found.end] == u.found.text for u in missed)
    md = report(coverage(curated), missed)
    assert "- [" in md and "drug (docetaxel): Docetaxel" in md and "12%" in md
    assert "2 figures or drug mentions no claim covers" in md
