"""Real Oxigraph servers: the catalogue answered remotely as locally, read-only serving.

Two servers run per session on free loopback ports, both with the union default
graph: a writable in-memory one that ``publish`` fills through the Graph Store
Protocol, and the read-only endpoint ``lmskg serve`` runs on a database loaded from
the same TriG file (``served``, in conftest.py: Oxigraph behind the checking front).
Every catalogue question (whatever queries/*.rq hold when the tests run) and the
queries of tests/sparql/remote-queries must give the same multiset of rows on both
as on the embedded store. What the front refuses and bounds: test_confinement.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from tests.support.cli import REPO, run_cli
from lmskg.sparql.catalogue import load_catalogue
from lmskg.errors import QueryError
from lmskg.sparql.params import bind, bindings_for
from lmskg.ontology.namespaces import bind_prefixes
from lmskg.stores.dataset import load_trig
from lmskg.stores.publish import publish
from lmskg.sparql.local import run_local
from lmskg.sparql.remote import run_remote
from lmskg.sparql.results import Results, render
from lmskg.serve.oxigraph import Server, ServerError, free_port, prepare_database
from lmskg.ontology.index import load_ontology

pytestmark = pytest.mark.server

TEST_QUERIES = Path(__file__).resolve().parents[1] / "sparql" / "remote-queries"
# Oxigraph stores these as xsd:integer (see test_oxigraph_stores_derived_integers_as_integer)
_INTEGERS = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
             XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger,
             XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}
_NUMBERS = {XSD.decimal: "decimal", XSD.double: "double", XSD.float: "double",
            **{t: "integer" for t in _INTEGERS}}


# -- fixtures -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def local(trig_file):
    """The embedded store on the same file (default graph: union of the named graphs)."""
    return bind_prefixes(load_trig(trig_file))


@pytest.fixture(scope="session")
def published(trig_file):
    """A writable in-memory Oxigraph server, filled by ``publish``."""
    with Server(None, port=free_port(), read_only=False) as server:
        publish(trig_file, server.store_url, say=lambda line: None)
        yield server


# -- comparing answers ----------------------------------------------------------------------

def _term_key(term: object) -> tuple:
    """A term as two engines must agree on it.

    Blank nodes are all alike (their labels are local to each answer). Numbers
    compare by value to 12 significant digits: engines write different lexical
    forms ("1.50" and "1.5") and divide with different precision (rdflib 28
    digits, Oxigraph 18 decimals), and Oxigraph keeps derived integer types
    (xsd:nonNegativeInteger) as xsd:integer.
    """
    if term is None:
        return ("unbound",)
    if isinstance(term, BNode):
        return ("bnode",)
    if isinstance(term, URIRef):
        return ("iri", str(term))
    assert isinstance(term, Literal), term
    if term.language:
        return ("lit", str(term), term.language.lower())
    datatype = term.datatype or XSD.string
    if datatype in _NUMBERS:
        try:
            return ("num", _NUMBERS[datatype], float(f"{float(str(term)):.12g}"))
        except ValueError:
            pass
    return ("lit", str(term), str(datatype))


def multiset(res: Results) -> Counter:
    if res.boolean is not None:
        return Counter({("ask", res.boolean): 1})
    return Counter(tuple(sorted((v, _term_key(t)) for v, t in zip(res.variables, row)))
                   for row in res.rows)


def differences(local_res: Results, remote_res: Results) -> str:
    """Empty if both answers are the same multiset of rows; else a short report."""
    if set(local_res.variables) != set(remote_res.variables):
        return f"variables differ: {local_res.variables} vs {remote_res.variables}"
    a, b = multiset(local_res), multiset(remote_res)
    if a == b:
        return ""
    only_local, only_remote = list((a - b).elements()), list((b - a).elements())
    return (f"{len(only_local)} rows only local, e.g. {only_local[:3]}; "
            f"{len(only_remote)} rows only remote, e.g. {only_remote[:3]}")


def catalogue_texts(config) -> dict[str, str]:
    """Every catalogue question with its default parameters bound, by name."""
    ontology = load_ontology(config.ontology_file)
    return {name: bind(q.text, bindings_for(q, {}, ontology))
            for name, q in load_catalogue(config.queries_dir).items()}


_LOCAL_ANSWERS: dict[tuple[int, str], Results | None] = {}


def local_answer(local, text: str, name: str) -> Results | None:
    """The embedded store's answer (None if the runner refuses the query), computed once
    per session: both servers are compared with it."""
    key = (id(local), text)
    if key not in _LOCAL_ANSWERS:
        try:
            _LOCAL_ANSWERS[key] = run_local(local, text, name)
        except QueryError:  # not a SELECT/ASK: the runner refuses it locally and remotely
            _LOCAL_ANSWERS[key] = None
    return _LOCAL_ANSWERS[key]


def compare_all(texts: dict[str, str], local, endpoint: str) -> tuple[int, list[str]]:
    compared, problems = 0, []
    for name, text in sorted(texts.items()):
        expected = local_answer(local, text, name)
        if expected is None:
            continue
        got = run_remote(endpoint, text, timeout=60, where=name)
        diff = differences(expected, got)
        if diff:
            problems.append(f"{name}: {diff}")
        compared += 1
    return compared, problems


# -- the catalogue, remotely and locally ----------------------------------------------------

@pytest.mark.parametrize("server_name", ["published", "served"])
def test_every_catalogue_question_answers_remotely_as_locally(server_name, request, config,
                                                              local):
    texts = catalogue_texts(config)
    if not texts:
        pytest.skip(f"{config.queries_dir} holds no catalogue questions yet")
    server = request.getfixturevalue(server_name)
    compared, problems = compare_all(texts, local, server.query_url)
    assert not problems, "\n".join(problems)
    assert compared > 0
    print(f"{compared} of {len(texts)} catalogue questions compared on {server_name}")


CATALOGUE_STYLE = {
    "components.rq": """# title: Components of a regimen (a fixture in the catalogue's own format)
