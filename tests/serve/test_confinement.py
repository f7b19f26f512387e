"""What ``lmskg serve`` refuses and bounds, tried on real endpoints on loopback.

- No SERVICE reaches the engine: a canary listener on loopback stands for "the
  network", and no request may ever reach it, however the query is sent and however
  deeply SERVICE is nested. The engine sits on a port browsers refuse to connect to.
- Cross-origin requests are allowed only with --cors.
- An answer still streaming at the query timeout is cut, visibly.
- Half-sent requests (slowloris) cannot take the server: a per-connection deadline
  for the request, a cap on connections, a cap per client address.
- The errors of --host and --port are one clear line.
"""

from __future__ import annotations

import errno
import http.client
import select
import socket
import time
import urllib.parse
from contextlib import ExitStack, contextmanager
from typing import Iterator

import pytest

from tests.support.cli import run_cli, run_subprocess
from lmskg.serve.endpoint import BROWSER_BLOCKED_PORTS, Endpoint, bind_error
from lmskg.serve.front import FrontServer
from lmskg.serve.limits import Limits
from lmskg.serve.oxigraph import free_port
from lmskg.sparql.remote import run_remote

pytestmark = pytest.mark.server

FOREVER = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^11 rows: streams on


# -- talking HTTP -----------------------------------------------------------------------------

