"""Querying a remote endpoint: SPARQL JSON results, and every way it can fail.

The failures run against a closed loopback port, a scripted HTTP server
(tests/httpfake.py) and, for the server's own messages, a real Oxigraph server.
None needs a network beyond loopback.
"""

from __future__ import annotations

import base64
import json
import re
import socket
import time
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from tests.support.cli import run_cli, run_subprocess
from tests.support.httpfake import DigestStore, FakeServer, Reply, echo_headers, redirect
from lmskg.errors import QueryError, RemoteError
from lmskg.net.http_errors import server_message
from lmskg.sparql.remote import Connection, parse_results, run_remote
from lmskg.serve.oxigraph import Server, free_port

pytestmark = pytest.mark.server

ASK_RQ = str(Path(__file__).parent / "remote-queries" / "ask.rq")
JSON_TYPE = "application/sparql-results+json"


def _select(bindings: list[dict], variables: list[str]) -> bytes:
    return json.dumps({"head": {"vars": variables},
                       "results": {"bindings": bindings}}).encode()


@pytest.fixture(scope="module")
def oxigraph():
    """A small real server for the messages a real endpoint sends."""
    with Server(None, port=free_port(), read_only=False) as server:
        yield server


# -- results ----------------------------------------------------------------------------------

def test_json_results_become_rdflib_terms():
    body = _select([
        {"s": {"type": "uri", "value": "https://w3id.org/lmskg/id/claim/c1"},
         "v": {"type": "literal", "value": "12.5", "datatype": str(XSD.decimal)}},
        {"s": {"type": "bnode", "value": "b0"},
         "v": {"type": "literal", "value": "dose", "xml:lang": "en"}},
        {"v": {"type": "literal", "value": "plain", "datatype": str(XSD.string)}},
        {"v": {"type": "typed-literal", "value": "3", "datatype": str(XSD.integer)}},
    ], ["s", "v"])
    res = parse_results(body, JSON_TYPE + "; charset=utf-8", ask=False)
    assert res.variables == ("s", "v")
    assert res.rows == (
        (URIRef("https://w3id.org/lmskg/id/claim/c1"), Literal("12.5", datatype=XSD.decimal)),
        (BNode("b0"), Literal("dose", lang="en")),
        (None, Literal("plain")),
        (None, Literal("3", datatype=XSD.integer)),
    )


def test_ask_results():
    assert parse_results(b'{"head": {}, "boolean": false}', JSON_TYPE, ask=True).boolean is False


@pytest.mark.parametrize("body, content_type, ask, message", [
    (b"<html><body>Login</body></html>", "text/html", False,
     "not SPARQL results (content type text/html: Login)"),
    (b"a,b\r\n", "text/csv", False, "not SPARQL results (content type text/csv"),
    (b"{}", "", False, "content type missing"),
    (b"{not json", JSON_TYPE, False, "not valid JSON"),
    (b'{"results": {"bindings": []}}', JSON_TYPE, False, "no 'head' object"),
    (b'{"head": {"vars": ["x"]}}', JSON_TYPE, False, "no 'results.bindings' list"),
    (b'{"head": {"vars": "x"}, "results": {"bindings": []}}', JSON_TYPE, False,
     "'head.vars' is not a list"),
    (_select([{"x": {"type": "triple", "value": "t"}}], ["x"]), JSON_TYPE, False,
     "unsupported term type 'triple'"),
    (_select([{"x": {"type": "uri"}}], ["x"]), JSON_TYPE, False, "not a term"),
    (_select([], ["x"]), JSON_TYPE, True, "an ASK query needs a 'boolean' answer"),
])
def test_answers_that_are_not_sparql_results_are_refused(body, content_type, ask, message):
    with pytest.raises(RemoteError, match="endpoint") as exc:
        parse_results(body, content_type, ask=ask, prefix="q.rq: endpoint http://x/query")
    assert message in str(exc.value)


def test_an_answer_cut_short_by_the_server_shows_how_it_ends():
    """What Oxigraph 0.5 sends when its --timeout-s stops a query that is streaming."""
    body = b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled'
    with pytest.raises(RemoteError, match="not valid JSON .*it ends with .*The SPARQL "
                                          "operation has been cancelled.* own timeout"):
        parse_results(body, JSON_TYPE, ask=False)


