"""Publishing the dataset to a triple store, by the SPARQL 1.1 Graph Store Protocol.

Every named graph of ``lmskg.trig`` (ontology, vocabulary, one per source,
inferred) is sent whole with ``PUT <store>?graph=<graph IRI>``, which replaces
that graph and nothing else. So:

- publishing again gives the same store (idempotent);
- graphs of the store that the dataset does not name are never touched;
- if a request fails, publishing stops there: the graphs already replaced hold
  the new version, the others keep what they had (each PUT is one request;
  stores apply it whole or not at all), and the message lists both.

The whole file is parsed before the first request, so a broken file changes
nothing. Each graph travels as N-Triples labelled ``text/turtle`` (N-Triples
is a subset of Turtle, which every graph store accepts). Credentials come from
:mod:`lmskg.net.auth`: a bearer token is sent with every request; with a user and
password, one ``HEAD`` without a body first learns the scheme the store asks for
(Basic or Digest, :mod:`lmskg.net.httpauth`), so that every graph travels once, with
its credentials, and a Digest-only store (Virtuoso's ``/sparql-graph-crud-auth``) is
never sent Basic. A graph whose upload the store cut off (a Digest nonce it no longer
takes, answered before the body was read) is sent once more. Credentials are never
printed (every line goes through :func:`lmskg.net.redact.redact`) and never follow a
redirect to another origin (:mod:`lmskg.net.redirects`).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlencode

import pyoxigraph as ox

from ..version import __version__
from ..errors import RemoteError
from ..net.auth import Credentials, check_url, credentials_for, plain_http_warning
from ..net.http_errors import error_body, http_error, transport_errors
from ..net.httpauth import CredentialOpener
from ..net.redact import redact
from ..net.redirects import CredentialSafeRedirects

CONTENT_TYPE = "text/turtle; charset=utf-8"
OK_STATUSES = (200, 201, 204)
NOT_FOUND_HINT = "is this the graph store URL? Oxigraph's is /store"


@dataclass(frozen=True)
class GraphPayload:
    name: str  # the graph IRI
    body: bytes  # N-Triples
    triples: int


@dataclass(frozen=True)
class PublishSummary:
    endpoint: str
    graphs: tuple[str, ...]
    triples: int
    seconds: float


def graphs_of(trig: Path) -> list[GraphPayload]:
    """Every named graph of a TriG file as N-Triples, sorted by IRI; RemoteError if unfit."""
    if not trig.is_file():
        raise RemoteError(f"{trig} does not exist: run 'lmskg build' (or 'make build') first")
    groups: dict[str, list[ox.Triple]] = defaultdict(list)
    default = 0
    try:
        for quad in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                default += 1
            elif isinstance(quad.graph_name, ox.NamedNode):
                groups[quad.graph_name.value].append(quad.triple)
            else:
                raise RemoteError(f"{trig}: a graph is named by a blank node; a graph store "
                                  "needs an IRI for every graph")
    except SyntaxError as exc:  # pyoxigraph raises SyntaxError for malformed input
        raise RemoteError(f"{trig} does not parse as TriG: {exc}") from exc
    if default:
        raise RemoteError(f"{trig}: {default} triples are outside any named graph; "
                          "publishing replaces named graphs only")
    if not groups:
        raise RemoteError(f"{trig} has no named graphs: nothing to publish")
    return [GraphPayload(name, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
                         len(triples))
            for name, triples in sorted(groups.items())]


def graph_url(store: str, graph: str) -> str:
    """Indirect graph identification: ``<store>?graph=<encoded IRI>``."""
    return store + ("&" if "?" in store else "?") + urlencode({"graph": graph})


Opener = urllib.request.OpenerDirector | CredentialOpener


def _opener(store: str, creds: Credentials | None) -> Opener:
    if creds is None or creds.is_token:  # a token goes on each request (see put_graph)
        return urllib.request.build_opener(CredentialSafeRedirects(creds is not None))
    # Basic or Digest, as the store asks, from anywhere on the store's origin (a redirect
    # may lead there); the first PUT already carries them once learn() found the scheme
    return CredentialOpener(store, creds)


def _cut_off(exc: BaseException) -> bool:
    """Whether a failed request was cut off while its body was being sent."""
    cause = exc.__cause__
    reason = getattr(cause, "reason", cause)
    return isinstance(reason, (ConnectionResetError, BrokenPipeError))


def put_graph(opener: Opener, store: str, payload: GraphPayload,
              timeout: float, creds: Credentials | None) -> int:
    """PUT one graph; its HTTP status, or RemoteError with the server's message."""
    headers = {"Content-Type": CONTENT_TYPE, "User-Agent": f"lmskg/{__version__}"}
    if creds is not None and creds.is_token:
        # on the request, not the opener: a redirect handler copies it only within the origin
        headers["Authorization"] = f"Bearer {creds.password}"
    request = urllib.request.Request(graph_url(store, payload.name), data=payload.body,
                                     method="PUT", headers=headers)
    what = f"PUT <{payload.name}> to {store}"
    with transport_errors(what, timeout):
        try:
            with opener.open(request, timeout=timeout) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            raise RemoteError(http_error(what, exc.code, error_body(exc), creds is not None,
                                         NOT_FOUND_HINT)) from exc
    if status not in OK_STATUSES:
        raise RemoteError(redact(f"{what}: unexpected HTTP {status} (expected 200, 201 or "
                                 "204)"))
    return status


