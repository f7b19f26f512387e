"""Every IRI of the graph resolves on ``lmskg serve`` at its path, by content negotiation,
and the site is served beside the endpoint: a real server on loopback."""

from __future__ import annotations

import http.client
import json
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef

from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import OA
from lmskg.serve.negotiate import choose
from lmskg.serve.resources import describe_query, resource_iri

pytestmark = pytest.mark.server

CLAIM = "https://w3id.org/lmskg/id/claim/s000-c26"
QUOTE = ("Other smaller studies, of patients with advanced stages of leiomyosarcoma, have "
         "revealed improved response rates of around fifty percent, using a combination of "
         "gemcitabine and docetaxel.")


def get(endpoint, path: str, accept: str | None = None, method: str = "GET"
        ) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=30)
    try:
        conn.request(method, path, headers={"Accept": accept} if accept else {})
        response = conn.getresponse()
        return (response.status, {k.lower(): v for k, v in response.getheaders()},
                response.read())
    finally:
        conn.close()


def description(endpoint, path: str, accept: str, fmt: str) -> Graph:
    status, headers, body = get(endpoint, path, accept)
    assert status == 200, body
    assert headers["content-type"].startswith(accept) and headers["vary"] == "Accept"
    return Graph().parse(data=body.decode("utf-8"), format=fmt)


def test_turtle_gives_the_claim_its_anchor_and_quantity(served_site):
    g = description(served_site, "/id/claim/s000-c26", "text/turtle", "turtle")
    claim = URIRef(CLAIM)
    assert (claim, T.regimen, URIRef("https://w3id.org/lmskg/id/regimen/"
                                     "gemcitabine-docetaxel")) in g
    assert (claim, T.claimDate, None) in g  # from the derived graph
    assert (claim, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            T.ResponseRateClaim) in g  # from the inferred graph
    assert (URIRef(f"{CLAIM}/anchor/quote"), OA.exact, Literal(QUOTE)) in g
    assert (URIRef(f"{CLAIM}/anchor/position"), OA.start, None) in g
    assert (URIRef(f"{CLAIM}/quantity"), T.unit, Literal("%")) in g
    assert not any(str(s).startswith("https://w3id.org/lmskg/id/claim/s000-c25")
                   for s in g.subjects())


def test_json_ld_gives_the_same_description(served_site):
    turtle = description(served_site, "/id/claim/s000-c26", "text/turtle", "turtle")
    jsonld = description(served_site, "/id/claim/s000-c26", "application/ld+json", "json-ld")
    def values(g: Graph) -> set:  # '50.0' and '50' are one decimal
        return {(s, p, o.toPython() if isinstance(o, Literal) else o) for s, p, o in g}

    assert values(turtle) == values(jsonld) and len(jsonld) > 20
    _, _, body = get(served_site, "/id/claim/s000-c26", "application/ld+json")
    assert json.loads(body)["@context"]["lms"] == "https://w3id.org/lmskg/ontology#"


def test_html_goes_to_the_page_at_the_iris_path(served_site, site_dir):
    status, headers, _ = get(served_site, "/id/claim/s000-c26", "text/html")
    assert (status, headers["location"], headers["vary"]) == (303, "/id/claim/s000-c26/",
                                                              "Accept")
    with urllib.request.urlopen(f"{served_site.url}/id/claim/s000-c26") as response:
        assert response.url.endswith("/id/claim/s000-c26/")
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert response.read() == (site_dir / "id/claim/s000-c26/index.html").read_bytes()


def test_a_browsers_accept_header_and_none_get_html(served_site):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert get(served_site, "/id/regimen/gemcitabine-docetaxel", browser)[0] == 303
    assert get(served_site, "/id/regimen/gemcitabine-docetaxel")[0] == 303


def test_a_part_goes_to_its_owners_page_at_the_part(served_site, site_dir):
    status, headers, _ = get(served_site, "/id/claim/s000-c26/anchor/quote", "text/html")
    assert (status, headers["location"]) == (303, "/id/claim/s000-c26/#anchor-quote")
    assert 'id="anchor-quote"' in (site_dir / "id/claim/s000-c26/index.html").read_text()
    status, headers, _ = get(served_site, "/id/source/s001/anchor/title/quote", "text/html")
    assert (status, headers["location"]) == (303, "/id/source/s001/#anchor-title")


def test_graphs_and_the_ontology_resolve(served_site):
    g = description(served_site, "/graph/source/s000", "text/turtle", "turtle")
    assert (URIRef(CLAIM), T.source, None) in g
    assert not any("/claim/s001-" in str(s) for s in g.subjects())
    onto = description(served_site, "/ontology", "text/turtle", "turtle")
    assert (T.Claim, None, None) in onto and len(onto) > 1000
    assert get(served_site, "/ontology", "text/html")[1]["location"] == "/ontology/"
    assert get(served_site, "/graph/source/s000", "text/html")[1]["location"] == \
        "/id/source/s000/"
    nt = get(served_site, "/id/source/s000", "application/n-triples")
    assert nt[0] == 200 and b"<https://w3id.org/lmskg/id/source/s000> " in nt[2]


