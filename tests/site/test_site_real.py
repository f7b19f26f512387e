"""The site of the real graph: a page for every thing at the path of its IRI, every link
resolving, the pages saying what the graph says."""

from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import RDF

from lmskg.ontology import terms as T
from lmskg.site.build import site_files
from lmskg.site.model import page_of
from tests.site.conftest import site_inputs
from tests.support.links import broken_links


def read(site_dir, path: str) -> str:
    return (site_dir / path).read_text(encoding="utf-8")


def test_every_claim_source_regimen_therapy_and_context_has_its_page(site_dir, dataset):
    things = {s for s in dataset.subjects(RDF.type, None) if isinstance(s, URIRef)
              and page_of(str(s))}
    kinds = {str(t).split("/")[-2] for t in things}
    assert {"claim", "source", "regimen", "therapy", "context"} <= kinds
    missing = [str(t) for t in things if not (site_dir / page_of(str(t))).is_file()]
    assert missing == []
    assert (site_dir / "id" / "claim" / "s000-c26" / "index.html").is_file()


def test_every_link_resolves_and_ids_are_unique(site_dir):
    broken, duplicates, checked = broken_links(site_dir)
    assert broken == [] and duplicates == []
    assert checked > 5000


def test_the_home_page_lists_sources_and_every_claim(site_dir, dataset):
    home = read(site_dir, "index.html")
    claims = {c for c in dataset.subjects(T.source, None) if "/claim/" in str(c)}
    assert home.count("<tr data-therapy=") == len(claims) == 176
    for source in ("s000", "s001", "s002", "s003", "s004"):
        assert f'id="source-{source}"' in home
    assert "not before" in home and "medically reviewed" in home  # dates with their kind
    assert "pending human review" in home  # review status and flags


def test_a_claim_page_has_its_fields_quote_cited_work_and_related_claims(site_dir):
    page = read(site_dir, "id/claim/s002-c20a/index.html")
    assert "which provide a median progression-free survival time of about 5 months" in page
    assert "median about 5 months" in page and ">anthracycline-based regimens<" in page
    assert 'id="anchor"' in page and 'id="quantity"' in page
    assert "PMID <a href=\"https://pubmed.ncbi.nlm.nih.gov/36969049/\">" in page
    assert "corroboration: same figure" in page and "s003-c12a" in page
    assert "lmskg query claim-details --param claim=s002-c20a" in page


def test_a_regimen_page_groups_claims_and_sets_agreements_side_by_side(site_dir):
    page = read(site_dir, "id/regimen/anthracycline-based/index.html")
    assert re.search(r"<h3>outcome claim \(\d+\)</h3>", page)
    assert 'id="outcomes"' in page and "overall survival" in page
    pairs = page.count('<div class="pair conflict">') + page.count('<div class="pair '
                                                                  'corroboration">')
    assert page.count('<div class="pair conflict">') >= 1 and pairs >= 3
    assert page.count("<blockquote>") >= 2 * pairs  # both quotes of every pair


def test_a_therapy_page_lists_claims_through_its_regimens(site_dir):
    page = read(site_dir, "id/therapy/docetaxel/index.html")
    assert 'id="through-regimens"' in page and "s000-c26" in page


def test_the_source_text_is_the_corpus_text(site_dir, config):
    """Stripped of markup, the text on the page is the corpus file, character for character
    (its own markup characters escaped)."""
    import html

    page = read(site_dir, "id/source/s001/index.html")
    body = page.split('<pre class="text" id="source-text">', 1)[1].split("</pre>", 1)[0]
    shown = html.unescape(re.sub(r"<sup class=\"cm\">.*?</sup>|<[^>]+>", "", body))
    corpus = (config.corpus_dir / "001_ec7731737b03cd0f.txt").read_text(encoding="utf-8")
    assert shown == "\n" + corpus


def test_the_pictures_and_the_catalogue(site_dir, config):
    pictures = read(site_dir, "pictures/index.html")
    assert pictures.count("<svg ") == 2 and 'id="no-trial-results"' in pictures
    svg = read(site_dir, "pictures/evidence-map.svg")
    assert svg.count('xlink:href="../id/claim/') == 2 * 14  # a mark and a label per figure
    assert "<title>s000-c26: gemcitabine plus docetaxel" in svg
    questions = read(site_dir, "questions/index.html")
    for rq in sorted(config.queries_dir.glob("*.rq")):
        assert f'id="{rq.stem}"' in questions and (site_dir / "questions" / rq.name).is_file()
    assert "SELECT ?source ?title ?type" in questions
    ontology = read(site_dir, "ontology/index.html")
    assert 'id="Claim"' in ontology and 'id="ResponseRate"' in ontology


def test_the_real_site_is_the_same_every_time(site_dir, reasoned_dataset, config):
    files, _ = site_files(*site_inputs(config, reasoned_dataset))
    on_disk = {p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8")
               for p in site_dir.rglob("*") if p.is_file()}
    assert files == on_disk
