"""The HTTP front of ``lmskg serve``: what clients talk to, in front of Oxigraph.

Oxigraph runs on an internal loopback port (:mod:`.endpoint`); this server listens
where the user asked and passes on only what is safe:

- a query (``/query``, ``/sparql``) only once :mod:`.protocol` has parsed it and
  found no ``SERVICE`` and no update; the engine gets the checked text;
- the query page and its files, and ``/store`` read with ``GET``/``HEAD``;
- writes (``/update``, ``PUT``/``POST``/``DELETE`` on ``/store``) get 403, as
  from a read-only Oxigraph;
- the graph's own IRIs at their paths (``/id/claim/s000-c26``, ``/graph/...``,
  ``/ontology``), by content negotiation (:mod:`.negotiate`, :mod:`.resources`): RDF from
  the engine (a CONSTRUCT the front writes itself), HTML as a 303 to the site's page;
- with a site (``build/site``), its files (:mod:`.static`); any other path 404.

Every answer is bounded: with a query timeout, an answer still streaming when it
expires is cut (the chunked body ends with a line saying so and no final chunk, so
an HTTP client reports an incomplete answer). Requests are bounded by
:mod:`.limits`. Cross-origin requests are allowed only with ``cors=True``.
"""

from __future__ import annotations

import http.client
import io
import socket
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .limits import (HEADER_GRACE, WRITE_TIMEOUT, Admission, DeadlineReader, Limits, Lingerer,
                     linger, refuse_connection)
from .protocol import QUERY_PATHS, READ_ONLY, Forward, Refusal, media_type, query_request
from .resources import resource_iri
from .routes import SiteRoutes

STATIC = ("/", "/yasgui.min.css", "/yasgui.min.js", "/logo.svg")
# not passed on: hop-by-hop, framing (the front frames its own answer), and the front's own
_DROPPED = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
            "proxy-authenticate", "proxy-authorization", "content-length", "server", "date",
            "access-control-allow-origin", "access-control-allow-methods",
            "access-control-allow-headers"}
_PASSED = ("Host", "Accept", "Accept-Language", "User-Agent")  # request headers the engine sees
WRITE_GRACE = 2.0  # seconds past the query timeout a client may take to accept a block
CHUNK = 1 << 16


def _one_line(value: str) -> str:
    """A request header's value, fit to echo in an answer (no line breaks)."""
    return " ".join(value.split())


def cut_message(timeout: float) -> bytes:
    return (f"\n\nlmskg serve: the answer was cut at the {timeout:g} s query timeout\n"
            .encode("utf-8"))