def _request(endpoint, method: str, target: str, body: bytes | None = None,
             headers: dict[str, str] | None = None, timeout: float = 30,
             source: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request on a new connection; (status, headers with lower-case names, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=timeout,
                                      source_address=(source, 0) if source else None)
    try:
        conn.request(method, target, body=body, headers=headers or {})
        response = conn.getresponse()
        return (response.status, {k.lower(): v for k, v in response.getheaders()},
                response.read())
    finally:
        conn.close()


def _get_query(endpoint, text: str, **kw) -> tuple[int, dict[str, str], bytes]:
    return _request(endpoint, "GET", "/query?" + urllib.parse.urlencode({"query": text}), **kw)


def _send(endpoint, style: str, text: str) -> tuple[int, bytes]:
    """A query sent as the SPARQL 1.1 Protocol allows: GET, form POST, direct POST."""
    if style == "get":
        status, _, body = _get_query(endpoint, text)
    elif style == "form":
        status, _, body = _request(endpoint, "POST", "/sparql",
                                   urllib.parse.urlencode({"query": text}).encode(),
                                   {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = _request(endpoint, "POST", "/query", text.encode(),
                                   {"Content-Type": "application/sparql-query"})
    return status, body


@contextmanager
def canary() -> Iterator[tuple[str, "callable"]]:
    """A listener on loopback standing for any server on the network: (its URL, a function
    that says whether anyone connected to it so far)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        listener.setblocking(False)

        def contacted(wait: float = 0.3) -> bool:
            return bool(select.select([listener], [], [], wait)[0])

        yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql", contacted


def _can_bind(address: str) -> bool:
    try:
        with socket.socket() as s:
            s.bind((address, 0))
        return True
    except OSError:
        return False


needs_loopback_aliases = pytest.mark.skipif(
    not _can_bind("127.0.0.2"), reason="needs 127.0.0.2 etc. to be loopback (Linux)")


# -- no SERVICE reaches the engine ------------------------------------------------------------

SERVICE_FORMS = {
    "plain": "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "lower case, SILENT": "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "endpoint in a variable": "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "in OPTIONAL": "SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE <{url}> {{ ?a ?p ?o }} }} }}",
    "in UNION": "SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ SERVICE <{url}> {{ ?a ?p ?o }} }} }}",
    "in FILTER EXISTS": "ASK {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{url}> {{ ?a ?p ?o }} }} }}",
    "in MINUS": "SELECT * WHERE {{ ?a ?b ?c MINUS {{ SERVICE <{url}> {{ ?a ?p ?o }} }} }}",
    "in a subquery": ("SELECT * WHERE {{ {{ SELECT ?s WHERE {{ GRAPH ?g {{ "
                      "SERVICE <{url}> {{ ?s ?p ?o }} }} }} }} }}"),
    "in a projected EXISTS": ("SELECT ?a (EXISTS {{ SERVICE <{url}> {{ ?a ?p ?o }} }} AS ?x) "
                              "WHERE {{ ?a ?b ?c }} LIMIT 1"),
    "in CONSTRUCT": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "keyword as unicode escapes": "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
}


def test_the_engine_alone_would_federate(served):
    """Why the front exists: Oxigraph on its own (its internal port) sends a SERVICE
    request to any URL a client names. If this fails, Oxigraph stopped federating."""
    with canary() as (url, contacted):
        conn = http.client.HTTPConnection("127.0.0.1", served.engine.port, timeout=30)
        conn.request("POST", "/query", SERVICE_FORMS["plain"].format(url=url).encode(),
                     {"Content-Type": "application/sparql-query"})
        try:
            assert contacted(wait=10)  # Oxigraph waits for the canary: no answer to read
        finally:
            conn.close()


@pytest.mark.parametrize("style", ["get", "form", "direct"])
@pytest.mark.parametrize("form", sorted(SERVICE_FORMS))
def test_service_is_refused_before_the_engine(served, form, style):
    with canary() as (url, contacted):
        status, body = _send(served, style, SERVICE_FORMS[form].format(url=url))
        assert status == 400, body
        assert b"SERVICE is refused: this endpoint does not send requests" in body
        assert not contacted()


@pytest.mark.parametrize("text", [
    'SELECT ?s WHERE { ?s ?p "customer service" } LIMIT 1',
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 # a SERVICE in a comment",
    "PREFIX service: <http://example.org/service/> ASK { ?s service:p ?service }",
])
def test_the_word_service_elsewhere_is_a_normal_query(served, text):
    """A text that mentions 'service' is parsed (not refused on sight) and answered."""
    status, _, body = _get_query(served, text, headers={"Accept": "application/json"})
    assert status == 200, body


def test_a_query_rdflib_cannot_parse_is_refused_when_it_mentions_service(served):
    status, _, body = _get_query(served, "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o }")
    assert status == 400 and b"does not parse" in body


def test_the_engine_is_on_a_loopback_port_browsers_refuse(served):
    """Browsers refuse to connect to the Fetch standard's bad ports, so a web page cannot
    reach the unchecked engine even if it guesses the port."""
    assert served.engine.host == "127.0.0.1"
    assert served.engine.port in BROWSER_BLOCKED_PORTS
    assert 6665 in BROWSER_BLOCKED_PORTS and 10080 in BROWSER_BLOCKED_PORTS


def test_serve_warns_when_no_browser_blocked_port_is_free(trig_file, monkeypatch):
    monkeypatch.setattr("lmskg.serve.endpoint.BROWSER_BLOCKED_PORTS", ())
    monkeypatch.setattr(Endpoint, "wait", lambda self: 0)  # return as soon as it is up
    res = run_cli("serve", "--build", str(trig_file.parent), "--port", str(free_port()))
    assert "warning: no port that web browsers refuse was free for the engine" in res.err
    assert res.code == 2 and "oxigraph stopped unexpectedly (exit code 0)" in res.err


# -- read-only, and the protocol's error paths ------------------------------------------------

@pytest.mark.parametrize("method,target,body,ctype,status,message", [
    ("GET", "/query?" + urllib.parse.urlencode({"query": "INSERT DATA { <urn:x> <urn:y> 1 }"}),
     None, None, 400, b"this is a SPARQL Update"),
    ("POST", "/sparql", b"update=INSERT+DATA+%7B%3Curn%3Ax%3E+%3Curn%3Ay%3E+1+%7D",
     "application/x-www-form-urlencoded", 403, b"The server is read-only"),
    ("POST", "/sparql", b"INSERT DATA { <urn:x> <urn:y> 1 }", "application/sparql-update",
     403, b"The server is read-only"),
    ("GET", "/update", None, None, 403, b"The server is read-only"),
    ("POST", "/query", b"ASK {}", "text/plain", 415, b"unsupported content type 'text/plain'"),
    ("POST", "/query", b"ASK {}", None, 415, b"unsupported content type 'none'"),
    ("POST", "/query?query=ASK%7B%7D", b"ASK {}", "application/sparql-query", 400,
     b"cannot be both in the URL and in the body"),
    ("POST", "/query?query=ASK%7B%7D", b"query=ASK%7B%7D", "application/x-www-form-urlencoded",
     400, b"'query' cannot be set both in the body and in the URL"),
    ("GET", "/query?query=ASK%7B%7D&query=ASK%7B%7D", None, None, 400,
     b"'query' parameter must be given once"),
    ("GET", "/query?default-graph-uri=urn:x:g", None, None, 400, b"no query"),
    ("POST", "/query", b"\xff\xfe", "application/sparql-query", 400, b"not UTF-8"),
    ("POST", "/query", b"query=%FF", "application/x-www-form-urlencoded", 400,
     b"not URL-encoded UTF-8"),
    ("POST", "/query", b"ASK {} #" + b"x" * (64 * 1024), "application/sparql-query", 413,
     b"longer than 64 KiB"),
    ("PUT", "/query", b"ASK {}", "application/sparql-query", 405, b"not a SPARQL query method"),
    ("POST", "/", b"x", "text/plain", 405, b"not allowed here"),
    ("GET", "/nowhere", None, None, 404, b"the SPARQL endpoint is /query"),
    ("GET", "http://127.0.0.1/query?query=ASK%7B%7D", None, None, 400, b"must be a path"),
    ("OPTIONS", "/query", None, None, 405, b"--cors allows them"),
])
def test_requests_the_front_refuses(served, method, target, body, ctype, status, message):
    headers = {"Content-Type": ctype} if ctype else {}
    got, _, answer = _request(served, method, target, body, headers)
    assert (got, message in answer) == (status, True), answer


def test_a_refused_request_leaves_the_connection_usable(served):
    """Its body is read and dropped, so the next request on the connection is whole."""
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    try:
        for method, target, body, status in [("POST", "/nowhere", b"x" * 5000, 404),
                                             ("PUT", "/store?graph=urn:x:g", b"<a> <b> <c> .",
                                              403),
                                             ("GET", "/query?query=ASK%7B%7D", None, 200)]:
            conn.request(method, target, body=body)
            response = conn.getresponse()
            response.read()
            assert response.status == status, target
            assert not response.will_close
    finally:
        conn.close()


def test_request_bodies_are_bounded(database):
    with Endpoint(database, port=0, limits=Limits(max_body_bytes=1024)) as small:
        status, _, body = _request(small, "POST", "/query", b"ASK {}" + b" " * 2000,
                                   {"Content-Type": "application/sparql-query"})
        assert status == 413 and b"longer than 1 KiB" in body
        status, _, body = _request(small, "PUT", "/store?graph=urn:x:g", b"x" * 2000,
                                   {"Content-Type": "application/n-triples"})
        assert status == 403 and b"read-only" in body


def test_a_chunked_request_body_is_refused(served):
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as s:
        s.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query"
                  b"\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n")
        assert s.recv(4096).startswith(b"HTTP/1.1 411 ")


def test_a_body_shorter_than_its_length_is_refused(database):
    with Endpoint(database, port=0, limits=Limits(request_timeout=1)) as ep:
        with socket.create_connection(("127.0.0.1", ep.port), timeout=10) as s:
            s.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql"
                      b"-query\r\nContent-Length: 100\r\n\r\nASK {}")
            s.shutdown(socket.SHUT_WR)
            assert s.recv(4096).startswith(b"HTTP/1.1 400 ")


@pytest.mark.parametrize("style", ["get", "form", "direct"])
def test_every_style_of_query_answers(served, style):
    status, body = _send(served, style, "ASK { ?s ?p ?o }")
    assert (status, b"true" in body) == (200, True), body


def test_dataset_parameters_pass_and_others_do_not(served):
    ontology = "https://w3id.org/lmskg/graph/ontology"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    target = "/query?" + urllib.parse.urlencode({"query": count, "default-graph-uri": ontology,
                                                 "format": "csv"})
    status, _, only = _request(served, "GET", target, headers={"Accept": "text/csv"})
    status_all, _, union = _get_query(served, count, headers={"Accept": "text/csv"})
    assert (status, status_all) == (200, 200)
    assert 0 < int(only.split()[-1]) < int(union.split()[-1])


def test_the_service_description_and_store_reads_pass(served):
    status, headers, _ = _request(served, "GET", "/query")
    assert status == 200 and headers["content-type"]
    status, _, body = _request(served, "GET", "/store?graph=https://w3id.org/lmskg/graph/"
                               "ontology", headers={"Accept": "application/n-triples"})
    assert status == 200 and b"<https://w3id.org/lmskg/ontology#Claim>" in body
    status, headers, body = _request(served, "HEAD", "/")
    assert (status, body) == (200, b"") and headers["content-type"].startswith("text/html")
    assert headers["server"] == "lmskg-serve"


def test_an_engine_that_is_down_is_reported(database):
    port = free_port()  # nothing listens there
    front = FrontServer(("127.0.0.1", 0), socket.AF_INET, ("127.0.0.1", port))
    front.start()
    try:
        status, _, body = _request(_At(front), "GET", "/query?query=ASK%7B%7D")
    finally:
        front.stop()
    assert status == 502 and b"engine behind this server is not answering" in body


class _At:
    """Where a bare FrontServer listens, as the helpers above expect an endpoint."""

    def __init__(self, front: FrontServer):
        self.port = front.server_address[1]


# -- CORS is opt-in ---------------------------------------------------------------------------

def test_cross_origin_requests_are_off_by_default(served):
    status, headers, _ = _get_query(served, "ASK {}", headers={"Origin": "https://evil.example"})
    assert status == 200
    assert "access-control-allow-origin" not in headers
    status, headers, _ = _request(served, "OPTIONS", "/query", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert status == 405 and "access-control-allow-origin" not in headers


def test_cors_allows_them(database):
    with Endpoint(database, port=0, cors=True) as ep:
        origin = {"Origin": "https://yasgui.example"}
        status, headers, _ = _get_query(ep, "ASK {}", headers=origin)
        assert (status, headers["access-control-allow-origin"]) == (200, "*")
        status, headers, _ = _request(ep, "OPTIONS", "/query", headers={
            **origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        assert status == 204 and "content-length" not in headers
        assert headers["access-control-allow-origin"] == "*"
        assert headers["access-control-allow-methods"] == "POST"
        assert headers["access-control-allow-headers"] == "content-type"
        status, headers, _ = _get_query(ep, "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
                                        headers=origin)
        assert (status, headers["access-control-allow-origin"]) == (400, "*")


def test_serve_help_offers_cors_not_no_cors():
    proc = run_subprocess("serve", "--help")
    text = " ".join(proc.stdout.split())
    assert proc.returncode == 0
    assert "--cors" in text and "--no-cors" not in text
    assert "(default: off; the query page at / works without it)" in text
    assert "refused if it uses SERVICE" in text


# -- the query timeout bounds the whole answer ------------------------------------------------

@pytest.fixture(scope="module")
def quick(database):
    """An endpoint with a 2 s query timeout."""
    with Endpoint(database, port=0, query_timeout=2) as endpoint:
        yield endpoint


def test_an_answer_streaming_past_the_timeout_is_cut(quick):
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", quick.port, timeout=30)
    conn.request("GET", "/query?" + urllib.parse.urlencode({"query": FOREVER}),
                 headers={"Accept": "text/csv"})
    response = conn.getresponse()
    assert response.status == 200
    received = b""
    with pytest.raises(http.client.IncompleteRead) as cut:  # no final chunk: it ended early
        while chunk := response.read(1 << 16):
            received += chunk
    conn.close()
    elapsed = time.monotonic() - started
    received += cut.value.partial
    assert 1.5 < elapsed < 6, elapsed
    assert received.startswith(b"a,b,c,d,e,f,g,h,i\r\n") and len(received) > 100_000
    assert received.endswith(b"lmskg serve: the answer was cut at the 2 s query timeout\n")


def test_a_cut_answer_is_reported_by_lmskg_query(quick, tmp_path):
    query = tmp_path / "forever.rq"
    query.write_text(FOREVER, encoding="utf-8")
    started = time.monotonic()
    res = run_cli("sparql", str(query), "--endpoint", quick.query_url, "--timeout", "30")
    assert res.code == 2
    assert "the answer ended early (IncompleteRead" in res.err, res.err
    assert time.monotonic() - started < 15


def test_a_query_that_never_starts_answering_is_stopped(quick):
    started = time.monotonic()
    status, _, body = _get_query(quick, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
                                        "?g ?h ?i }")
    assert time.monotonic() - started < 6
    assert status == 503 and b"did not finish within the 2 s query timeout" in body


def test_answers_within_the_timeout_are_whole(quick):
    res = run_remote(quick.query_url, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", timeout=30)
    assert len(res.rows) > 5000


# -- half-sent requests (slowloris) -----------------------------------------------------------

def _half_sent(port: int, source: str) -> socket.socket | None:
    """A connection that sends the start of a request and never finishes it; None if the
    server refused it at once."""
    s = socket.socket()
    s.settimeout(5)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    try:
        s.sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    except OSError:
        s.close()
        return None
    return s


def _timed_query(endpoint) -> tuple[float, bool]:
    started = time.monotonic()
    answer = run_remote(endpoint.query_url, "ASK { ?s ?p ?o }", timeout=10).boolean
    return time.monotonic() - started, bool(answer)


@needs_loopback_aliases
def test_many_half_sent_requests_from_one_client_do_not_block_others(served):
    with ExitStack() as stack:
        for _ in range(256):
            s = _half_sent(served.port, "127.0.0.2")
            if s is not None:
                stack.enter_context(s)
        elapsed, answer = _timed_query(served)  # from 127.0.0.1
        assert answer and elapsed < 2, elapsed
        held = served.front.admission.open_connections()
        assert held <= served.limits.max_per_client + 1, held


@needs_loopback_aliases
def test_a_client_beyond_its_cap_is_told_so(database):
    with Endpoint(database, port=0, limits=Limits(max_per_client=2)) as ep, ExitStack() as st:
        for _ in range(2):
            st.enter_context(_half_sent(ep.port, "127.0.0.2"))
        status, _, body = _get_query(ep, "ASK {}", source="127.0.0.2")
        assert status == 503 and b"127.0.0.2 holds its maximum of 2 connections" in body
        assert _get_query(ep, "ASK {}")[0] == 200  # others are served


@needs_loopback_aliases
def test_the_server_caps_all_connections(database):
    limits = Limits(max_connections=4, max_per_client=2)
    with Endpoint(database, port=0, limits=limits) as ep, ExitStack() as stack:
        for source in ("127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3"):
            stack.enter_context(_half_sent(ep.port, source))
        status, _, body = _get_query(ep, "ASK {}", source="127.0.0.4")
        assert status == 503 and b"maximum of 4 connections" in body


def test_a_half_sent_request_is_dropped_at_the_request_timeout(database):
    with Endpoint(database, port=0, limits=Limits(request_timeout=1)) as ep:
        with _half_sent(ep.port, "127.0.0.1") as s:
            started = time.monotonic()
            s.settimeout(10)
            assert s.recv(4096) == b""  # closed by the server
            assert 0.5 < time.monotonic() - started < 3
        assert ep.front.admission.open_connections() in (0, 1)  # released (or closing)
        assert _timed_query(ep)[1]


def test_a_trickling_request_does_not_extend_its_deadline(database):
    """One byte a second keeps a per-read timeout alive for ever; the deadline holds."""
    with Endpoint(database, port=0, limits=Limits(request_timeout=1.5)) as ep:
        with socket.create_connection(("127.0.0.1", ep.port), timeout=10) as s:
            started, closed = time.monotonic(), False
            for byte in b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n":
                try:
                    s.sendall(bytes([byte]))
                except OSError:
                    closed = True
                    break
                if select.select([s], [], [], 0.3)[0] and s.recv(4096) == b"":
                    closed = True
                    break
            assert closed and time.monotonic() - started < 4


# -- where to listen --------------------------------------------------------------------------

def test_serve_says_when_the_address_is_not_on_this_machine(trig_file):
    res = run_cli("serve", "--build", str(trig_file.parent), "--host", "192.0.2.1",
                  "--port", str(free_port()))
    assert res.code == 2
    assert "cannot listen on 192.0.2.1: the address is not on this machine" in res.err
    assert "in use" not in res.err and "Traceback" not in res.err


def test_serve_says_when_the_host_name_does_not_resolve(trig_file):
    res = run_cli("serve", "--build", str(trig_file.parent), "--host", "no-such-host.invalid")
    assert res.code == 2
    assert "cannot listen on no-such-host.invalid: cannot resolve the host name" in res.err


def test_serve_refuses_a_negative_query_timeout(trig_file):
    res = run_cli("serve", "--build", str(trig_file.parent), "--query-timeout", "-1")
    assert res.code == 2 and "--query-timeout -1 is negative (0 for no limit)" in res.err


@pytest.mark.parametrize("code,message", [
    (errno.EADDRINUSE, "port 80 on h is in use (is another server running?"),
    (errno.EADDRNOTAVAIL, "cannot listen on h: the address is not on this machine"),
    (errno.EACCES, "cannot listen on port 80 on h: permission denied (ports below 1024"),
    (errno.ENOBUFS, "cannot listen on h port 80: No buffer space available"),
])
def test_bind_errors_are_one_line(code, message):
    import os

    assert bind_error("h", 80, OSError(code, os.strerror(code))).startswith(message)
