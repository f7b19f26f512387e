"""Sending a user and password the way the server asks: Basic or Digest.

:class:`CredentialOpener` is the one urllib opener every request of lmskg with a user
and password goes through (queries, labels and parameter checks on an endpoint,
publishing to a graph store). It answers a ``WWW-Authenticate`` challenge of either
scheme and then keeps to the scheme the server chose, sending it up front:

- **Basic** goes up front only while Basic is what the server accepts (urllib's own
  handler starts sending Basic up front after *any* success, even one won by Digest;
  a Digest-only server such as Virtuoso's ``/sparql-graph-crud-auth`` answers Basic
  with a bare 401 and no new challenge, so publishing stopped at the second graph,
  and the password had crossed in clear to a server that asked for Digest);
- **Digest** answers the last challenge up front, with a fresh ``cnonce`` and a
  growing ``nc`` (RFC 7616), so a body travels once, with its credentials (urllib's
  own handler sends every request first without credentials: a large graph then
  meets the server's early 401 and a closed connection, "connection reset");
- a **bare 401** (no challenge) to Basic sent up front means the server wants
  another scheme: the request is asked once more without credentials, to learn it.

:meth:`CredentialOpener.learn` asks the server, without a body and without
credentials (``HEAD``), which scheme it wants, before a request with a large body.
Bearer tokens are not handled here: they go on each request as a header. Credentials
never cross origins: the password manager knows only the origin of the URL given,
and :class:`~lmskg.net.redirects.CredentialSafeRedirects` refuses a redirect to
another origin while credentials are in play.
"""

from __future__ import annotations

import base64
import http.client
import urllib.error
import urllib.request
from typing import IO
from urllib.parse import urlsplit

from .auth import Credentials
from .redirects import CredentialSafeRedirects, origin

AUTHORIZATION = "Authorization"


def _sent_scheme(req: urllib.request.Request) -> str:
    """The scheme of the Authorization header a request goes with ('' if none), lower case
    (urllib sends an unredirected header in place of an ordinary one of the same name)."""
    value = req.unredirected_hdrs.get(AUTHORIZATION) or req.headers.get(AUTHORIZATION) or ""
    return value.split(" ", 1)[0].lower()


