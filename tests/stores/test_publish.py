"""Publishing by the Graph Store Protocol: idempotent PUTs, and every way it can fail.

A small TriG file stands in for the build (the real one is published in
test_server.py); a writable in-memory Oxigraph server is the store.
"""

from __future__ import annotations

import base64
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.cli import run_cli
from tests.support.httpfake import DigestStore, FakeServer, Reply, echo_headers, redirect
from lmskg.errors import RemoteError
from lmskg.stores.publish import graph_url, graphs_of, publish
from lmskg.sparql.remote import run_remote
from lmskg.serve.oxigraph import Server, free_port

pytestmark = pytest.mark.server

G = "https://w3id.org/lmskg/graph/"
TRIG = f"""@prefix ex: <urn:x:> .
<{G}ontology> {{ ex:Claim a <http://www.w3.org/2002/07/owl#Class> . }}
<{G}source/s001> {{ ex:c1 a ex:Claim ; ex:value 12 ; ex:quote "une \\"citation\\""@fr .
                   ex:c1 ex:node [ ex:p "in a blank node" ] . }}
<{G}source/s002> {{ ex:c2 a ex:Claim ; ex:value 30.5 . }}
"""
COUNTS = {f"{G}ontology": 1, f"{G}source/s001": 5, f"{G}source/s002": 2}
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@pytest.fixture
def build(tmp_path):
    (tmp_path / "lmskg.trig").write_text(TRIG, encoding="utf-8")
    return tmp_path


@pytest.fixture
def store():
    with Server(None, port=free_port(), read_only=False) as server:
        yield server


def _counts(server) -> dict[str, int]:
    return {str(g): int(n) for g, n in run_remote(server.query_url, PER_GRAPH).rows}


def _quiet(line: str) -> None:
    pass


def test_graphs_of_a_trig_file(build):
    payloads = graphs_of(build / "lmskg.trig")
    assert [(p.name, p.triples) for p in payloads] == sorted(COUNTS.items())
    assert b'"une \\"citation\\""@fr' in payloads[1].body


def test_graph_url_identifies_the_graph_indirectly():
    url = graph_url("http://h:7878/store", f"{G}source/s001")
    assert parse_qs(urlsplit(url).query) == {"graph": [f"{G}source/s001"]}
    assert graph_url("http://h/x?repo=1", "urn:g").startswith("http://h/x?repo=1&graph=")


def test_publish_puts_every_graph_and_is_idempotent(build, store):
    res = run_cli("publish", "--build", str(build), "--endpoint", store.store_url)
    assert res.code == 0, res.err
    assert f"published 3 graphs (8 triples) to {store.store_url}" in res.out
    assert _counts(store) == COUNTS
    again = run_cli("publish", "--build", str(build), "--endpoint", store.store_url)
    assert again.code == 0, again.err
    assert _counts(store) == COUNTS  # replaced, not added to
    assert run_remote(store.query_url, 'ASK { ?s <urn:x:quote> "une \\"citation\\""@fr }').boolean


