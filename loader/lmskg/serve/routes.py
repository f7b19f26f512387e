"""The front's answers for the site and the graph's IRIs (a part of :class:`FrontHandler`).

- a path naming a file of the site (``build/site``) gets the file (:mod:`.static`);
- a path where one of the graph's IRIs lives (:mod:`.resources`) gets, by content
  negotiation (:mod:`.negotiate`), a 303 to the site's page about it (``text/html``) or its
  description (``text/turtle``, ``application/ld+json``, ``application/n-triples``) from a
  CONSTRUCT query the front writes itself and sends to the engine; 406 when the client
  accepts none of these, 404 when nothing is known about the IRI.
"""

from __future__ import annotations

import http.client
import socket
from typing import Any

from .limits import HEADER_GRACE, WRITE_TIMEOUT
from .negotiate import HTML, OFFERED, choose
from .resources import TYPES, describe_query, page_location, represent, resource_iri
from .static import find

MAX_DESCRIPTION = 64 << 20  # bytes of a resource's description read from the engine


class SiteRoutes:
    """Mixed into the front's request handler, whose ``_answer``, ``_discard_body`` and
    ``_cors_headers`` it uses."""

    server: Any
    headers: Any
    command: str
    connection: Any
    wfile: Any
    close_connection: bool

    def _site_file(self, path: str) -> bool:
        site = self.server.site
        found = find(site, path) if site is not None else None
        return found is not None and found.path is not None

    def _static(self, method: str, path: str) -> None:
        if method not in ("GET", "HEAD"):
            self._answer(405, f"{method} is not allowed here: the site is read-only",
                         {"Allow": "GET, HEAD"})
            return
        found = find(self.server.site, path) if self.server.site is not None else None
        if found is None:
            self._answer(404, f"nothing at {path}: the site's home is /index.html, the SPARQL "
                              "endpoint is /query, the query page /")
        elif found.redirect is not None:
            self._answer(301, f"see {found.redirect}", {"Location": found.redirect})
        else:
            assert found.path is not None
            self._send(200, found.path.read_bytes(), found.media_type)

    def _resource(self, method: str, path: str) -> None:
        """One of the graph's IRIs: its page (303) or its description, as asked."""
        if method not in ("GET", "HEAD"):
            self._answer(405, f"{method} is not allowed here: the graph is read-only",
                         {"Allow": "GET, HEAD"})
            return
        iri = resource_iri(path)
        assert iri is not None
        media = choose(self.headers.get("Accept"))
        vary = {"Vary": "Accept"}
        if media is None:
            self._answer(406, f"{iri} is available as {', '.join(OFFERED)}", vary)
            return
        if media == HTML:
            where = page_location(iri, self.server.site)
            if where is not None and "#" in where and not self._describe(iri, fail=False):
                where = None  # a part that does not exist: no page to send it to
            if where is None:
                why = ("the site is not served (run 'lmskg site', then 'lmskg serve')"
                       if self.server.site is None else "the site has no page for it")
                self._answer(404, f"no page for {iri}: {why}; its description is available "
                                  "as text/turtle or application/ld+json", vary)
            else:
                self._answer(303, f"see {where}", {"Location": where, **vary})
            return
        nt = self._describe(iri)
        if nt is None:
            return  # answered: the engine failed
        if not nt.strip():
            self._answer(404, f"nothing is known about {iri}", vary)
            return
        self._send(200, represent(nt, media, self.server.context_file), TYPES[media], vary)

    def _describe(self, iri: str, fail: bool = True) -> bytes | None:
        """The resource's description as N-Triples from the engine; on failure, answers
        502 or 503 (with ``fail``) and returns None."""
        timeout = self.server.query_timeout
        host, port = self.server.backend
        engine = http.client.HTTPConnection(host, port,
                                            timeout=(timeout + HEADER_GRACE) if timeout else None)
        try:
            engine.request("POST", "/query", body=describe_query(iri).encode("utf-8"),
                           headers={"Content-Type": "application/sparql-query; charset=utf-8",
                                    "Accept": "application/n-triples"})
            response = engine.getresponse()
            body = response.read(MAX_DESCRIPTION)
            if response.status != 200:
                raise http.client.HTTPException(f"HTTP {response.status}")
            return body
        except (TimeoutError, socket.timeout):
            if fail:
                self._answer(503, f"the description did not come within the {timeout:g} s "
                                  "query timeout")
        except (OSError, http.client.HTTPException) as exc:
            if fail:
                self._answer(502, f"the SPARQL engine behind this server is not answering "
                                  f"({type(exc).__name__})")
        finally:
            engine.close()
        return None

    def _send(self, status: int, body: bytes, content_type: str,
              extra: dict[str, str] | None = None) -> None:
        self._discard_body()
        self.connection.settimeout(WRITE_TIMEOUT)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self._cors_headers()
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
