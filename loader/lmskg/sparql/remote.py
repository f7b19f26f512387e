"""Running a query on any SPARQL 1.1 endpoint, through SPARQLWrapper.

:func:`run_remote` sends a SELECT or ASK query (URL-encoded POST, as the SPARQL
1.1 Protocol allows for every query), asks for SPARQL 1.1 JSON results by
content negotiation only, and turns the answer into the same
:class:`~lmskg.results.Results` the embedded store gives: rdflib ``URIRef``,
``Literal`` (language or datatype kept) and ``BNode`` terms, ``None`` where a
variable is unbound.

Every failure is a :class:`~lmskg.errors.RemoteError` (exit code 2) that says
what happened in one line: connection refused, a host that does not resolve, no
answer within the timeout, an HTTP error with the server's own message, or an
answer that is not SPARQL results. The timeout bounds connecting, each read and
the whole download, so a call gives up after at most about twice ``timeout``.

SPARQLWrapper builds the request (form-encoded POST, content negotiation); lmskg
sends it with its own urllib opener, whose redirect handler never takes the
credentials to another origin (:mod:`lmskg.net.redirects`), and every message goes
through :func:`lmskg.net.redact.redact`. A bearer token goes on every request; a user
and password go as Basic up front and, if the endpoint asks for Digest (Virtuoso's
``/sparql-auth`` takes nothing else), as Digest from then on (:mod:`lmskg.net.httpauth`).
A :class:`Connection` keeps what it learnt for the next query to the same endpoint.

The dataset of a query is the endpoint's default unless ``default_graphs`` and
``named_graphs`` are given: they are sent as the SPARQL 1.1 Protocol's
``default-graph-uri`` and ``named-graph-uri`` parameters. Virtuoso's default graph,
for one, holds every graph of the store, its own system graphs included;
:func:`dataset_graphs` finds the graphs of lmskg's dataset on an endpoint.

Unlike the embedded store, a remote query may use ``SERVICE``: federation is
the remote endpoint's business.
"""

from __future__ import annotations

import copy
import json
import re
import sys
import time
import urllib.error
import urllib.request
import warnings
from typing import Any, Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import parser as sparql_parser
from SPARQLWrapper import ASK, JSON, POST, SELECT, SPARQLWrapper

from ..version import __version__
from ..errors import QueryError, RemoteError
from ..net.auth import check_url, credentials_for, plain_http_warning
from ..net.http_errors import error_body, http_error, server_message, transport_errors
from ..net.httpauth import CredentialOpener
from ..net.redact import redact
from ..net.redirects import CredentialSafeRedirects
from ..ontology.namespaces import GRAPH
from .parse import query_form
from .results import Results, Term

RESULTS_JSON = ("application/sparql-results+json", "application/json")
NOT_FOUND_HINT = "check the URL: Oxigraph's query endpoint is /query, Fuseki's /DATASET/sparql"
_CHUNK = 1 << 16


class Connection:
    """One endpoint, its credentials (read once) and the dataset every query is asked of.

    Queries through one connection share what the opener learnt (Digest rather than
    Basic), and the plain-http warning is printed once."""

    def __init__(self, endpoint: str, environ: dict[str, str] | None = None,
                 default_graphs: Iterable[str] = (), named_graphs: Iterable[str] = ()):
        self.endpoint = check_url(endpoint, "endpoint")
        self.default_graphs = tuple(default_graphs)
        self.named_graphs = tuple(named_graphs)
        for uri in self.default_graphs + self.named_graphs:
            check_graph_uri(uri)
        self.creds = credentials_for(endpoint, environ)
        if self.creds is not None:
            warning = plain_http_warning(endpoint, self.creds)
            if warning:
                print(warning, file=sys.stderr)
        self.opener: urllib.request.OpenerDirector | CredentialOpener
        if self.creds is None or self.creds.is_token:
            self.opener = urllib.request.build_opener(
                CredentialSafeRedirects(self.creds is not None))
        else:  # Basic up front, Digest once the endpoint asks for it
            self.opener = CredentialOpener(endpoint, self.creds, basic_up_front=True)

    @property
    def with_credentials(self) -> bool:
        return self.creds is not None


