"""The evidence site in a real browser (headless Chromium): from the file system and from
``lmskg serve`` on loopback. Highlights are the claims' quotes, links resolve, the filter
narrows the claims, the pictures render (with and without JavaScript), nothing is logged as
an error; screenshots go to build/site-shots/."""

from __future__ import annotations

import pytest

from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import OA, SOURCE, THERAPY
from tests.browser.conftest import require_chromium
from tests.support.cli import REPO

pytestmark = pytest.mark.slow
SHOTS = REPO / "build" / "site-shots"

HIGHLIGHTS = """(() => {
  const out = {};
  for (const a of document.querySelectorAll('#source-text a.hl')) {
    for (const id of a.dataset.claims.split(' ')) { out[id] = (out[id] || '') + a.textContent; }
  }
  return out;
})()"""
VISIBLE_ROWS = "[...document.querySelectorAll('#claims tbody tr')].filter(r => !r.hidden).length"
LINKS = """(async () => {
  const own = [...new Set([...document.querySelectorAll('a[href]')].map(a => a.href)
    .filter(h => h.startsWith(location.origin)).map(h => h.split('#')[0]))];
  const bad = [];
  for (let i = 0; i < own.length; i += 40) {
    const answers = await Promise.all(own.slice(i, i + 40).map(
      u => fetch(u, {method: 'HEAD'}).then(r => [u, r.status], e => [u, String(e)])));
    bad.push(...answers.filter(([u, s]) => s !== 200));
  }
  const fragments = [...document.querySelectorAll('a[href^="#"]')]
    .map(a => a.getAttribute('href').slice(1)).filter(f => !document.getElementById(f));
  return {checked: own.length, bad, fragments};
})()"""


def shoot(browser, name: str) -> None:
    """A screenshot of the viewport, build/site-shots/<name>.png (the README shows one)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = browser.screenshot(SHOTS / f"{name}.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def quotes_of(dataset, source: str) -> dict[str, str]:
    out = {}
    for claim in dataset.subjects(T.source, SOURCE[source]):
        for selector in dataset.objects(dataset.value(claim, T.anchor), OA.hasSelector):
            exact = dataset.value(selector, OA.exact)
            if exact is not None:
                out[str(claim).rsplit("/", 1)[-1]] = str(exact)
    return out


def selected(browser, facet: str, value: str) -> int:
    browser.eval(f"""(() => {{ const s = document.querySelector('select[name={facet}]');
        s.value = {value!r}; s.dispatchEvent(new Event('change', {{bubbles: true}})); }})()""")
    return browser.eval(VISIBLE_ROWS)


def test_the_home_page_filters_the_claims(browser, site_dir, dataset):
    browser.open((site_dir / "index.html").as_uri())
    assert browser.eval(VISIBLE_ROWS) == 176
    assert browser.eval("document.getElementById('claim-filter').hidden") is False
    with_drug = {c for c in dataset.subjects(T.therapy, THERAPY.doxorubicin)}
    regimens = set(dataset.subjects(T.hasComponent, THERAPY.doxorubicin))
    with_drug |= {c for r in regimens for c in dataset.subjects(T.regimen, r)}
    assert selected(browser, "therapy", "doxorubicin") == len(with_drug) < 176
    narrower = selected(browser, "source", "s000")
    assert 0 < narrower < len(with_drug)
    assert browser.eval("document.getElementById('claim-count').textContent") == \
        f"{narrower} of 176 claims"
    browser.eval("document.getElementById('claim-filter').reset()")
    browser.wait_for(f"({VISIBLE_ROWS}) === 176")
    assert browser.console_errors() == []
    shoot(browser, "home")


def test_without_javascript_every_claim_is_listed(browser, site_dir):
    browser.scripts(False)
    try:
        browser.open((site_dir / "index.html").as_uri())
        assert browser.eval(VISIBLE_ROWS) == 176
        assert browser.eval("document.getElementById('claim-filter').hidden") is True
        browser.open((site_dir / "pictures" / "index.html").as_uri())
        assert browser.eval("[...document.querySelectorAll('svg')].every("
                            "s => s.getBBox().width > 100)") is True
    finally:
        browser.scripts(True)


@pytest.mark.parametrize("source", ["s000", "s001", "s002", "s003", "s004"])
def test_every_highlight_is_its_claims_quote(browser, served_site, dataset, source):
    """Opened at the IRI's path (303 to the page), served by lmskg serve."""
    browser.open(f"{served_site.url}/id/source/{source}")
    assert browser.eval("location.pathname") == f"/id/source/{source}/"
    expected = quotes_of(dataset, source)
    assert browser.eval(HIGHLIGHTS) == expected
    markers = browser.eval("[...document.querySelectorAll('#source-text sup.cm a')]"
                           ".map(a => a.dataset.claim)")
    assert sorted(markers) == sorted(expected)
    assert browser.console_errors() == []
    if source == "s002":
        browser.eval("document.getElementById('text').scrollIntoView()")
        shoot(browser, "source")