def test_an_unsupported_type_is_406(served_site):
    status, headers, body = get(served_site, "/id/claim/s000-c26", "application/pdf")
    assert (status, headers["vary"]) == (406, "Accept")
    assert b"text/html, text/turtle, application/ld+json" in body
    assert get(served_site, "/id/claim/s000-c26", "text/turtle;q=0, */*;q=0")[0] == 406


def test_unknown_iris_are_404_and_odd_paths_reach_no_query(served_site):
    for accept in ("text/turtle", "text/html"):
        status, _, body = get(served_site, "/id/claim/s999-c99", accept)
        assert status == 404, body
    assert get(served_site, "/id/claim/s000-c26/nothing", "text/html")[0] == 404
    for path in ("/id/claim/a%3Eb", "/id/claim/<x>", "/id/claim/../../etc/passwd",
                 "/id//claim"):
        assert resource_iri(path) is None
        assert get(served_site, path, "text/turtle")[0] == 404


def test_head_and_writes(served_site):
    status, headers, body = get(served_site, "/id/claim/s000-c26", "text/turtle", "HEAD")
    assert (status, body) == (200, b"") and int(headers["content-length"]) > 100
    assert get(served_site, "/id/claim/s000-c26", "text/turtle", "POST")[0] == 405
    assert get(served_site, "/index.html", None, "DELETE")[0] == 405


def test_the_site_is_served_and_nothing_outside_it(served_site, site_dir):
    status, headers, body = get(served_site, "/index.html")
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert body == (site_dir / "index.html").read_bytes()
    assert get(served_site, "/static/site.css")[1]["content-type"].startswith("text/css")
    assert get(served_site, "/pictures/evidence-map.svg")[1]["content-type"] == \
        "image/svg+xml"
    assert get(served_site, "/pictures")[1]["location"] == "/pictures/"
    for path in ("/static/../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                 "/static/%2fetc%2fpasswd", "/static/%ff", "/nowhere.html"):
        assert get(served_site, path)[0] == 404, path
    assert b"yasgui" in get(served_site, "/")[2].lower()  # the query page stays at /


def test_a_link_out_of_the_site_is_not_followed(database, tmp_path):
    from lmskg.serve.endpoint import Endpoint

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    with Endpoint(database, port=0, site=site) as ep:
        assert get(ep, "/leak.txt")[0] == 404
        assert get(ep, "/index.html")[2] == b"home"


def test_without_a_site_iris_answer_rdf_and_say_why_there_is_no_page(served):
    status, _, body = get(served, "/id/claim/s000-c26", "text/html")
    assert status == 404 and b"run 'lmskg site'" in body
    assert get(served, "/id/claim/s000-c26", "text/turtle")[0] == 200


@pytest.mark.parametrize("accept, chosen", [
    (None, "text/html"), ("", "text/html"), ("*/*", "text/html"),
    ("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
    ("text/html;q=0.5, text/turtle", "text/turtle"),
    ("text/*;q=0.3, text/turtle;q=0.2", "text/html"),
    ("application/json", "application/ld+json"), ("application/pdf", None),
    ("text/turtle;q=0", None), ("text/turtle;q=x", None), (",,", "text/html"),
])
def test_negotiation(accept, chosen):
    assert choose(accept) == chosen


def test_the_description_query_names_only_a_checked_iri():
    iri = resource_iri("/id/claim/s000-c26")
    assert iri == CLAIM and f"<{CLAIM}>" in describe_query(iri)
    assert resource_iri("/id/claim/s000 c26") is None and resource_iri("/query") is None


def test_an_engine_that_is_down_is_reported_for_a_description():
    import socket

    from lmskg.serve.front import FrontServer
    from lmskg.serve.oxigraph import free_port

    front = FrontServer(("127.0.0.1", 0), socket.AF_INET, ("127.0.0.1", free_port()))
    front.start()
    try:
        class At:
            port = front.server_address[1]

        status, _, body = get(At, "/id/claim/s000-c26", "text/turtle")
    finally:
        front.stop()
    assert status == 502 and b"engine behind this server is not answering" in body


def test_serve_refuses_a_site_directory_without_a_site(trig_file, database, tmp_path):
    from lmskg.serve.oxigraph import free_port
    from tests.support.cli import run_cli

    res = run_cli("serve", "--build", str(trig_file.parent), "--port", str(free_port()),
                  "--site", str(tmp_path / "nothing"))
    assert res.code == 2 and "no index.html there" in res.err and "lmskg site" in res.err
