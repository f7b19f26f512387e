"""A scripted HTTP server on a loopback port, for the error paths of remote stores.

Each request gets the next :class:`Reply` of the script (the last one repeats),
or whatever a function of the request returns. Every request is recorded.
:func:`echo_headers` and :func:`redirect` script the servers that try to make a
client leak its credentials: one that repeats the request in its error message,
one that sends the client elsewhere. :class:`DigestStore` scripts a store that takes
HTTP Digest only and answers as Virtuoso does (see its text).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import struct
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    delay: float = 0.0  # seconds before answering
    trickle: float = 0.0  # seconds between bytes of the body (0: all at once)
    headers: dict[str, str] = field(default_factory=dict)
    reset: bool = False  # send nothing: reset the connection (as a server cutting an upload)


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class FakeServer:
    """``early``, if given, sees each request before its body is read: a Reply it returns
    is sent at once and the connection closed, a body over 64 KiB unread (as a server
    that refuses a request from its headers alone does); the request is recorded with
    the body ``b"<unread>"`` then."""

    def __init__(self, script: list[Reply] | Callable[[Request], Reply],
                 early: Callable[[Request], Reply | None] | None = None):
        self.script = script
        self.early = early
        self.requests: list[Request] = []
        self.stopping = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                head = Request(self.command, self.path, dict(self.headers.items()), b"")
                reply = fake.early(head) if fake.early is not None else None
                if reply is not None:
                    # a small body is read (and dropped), so that closing does not reset
                    # the connection before the client reads the answer; a large one not
                    head.body = self.rfile.read(length) if 0 < length <= 65536 else b"<unread>"
                    fake.requests.append(head)
                    self.close_connection = True
                else:
                    req = Request(self.command, self.path, dict(self.headers.items()),
                                  self.rfile.read(length) if length else b"")
                    fake.requests.append(req)
                    reply = fake.next_reply(req)
                if reply.delay and fake.stopping.wait(reply.delay):
                    return
                if reply.reset:
                    self.close_connection = True
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               struct.pack("ii", 1, 0))
                    return
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if self.command == "HEAD":
                    return
                try:
                    if reply.trickle:
                        for i in range(len(reply.body)):
                            if fake.stopping.wait(reply.trickle):
                                return
                            self.wfile.write(reply.body[i:i + 1])
                            self.wfile.flush()
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def next_reply(self, req: Request) -> Reply:
        if callable(self.script):
            return self.script(req)
        index = min(len(self.requests), len(self.script)) - 1
        return self.script[index]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> "FakeServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def echo_headers(status: int = 500, challenge: str = "") -> Callable[[Request], Reply]:
    """A server whose error message repeats every request header, as debug pages and some
    proxies do: as header lines, as JSON, and with a Basic credential decoded. With
    ``challenge`` (a WWW-Authenticate value), a request without Authorization gets a 401
    with that challenge first."""
    def reply(req: Request) -> Reply:
        auth = req.headers.get("Authorization", "")
        if challenge and not auth:
            return Reply(status=401, body=b"log in first", headers={"WWW-Authenticate": challenge})
        lines = "\n".join(f"{key}: {value}" for key, value in req.headers.items())
        text = f"cannot handle this request. You sent:\n{lines}\nas JSON: {json.dumps(req.headers)}"
        if auth.startswith("Basic "):
            text += f"\nthat is, user:password = {base64.b64decode(auth[6:]).decode()}"
        return Reply(status=status, body=text.encode())
    return reply


def redirect(location: str, status: int = 302) -> Reply:
    """An answer that sends the client to ``location``."""
    return Reply(status=status, body=f"moved to {location}".encode(),
                 headers={"Location": location})


class DigestStore:
    """A server that takes HTTP Digest (RFC 7616, MD5, qop=auth) and nothing else, as
    Virtuoso 7.2's ``/sparql-graph-crud-auth`` and ``/sparql-auth`` do (seen there):

    - a request without credentials gets 401 with a Digest challenge, ``Connection:
      close``, and its body is not read (``early``): a body larger than the socket
      buffers then meets a closed connection ("connection reset", "broken pipe");
    - ``Authorization: Basic`` gets a bare 401, without a challenge;
    - a right Digest answer gets ``ok`` (a function of the request, 204 by default);
      a wrong one gets 401 with a new challenge, body unread; one for a nonce it no
      longer takes (``max_uses`` answers per nonce, then a new nonce is issued) the
      same, which cuts a large upload off: the connection is reset.

    Use ``FakeServer(store.reply, early=store.early)``; ``store.accepted`` lists the
    requests it let through."""

    def __init__(self, user: str, password: str, realm: str = "SPARQL",
                 ok: Callable[[Request], Reply] | None = None, max_uses: int = 0):
        self.user, self.password, self.realm = user, password, realm
        self.ok = ok or (lambda req: Reply(status=204))
        self.max_uses = max_uses
        self.nonce_number = 0
        self.uses = 0
        self.accepted: list[Request] = []

    @property
    def nonce(self) -> str:
        return hashlib.md5(f"nonce-{self.nonce_number}".encode()).hexdigest()

    def challenge(self) -> Reply:
        return Reply(status=401, headers={
            "WWW-Authenticate": f'Digest realm="{self.realm}", nonce="{self.nonce}", '
                                'opaque="5ebe2294ecd0e0f08eab7690d2a6ee69", stale="false", '
                                'qop="auth", algorithm="MD5"',
            "Connection": "close"})

    def _valid(self, req: Request) -> bool:
        auth = req.headers.get("Authorization", "")
        if not auth.startswith("Digest "):
            return False
        fields = dict(re.findall(r'(\w+)="?([^",]*)"?', auth[7:]))
        if fields.get("username") != self.user or fields.get("nonce") != self.nonce:
            return False
        if fields.get("uri") != req.path:
            return False

        def h(text: str) -> str:
            return hashlib.md5(text.encode()).hexdigest()

        ha1 = h(f"{self.user}:{self.realm}:{self.password}")
        ha2 = h(f"{req.method}:{fields['uri']}")
        expected = h(f"{ha1}:{fields.get('nonce')}:{fields.get('nc')}:{fields.get('cnonce')}:"
                     f"auth:{ha2}")
        return fields.get("response") == expected

    def early(self, req: Request) -> Reply | None:
        auth = req.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            return Reply(status=401, headers={"Connection": "close"})  # no challenge
        if not self._valid(req):
            return self.challenge()
        if self.max_uses and self.uses >= self.max_uses:  # the nonce expired: a new one
            self.nonce_number += 1
            self.uses = 0
            large = int(req.headers.get("Content-Length") or 0) > 65536
            # the 401 before the body is read cuts a large upload off: seen as a reset
            return Reply(reset=True) if large else self.challenge()
        self.uses += 1
        return None

    def reply(self, req: Request) -> Reply:
        self.accepted.append(req)
        return self.ok(req)
