"""A scripted HTTP server on a loopback port, for the error paths of remote stores.

Each request gets the next :class:`Reply` of the script (the last one repeats),
or whatever a function of the request returns. Every request is recorded.
:func:`echo_headers` and :func:`redirect` script the servers that try to make a
client leak its credentials: one that repeats the request in its error message,
one that sends the client elsewhere.
"""

from __future__ import annotations

import base64
import json
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


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class FakeServer:
    def __init__(self, script: list[Reply] | Callable[[Request], Reply]):
        self.script = script
        self.requests: list[Request] = []
        self.stopping = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                req = Request(self.command, self.path, dict(self.headers.items()),
                              self.rfile.read(length) if length else b"")
                fake.requests.append(req)
                reply = fake.next_reply(req)
                if reply.delay and fake.stopping.wait(reply.delay):
                    return
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
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

            do_GET = do_POST = do_PUT = do_DELETE = _handle

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