def check_graph_uri(uri: str) -> str:
    """A graph name for default-graph-uri or named-graph-uri: an absolute IRI."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+", uri):
        raise QueryError(f"graph {uri!r} is not an absolute IRI "
                         "(e.g. https://w3id.org/lmskg/graph/ontology)")
    return uri


def run_remote(endpoint: str, text: str, timeout: float = 30.0, where: str = "query",
               environ: dict[str, str] | None = None,
               connection: Connection | None = None) -> Results:
    """Run a SELECT or ASK query on ``endpoint`` (through ``connection`` if given, which
    also says the dataset); RemoteError on any failure."""
    check_url(endpoint, "endpoint")
    if not timeout or timeout <= 0:
        raise RemoteError(f"--timeout must be a positive number of seconds (got {timeout})")
    form = query_form(text)
    if form not in (SELECT, ASK):
        raise QueryError(f"{where}: only SELECT and ASK queries can be run on an endpoint "
                         f"(found {form})")
    conn = connection if connection is not None else Connection(endpoint, environ)
    sw = SPARQLWrapper(endpoint, agent=f"lmskg/{__version__} (SPARQLWrapper)")
    with warnings.catch_warnings():  # SPARQLWrapper warns about forms it cannot detect
        warnings.simplefilter("ignore")
        sw.setQuery(text)
    sw.queryType = form  # its own guess is fooled by comment lines (see query_form)
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    sw.setOnlyConneg(True)  # standard content negotiation, no format=json parameters
    for uri in conn.default_graphs:
        sw.addDefaultGraph(uri)
    for uri in conn.named_graphs:
        sw.addNamedGraph(uri)
    if conn.creds is not None and conn.creds.is_token:
        sw.addCustomHttpHeader("Authorization", f"Bearer {conn.creds.password}")
    prefix = f"{where}: endpoint {endpoint}"
    # SPARQLWrapper's own query() would send the request with urllib's default opener,
    # which forwards the Authorization header to wherever a redirect points, and knows
    # Digest only through a process-wide opener; the timeout is given to open()
    # (SPARQLWrapper's setTimeout() would round it to whole seconds). _createRequest() is
    # SPARQLWrapper's own (2.0.0, pinned in requirements.lock)
    request = sw._createRequest()
    body, content_type = _fetch(conn.opener, request, timeout, prefix, conn.with_credentials)
    return parse_results(body, content_type, sw.queryType == ASK, prefix)


DATASET_GRAPHS = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                  f"FILTER(STRSTARTS(STR(?g), \"{GRAPH}\")) }} ORDER BY ?g")


def dataset_graphs(connection: Connection, timeout: float = 30.0) -> tuple[str, ...]:
    """The named graphs of lmskg's dataset (``{GRAPH}...``) the endpoint holds, asked of
    the endpoint's own default dataset; RemoteError if it holds none."""
    plain = copy.copy(connection)  # the same opener, the endpoint's own dataset
    plain.default_graphs = plain.named_graphs = ()
    res = run_remote(connection.endpoint, DATASET_GRAPHS, timeout, "--dataset-graphs",
                     connection=plain)
    graphs = tuple(str(row[0]) for row in res.rows if isinstance(row[0], URIRef))
    if not graphs:
        raise RemoteError(f"--dataset-graphs: endpoint {connection.endpoint} holds no graph "
                          f"named {GRAPH}...; publish the dataset there first (lmskg publish)")
    return graphs


def _fetch(opener: urllib.request.OpenerDirector | CredentialOpener,
           request: urllib.request.Request,
           timeout: float, prefix: str, with_credentials: bool) -> tuple[bytes, str]:
    deadline = time.monotonic() + timeout
    with transport_errors(prefix, timeout, "; is this a SPARQL endpoint?"):
        try:
            with opener.open(request, timeout=timeout) as response:
                chunks = []
                while True:
                    chunk = response.read1(_CHUNK)  # what has arrived: check the deadline often
                    if not chunk:
                        break
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise RemoteError(redact(f"{prefix}: the answer did not arrive "
                                                 f"within {timeout:g} s (raise --timeout)"))
                content_type = response.headers.get("Content-Type", "") or ""
            return b"".join(chunks), content_type
        except urllib.error.HTTPError as exc:
            raise RemoteError(http_error(prefix, exc.code, error_body(exc), with_credentials,
                                         NOT_FOUND_HINT)) from exc


# -- SPARQL 1.1 Query Results JSON ------------------------------------------------------------

def parse_results(body: bytes, content_type: str, ask: bool, prefix: str = "endpoint") -> Results:
    """SPARQL JSON results as :class:`Results`; RemoteError if they are anything else."""
    mime = content_type.split(";")[0].strip().lower()
    if mime not in RESULTS_JSON:
        hint = server_message(body)
        raise RemoteError(redact(f"{prefix}: the answer is not SPARQL results (content type "
                                 f"{mime or 'missing'}{': ' + hint[:120] if hint else ''}); "
                                 "is the URL the query endpoint?"))
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        # a server that fails while streaming (its own query timeout, say) can only
        # append its message to an answer already begun: show how the answer ends
        tail = server_message(body, tail=True)
        raise RemoteError(redact(f"{prefix}: the answer is not valid JSON ({exc}); it ends "
                                 f"with {tail[-120:]!r} (did the server stop the query while "
                                 "sending it, for example at its own timeout?)")) from exc
    try:
        return _results(doc, ask)
    except (KeyError, TypeError, ValueError) as exc:
        raise RemoteError(redact(f"{prefix}: the answer is not SPARQL JSON results: "
                                 f"{exc}")) from exc


def _results(doc: Any, ask: bool) -> Results:
    if not isinstance(doc, dict) or not isinstance(doc.get("head"), dict):
        raise ValueError("no 'head' object")
    if ask:
        if not isinstance(doc.get("boolean"), bool):
            raise ValueError("an ASK query needs a 'boolean' answer")
        return Results((), (), doc["boolean"])
    variables = doc["head"].get("vars")
    bindings = (doc.get("results") or {}).get("bindings") if isinstance(
        doc.get("results"), dict) else None
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise ValueError("'head.vars' is not a list of names")
    if not isinstance(bindings, list):
        raise ValueError("no 'results.bindings' list")
    rows = []
    for binding in bindings:
        if not isinstance(binding, dict):
            raise ValueError("a binding is not an object")
        rows.append(tuple(_term(binding[v]) if v in binding else None for v in variables))
    return Results(tuple(variables), tuple(rows))


def _term(node: Any) -> Term:
    if not isinstance(node, dict) or not isinstance(node.get("value"), str):
        raise ValueError(f"a bound value is not a term: {redact(str(node))[:80]}")
    kind, value = node.get("type"), node["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):  # typed-literal: the SPARQL 1.0-era JSON form
        lang = node.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        datatype = node.get("datatype")
        if datatype and datatype != str(XSD.string):
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value)  # RDF 1.1: a simple literal is an xsd:string
    raise ValueError(f"unsupported term type {kind!r}")
