"""Credentials for remote SPARQL endpoints and graph stores.

Credentials never come from the command line (it shows in the process list and
the shell history) and are never printed. They come from, in this order:

1. ``LMSKG_ENDPOINT_TOKEN`` in the environment: a bearer token, sent as
   ``Authorization: Bearer ...`` (QLever's access token, for instance);
2. ``LMSKG_ENDPOINT_USER`` and ``LMSKG_ENDPOINT_PASSWORD`` in the environment
   (HTTP Basic, or Digest when publishing to a store that asks for it);
3. a netrc-style file named by ``LMSKG_NETRC`` (``machine HOST login USER
   password PASS``), looked up by the endpoint's host name.

A URL with credentials in it (``https://user:pass@host/...``) is refused for
the same reason as a command-line option. Whatever credentials are found are
handed to :func:`lmskg.net.redact.remember`, so that no message shows them, even
when a server echoes them back.
"""

from __future__ import annotations

import ipaddress
import netrc
import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import RemoteError
from .redact import redact, remember

USER_VAR = "LMSKG_ENDPOINT_USER"
PASSWORD_VAR = "LMSKG_ENDPOINT_PASSWORD"
NETRC_VAR = "LMSKG_NETRC"
TOKEN_VAR = "LMSKG_ENDPOINT_TOKEN"
CREDENTIAL_HINT = (f"set ${USER_VAR} and ${PASSWORD_VAR}, ${NETRC_VAR}, or ${TOKEN_VAR}")


@dataclass(frozen=True)
class Credentials:
    user: str  # empty for a bearer token
    password: str = field(repr=False)  # or the token; never in a repr or a message
    origin: str = ""  # where they came from, for messages ("$LMSKG_ENDPOINT_USER", a file)

    @property
    def is_token(self) -> bool:
        return not self.user

    def __str__(self) -> str:
        what = "a bearer token" if self.is_token else f"user {self.user!r}"
        return f"{what} (from {self.origin})"


def check_url(url: str, what: str = "endpoint") -> str:
    """The URL if it is an absolute http(s) URL without credentials; else RemoteError."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError as exc:
        raise RemoteError(f"{what} {redact(url)!r} is not a valid URL: "
                          f"{redact(str(exc))}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError(f"{what} {redact(url)!r} is not an http(s) URL "
                          "(expected e.g. http://127.0.0.1:7878/query)")
    if parts.username is not None or parts.password is not None:
        raise RemoteError(f"{what} URL carries credentials; they would show in the process "
                          f"list and the shell history. Remove them from the URL and set "
                          f"${USER_VAR} and ${PASSWORD_VAR}, or ${NETRC_VAR}")
    return url


def credentials_for(url: str, environ: dict[str, str] | None = None) -> Credentials | None:
    """The credentials to use for ``url``, or None. RemoteError if they are half given.
    Those returned are redacted from every message from now on."""
    creds = _find(url, environ)
    if creds is not None:
        remember(creds.user, creds.password)
    return creds


def _find(url: str, environ: dict[str, str] | None) -> Credentials | None:
    env = os.environ if environ is None else environ
    user, password, token = env.get(USER_VAR), env.get(PASSWORD_VAR), env.get(TOKEN_VAR)
    if token:
        if user or password:
            raise RemoteError(f"both ${TOKEN_VAR} and ${USER_VAR}/${PASSWORD_VAR} are set; "
                              "set one or the other")
        return Credentials("", token, f"${TOKEN_VAR}")
    if user or password:
        if not (user and password):
            missing = PASSWORD_VAR if user else USER_VAR
            raise RemoteError(f"${missing} is not set (set both ${USER_VAR} and "
                              f"${PASSWORD_VAR}, or neither)")
        return Credentials(user, password, f"${USER_VAR}")
    path = env.get(NETRC_VAR)
    if not path:
        return None
    host = urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc(path).authenticators(host)
    except FileNotFoundError as exc:
        raise RemoteError(f"${NETRC_VAR} names {path}, which does not exist") from exc
    except netrc.NetrcParseError as exc:
        # the message may quote the offending line: say only where it is
        raise RemoteError(f"${NETRC_VAR} file {path} is malformed at line {exc.lineno}") from None
    except OSError as exc:
        raise RemoteError(f"cannot read ${NETRC_VAR} file {path}: {exc.strerror}") from exc
    if entry is None:
        return None
    login, _account, password = entry
    if not login or not password:
        raise RemoteError(f"${NETRC_VAR} file {path}: the entry for {host} needs both "
                          "login and password")
    return Credentials(login, password, path)


def plain_http_warning(url: str, creds: Credentials | None) -> str | None:
    """A warning when credentials would cross the network unencrypted, else None."""
    if creds is None:
        return None
    parts = urlsplit(url)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        return (f"warning: sending credentials to {parts.hostname} over plain http; "
                "use https")
    return None


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: assume other machines can reach it
        return False
