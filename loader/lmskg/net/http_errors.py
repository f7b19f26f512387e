"""What went wrong talking to another machine, said in one line.

One mapping for every client of lmskg (remote queries, publishing): failures below
HTTP (refused, DNS, timeout, TLS, not HTTP at all) and HTTP error statuses with the
server's own message, cut short and stripped of HTML. Credentials are never part of
a message: every message is passed through :func:`lmskg.net.redact.redact`, a
server's own before it is cut short (so that no part of a credential survives).
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import urllib.error
from contextlib import contextmanager
from http import HTTPStatus
from typing import Iterator

from ..errors import RemoteError
from .auth import CREDENTIAL_HINT
from .redact import redact
from .redirects import RedirectRefused

MAX_MESSAGE = 400  # characters of a server's error message to show
MAX_READ = 1 << 20  # bytes of a server's answer to look at for its message


@contextmanager
def transport_errors(what: str, timeout: float, not_http_hint: str = "") -> Iterator[None]:
    """Turn failures below HTTP (refused, DNS, timeout, TLS, not HTTP at all) into one-line
    RemoteErrors; HTTP statuses are the caller's to explain (:func:`http_error`). A
    redirect refused for the credentials' sake is said the same way."""
    try:
        yield
    except urllib.error.HTTPError:
        raise
    except RedirectRefused as exc:
        raise RemoteError(redact(f"{what}: {exc}")) from exc
    except urllib.error.URLError as exc:
        raise RemoteError(redact(f"{what}: {network_reason(exc.reason, timeout)}")) from exc
    except (TimeoutError, socket.timeout) as exc:
        raise RemoteError(redact(f"{what}: no answer within {timeout:g} s "
                                 "(raise --timeout)")) from exc
    except http.client.IncompleteRead as exc:
        raise RemoteError(redact(f"{what}: the answer ended early (IncompleteRead: the server "
                                 "cut it off, for instance at its query timeout)")) from exc
    except http.client.HTTPException as exc:
        raise RemoteError(redact(f"{what}: the server did not give a valid HTTP answer "
                                 f"({type(exc).__name__}){not_http_hint}")) from exc
    except OSError as exc:
        raise RemoteError(redact(f"{what}: {network_reason(exc, timeout)}")) from exc


def network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s (raise --timeout)"
    if isinstance(reason, ConnectionRefusedError):
        return ("connection refused: nothing listens there (is the server running? "
                "'lmskg serve' starts one)")
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve the host name ({reason.strerror or reason})"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS certificate verification failed ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({reason.reason or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"network error: {reason.strerror}"
    return f"network error: {reason}"


def server_message(body: bytes, tail: bool = False) -> str:
    """A server's answer as one short line, HTML tags and credentials taken out: its
    beginning, or with ``tail`` its end."""
    cut = len(body) > MAX_READ
    if cut:
        body = body[-MAX_READ:] if tail else body[:MAX_READ]
    text = body.decode("utf-8", errors="replace")
    if cut:  # the word at the cut may be part of a credential: drop it
        text = re.sub(r"^\S*", "", text) if tail else re.sub(r"\S*$", "", text)
    if re.search(r"<(html|body|head|title|p|h1)\b", text, re.I):
        text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.I | re.S)
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(redact(text).split())  # redacted before it is cut short
    if len(text) <= MAX_MESSAGE:
        return text
    return "\u2026" + text[1 - MAX_MESSAGE:] if tail else text[:MAX_MESSAGE - 1] + "\u2026"


def error_body(exc: urllib.error.HTTPError) -> bytes:
    """The body of an HTTP error answer, or nothing if it cannot be read."""
    try:
        return exc.read()
    except (OSError, http.client.HTTPException):
        return b""


def http_error(what: str, code: int, body: bytes, with_credentials: bool,
               not_found_hint: str = "") -> str:
    """One line for an HTTP error status: the status, the server's message, and what to do
    about a 401 (credentials) or a 404/405 (``not_found_hint``, the URL to use)."""
    try:
        status = f"HTTP {code} {HTTPStatus(code).phrase}"
    except ValueError:
        status = f"HTTP {code}"
    msg = f"{what}: {status}"
    detail = server_message(body)
    if detail:
        msg += f": {detail}"
    if code == 401:
        msg += " (the credentials were refused)" if with_credentials else f" ({CREDENTIAL_HINT})"
    elif code in (404, 405) and not_found_hint:
        msg += f" ({not_found_hint})"
    return redact(msg)