# param: regimen (regimen) = doxorubicin-75-q3w -- the regimen id
PREFIX lms: <https://w3id.org/lmskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?regimen ?component ?label WHERE {
  ?regimen lms:hasComponent ?component .
  OPTIONAL { ?component rdfs:label ?label }
}
""",
    "regimen-exists.rq": """# title: Is there such a regimen?
# param: regimen (regimen) = chemotherapy-radiation -- the regimen id
PREFIX lms: <https://w3id.org/lmskg/ontology#>
ASK { ?regimen lms:hasComponent ?component }
""",
}


def test_catalogue_comparison_binds_default_parameters(tmp_path, config, local, served):
    """The catalogue path (headers, default parameters bound through VALUES) on a
    catalogue of our own, so it is exercised before queries/ has questions."""
    from dataclasses import replace

    for name, text in CATALOGUE_STYLE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    texts = catalogue_texts(replace(config, queries_dir=tmp_path))
    assert "VALUES (?regimen) { (<https://w3id.org/lmskg/id/regimen/doxorubicin-75-q3w>) }" \
        in texts["components"]
    compared, problems = compare_all(texts, local, served.query_url)
    assert (compared, problems) == (2, [])
    rows = run_remote(served.query_url, texts["components"]).rows
    assert rows and {str(r[1]) for r in rows} == {"https://w3id.org/lmskg/id/therapy/doxorubicin"}


@pytest.mark.parametrize("server_name", ["published", "served"])
def test_quality_control_queries_answer_remotely_as_locally(server_name, request, config,
                                                            local):
    texts = {f"qc/{p.stem}": p.read_text(encoding="utf-8")
             for p in sorted((config.queries_dir / "qc").glob("*.rq"))}
    if not texts:
        pytest.skip("no queries/qc/*.rq")
    server = request.getfixturevalue(server_name)
    compared, problems = compare_all(texts, local, server.query_url)
    assert not problems, "\n".join(problems)
    assert compared == len(texts)


@pytest.mark.parametrize("server_name", ["published", "served"])
def test_test_queries_answer_remotely_as_locally(server_name, request, local):
    """Blank nodes, language tags, typed and computed literals, unbound values, ASK."""
    server = request.getfixturevalue(server_name)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in TEST_QUERIES.glob("*.rq")}
    compared, problems = compare_all(texts, local, server.query_url)
    assert not problems, "\n".join(problems)
    assert compared == len(texts) >= 9


def test_oxigraph_stores_derived_integers_as_integer(local, served):
    """Known difference (Oxigraph 0.5): oa:start is xsd:nonNegativeInteger in our data and
    on the embedded store, xsd:integer on the server. So datatype() differs, and so does a
    number written in a triple pattern (matched as a term, not a value); FILTER(?x = 0)
    compares values and agrees. If this fails, Oxigraph changed: update
    docs/remote-stores.md."""
    start = "<http://www.w3.org/ns/oa#start>"
    text = f"SELECT DISTINCT (datatype(?o) AS ?d) WHERE {{ ?s {start} ?o }}"
    assert {r[0] for r in run_local(local, text).rows} == {XSD.nonNegativeInteger}
    assert {r[0] for r in run_remote(served.query_url, text).rows} == {XSD.integer}
    in_pattern = f"ASK {{ ?s {start} 0 }}"
    assert run_local(local, in_pattern).boolean is False
    assert run_remote(served.query_url, in_pattern).boolean is True
    by_value = f"ASK {{ ?s {start} ?o FILTER(?o = 0) }}"
    assert run_local(local, by_value).boolean is True
    assert run_remote(served.query_url, by_value).boolean is True


def test_the_comparison_sees_a_difference(local, served):
    text = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"
    one = run_local(local, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2", "q")
    assert differences(one, run_remote(served.query_url, text)) != ""


def test_output_formats_are_the_same_remotely(local, served):
    text = (TEST_QUERIES / "labels.rq").read_text(encoding="utf-8")
    expected, got = run_local(local, text), run_remote(served.query_url, text)
    for fmt in ("table", "csv", "tsv", "json"):
        assert render(got, fmt) == render(expected, fmt), fmt


def test_query_command_on_an_endpoint(served):
    res = run_cli("query", str(TEST_QUERIES / "graphs.rq"), "--endpoint", served.query_url,
                  "--format", "csv")
    assert res.code == 0, res.err
    assert res.out.startswith("g,n\r\n")
    assert "https://w3id.org/lmskg/graph/ontology," in res.out


@pytest.mark.parametrize("query,param,message", [
    ("outcomes-for-regimen", "regimen=doxorubicn", "no regimen 'doxorubicn' in the graph"),
    ("options-for-biomarker", "biomarker=leiomyosarcoma",
     "'leiomyosarcoma' is not a biomarker term"),
])
def test_parameters_are_checked_against_the_endpoint(served, query, param, message):
    res = run_cli("query", query, "--param", param, "--endpoint", served.query_url)
    assert res.code == 2 and message in res.err, res.err


def test_every_named_graph_is_published(trig_file, local, published):
    res = run_remote(published.query_url,
                     "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    remote = {str(g): int(n) for g, n in res.rows}
    expected = {str(g.identifier): len(g) for g in local.graphs()
                if isinstance(g.identifier, URIRef) and len(g)}
    assert remote == expected
    assert any(name.startswith("https://w3id.org/lmskg/graph/source/") for name in remote)
    assert "https://w3id.org/lmskg/graph/inferred" in remote


# -- read-only serving ----------------------------------------------------------------------

def _http(method: str, url: str, body: bytes, content_type: str) -> tuple[int, str]:
    req = urllib.request.Request(url, data=body, method=method,
                                 headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_read_only_server_refuses_an_update(served):
    status, message = _http("POST", served.update_url,
                            b"INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }",
                            "application/sparql-update")
    assert status == 403, message
    assert "read-only" in message
    assert not run_remote(served.query_url, "ASK { <urn:x:s> ?p ?o }").boolean


def test_read_only_server_refuses_graph_store_writes(served):
    for method in ("PUT", "POST", "DELETE"):
        status, _ = _http(method, served.store_url + "?graph=urn:x:g",
                          b"<urn:x:s> <urn:x:p> <urn:x:o> .", "application/n-triples")
        assert status == 403, method


def test_publishing_to_the_read_only_server_fails_clearly(trig_file, served):
    res = run_cli("publish", "--build", str(trig_file.parent), "--endpoint", served.store_url)
    assert res.code == 2
    assert "HTTP 403" in res.err and "The server is read-only" in res.err
    assert "Traceback" not in res.err


def test_the_query_page_works_in_a_browser(served):
    with urllib.request.urlopen(served.url + "/", timeout=10) as response:
        page = response.read().decode()
        assert response.headers["Content-Type"].startswith("text/html")
    assert "yasgui" in page.lower()
    with urllib.request.urlopen(served.url + "/yasgui.min.js", timeout=10) as response:
        assert response.status == 200


# -- the database behind serve --------------------------------------------------------------

def test_database_is_reused_until_the_file_changes(tmp_path, trig_file):
    copy = tmp_path / "lmskg.trig"
    copy.write_bytes(trig_file.read_bytes())
    db, loaded = prepare_database(copy, tmp_path / "oxigraph")
    assert loaded and (db / "CURRENT").is_file()
    assert prepare_database(copy, tmp_path / "oxigraph") == (db, False)
    with open(copy, "a", encoding="utf-8") as fh:
        fh.write("<https://w3id.org/lmskg/graph/extra> { <urn:x:s> <urn:x:p> <urn:x:o> . }\n")
    assert prepare_database(copy, tmp_path / "oxigraph") == (db, True)
    with Server(db, port=free_port()) as server:
        assert run_remote(server.query_url, "ASK { <urn:x:s> ?p ?o }").boolean


def test_a_failed_load_keeps_the_previous_database(tmp_path, trig_file):
    copy = tmp_path / "lmskg.trig"
    copy.write_bytes(trig_file.read_bytes())
    db, _ = prepare_database(copy, tmp_path / "oxigraph")
    copy.write_text("<https://w3id.org/lmskg/graph/x> { <urn:x:s> <urn:x:p> ", encoding="utf-8")
    with pytest.raises(ServerError, match="loading .* failed: .*[Ee]rror"):
        prepare_database(copy, tmp_path / "oxigraph")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lmskg.trig", "oxigraph"]
    with Server(db, port=free_port()) as server:
        assert run_remote(server.query_url, "ASK { ?s ?p ?o }").boolean


def test_serve_needs_a_build(tmp_path):
    res = run_cli("serve", "--build", str(tmp_path), "--port", str(free_port()))
    assert res.code == 2
    assert "lmskg.trig does not exist: run 'lmskg build'" in res.err


def test_serve_refuses_a_port_in_use(trig_file):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = run_cli("serve", "--build", str(trig_file.parent), "--port", str(port))
    assert res.code == 2
    assert f"port {port} on 127.0.0.1 is in use" in res.err


def test_a_server_that_dies_at_start_is_reported(tmp_path):
    (tmp_path / "not-a-database").mkdir()
    with pytest.raises(ServerError, match="oxigraph exited at start .*No such file"):
        Server(tmp_path / "not-a-database", port=free_port()).start()


def test_a_missing_oxigraph_command_is_reported(monkeypatch, tmp_path):
    import shutil
    import sysconfig

    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(tmp_path))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ServerError, match="'oxigraph' command is not installed"):
        Server(tmp_path, port=free_port()).start()


def _fake_oxigraph(tmp_path, monkeypatch, script: str, mode: int = 0o755) -> None:
    exe = tmp_path / "oxigraph"
    exe.write_text(script, encoding="utf-8")
    exe.chmod(mode)
    monkeypatch.setattr("lmskg.serve.oxigraph.oxigraph_executable", lambda: str(exe))


def test_a_server_that_never_answers_is_stopped_and_reported(tmp_path, monkeypatch):
    _fake_oxigraph(tmp_path, monkeypatch, "#!/bin/sh\nexec sleep 30\n")
    server = Server(tmp_path, port=free_port(), ready_timeout=0.5)
    with pytest.raises(ServerError, match=r"oxigraph did not answer on http://127.0.0.1:\d+ "
                                          r"within 0.5 s"):
        server.start()
    assert server.process is None  # stopped, not left sleeping


def test_an_oxigraph_that_cannot_run_is_reported(tmp_path, monkeypatch):
    _fake_oxigraph(tmp_path, monkeypatch, "not a program", mode=0o644)
    with pytest.raises(ServerError, match="cannot start .*oxigraph: Permission denied"):
        Server(tmp_path, port=free_port()).start()


def test_serve_refuses_a_port_out_of_range(trig_file):
    res = run_cli("serve", "--build", str(trig_file.parent), "--port", "70000")
    assert res.code == 2
    assert "--port 70000 is not a TCP port (1-65535)" in res.err


def test_which_hosts_are_loopback():
    from lmskg.net.auth import is_loopback

    assert all(map(is_loopback, ["127.0.0.1", "127.0.0.2", "::1", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "192.0.2.1", "sparql.example.org"]))


# -- lmskg serve as a user runs it ----------------------------------------------------------

def _start_serve(build: Path, port: int, *more: str) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("lmskg")
    return subprocess.Popen([str(exe), "serve", "--build", str(build), "--port", str(port),
                             *more],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                            preexec_fn=_as_from_a_terminal)


def _as_from_a_terminal() -> None:
    """SIGINT delivered and handled by default in the server, as a terminal starts it. In
    the full suite (two xdist workers) the two SIGINT tests failed twice, the server never
    stopping, while they pass alone; with this they pass. The cause is not found: a plugin
    recording the worker's SIGINT handler and signal mask after every test of a whole run
    saw neither change."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _read_until_ready(proc: subprocess.Popen, timeout: float = 60) -> str:
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Ctrl-C stops the server"):
            return "".join(lines)
    raise AssertionError(f"serve did not get ready: {''.join(lines)}{proc.stderr.read()}")


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    if not path.is_file():
        pytest.skip("needs Linux /proc to find the oxigraph child")
    return [int(p) for p in path.read_text().split()]


