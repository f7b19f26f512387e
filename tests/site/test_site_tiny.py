"""The site of one source and one claim whose texts hold markup: escaped everywhere, drawn,
the same on every build; and what goes wrong when the corpus is not the graph's."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
from rdflib import Literal, URIRef

from lmskg.atomic import write_tree_atomically
from lmskg.errors import InputError
from lmskg.ontology.namespaces import LMS
from lmskg.pipeline.dataset import build_dataset
from lmskg.pipeline.inputs import load_inputs
from lmskg.site.build import site_files
from lmskg.site.model import Site
from lmskg.site.pictures import forest_plot
from lmskg.site.queries import EstimateRow, Label, SiteData
from tests.site.conftest import NOTE, QUOTE, TITLE, site_inputs
from tests.support.cli import run_cli

CLAIM = URIRef("https://w3id.org/lmskg/id/claim/t001-c01")


@pytest.fixture
def hostile_site(hostile):
    files, _ = site_files(*site_inputs(hostile))
    return files


def test_every_value_from_a_text_is_text(hostile_site):
    for path, text in hostile_site.items():
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text, path
        assert "<b>trial" not in text, path
    source = hostile_site["id/source/t001/index.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert "Tiny &lt;b&gt;trial&lt;/b&gt; &amp; report" in source
    claim = hostile_site["id/claim/t001-c01/index.html"]
    assert "&lt;img src=x onerror=alert(2)&gt; and $x$" in claim
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_site["pictures/evidence-map.svg"]


def test_the_pages_of_one_claim(hostile_site):
    assert {"index.html", "pictures/index.html", "questions/index.html", "ontology/index.html",
            "id/source/t001/index.html", "id/claim/t001-c01/index.html",
            "id/regimen/gemcitabine-docetaxel/index.html", "id/therapy/docetaxel/index.html",
            "id/context/metastatic/index.html", "pictures/evidence-map.svg",
            "static/site.css", "static/filter.js", "questions/outcome-table.rq"} \
        <= set(hostile_site)
    # the source gives no date, and cites nothing that would bound it: no timeline
    assert "pictures/timeline.svg" not in hostile_site
    assert "No claim carries a date." in hostile_site["pictures/index.html"]
    home = hostile_site["index.html"]
    assert 'data-therapy="docetaxel gemcitabine gemcitabine-docetaxel"' in home
    assert 'data-measure="ResponseRate"' in home and 'data-source="t001"' in home


def test_without_trial_results_there_is_no_forest_plot(hostile_site):
    assert "pictures/forest-plot.svg" not in hostile_site
    assert 'id="no-trial-results"' in hostile_site["pictures/index.html"]


def test_estimates_with_a_confidence_interval_make_a_forest_plot(hostile):
    ds = build_dataset(load_inputs(hostile))
    graph = ds.graph(URIRef("https://w3id.org/lmskg/graph/source/t001"))
    quantity = URIRef(f"{CLAIM}/quantity")
    graph.add((quantity, LMS.ciLow, Literal(Decimal("38"))))
    graph.add((quantity, LMS.ciHigh, Literal(Decimal("62"))))
    files, _ = site_files(*site_inputs(hostile, ds))
    svg = files["pictures/forest-plot.svg"]
    assert 'xlink:href="../id/claim/t001-c01/index.html"' in svg
    assert "50 (38 to 62)" in svg and "log scale" not in svg
    assert 'id="no-trial-results"' not in files["pictures/index.html"]


def test_a_ratio_is_drawn_on_a_log_scale_around_one():
    labels = {"urn:x:hr": Label(None, "hazard ratio", "hazard-ratio")}
    data = SiteData(labels, (), (), (), (), (), (), (
        EstimateRow("urn:x:c1", Decimal("0.72"), Decimal("0.55"), Decimal("0.95"), "1",
                    "urn:x:hr"),))
    picture = forest_plot(Site(data, {}))
    assert picture is not None and "log scale; 1 = no difference" in picture.svg


def test_the_site_is_the_same_every_time(hostile):
    inputs = site_inputs(hostile)
    assert site_files(*inputs)[0] == site_files(*inputs)[0]


def test_a_corpus_file_that_is_not_the_graphs_is_refused(hostile):
    inputs = site_inputs(hostile)
    (hostile.corpus_dir / "tiny.txt").write_text("another text\n", encoding="utf-8")
    with pytest.raises(InputError, match="SHA-256 is .* the graph records"):
        site_files(*inputs)


def test_a_missing_corpus_file_is_refused(hostile):
    inputs = site_inputs(hostile)
    (hostile.corpus_dir / "tiny.txt").unlink()
    with pytest.raises(InputError, match="tiny.txt"):
        site_files(*inputs)


def test_a_tree_is_replaced_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "site"
    write_tree_atomically({"index.html": "old", "a/b.html": "old"}, target)
    write_tree_atomically({"index.html": "new", "c/d.svg": "new"}, target)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) \
        == ["c/d.svg", "index.html"]
    real = os.replace

    def fail_on_the_new_tree(src, dst):
        if str(src).endswith("new"):
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_the_new_tree)
    with pytest.raises(InputError, match="No space left"):
        write_tree_atomically({"index.html": "newer"}, target)
    assert (target / "index.html").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no stage left


@pytest.mark.slow
def test_lmskg_site_writes_the_site(hostile, monkeypatch):
    monkeypatch.setenv("LMSKG_VOCAB", str(hostile.vocab_dir))
    out = hostile.build_dir / "elsewhere"
    res = run_cli("site", "--data", str(hostile.data_dir), "--corpus", str(hostile.corpus_dir),
                  "--build", str(hostile.build_dir), "--output", str(out))
    assert res.code == 0, res.err
    assert f"wrote {out}: " in res.out and "(1 sources, 1 claims)" in res.out
    assert (out / "id" / "claim" / "t001-c01" / "index.html").is_file()
    assert TITLE not in (out / "index.html").read_text(encoding="utf-8")
    assert QUOTE not in (out / "id/source/t001/index.html").read_text(encoding="utf-8")
    assert NOTE not in (out / "id/claim/t001-c01/index.html").read_text(encoding="utf-8")


def test_lmskg_site_reports_a_corpus_it_cannot_read(hostile, tmp_path, monkeypatch):
    monkeypatch.setenv("LMSKG_VOCAB", str(hostile.vocab_dir))
    res = run_cli("site", "--data", str(hostile.data_dir), "--corpus", str(tmp_path / "none"),
                  "--build", str(hostile.build_dir))
    assert res.code == 2 and "corpus directory not found" in res.err
    assert not (hostile.build_dir / "site").exists()