class FrontServer(ThreadingHTTPServer):
    """A threaded HTTP server that checks what it passes to the engine at ``backend``."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], family: socket.AddressFamily,
                 backend: tuple[str, int], cors: bool = False,
                 query_timeout: float | None = None, limits: Limits = Limits(),
                 site: Path | None = None, context_file: Path | None = None):
        self.address_family = family
        self.site = site  # the static site's directory, if one is served
        self.context_file = context_file  # the JSON-LD context of descriptions
        self.backend = backend
        self.cors = cors
        self.query_timeout = query_timeout or None
        self.limits = limits
        self.admission = Admission(limits)
        self.lingerer = Lingerer()
        self.thread: threading.Thread | None = None
        super().__init__(address, FrontHandler)

    def start(self) -> None:
        """Serve in a background thread."""
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2},
                                       name="lmskg-serve-front", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Stop serving and close the listening socket (answers under way end with the
        engine, which is stopped next)."""
        if self.thread is not None:
            self.shutdown()
            self.thread = None
        self.server_close()

    def server_bind(self) -> None:
        """Bind, without HTTPServer's reverse DNS lookup of the address (slow, unused)."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request: Any, client_address: Any) -> None:
        reason = self.admission.admit(client_address[0])
        if reason is not None:  # answered here, in the accepting thread, without waiting
            refuse_connection(request, reason)
            self.lingerer.close(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.admission.release(client_address[0])

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        print(f"lmskg serve: error answering {client_address[0]}: "
              f"{type(exc).__name__}: {exc}", file=sys.stderr, flush=True)


class FrontHandler(SiteRoutes, BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "lmskg-serve"
    server: FrontServer

    # -- reading requests, within the request timeout ----------------------------------------

    def setup(self) -> None:
        self.connection = self.request
        self.reader = DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self.reader)  # type: ignore[assignment]
        self.wfile = self.connection.makefile("wb", buffering=0)

    def handle_one_request(self) -> None:
        self.reader.deadline = time.monotonic() + self.server.limits.request_timeout
        self.body_read = False
        super().handle_one_request()

    def version_string(self) -> str:
        return self.server_version

    def handle(self) -> None:
        self.unread_body = False  # set when a request is refused with its body unread
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            return  # the client went away, or stopped reading: nothing left to tell it
        if self.unread_body:
            linger(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # no line per request; errors go through FrontServer.handle_error

    def _body(self) -> bytes | Refusal:
        """The request body (Content-Length only), read within the request timeout."""
        self.body_read = True
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = self.unread_body = True
            return Refusal(411, "send the request body with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = self.unread_body = True
            return Refusal(400, "the Content-Length is not a number of bytes")
        if length > self.server.limits.max_body_bytes:
            self.close_connection = self.unread_body = True
            return Refusal(413, "the request body is longer than "
                                f"{self.server.limits.max_body_bytes // 1024} KiB")
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            self.close_connection = True
            return Refusal(400, "the request body ended early")
        return body

    # -- routing -----------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._route("GET")

    def do_HEAD(self) -> None:
        self._route("HEAD")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    def do_PATCH(self) -> None:
        self._route("PATCH")

    def do_OPTIONS(self) -> None:
        if not self.server.cors:
            self._answer(405, "cross-origin requests are off (lmskg serve --cors allows them)",
                         {"Allow": "GET, HEAD, POST"})
            return
        extra = {"Access-Control-Allow-Methods":
                 _one_line(self.headers.get("Access-Control-Request-Method") or "GET, POST")}
        if self.headers.get("Access-Control-Request-Headers"):
            extra["Access-Control-Allow-Headers"] = _one_line(
                self.headers["Access-Control-Request-Headers"])
        self._answer(204, "", extra)

    def _route(self, method: str) -> None:
        target = self.path
        path, _, url_query = target.partition("?")
        if not path.startswith("/"):
            self._answer(400, "the request target must be a path (origin form)")
        elif path in QUERY_PATHS:
            self._query(method, path, url_query)
        elif path == "/update" or path.startswith("/store"):
            if method in ("GET", "HEAD") and path != "/update":
                self._forward(method, target)
            else:
                self._answer(403, READ_ONLY)
        elif path in STATIC and method in ("GET", "HEAD"):
            self._forward(method, target)
        elif path in STATIC:
            self._answer(405, f"{method} is not allowed here", {"Allow": "GET, HEAD"})
        elif self._site_file(path):
            self._static(method, path)
        elif resource_iri(path) is not None:
            self._resource(method, path)
        elif self.server.site is not None:
            self._static(method, path)
        else:
            self._answer(404, f"nothing at {path}: the SPARQL endpoint is /query, the query "
                              "page /")

    def _query(self, method: str, path: str, url_query: str) -> None:
        if method not in ("GET", "POST"):
            self._answer(405, f"{method} is not a SPARQL query method: use GET or POST",
                         {"Allow": "GET, POST"})
            return
        body = self._body() if method == "POST" else b""
        if isinstance(body, Refusal):
            self._refuse(body)
            return
        outcome = query_request(method, url_query, self.headers.get("Content-Type"), body)
        if outcome is None:  # the service description: no query runs
            self._forward("GET", path)
        elif isinstance(outcome, Refusal):
            self._refuse(outcome)
        else:
            self._forward("POST", outcome.target, outcome)

    def _discard_body(self) -> None:
        """Read the body of a request that is not passed on, so that the connection can go
        on (too large a body, left unread, ends the connection after the answer)."""
        if not self.body_read:
            self._body()

    # -- answering ---------------------------------------------------------------------------

    def _cors_headers(self) -> None:
        if self.server.cors and self.headers.get("Origin"):
            self.send_header("Access-Control-Allow-Origin", "*")

    def _refuse(self, refusal: Refusal) -> None:
        self._answer(refusal.status, refusal.message)

    def _answer(self, status: int, message: str, extra: dict[str, str] | None = None) -> None:
        self._discard_body()
        body = (message + "\n").encode("utf-8") if message else b""
        self.connection.settimeout(WRITE_TIMEOUT)
        self.send_response(status)
        if body:
            self.send_header("Content-Type", "text/plain; charset=utf-8")
        if status != 204:  # a 204 has no body, and says nothing of its length
            self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self._cors_headers()
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _forward(self, method: str, target: str, query: Forward | None = None) -> None:
        """Pass a request to the engine and its answer to the client, within the timeout."""
        self._discard_body()  # a GET may carry a body too
        self.reader.deadline = None  # the request is read: the answer's own bound starts
        timeout = self.server.query_timeout
        deadline = time.monotonic() + timeout if timeout else None
        headers = {name: self.headers[name] for name in _PASSED if self.headers.get(name)}
        body = None
        if query is not None:
            body = query.body
            headers["Content-Type"] = "application/sparql-query; charset=utf-8"
        host, port = self.server.backend
        wait = (timeout + HEADER_GRACE) if timeout else None
        engine = http.client.HTTPConnection(host, port, timeout=wait)
        try:
            try:
                engine.request(method, target, body=body, headers=headers)
                sock = engine.sock  # kept: the response may outlive the connection object
                response = engine.getresponse()
            except (TimeoutError, socket.timeout):
                self._answer(503, f"the query did not finish within the {timeout:g} s query "
                                  "timeout")
                return
            except (OSError, http.client.HTTPException) as exc:
                self._answer(502, f"the SPARQL engine behind this server is not answering "
                                  f"({type(exc).__name__})")
                return
            self._relay(response, sock, deadline, timeout)
        finally:
            engine.close()

    def _relay(self, response: http.client.HTTPResponse, engine: socket.socket,
               deadline: float | None, timeout: float | None) -> None:
        self.connection.settimeout(WRITE_TIMEOUT)
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in _DROPPED:
                self.send_header(name, value)
        length = response.getheader("Content-Length")
        no_body = self.command == "HEAD" or response.status in (204, 304)
        if no_body or length is not None:
            framing = "none" if no_body else "length"
            if length is not None:
                self.send_header("Content-Length", length)
        elif self.request_version == "HTTP/1.1":
            framing = "chunked"
            self.send_header("Transfer-Encoding", "chunked")
        else:
            framing = "close"
            self.close_connection = True
            self.send_header("Connection", "close")
        self._cors_headers()
        self.end_headers()
        if framing == "none":
            return
        while True:
            left = deadline - time.monotonic() if deadline is not None else None
            if left is not None and left <= 0:
                return self._cut(framing, timeout)
            try:
                engine.settimeout(left)
                data = response.read(CHUNK)
            except (TimeoutError, socket.timeout):
                return self._cut(framing, timeout)
            except (OSError, http.client.HTTPException):
                self.close_connection = True  # the engine broke off: so does the answer
                return
            if not data:
                break
            # a client that reads takes a block at once; one that does not is dropped
            self.connection.settimeout(WRITE_TIMEOUT if left is None else left + WRITE_GRACE)
            try:
                self._write(data, framing)
            except (TimeoutError, socket.timeout):
                self.close_connection = True  # the client does not read: give up on it
                return
        if framing == "chunked":
            self.wfile.write(b"0\r\n\r\n")

    def _write(self, data: bytes, framing: str) -> None:
        if framing == "chunked":
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        else:
            self.wfile.write(data)

    def _cut(self, framing: str, timeout: float | None) -> None:
        """Stop an answer at the query timeout, visibly: a last line saying so and, when
        chunked, no final chunk (the HTTP client sees the answer end early)."""
        self.close_connection = True
        try:
            self.connection.settimeout(1.0)
            if framing in ("chunked", "close"):
                self._write(cut_message(timeout or 0), framing)
        except OSError:
            pass