def test_serve_reports_an_oxigraph_that_dies(trig_file):
    proc = _start_serve(trig_file.parent, free_port())
    try:
        _read_until_ready(proc)
        (child,) = _children(proc.pid)
        os.kill(child, signal.SIGKILL)  # the oxigraph server this test started, by its id
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 2
    assert "lmskg serve: oxigraph stopped unexpectedly (exit code -9)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_serve_says_where_it_listens_and_stops_cleanly(sig, trig_file):
    port = free_port()
    proc = _start_serve(trig_file.parent, port)
    try:
        started = time.monotonic()
        banner = _read_until_ready(proc)
        assert time.monotonic() - started < 30
        assert f"SPARQL endpoint:  http://127.0.0.1:{port}/query" in banner
        assert f"query page:       http://127.0.0.1:{port}/" in banner
        assert "read-only" in banner
        assert ("no SERVICE (federation off); 60 s per query and answer; cross-origin "
                "requests off (--cors allows them)") in banner
        res = run_cli("sparql", str(TEST_QUERIES / "ask.rq"), "--endpoint",
                      f"http://127.0.0.1:{port}/query")
        assert (res.code, res.out) == (0, "yes\n"), res.err
        os.kill(proc.pid, sig)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "server stopped" in out
    # a build directory without manifest.json: served, with a note
    assert "cannot confirm that" in err and "serving it as it is" in err
    assert "Traceback" not in err
    assert _nothing_listens(port)  # the oxigraph child is gone too


def test_serve_with_cors_allows_cross_origin_requests(trig_file):
    port = free_port()
    proc = _start_serve(trig_file.parent, port, "--cors", "--query-timeout", "0")
    try:
        banner = _read_until_ready(proc)
        assert "no query timeout; cross-origin requests allowed (--cors)" in banner
        request = urllib.request.Request(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D",
                                         headers={"Origin": "https://yasgui.example"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "*"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0


def _nothing_listens(port: int, wait: float = 10) -> bool:
    import socket

    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except ConnectionRefusedError:
            return True
        time.sleep(0.05)
    return False