def test_publish_replaces_changed_graphs_and_leaves_others_alone(build, store):
    other = "urn:x:someone-elses-graph"
    import urllib.request

    req = urllib.request.Request(graph_url(store.store_url, other), method="PUT",
                                 data=b"<urn:x:a> <urn:x:b> <urn:x:c> .",
                                 headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(req, timeout=10).close()
    publish(build / "lmskg.trig", store.store_url, say=_quiet)
    (build / "lmskg.trig").write_text(TRIG.replace("ex:value 30.5 .", "ex:value 31 ."),
                                      encoding="utf-8")
    publish(build / "lmskg.trig", store.store_url, say=_quiet)
    assert _counts(store) == {**COUNTS, other: 1}
    assert run_remote(store.query_url, "ASK { <urn:x:c2> <urn:x:value> 31 }").boolean
    assert not run_remote(store.query_url, "ASK { <urn:x:c2> <urn:x:value> 30.5 }").boolean


def test_a_failure_stops_and_says_which_graphs_were_replaced(build):
    script = [Reply(status=201), Reply(status=204), Reply(status=500, body=b"disk full")]
    with FakeServer(script) as fake:
        with pytest.raises(RemoteError) as exc:
            publish(build / "lmskg.trig", fake.url + "/store", say=_quiet)
        assert len(fake.requests) == 3  # nothing sent after the failure
    message = str(exc.value)
    assert f"PUT <{G}source/s002> to {fake.url}/store: HTTP 500 Internal Server Error: " \
           "disk full" in message
    assert f"replaced before the failure (2 of 3): {G}ontology, {G}source/s001" in message
    assert f"left as they were in the store: {G}source/s002" in message
    assert all(r.method == "PUT" and r.headers["Content-Type"].startswith("text/turtle")
               for r in fake.requests)


def test_a_failed_publish_leaves_the_graphs_already_there(build, store):
    """Against the real store, through a proxy that passes the first PUT on and then
    fails: the first graph holds the new version, the others the old one."""
    import urllib.request

    publish(build / "lmskg.trig", store.store_url, say=_quiet)
    (build / "lmskg.trig").write_text(TRIG.replace("ex:Claim a", "ex:Claim ex:new 1 ; a")
                                      .replace("ex:value 30.5 .", "ex:value 31 ."),
                                      encoding="utf-8")

    def proxy(req):
        if len(proxy.passed) >= 1:
            return Reply(status=503, body=b"going down")
        forward = urllib.request.Request(store.url + req.path, data=req.body, method=req.method,
                                         headers={"Content-Type": req.headers["Content-Type"]})
        with urllib.request.urlopen(forward, timeout=10) as response:
            proxy.passed.append(req.path)
            return Reply(status=response.status)
    proxy.passed = []

    with FakeServer(proxy) as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store")
    assert res.code == 2
    assert "HTTP 503 Service Unavailable: going down" in res.err
    assert f"replaced before the failure (1 of 3): {G}ontology" in res.err
    assert run_remote(store.query_url, "ASK { <urn:x:Claim> <urn:x:new> 1 }").boolean
    assert run_remote(store.query_url, "ASK { <urn:x:c2> <urn:x:value> 30.5 }").boolean
    assert _counts(store) == {**COUNTS, f"{G}ontology": 2}


def test_an_unexpected_success_status_is_not_taken_for_success(build):
    with FakeServer([Reply(status=202, body=b"queued")]) as fake:
        with pytest.raises(RemoteError, match=r"unexpected HTTP 202 \(expected 200, 201 or "
                                              r"204\)"):
            publish(build / "lmskg.trig", fake.url + "/store", say=_quiet)
        assert len(fake.requests) == 1


def test_dry_run_sends_nothing(build):
    with FakeServer([Reply(status=500)]) as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store",
                      "--dry-run")
        assert fake.requests == []
    assert res.code == 0, res.err
    assert f"would replace <{G}source/s001>  (5 triples)" in res.out
    assert "dry run: 3 graphs, 8 triples; nothing was sent" in res.out


def test_publish_to_a_closed_port(build):
    url = f"http://127.0.0.1:{free_port()}/store"
    res = run_cli("publish", "--build", str(build), "--endpoint", url)
    assert res.code == 2
    assert f"PUT <{G}ontology> to {url}: connection refused" in res.err
    assert "replaced before the failure (0 of 3): none" in res.err
    assert "Traceback" not in res.err


def test_publish_timeout(build):
    with FakeServer([Reply(delay=30)]) as fake:
        started = time.monotonic()
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store",
                      "--timeout", "0.3")
        assert time.monotonic() - started < 5
    assert res.code == 2
    assert "no answer within 0.3 s" in res.err


def test_publish_to_the_query_endpoint_by_mistake(build, store):
    with pytest.raises(RemoteError, match=r"HTTP 40\d .*\(is this the graph store URL\? "
                                          r"Oxigraph's is /store\)"):
        publish(build / "lmskg.trig", store.query_url, say=_quiet)


def test_publish_needs_a_build(tmp_path):
    res = run_cli("publish", "--build", str(tmp_path), "--endpoint", "http://127.0.0.1:9/store")
    assert res.code == 2
    assert "lmskg.trig does not exist: run 'lmskg build'" in res.err


@pytest.mark.parametrize("text, message", [
    (f"<{G}x> {{ <urn:a> <urn:b> ", "does not parse as TriG"),
    ("<urn:a> <urn:b> <urn:c> .", "1 triples are outside any named graph"),
    ("", "has no named graphs"),
    ("_:g { <urn:a> <urn:b> <urn:c> . }", "a graph is named by a blank node"),
])
def test_a_file_unfit_to_publish_sends_nothing(tmp_path, text, message):
    (tmp_path / "lmskg.trig").write_text(text, encoding="utf-8")
    with FakeServer([Reply(status=204)]) as fake:
        with pytest.raises(RemoteError, match=message):
            publish(tmp_path / "lmskg.trig", fake.url + "/store", say=_quiet)
        assert fake.requests == []