def test_server_messages_are_one_short_line():
    page = b"<html><head><style>p {}</style></head><body><h1>502</h1><p>Bad\ngateway</p>"
    assert server_message(page) == "502 Bad gateway"
    assert len(server_message(b"x" * 5000)) == 400


# -- failures, each with a clear one-line message -----------------------------------------------

def test_connection_refused():
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(RemoteError, match="connection refused: nothing listens there"):
        run_remote(url, "ASK {}", timeout=5)


def test_host_that_does_not_resolve(monkeypatch):
    def no_dns(*args, **kw):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(RemoteError, match=r"cannot resolve the host name \(Name or service"):
        run_remote("http://sparql.example.invalid/query", "ASK {}", timeout=5)


def test_no_answer_within_the_timeout():
    with FakeServer([Reply(delay=30)]) as fake:
        started = time.monotonic()
        with pytest.raises(RemoteError, match=r"no answer within 0.3 s \(raise --timeout\)"):
            run_remote(fake.url + "/query", "ASK {}", timeout=0.3)
        assert time.monotonic() - started < 3


def test_an_answer_that_trickles_in_is_bounded_too():
    body = b'{"head": {}, "boolean": true}' + b" " * 200
    with FakeServer([Reply(body=body, content_type=JSON_TYPE, trickle=0.02)]) as fake:
        started = time.monotonic()
        with pytest.raises(RemoteError, match="did not arrive within 0.5 s|no answer within"):
            run_remote(fake.url + "/query", "ASK {}", timeout=0.5)
        assert time.monotonic() - started < 3


@pytest.mark.parametrize("status, body, expected", [
    (400, b"Parse error: unexpected '}'", "HTTP 400 Bad Request: Parse error: unexpected '}'"),
    (401, b"", "HTTP 401 Unauthorized (set $LMSKG_ENDPOINT_USER"),
    (403, b"forbidden here", "HTTP 403 Forbidden: forbidden here"),
    (404, b"no such dataset", "HTTP 404 Not Found: no such dataset (check the URL"),
    (500, b"java.lang.OutOfMemoryError", "HTTP 500 Internal Server Error: java.lang.OutOf"),
    (502, b"<html><body><h1>Bad Gateway</h1></body></html>", "HTTP 502 Bad Gateway: Bad"),
    (503, b"overloaded, retry later", "HTTP 503 Service Unavailable: overloaded, retry later"),
])
def test_http_errors_carry_the_servers_message(status, body, expected):
    with FakeServer([Reply(status=status, body=body)]) as fake:
        with pytest.raises(RemoteError) as exc:
            run_remote(fake.url + "/query", "ASK {}", timeout=5, where="q.rq")
    assert str(exc.value).startswith(f"q.rq: endpoint {fake.url}/query: {expected}")


def test_a_real_servers_syntax_error_message(oxigraph):
    with pytest.raises(RemoteError, match=r"HTTP 400 Bad Request: error at 1:"):
        run_remote(oxigraph.query_url, "SELECT WHERE { ?s ?p ?o }")


def test_a_real_servers_wrong_path(oxigraph):
    with pytest.raises(RemoteError, match=r"HTTP 404 Not Found: POST /sparql-nope is not "
                                          r"supported"):
        run_remote(oxigraph.url + "/sparql-nope", "ASK {}")