class _BasicAuth(urllib.request.HTTPBasicAuthHandler):
    """Answers Basic challenges; sends Basic up front while Basic is what succeeds."""

    def __init__(self, passwd: urllib.request.HTTPPasswordMgrWithPriorAuth, root: str) -> None:
        super().__init__(passwd)
        self.root = root

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        # up front as an ordinary header, as SPARQLWrapper sends it: a redirect within the
        # origin keeps it (CredentialSafeRedirects drops it on a change of origin)
        if not _sent_scheme(req) and self.passwd.is_authenticated(req.full_url):
            user, password = self.passwd.find_user_password(None, req.full_url)
            if user is not None and password is not None:
                blob = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
                req.add_header(AUTHORIZATION, f"Basic {blob}")
        return req

    https_request = http_request

    def http_response(self, req: urllib.request.Request, response):  # type: ignore[override]
        # urllib marks the URL "authenticated" after any success, whichever scheme won it;
        # here only Basic's own answers count, for the whole origin
        if _sent_scheme(req) == "basic":
            self.passwd.update_authenticated(self.root, 200 <= response.code < 300)
        return response

    https_response = http_response

    def http_error_401(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        try:
            return super().http_error_401(req, fp, code, msg, headers)
        except ValueError:  # a scheme urllib does not speak (Bearer, Negotiate): a plain 401
            return None


class _DigestAuth(urllib.request.HTTPDigestAuthHandler):
    """Answers Digest challenges, and the last one up front on every later request."""

    def __init__(self, passwd: urllib.request.HTTPPasswordMgr, origin_of: tuple) -> None:
        super().__init__(passwd)
        self.origin_of = origin_of
        self.challenge: dict[str, str] | None = None

    def remember(self, header: str | None) -> bool:
        """Keep a ``Digest ...`` challenge (a WWW-Authenticate value); whether it was one."""
        scheme, _, params = (header or "").strip().partition(" ")
        if scheme.lower() != "digest" or not params:
            return False
        self.challenge = urllib.request.parse_keqv_list(
            filter(None, urllib.request.parse_http_list(params)))
        return True

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        if (self.challenge is not None and not _sent_scheme(req)
                and origin(req.full_url) == self.origin_of):
            value = self.get_authorization(req, self.challenge)
            if value:
                req.add_unredirected_header(AUTHORIZATION, f"Digest {value}")
        return req

    https_request = http_request

    def http_error_401(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        try:
            return super().http_error_401(req, fp, code, msg, headers)
        except ValueError:  # a scheme urllib does not speak (Bearer, Negotiate): a plain 401
            self.reset_retry_count()
            return None

    def retry_http_digest_auth(self, req: urllib.request.Request, auth: str):  # type: ignore[override]
        self.remember(auth)
        # one answer to a challenge per request: a second refusal means the credentials
        # are wrong (urllib would try up to six times, sending the body each time); a
        # Digest sent up front may only have used a nonce the server no longer takes
        if getattr(req, "_lmskg_digest_answered", False):
            return None
        req._lmskg_digest_answered = True  # type: ignore[attr-defined]
        req.unredirected_hdrs.pop(AUTHORIZATION, None)
        return super().retry_http_digest_auth(req, auth)


class _AskWithout(urllib.request.BaseHandler):
    """A 401 without a challenge to Basic sent up front: ask again without credentials,
    once, so that the server says which scheme it wants (Virtuoso's Digest-only
    endpoints answer Basic so)."""

    handler_order = 600  # after the Digest (490) and Basic (500) handlers

    def __init__(self, passwd: urllib.request.HTTPPasswordMgrWithPriorAuth, root: str) -> None:
        self.passwd, self.root = passwd, root

    def http_error_401(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                       headers: http.client.HTTPMessage):
        if headers.get("WWW-Authenticate") or _sent_scheme(req) != "basic" \
                or getattr(req, "_lmskg_asked_without", False):
            return None
        self.passwd.update_authenticated(self.root, False)
        req.unredirected_hdrs.pop(AUTHORIZATION, None)
        req.headers.pop(AUTHORIZATION, None)
        req._lmskg_asked_without = True  # type: ignore[attr-defined]
        fp.close()
        return self.parent.open(req, timeout=req.timeout)

    https_error_401 = http_error_401


class CredentialOpener:
    """An opener for one server and one user: Basic or Digest as the server asks (see the
    module's text), redirects kept within the origin.

    ``basic_up_front``: send Basic with the first request (queries do, as most query
    endpoints take Basic and a request is small); otherwise the first request goes
    without credentials unless :meth:`learn` found the scheme."""

    def __init__(self, url: str, creds: Credentials, basic_up_front: bool = False):
        if creds.is_token:
            raise ValueError("a bearer token goes on each request, not through this opener")
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}/"
        self.passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
        self.passwords.add_password(None, root, creds.user, creds.password,
                                    is_authenticated=basic_up_front)
        self.root = root
        self.digest = _DigestAuth(self.passwords, origin(url))
        self.opener = urllib.request.build_opener(
            CredentialSafeRedirects(True), _BasicAuth(self.passwords, root), self.digest,
            _AskWithout(self.passwords, root))

    def open(self, request: urllib.request.Request, timeout: float):
        return self.opener.open(request, timeout=timeout)

    def learn(self, url: str, timeout: float, user_agent: str) -> str:
        """Ask ``url`` with ``HEAD``, without credentials, which scheme it wants: 'digest'
        or 'basic' (then sent up front from now on), or '' when it asks for none or the
        answer says nothing (the next request then goes as before)."""
        request = urllib.request.Request(url, method="HEAD",
                                         headers={"User-Agent": user_agent})
        try:
            with urllib.request.build_opener(CredentialSafeRedirects(True)).open(
                    request, timeout=timeout) as response:
                response.read()
            return ""
        except urllib.error.HTTPError as exc:
            header = exc.headers.get("WWW-Authenticate") if exc.code == 401 else None
            exc.close()
        except (urllib.error.URLError, OSError, http.client.HTTPException):
            return ""  # the request that follows will say what is wrong
        if self.digest.remember(header):
            self.passwords.update_authenticated(self.root, False)
            return "digest"
        if header and header.strip().lower().startswith("basic"):
            self.passwords.update_authenticated(self.root, True)
            return "basic"
        return ""