# -- credentials --------------------------------------------------------------------------------

def _auth_store(expected: str):
    def reply(req):
        if req.headers.get("Authorization") != expected:
            return Reply(status=401, body=b"login required",
                         headers={"WWW-Authenticate": 'Basic realm="store"'})
        return Reply(status=204)
    return FakeServer(reply)


def test_credentials_from_the_environment_are_used_and_never_printed(build, monkeypatch):
    monkeypatch.setenv("LMSKG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("LMSKG_ENDPOINT_PASSWORD", "s3cret")
    with _auth_store("Basic YWxpY2U6czNjcmV0") as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store")
        authorised = [r for r in fake.requests if "Authorization" in r.headers]
    assert res.code == 0, res.err
    assert len(authorised) == 3  # one accepted PUT per graph
    assert "s3cret" not in res.out + res.err


def test_a_bearer_token_from_the_environment(build, monkeypatch):
    """QLever, for one, wants its access token as a bearer token."""
    monkeypatch.setenv("LMSKG_ENDPOINT_TOKEN", "tok-s3cret")
    with _auth_store("Bearer tok-s3cret") as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store")
        assert len(fake.requests) == 3  # sent up front, no challenge round trip
    assert res.code == 0, res.err
    assert "tok-s3cret" not in res.out + res.err


def test_refused_credentials(build, monkeypatch):
    monkeypatch.setenv("LMSKG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("LMSKG_ENDPOINT_PASSWORD", "not-it")
    with _auth_store("Basic YWxpY2U6czNjcmV0") as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store",
                      "--debug")
    assert res.code == 2
    assert "HTTP 401 Unauthorized: login required (the credentials were refused)" in res.err
    assert "not-it" not in res.out + res.err


def test_missing_credentials_say_how_to_give_them(build):
    with _auth_store("Basic YWxpY2U6czNjcmV0") as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store")
    assert res.code == 2
    assert ("(set $LMSKG_ENDPOINT_USER and $LMSKG_ENDPOINT_PASSWORD, $LMSKG_NETRC, or "
            "$LMSKG_ENDPOINT_TOKEN)") in res.err


def test_credentials_in_the_url_are_refused(build):
    res = run_cli("publish", "--build", str(build), "--endpoint",
                  "http://alice:s3cret@127.0.0.1:9/store")
    assert res.code == 2
    assert "URL carries credentials" in res.err
    assert "s3cret" not in res.out + res.err


def test_credentials_over_plain_http_to_another_host_are_warned_about():
    from lmskg.net.auth import Credentials, plain_http_warning

    creds = Credentials("alice", "s3cret", "test")
    assert plain_http_warning("http://store.example.org/store", creds) == (
        "warning: sending credentials to store.example.org over plain http; use https")
    assert plain_http_warning("https://store.example.org/store", creds) is None
    assert plain_http_warning("http://127.0.0.1:7878/store", creds) is None
    assert plain_http_warning("http://store.example.org/store", None) is None
    assert "s3cret" not in repr(creds) + str(creds)


# -- credentials never show, never travel to another origin ------------------------------------

TOKEN = "tok-s3cret-0d9f7a"
PASSWORD = "pa55-s3cret"
BASIC = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
USER_ENV = {"LMSKG_ENDPOINT_USER": "alice", "LMSKG_ENDPOINT_PASSWORD": PASSWORD}
CREDENTIALS = {  # the environment, the challenge a store sends, what must never show
    "bearer": ({"LMSKG_ENDPOINT_TOKEN": TOKEN}, "", (TOKEN,)),
    "basic": (USER_ENV, 'Basic realm="store"', (PASSWORD, BASIC)),
    "digest": (USER_ENV, 'Digest realm="store", nonce="n0nce", qop="auth"', (PASSWORD,)),
}


def _use(monkeypatch, kind: str) -> tuple[str, tuple[str, ...]]:
    env, challenge, secrets = CREDENTIALS[kind]
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return challenge, secrets


@pytest.mark.parametrize("kind", sorted(CREDENTIALS))
@pytest.mark.parametrize("status", [400, 500])
@pytest.mark.parametrize("debug", [(), ("--debug",)])
def test_a_stores_message_that_echoes_the_request_shows_no_credentials(build, monkeypatch,
                                                                     kind, status, debug):
    challenge, secrets = _use(monkeypatch, kind)
    with FakeServer(echo_headers(status, challenge)) as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store",
                      *debug)
        sent = fake.requests[-1].headers["Authorization"]  # sent, and echoed
    assert res.code == 2
    assert f"HTTP {status}" in res.err
    assert "Authorization: [redacted] " in res.err and "Connection: close" in res.err
    assert "replaced before the failure (0 of 3)" in res.err
    if kind == "digest":  # the password never travels; the response hash must not show either
        secrets += tuple(re.findall(r'response="([0-9a-f]+)"', sent))
        assert len(secrets) == 2
    assert not [s for s in secrets if s in res.out + res.err]


