"""Following redirects without handing credentials to another server.

urllib follows a redirect by copying the request's headers, ``Authorization``
included, to wherever the ``Location`` points. :class:`CredentialSafeRedirects`
replaces its redirect handler for every request lmskg sends (queries and
publishing) with one rule: credentials never cross a change of origin (scheme,
host or port, as in RFC 6454).

The decision: a redirect to another origin is **refused** when the request
carries credentials, with a message naming the target, rather than followed
without them. Following without credentials would fail against any store that
needs them, with a 401 from a server the user never named (or worse, succeed and
answer from, or write to, that server); the credentials were given for the URL
the user named, and a redirect elsewhere (http to https, a new host) is
something to fix in ``--endpoint``, once, knowingly. Without credentials there
is nothing to leak, and a redirect to another origin is followed as before.

Within one origin a redirect keeps the credentials. 307 and 308 repeat the
request as it was (method and body), and so do 301 and 302 for a PUT (RFC 9110
lets only a POST become a GET); 301, 302 and 303 turn a POST into a GET, as
urllib and browsers do.
"""

from __future__ import annotations

import urllib.request
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urlsplit

from ..errors import RemoteError
from .redact import redact

DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}
AUTH_HEADERS = ("Authorization",)  # as urllib.request.Request.add_header capitalises it


class RedirectRefused(RemoteError):
    """A redirect that would have taken the credentials to another origin."""


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of ``url``, lower case and with the scheme's default port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # not a number: no origin matches it
        port = -1
    return scheme, (parts.hostname or "").lower(), port or DEFAULT_PORTS.get(scheme)


class CredentialSafeRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects that never take credentials to another origin (see the module's text).

    ``with_credentials``: whether credentials are in play for these requests, even if
    this one does not carry them yet (urllib adds Basic and Digest only once the
    server has asked)."""

    def __init__(self, with_credentials: bool):
        self.with_credentials = with_credentials

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int,
                         msg: str, headers: HTTPMessage,
                         newurl: str) -> urllib.request.Request | None:
        crossing = origin(newurl) != origin(req.full_url)
        if crossing and (self.with_credentials
                         or any(req.has_header(h) for h in AUTH_HEADERS)):
            fp.close()
            raise RedirectRefused(
                f"redirected (HTTP {code}) to {redact(newurl)}, another origin; credentials "
                "are never sent to another origin, so lmskg does not follow it (if you "
                "trust that address, give it as --endpoint)")
        method = req.get_method()
        if code in (307, 308) or (code in (301, 302) and method not in ("GET", "HEAD",
                                                                        "POST")):
            new = urllib.request.Request(  # the same request again, body and all
                newurl.replace(" ", "%20"), data=req.data, headers=dict(req.headers),
                origin_req_host=req.origin_req_host, unverifiable=True, method=method)
        else:
            new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and crossing:
            for name in AUTH_HEADERS:
                new.remove_header(name)
        return new