def publish(trig: Path, store: str, timeout: float = 60.0,
            say: Callable[[str], None] = print, environ: dict[str, str] | None = None,
            dry_run: bool = False) -> PublishSummary:
    """Replace every named graph of ``trig`` in the graph store at ``store``."""
    def tell(line: str) -> None:
        say(redact(line))

    check_url(store, "graph store")
    if not timeout or timeout <= 0:
        raise RemoteError(f"--timeout must be a positive number of seconds (got {timeout})")
    creds = credentials_for(store, environ)
    payloads = graphs_of(trig)
    total = sum(p.triples for p in payloads)
    if dry_run:
        for p in payloads:
            tell(f"  would replace <{p.name}>  ({p.triples} triples)")
        tell(f"dry run: {len(payloads)} graphs, {total} triples; nothing was sent to {store}")
        return PublishSummary(store, tuple(p.name for p in payloads), total, 0.0)
    warning = plain_http_warning(store, creds)
    if warning:
        tell(warning)
    opener = _opener(store, creds)
    agent = f"lmskg/{__version__}"
    start = time.monotonic()
    if isinstance(opener, CredentialOpener):
        opener.learn(graph_url(store, payloads[0].name), timeout, agent)
    done: list[str] = []
    for p in payloads:
        try:
            try:
                status = put_graph(opener, store, p, timeout, creds)
            except RemoteError as exc:
                # a store that refuses a Digest nonce may answer before reading the body
                # and close: a large graph is then cut off ("connection reset"). Learn the
                # challenge again and send the graph once more.
                if not (isinstance(opener, CredentialOpener) and _cut_off(exc)):
                    raise
                opener.learn(graph_url(store, p.name), timeout, agent)
                status = put_graph(opener, store, p, timeout, creds)
        except RemoteError as exc:
            untouched = [q.name for q in payloads if q.name not in done]
            raise RemoteError(redact(
                f"{exc}\n  replaced before the failure ({len(done)} of {len(payloads)}): "
                f"{', '.join(done) or 'none'}\n  left as they were in the store: "
                f"{', '.join(untouched)}\n  publishing again replaces every graph")) from exc
        done.append(p.name)
        tell(f"  replaced <{p.name}>  ({p.triples} triples, HTTP {status})")
    seconds = time.monotonic() - start
    tell(f"published {len(payloads)} graphs ({total} triples) to {store} in {seconds:.1f} s")
    return PublishSummary(store, tuple(done), total, seconds)