@pytest.mark.parametrize("path", ["/index.html", "/id/claim/s002-c20a/",
                                  "/id/regimen/anthracycline-based/", "/pictures/",
                                  "/questions/", "/ontology/"])
def test_every_link_resolves_on_the_server(browser, served_site, path):
    browser.open(served_site.url + path)
    found = browser.eval(LINKS)
    assert found["bad"] == [] and found["fragments"] == []
    assert found["checked"] >= 3
    assert browser.console_errors() == []
    if path.startswith("/id/regimen/"):
        shoot(browser, "regimen")


def test_the_pictures_render(browser, served_site):
    browser.open(served_site.url + "/pictures/")
    sizes = browser.eval("[...document.querySelectorAll('figure svg')]"
                         ".map(s => [s.id, Math.round(s.getBBox().width)])")
    assert [name for name, _ in sizes] == ["evidence-map-evidence-map", "timeline-timeline"]
    assert all(width > 300 for _, width in sizes)
    marks = browser.eval("document.querySelectorAll('#evidence-map-evidence-map a').length")
    assert marks == 2 * 14
    standalone = browser.eval("""Promise.all(['evidence-map.svg', 'timeline.svg'].map(src =>
        new Promise(done => { const i = new Image(); i.onload = () => done(i.naturalWidth);
                               i.onerror = () => done(0); i.src = src; })))""")
    assert all(width > 300 for width in standalone)
    assert browser.console_errors() == []


def test_an_iri_opens_its_page(browser, served_site):
    browser.open(f"{served_site.url}/id/claim/s000-c26")
    assert browser.eval("location.pathname") == "/id/claim/s000-c26/"
    assert "gemcitabine" in browser.eval("document.querySelector('h1').textContent")
    browser.open(f"{served_site.url}/id/claim/s000-c26/anchor/quote")
    assert browser.eval("location.hash") == "#anchor-quote"
    assert browser.console_errors() == []


def test_a_quote_with_a_script_shows_as_text(browser, tmp_path):
    from lmskg.atomic import write_tree_atomically
    from lmskg.site.build import site_files
    from tests.site.conftest import QUOTE, site_inputs, write_hostile

    files, _ = site_files(*site_inputs(write_hostile(tmp_path / "in")))
    site = write_tree_atomically(files, tmp_path / "site")
    for page in ("id/source/t001/index.html", "id/claim/t001-c01/index.html",
                 "pictures/index.html"):
        browser.open((site / page).as_uri())
        assert browser.eval("document.querySelectorAll('script:not([src])').length") == 0
        assert browser.console_errors() == []  # an alert() would be reported as a dialog
    browser.open((site / "id/source/t001/index.html").as_uri())
    assert browser.eval(HIGHLIGHTS) == {"t001-c01": QUOTE}


def test_without_chromium_the_tests_fail_saying_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y "
                       "--no-install-recommends chromium"):
        require_chromium()
    monkeypatch.delenv("CHROMIUM")
    monkeypatch.setattr("tests.support.headless.CANDIDATES", (str(tmp_path / "none"),))
    with pytest.raises(pytest.fail.Exception, match="no Chromium found"):
        require_chromium()