@pytest.mark.parametrize("kind", ["bearer", "basic"])
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_origin_is_refused_with_credentials(build, monkeypatch, kind,
                                                                 status):
    challenge, secrets = _use(monkeypatch, kind)

    def store(req):  # asks for the credentials, then sends them elsewhere
        if challenge and "Authorization" not in req.headers:
            return Reply(status=401, headers={"WWW-Authenticate": challenge})
        return redirect(graph_url(other.url + "/store", f"{G}ontology"), status)

    with FakeServer([Reply(status=204)]) as other, FakeServer(store) as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store")
        assert other.requests == []  # nothing was sent there, credentials least of all
    assert res.code == 2
    assert (f"PUT <{G}ontology> to {fake.url}/store: redirected (HTTP {status}) to "
            f"{other.url}/store?graph=") in res.err
    assert "another origin; credentials are never sent to another origin" in res.err
    assert "replaced before the failure (0 of 3): none" in res.err
    assert not [s for s in secrets if s in res.out + res.err]


@pytest.mark.parametrize("kind", ["bearer", "basic"])
@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_on_the_same_origin_keeps_the_credentials_and_the_graph(build, monkeypatch,
                                                                          kind, status):
    """A PUT stays a PUT, with its body, whatever the redirect status but 303."""
    _use(monkeypatch, kind)
    expected = f"Bearer {TOKEN}" if kind == "bearer" else f"Basic {BASIC}"

    def store(req):
        if req.headers.get("Authorization") != expected:
            return Reply(status=401, headers={"WWW-Authenticate": 'Basic realm="store"'})
        if req.path.startswith("/store?"):
            return redirect(req.path.replace("/store", "/data/store"), status)
        return Reply(status=204)

    with FakeServer(store) as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store")
        sent = {r.path: r.body for r in fake.requests if r.path.startswith("/store?")}
        arrived = [r for r in fake.requests if r.path.startswith("/data/store?")]
    accepted = [r for r in arrived if r.headers.get("Authorization") == expected]
    assert res.code == 0, res.err
    assert all(r.method == "PUT" and r.headers["Content-Type"].startswith("text/turtle")
               for r in arrived)
    assert sorted(r.path for r in accepted) == sorted(f"/data{path}" for path in sent)
    assert all(r.body == sent[r.path.removeprefix("/data")] != b"" for r in accepted)
    if kind == "bearer":  # sent up front every time; Basic after the store asks for it
        assert accepted == arrived


def test_a_redirect_to_another_origin_is_followed_without_credentials(build):
    with FakeServer([Reply(status=204)]) as other, \
            FakeServer(lambda req: redirect(other.url + req.path, 307)) as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store")
        assert [(r.method, "Authorization" in r.headers) for r in other.requests] \
            == [("PUT", False)] * 3
    assert res.code == 0, res.err


# -- Digest: a store that takes nothing else (Virtuoso's /sparql-graph-crud-auth) --------------

