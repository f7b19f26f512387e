"""Credentials taken out of anything lmskg prints.

A server's error message may repeat the request it was sent (debug pages and some
proxies do), an exception may quote a URL, a redirect may point at a URL with a
password in it. :func:`redact` is the one function every message about another
machine goes through before it is shown. It replaces with ``[redacted]``:

- every credential this process uses (:func:`remember`, which
  :func:`lmskg.net.auth.credentials_for` calls): the token, the password and the
  base64 ``user:password`` of HTTP Basic, as they are and as a server may echo them
  (percent-encoded, JSON- or Python-escaped);
- whatever has the shape of a credential, known or not: the value of an
  ``Authorization:`` header, ``Bearer <token>``, ``Basic <base64 of user:password>``,
  a Digest ``response=`` hash, the ``user:password@`` of a URL, and ``token=``,
  ``password=`` and the like in a query string.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import threading
from urllib.parse import quote, quote_plus

REDACTED = "[redacted]"
_SHORT = 6  # a secret shorter than this is replaced only where it stands alone

_known: set[str] = set()
_lock = threading.Lock()

_HEADER = re.compile(  # the value of an Authorization header: a line, a JSON or a dict item
    r"""(?i)\b((?:proxy-)?authorization)(["']?[ \t]*[:=][ \t]*)"""
    r"""(\[redacted\]|"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|[^\r\n]*)""")
_SCHEME = re.compile(r"(?i)\b(bearer|basic)(\s+)([A-Za-z0-9._~+/-]+=*)")
_DIGEST = re.compile(r"""(?i)(\bresponse\s*=\s*\\?["']?)[0-9a-f]{32,}""")
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s@]+@")
_QUERY = re.compile(  # up to the end of the parameter; a colon ending the URL is not in it
    r"(?i)([?&;](?:access[-_]?token|token|api[-_]?key|apikey|key|password|passwd|pwd|secret"
    r"|auth)=)[^&#\s\"'<>]+?(?=:?(?:[&#\s\"'<>]|$))")


def remember(user: str, secret: str) -> None:
    """Redact ``secret`` (a password, or a token when there is no ``user``) from every
    message from now on, in every form a server may echo it."""
    forms = _forms(secret)
    if user:
        for encoding in ("utf-8", "latin-1"):  # SPARQLWrapper and urllib encode differently
            try:
                raw = f"{user}:{secret}".encode(encoding)
            except UnicodeEncodeError:
                continue
            blob = base64.b64encode(raw).decode("ascii")
            forms |= {blob, blob.rstrip("=")}
    with _lock:
        _known.update(f for f in forms if f)


def _forms(secret: str) -> set[str]:
    return {secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1],
            repr(secret)[1:-1], repr(secret.encode("utf-8"))[2:-1]}


def redact(text: str) -> str:
    """``text`` without any credential, known or shaped like one."""
    if not text:
        return text
    with _lock:
        known = sorted(_known, key=len, reverse=True)  # longest first: a blob before its part
    if known:
        alternatives = [re.escape(s) if len(s) >= _SHORT
                        else rf"(?<![A-Za-z0-9]){re.escape(s)}(?![A-Za-z0-9])" for s in known]
        text = re.sub("|".join(alternatives), REDACTED, text)
    text = _HEADER.sub(_header, text)
    text = _SCHEME.sub(_scheme, text)
    text = _DIGEST.sub(rf"\g<1>{REDACTED}", text)
    text = _USERINFO.sub(rf"\g<1>{REDACTED}@", text)
    return _QUERY.sub(rf"\g<1>{REDACTED}", text)


def _header(m: re.Match[str]) -> str:
    value = m.group(3)
    quote_char = value[:1] if value[:1] in ("'", '"') else ""
    return f"{m.group(1)}{m.group(2)}{quote_char}{REDACTED}{quote_char}"


def _scheme(m: re.Match[str]) -> str:
    kind, token = m.group(1).lower(), m.group(3)
    if kind == "basic":
        secret = _is_user_password(token)
    else:  # a token, not a word of a sentence ("Bearer authentication is required")
        secret = len(token) >= 20 or (len(token) >= 8 and not token.isalpha())
    return f"{m.group(1)}{m.group(2)}{REDACTED}" if secret else m.group(0)


def _is_user_password(token: str) -> bool:
    """Whether ``token`` is base64 of ``user:password`` (so not an English word)."""
    try:
        raw = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    try:
        return ":" in raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
