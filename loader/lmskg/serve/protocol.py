"""What a request to the SPARQL endpoint asks, and whether the engine may see it.

The front (:mod:`.front`) hands every request for ``/query`` or ``/sparql`` here. The
query is taken from where the SPARQL 1.1 Protocol puts it (``GET ?query=``, a
form-encoded ``POST``, a ``POST`` of ``application/sparql-query``) and refused
unless it is a read with no ``SERVICE`` anywhere in it (the engine would send an
HTTP request to any URL a client names): parsed with rdflib, unless the letters
'service' appear nowhere in it (:func:`checked`). Updates are refused: the server is
read-only.

What goes on to the engine is never the client's request but a new one: the text
that was checked, as the body of a ``POST`` of ``application/sparql-query``, with
only the dataset parameters of the protocol. So the engine and the check cannot
disagree about where the query is or which parameter counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from ..errors import QueryError
from ..sparql.parse import is_update, may_name_service, parse_checked

QUERY_PATHS = ("/query", "/sparql")
# the protocol's dataset parameters, and Oxigraph's own for the union default graph
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri", "union-default-graph")
MAX_QUERY_BYTES = 64 * 1024  # rdflib parses about 100 KB/s: a bound on the parse, too
SERVICE_REFUSAL = ("SERVICE is refused: this endpoint does not send requests to other "
                   "servers (federated queries are off in lmskg serve)")
READ_ONLY = "The server is read-only"


@dataclass(frozen=True)
class Forward:
    """A checked query, as the engine will get it."""

    text: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def target(self) -> str:
        return "/query" + (f"?{urlencode(self.params)}" if self.params else "")

    @property
    def body(self) -> bytes:
        return self.text.encode("utf-8")


@dataclass(frozen=True)
class Refusal:
    """An answer the front gives itself; the engine never sees the request."""

    status: int
    message: str


def media_type(content_type: str | None) -> str:
    """``application/sparql-query`` of ``application/sparql-query; charset=utf-8``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def query_request(method: str, url_query: str, content_type: str | None,
                  body: bytes) -> Forward | Refusal | None:
    """What a GET or POST to a query path asks: a checked query to forward, a refusal, or
    None for a GET with no parameters (the service description, which runs no query)."""
    url_params = parse_qsl(url_query, keep_blank_values=True)
    if method == "GET":
        if not url_query:
            return None
        params, text = url_params, None
    elif method == "POST":
        kind = media_type(content_type)
        if kind == "application/sparql-update":
            return Refusal(403, READ_ONLY)
        if kind == "application/sparql-query":
            if any(k == "query" for k, _ in url_params):
                return Refusal(400, "the query cannot be both in the URL and in the body")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return Refusal(400, "the query is not UTF-8 text")
            params = url_params
        elif kind == "application/x-www-form-urlencoded":
            try:
                form = parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                                 errors="strict")
            except (UnicodeDecodeError, ValueError):
                return Refusal(400, "the form is not URL-encoded UTF-8 text")
            both = {k for k, _ in form} & {k for k, _ in url_params}
            if both:
                return Refusal(400, f"'{sorted(both)[0]}' cannot be set both in the body "
                                    "and in the URL")
            params, text = url_params + form, None
        else:
            return Refusal(415, f"unsupported content type '{kind or 'none'}': send "
                                "application/sparql-query or application/x-www-form-urlencoded")
    else:
        return Refusal(405, f"{method} is not a SPARQL query method: use GET or POST")
    if any(k == "update" for k, _ in params):
        return Refusal(403, READ_ONLY)
    if text is None:
        texts = [v for k, v in params if k == "query"]
        if len(texts) != 1:
            return Refusal(400, "no query: give it as the 'query' parameter" if not texts
                           else "the 'query' parameter must be given once")
        text = texts[0]
    return checked(text, tuple((k, v) for k, v in params if k in DATASET_PARAMS))


def checked(text: str, params: tuple[tuple[str, str], ...] = ()) -> Forward | Refusal:
    """The query if the engine may run it: a read with no SERVICE anywhere in it.

    A text in which the letters 'service' (and unicode escapes) appear nowhere cannot
    hold a SERVICE keyword and goes on unparsed (the engine parses it; an update sent
    as a query does not parse there either). Any other text is parsed with rdflib,
    which finds SERVICE however deeply it is nested, and refused if rdflib cannot
    parse it.
    """
    if len(text.encode("utf-8")) > MAX_QUERY_BYTES:
        return Refusal(413, f"the query is longer than {MAX_QUERY_BYTES // 1024} KiB")
    if may_name_service(text) or is_update(text):
        try:
            parse_checked(text, "query", service_refusal=SERVICE_REFUSAL)
        except QueryError as exc:
            return Refusal(400, str(exc))
    return Forward(text, params)