def _digest_env(monkeypatch, password: str = PASSWORD) -> None:
    monkeypatch.setenv("LMSKG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("LMSKG_ENDPOINT_PASSWORD", password)


def test_publish_to_a_digest_only_store_replaces_every_graph_twice(build, monkeypatch):
    """Virtuoso answered Basic sent up front after the first graph with a bare 401:
    1 of 3 graphs, then 'HTTP 401'. Every PUT must carry Digest, never Basic, and
    travel once."""
    _digest_env(monkeypatch)
    store = DigestStore("alice", PASSWORD)
    with FakeServer(store.reply, early=store.early) as fake:
        for _ in range(2):
            res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store")
            assert res.code == 0, res.err
            assert "published 3 graphs (8 triples)" in res.out
        puts = [r for r in fake.requests if r.method == "PUT"]
        heads = [r for r in fake.requests if r.method == "HEAD"]
    assert len(puts) == 6 and len(store.accepted) == 6  # each graph once per run
    assert all(r.headers["Authorization"].startswith("Digest ") for r in puts)
    assert not [r for r in fake.requests if r.headers.get("Authorization", "").startswith("Basic")]
    assert len(heads) == 2 and not [r for r in heads if "Authorization" in r.headers]
    assert PASSWORD not in res.out + res.err


def test_a_large_graph_travels_once_with_its_digest_credentials(tmp_path, monkeypatch):
    """urllib sends a body first without credentials; Virtuoso answers that 401 before
    reading it and closes, and a graph of some MB ended in 'connection reset'."""
    _digest_env(monkeypatch)
    lines = "".join(f"<urn:x:s{i}> <urn:x:p> \"a value long enough to fill the pipe {i}\" .\n"
                    for i in range(60_000))
    (tmp_path / "lmskg.trig").write_text(f"<{G}big> {{\n{lines}}}\n", encoding="utf-8")
    store = DigestStore("alice", PASSWORD)
    with FakeServer(store.reply, early=store.early) as fake:
        summary = publish(tmp_path / "lmskg.trig", fake.url + "/store", say=_quiet)
        assert [r.method for r in fake.requests] == ["HEAD", "PUT"]
    assert summary.triples == 60_000
    assert len(store.accepted) == 1 and len(store.accepted[0].body) > 4_000_000


def test_a_graph_cut_off_by_an_expired_nonce_is_sent_once_more(tmp_path, monkeypatch):
    """The store takes each nonce twice; the third large PUT meets a new challenge before
    its body is read, and a reset connection: publish learns the new nonce and sends
    that graph again, once."""
    _digest_env(monkeypatch)
    lines = "".join(f"<urn:x:s{i}> <urn:x:p> \"a value long enough to fill the pipe {i}\" .\n"
                    for i in range(25_000))
    (tmp_path / "lmskg.trig").write_text(
        "".join(f"<{G}g{n}> {{\n{lines}}}\n" for n in range(3)), encoding="utf-8")
    store = DigestStore("alice", PASSWORD, max_uses=2)
    with FakeServer(store.reply, early=store.early) as fake:
        summary = publish(tmp_path / "lmskg.trig", fake.url + "/store", say=_quiet)
        methods = [r.method for r in fake.requests]
    assert summary.graphs == (f"{G}g0", f"{G}g1", f"{G}g2")
    assert [r.path for r in store.accepted] == [graph_url("/store", f"{G}g{n}")
                                               for n in range(3)]
    assert methods == ["HEAD", "PUT", "PUT", "PUT", "HEAD", "PUT"]


def test_wrong_digest_credentials_are_refused_after_one_answer(build, monkeypatch):
    _digest_env(monkeypatch, "not-it")
    store = DigestStore("alice", PASSWORD)
    with FakeServer(store.reply, early=store.early) as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store")
        puts = [r for r in fake.requests if r.method == "PUT"]
    assert res.code == 2
    assert "HTTP 401 Unauthorized (the credentials were refused)" in res.err
    assert "replaced before the failure (0 of 3): none" in res.err
    assert len(puts) == 2  # up front, then one answer to the new challenge
    assert "not-it" not in res.out + res.err


def test_a_basic_store_gets_basic_up_front_from_the_first_graph(build, monkeypatch):
    monkeypatch.setenv("LMSKG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("LMSKG_ENDPOINT_PASSWORD", "s3cret")
    with _auth_store("Basic YWxpY2U6czNjcmV0") as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store")
        puts = [r for r in fake.requests if r.method == "PUT"]
    assert res.code == 0, res.err
    assert [r.headers.get("Authorization") for r in puts] == ["Basic YWxpY2U6czNjcmV0"] * 3


def test_a_digest_store_redirecting_to_another_origin_gets_nothing(build, monkeypatch):
    _digest_env(monkeypatch)
    store = DigestStore("alice", PASSWORD,
                        ok=lambda req: redirect(graph_url(other.url + "/store", f"{G}x"), 307))
    with FakeServer([Reply(status=204)]) as other, \
            FakeServer(store.reply, early=store.early) as fake:
        res = run_cli("publish", "--build", str(build), "--endpoint", fake.url + "/store")
        assert other.requests == []
    assert res.code == 2
    assert "another origin; credentials are never sent to another origin" in res.err