def test_something_that_does_not_speak_http():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]

        import threading

        def babble():
            conn, _ = listener.accept()
            request = b""  # read the whole request, then answer with something not HTTP
            while b"\r\n\r\n" not in request:
                request += conn.recv(65536)
            head, _, body = request.partition(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
            while len(body) < length:
                body += conn.recv(65536)
            conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")
            conn.close()

        threading.Thread(target=babble, daemon=True).start()
        with pytest.raises(RemoteError, match="did not give a valid HTTP answer"):
            run_remote(f"http://127.0.0.1:{port}/query", "ASK {}", timeout=5)


def test_a_certificate_that_is_not_trusted(tmp_path):
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a self-signed certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with FakeServer([Reply(body=b'{"head": {}, "boolean": true}', content_type=JSON_TYPE)]) \
            as fake:
        fake.httpd.socket = context.wrap_socket(fake.httpd.socket, server_side=True)
        url = fake.url.replace("http://", "https://") + "/query"
        with pytest.raises(RemoteError, match="TLS certificate verification failed "
                                              r"\(self.signed certificate\)"):
            run_remote(url, "ASK {}", timeout=5)


@pytest.mark.parametrize("url, message", [
    ("ftp://example.org/sparql", "is not an http(s) URL"),
    ("127.0.0.1:7878/query", "is not an http(s) URL"),
    ("http://127.0.0.1:notaport/query", "is not a valid URL"),
    ("http://alice:s3cret@127.0.0.1/query", "URL carries credentials"),
])
def test_bad_endpoint_urls(url, message):
    with pytest.raises(RemoteError) as exc:
        run_remote(url, "ASK {}")
    assert message in str(exc.value)
    assert "s3cret" not in str(exc.value)


def test_only_select_and_ask_are_sent():
    for text in ("INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                 "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"):
        with pytest.raises(QueryError, match="only SELECT and ASK"):
            run_remote("http://127.0.0.1:9/query", text)


@pytest.mark.parametrize("text, form", [
    # a catalogue header: SPARQLWrapper's own guess read this as ASK
    ("# title: options\n# description: one line\n#   asking for later lines\n"
     "SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("PREFIX x: <http://example.org/ASK#>\nASK { ?s x:p ?o }", "ASK"),
    # not standard syntax (an endpoint's extension): the first keyword outside comments,
    # IRIs and strings
    ("# ask\nPREFIX x: <http://example.org/ASK#>\nSELECT * WHERE { ?s ?p 'ask' } "
     "OPTION (vendor)", "SELECT"),
    ("INSERT DATA { <urn:a> <urn:b> 'SELECT' }", "UPDATE"),
    ("DESCRIBE <urn:a>", "DESCRIBE"),
])
def test_query_form_is_not_fooled_by_comments(text, form):
    from lmskg.sparql.parse import query_form

    assert query_form(text) == form


def test_timeout_must_be_positive():
    with pytest.raises(RemoteError, match="--timeout must be a positive number"):
        run_remote("http://127.0.0.1:9/query", "ASK {}", timeout=0)


# -- credentials --------------------------------------------------------------------------------

def _basic_auth_server(expected: str):
    def reply(req):
        if req.headers.get("Authorization") != expected:
            return Reply(status=401, body=b"who are you?",
                         headers={"WWW-Authenticate": 'Basic realm="lmskg"'})
        return Reply(body=b'{"head": {}, "boolean": true}', content_type=JSON_TYPE)
    return FakeServer(reply)


def test_credentials_from_the_environment(monkeypatch):
    monkeypatch.setenv("LMSKG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("LMSKG_ENDPOINT_PASSWORD", "s3cret")
    with _basic_auth_server("Basic YWxpY2U6czNjcmV0") as fake:  # alice:s3cret
        assert run_remote(fake.url + "/query", "ASK {}", timeout=5).boolean is True


def test_refused_credentials_are_not_printed(monkeypatch):
    monkeypatch.setenv("LMSKG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("LMSKG_ENDPOINT_PASSWORD", "wrong-s3cret")
    with _basic_auth_server("Basic YWxpY2U6czNjcmV0") as fake:
        res = run_cli("sparql", ASK_RQ, "--endpoint", fake.url + "/query", "--debug")
    assert res.code == 2
    assert "HTTP 401 Unauthorized: who are you? (the credentials were refused)" in res.err
    assert "wrong-s3cret" not in res.out + res.err


def test_a_bearer_token_from_the_environment(monkeypatch):
    monkeypatch.setenv("LMSKG_ENDPOINT_TOKEN", "tok-s3cret")
    with _basic_auth_server("Bearer tok-s3cret") as fake:
        assert run_remote(fake.url + "/query", "ASK {}", timeout=5).boolean is True


def test_credentials_from_a_netrc_file(monkeypatch, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login alice password s3cret\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("LMSKG_NETRC", str(netrc))
    with _basic_auth_server("Basic YWxpY2U6czNjcmV0") as fake:
        assert run_remote(fake.url + "/query", "ASK {}", timeout=5).boolean is True


@pytest.mark.parametrize("env, message", [
    ({"LMSKG_ENDPOINT_USER": "alice"}, "$LMSKG_ENDPOINT_PASSWORD is not set"),
    ({"LMSKG_ENDPOINT_PASSWORD": "s3cret"}, "$LMSKG_ENDPOINT_USER is not set"),
    ({"LMSKG_NETRC": "/nonexistent/netrc"}, "names /nonexistent/netrc, which does not exist"),
    ({"LMSKG_ENDPOINT_TOKEN": "t", "LMSKG_ENDPOINT_USER": "alice"},
     "both $LMSKG_ENDPOINT_TOKEN and $LMSKG_ENDPOINT_USER/$LMSKG_ENDPOINT_PASSWORD are set"),
])
def test_half_given_credentials_are_refused(monkeypatch, env, message):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(RemoteError, match=re.escape(message)):
        run_remote("http://127.0.0.1:9/query", "ASK {}")


def test_a_malformed_netrc_file_is_reported_without_its_content(monkeypatch, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login alice password\n", encoding="utf-8")
    monkeypatch.setenv("LMSKG_NETRC", str(netrc))
    with pytest.raises(RemoteError, match="malformed at line 1|needs both login and password"):
        run_remote("http://127.0.0.1:9/query", "ASK {}")


# -- credentials never show, never travel to another origin ------------------------------------

TOKEN = "tok-s3cret-0d9f7a"
PASSWORD = "pa55-s3cret"
BASIC = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
CREDENTIALS = {  # the environment, the Authorization header it gives, what must never show
    "bearer": ({"LMSKG_ENDPOINT_TOKEN": TOKEN}, f"Bearer {TOKEN}", (TOKEN,)),
    "basic": ({"LMSKG_ENDPOINT_USER": "alice", "LMSKG_ENDPOINT_PASSWORD": PASSWORD},
              f"Basic {BASIC}", (PASSWORD, BASIC)),
}
TRUE = Reply(body=b'{"head": {}, "boolean": true}', content_type=JSON_TYPE)


def _use(monkeypatch, kind: str) -> tuple[str, tuple[str, ...]]:
    env, header, secrets = CREDENTIALS[kind]
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return header, secrets


@pytest.mark.parametrize("kind", sorted(CREDENTIALS))
@pytest.mark.parametrize("status", [400, 500, 503])
def test_a_servers_message_that_echoes_the_request_shows_no_credentials(monkeypatch, kind,
                                                                      status):
    header, secrets = _use(monkeypatch, kind)
    with FakeServer(echo_headers(status)) as fake:
        with pytest.raises(RemoteError) as exc:
            run_remote(fake.url + "/query", "ASK {}", timeout=5)
        assert fake.requests[0].headers["Authorization"] == header  # it was sent, and echoed
    message = str(exc.value)
    assert f"HTTP {status}" in message and "Authorization: [redacted] Connection: close" in message
    assert not [s for s in secrets if s in message]


@pytest.mark.parametrize("kind", sorted(CREDENTIALS))
@pytest.mark.parametrize("command", [("sparql", ASK_RQ), ("query", "conflicts")])
@pytest.mark.parametrize("debug", [(), ("--debug",)])
def test_the_command_line_prints_no_credentials_a_server_echoes(monkeypatch, kind, command,
                                                                debug):
    _header, secrets = _use(monkeypatch, kind)
    with FakeServer(echo_headers(400)) as fake:
        res = run_cli(*command, "--endpoint", fake.url + "/query", *debug)
    assert res.code == 2
    assert "HTTP 400 Bad Request: cannot handle this request" in res.err
    assert "Authorization: [redacted] Connection: close" in res.err  # the rest is kept
    assert not [s for s in secrets if s in res.out + res.err]


def test_an_answer_that_is_not_results_shows_no_credentials(monkeypatch):
    _header, secrets = _use(monkeypatch, "bearer")

    def page(req):  # a login page that shows the request, with a success status
        return Reply(body=echo_headers(200)(req).body, content_type="text/plain")

    with FakeServer(page) as fake:
        with pytest.raises(RemoteError, match="not SPARQL results") as exc:
            run_remote(fake.url + "/query", "ASK {}", timeout=5)
    assert TOKEN not in str(exc.value)


def test_a_failure_below_http_names_the_url_without_a_token_in_it():
    url = f"http://127.0.0.1:{free_port()}/query?access-token={TOKEN}"
    with pytest.raises(RemoteError, match="connection refused") as exc:
        run_remote(url, "ASK {}", timeout=5)
    assert "/query?access-token=[redacted]: connection refused" in str(exc.value)
    assert TOKEN not in str(exc.value)


@pytest.mark.parametrize("kind", sorted(CREDENTIALS))
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("target", ["other port", "other host", "other scheme"])
def test_a_redirect_to_another_origin_is_refused_with_credentials(monkeypatch, kind, status,
                                                                 target):
    _use(monkeypatch, kind)
    with FakeServer([TRUE]) as other:
        port = other.url.rsplit(":", 1)[1]
        location = {"other port": f"{other.url}/query",
                    "other host": f"http://localhost:{port}/query",
                    "other scheme": f"https://127.0.0.1:{port}/query"}[target]
        with FakeServer([redirect(location, status)]) as fake:
            if target == "other scheme":  # same host and port, another scheme
                location = location.replace(port, fake.url.rsplit(":", 1)[1])
                fake.script = [redirect(location, status)]
            with pytest.raises(RemoteError) as exc:
                run_remote(fake.url + "/query", "ASK {}", timeout=5, where="q.rq")
        assert other.requests == []  # nothing was sent there, credentials least of all
    assert str(exc.value).startswith(
        f"q.rq: endpoint {fake.url}/query: redirected (HTTP {status}) to {location}, another "
        "origin; credentials are never sent to another origin")


@pytest.mark.parametrize("kind", sorted(CREDENTIALS))
def test_the_command_line_refuses_a_redirect_to_another_origin(monkeypatch, kind):
    _header, secrets = _use(monkeypatch, kind)
    with FakeServer([TRUE]) as other, \
            FakeServer([redirect(other.url + "/query")]) as fake:
        res = run_cli("sparql", ASK_RQ, "--endpoint", fake.url + "/query")
        assert other.requests == []
    assert res.code == 2
    assert f"redirected (HTTP 302) to {other.url}/query, another origin" in res.err
    assert not [s for s in secrets if s in res.out + res.err]


def test_a_redirect_target_is_named_without_credentials(monkeypatch):
    _use(monkeypatch, "bearer")
    with FakeServer([redirect(f"http://bob:{PASSWORD}@example.org/q?access-token={TOKEN}")]) \
            as fake:
        with pytest.raises(RemoteError, match="redirected") as exc:
            run_remote(fake.url + "/query", "ASK {}", timeout=5)
    assert "example.org/q" in str(exc.value)
    assert PASSWORD not in str(exc.value) and TOKEN not in str(exc.value)


@pytest.mark.parametrize("kind", sorted(CREDENTIALS))
@pytest.mark.parametrize("status", [307, 308])
def test_a_redirect_on_the_same_origin_keeps_the_credentials_and_the_query(monkeypatch, kind,
                                                                          status):
    header, _secrets = _use(monkeypatch, kind)

    def server(req):
        if req.path == "/query":
            return redirect("/sparql", status)
        if req.headers.get("Authorization") != header or b"query=ASK" not in req.body:
            return Reply(status=401, body=b"who are you?")
        return TRUE

    with FakeServer(server) as fake:
        assert run_remote(fake.url + "/query", "ASK {}", timeout=5).boolean is True
        first, then = fake.requests
    assert (then.method, then.path, then.body) == ("POST", "/sparql", first.body)


def test_a_redirect_on_the_same_origin_keeps_the_credentials_as_get(monkeypatch):
    """301, 302 and 303 turn a POST into a GET (as browsers do); the credentials stay."""
    header, _secrets = _use(monkeypatch, "bearer")
    with FakeServer([redirect("/sparql", 302), TRUE]) as fake:
        run_remote(fake.url + "/query", "ASK {}", timeout=5)
        assert [(r.method, r.path, r.headers.get("Authorization")) for r in fake.requests] \
            == [("POST", "/query", header), ("GET", "/sparql", header)]


def test_a_redirect_to_another_origin_is_followed_without_credentials():
    with FakeServer([TRUE]) as other, \
            FakeServer([redirect(other.url + "/query", 307)]) as fake:
        assert run_remote(fake.url + "/query", "ASK {}", timeout=5).boolean is True
        assert [(r.method, "Authorization" in r.headers) for r in other.requests] \
            == [("POST", False)]


# -- Digest (Virtuoso's /sparql-auth takes nothing else) -----------------------------------------

def _digest_endpoint(password: str = PASSWORD) -> DigestStore:
    return DigestStore("alice", password, ok=lambda req: TRUE)


def test_digest_credentials_on_a_digest_only_endpoint(monkeypatch):
    """Basic goes up front and gets a bare 401 (no challenge); asked again without
    credentials, the endpoint says Digest; the Digest answer is accepted. Later queries
    through the same connection send Digest up front, once each."""
    _use(monkeypatch, "basic")
    store = _digest_endpoint()
    with FakeServer(store.reply, early=store.early) as fake:
        connection = Connection(fake.url + "/sparql-auth")
        assert run_remote(fake.url + "/sparql-auth", "ASK {}", timeout=5,
                          connection=connection).boolean is True
        sent = [r.headers.get("Authorization", "").split(" ")[0] for r in fake.requests]
        assert sent == ["Basic", "", "Digest"]
        for _ in range(2):
            run_remote(fake.url + "/sparql-auth", "ASK {}", timeout=5, connection=connection)
        assert [r.headers["Authorization"].split(" ")[0] for r in fake.requests[3:]] \
            == ["Digest", "Digest"]
    assert len(store.accepted) == 3


def test_the_command_line_answers_a_digest_endpoint(monkeypatch):
    _use(monkeypatch, "basic")
    store = _digest_endpoint()
    with FakeServer(store.reply, early=store.early) as fake:
        res = run_cli("sparql", ASK_RQ, "--endpoint", fake.url + "/sparql-auth")
    assert res.code == 0, res.err
    assert res.out == "yes\n"
    assert PASSWORD not in res.out + res.err


def test_wrong_digest_credentials_are_refused(monkeypatch):
    _use(monkeypatch, "basic")
    store = _digest_endpoint("another-password")
    with FakeServer(store.reply, early=store.early) as fake:
        res = run_cli("sparql", ASK_RQ, "--endpoint", fake.url + "/sparql-auth", "--debug")
        assert len(fake.requests) == 3  # Basic, without, one Digest answer
    assert res.code == 2
    assert "HTTP 401 Unauthorized (the credentials were refused)" in res.err
    assert not [s for s in (PASSWORD, BASIC) if s in res.out + res.err]


def test_digest_credentials_never_follow_a_redirect_to_another_origin(monkeypatch):
    _use(monkeypatch, "basic")
    with FakeServer([TRUE]) as other:
        store = DigestStore("alice", PASSWORD, ok=lambda req: redirect(other.url + "/query", 307))
        with FakeServer(store.reply, early=store.early) as fake:
            with pytest.raises(RemoteError, match="another origin; credentials are never sent"):
                run_remote(fake.url + "/sparql-auth", "ASK {}", timeout=5)
        assert other.requests == []


# -- the dataset: default-graph-uri and named-graph-uri ----------------------------------------

def _form(req) -> dict[str, list[str]]:
    from urllib.parse import parse_qs

    return parse_qs(req.body.decode())


def test_default_and_named_graphs_are_sent_as_the_protocol_says():
    with FakeServer([TRUE]) as fake:
        res = run_cli("sparql", ASK_RQ, "--endpoint", fake.url + "/sparql",
                      "--default-graph", "urn:x:g1", "--default-graph", "urn:x:g2",
                      "--named-graph", "urn:x:g3")
        form = _form(fake.requests[0])
    assert res.code == 0, res.err
    assert form["default-graph-uri"] == ["urn:x:g1", "urn:x:g2"]
    assert form["named-graph-uri"] == ["urn:x:g3"]
    assert "query" in form


def test_without_graph_options_the_endpoint_chooses_the_dataset():
    with FakeServer([TRUE]) as fake:
        assert run_cli("sparql", ASK_RQ, "--endpoint", fake.url + "/sparql").code == 0
        form = _form(fake.requests[0])
    assert "default-graph-uri" not in form and "named-graph-uri" not in form


def test_dataset_graphs_are_asked_of_the_endpoint_then_sent_with_every_query():
    graphs = ["https://w3id.org/lmskg/graph/ontology", "https://w3id.org/lmskg/graph/source/s000"]
    listing = Reply(body=_select([{"g": {"type": "uri", "value": g}} for g in graphs], ["g"]),
                    content_type=JSON_TYPE)
    with FakeServer([listing, TRUE]) as fake:
        res = run_cli("sparql", ASK_RQ, "--endpoint", fake.url + "/sparql", "--dataset-graphs")
        first, then = (_form(r) for r in fake.requests)
    assert res.code == 0, res.err
    assert "GRAPH ?g" in first["query"][0] and "default-graph-uri" not in first
    assert then["default-graph-uri"] == graphs and then["named-graph-uri"] == graphs


def test_dataset_graphs_on_an_endpoint_without_them():
    empty = Reply(body=_select([], ["g"]), content_type=JSON_TYPE)
    with FakeServer([empty]) as fake:
        res = run_cli("sparql", ASK_RQ, "--endpoint", fake.url + "/sparql", "--dataset-graphs")
    assert res.code == 2
    assert "holds no graph named https://w3id.org/lmskg/graph/...; publish the dataset" in res.err


@pytest.mark.parametrize("args, message", [
    (("--default-graph", "urn:x:g"), "go with --endpoint"),
    (("--dataset-graphs",), "go with --endpoint"),
    (("--endpoint", "http://127.0.0.1:9/sparql", "--default-graph", "not an IRI"),
     "graph 'not an IRI' is not an absolute IRI"),
])
def test_graph_options_that_cannot_be_used(args, message):
    res = run_cli("sparql", ASK_RQ, *args)
    assert res.code == 2 and message in res.err, res.err


def test_the_dataset_restricts_a_real_endpoint(oxigraph):
    """Oxigraph (as Virtuoso) takes default-graph-uri; the in-memory server starts empty,
    so one graph is put there first."""
    import urllib.request

    req = urllib.request.Request(oxigraph.store_url + "?graph=urn:x:g", method="PUT",
                                 data=b"<urn:x:s> <urn:x:p> <urn:x:o> .",
                                 headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(req, timeout=10).close()
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    count = lambda *graphs: int(run_remote(  # noqa: E731
        oxigraph.query_url, text, connection=Connection(oxigraph.query_url,
                                                        default_graphs=graphs)).rows[0][0])
    assert count("urn:x:g") == 1
    assert count("urn:x:none") == 0


# -- the command line ---------------------------------------------------------------------------

def test_cli_failure_is_one_line_with_exit_code_2_and_no_trace():
    url = f"http://127.0.0.1:{free_port()}/query"
    proc = run_subprocess("sparql", ASK_RQ, "--endpoint", url, "--timeout", "5")
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"lmskg sparql: {ASK_RQ}: endpoint {url}: connection refused")
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_cli_failure_shows_the_trace_with_debug():
    url = f"http://127.0.0.1:{free_port()}/query"
    res = run_cli("sparql", ASK_RQ, "--endpoint", url, "--debug")
    assert res.code == 2
    assert "Traceback" in res.err and "connection refused" in res.err


def test_cli_timeout_is_configurable():
    with FakeServer([Reply(delay=30)]) as fake:
        res = run_cli("sparql", ASK_RQ, "--endpoint", fake.url + "/query", "--timeout", "0.2")
    assert res.code == 2
    assert "no answer within 0.2 s" in res.err


@pytest.mark.parametrize("fmt, expected", [("table", "yes\n"), ("csv", "boolean\r\ntrue\r\n"),
                                           ("tsv", "?boolean\ntrue\n")])
def test_cli_output_formats_on_an_endpoint(oxigraph, fmt, expected):
    res = run_cli("sparql", ASK_RQ, "--endpoint", oxigraph.query_url, "--format", fmt)
    # the in-memory server is empty: no owl:Class
    assert res.code == 0, res.err
    assert res.out == expected.replace("yes", "no").replace("true", "false")
