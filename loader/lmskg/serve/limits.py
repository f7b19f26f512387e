"""How much of the front one client, or all of them, may hold, and for how long.

A thread serves each connection, so a client that opens connections and never
finishes a request (slowloris) would hold threads for as long as it likes. Three
bounds stop that: a request's head and body must arrive within
``request_timeout`` seconds (:class:`DeadlineReader`; an idle keep-alive
connection counts as a request not yet sent), at most ``max_connections`` are open
at once, and at most ``max_per_client`` of them from one address
(:class:`Admission`). A connection beyond a cap gets a 503 and is closed without
holding a thread (:class:`Lingerer`).
"""

from __future__ import annotations

import io
import selectors
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass

LINGER = 1.0  # seconds to read what a refused client still sends before closing
HEADER_GRACE = 1.0  # seconds past the query timeout to wait for the engine's own timeout error
WRITE_TIMEOUT = 60.0  # seconds a client may take to accept a block of an answer


@dataclass(frozen=True)
class Limits:
    request_timeout: float = 10.0  # seconds to send a request's head and body
    max_connections: int = 64
    max_per_client: int = 16
    max_body_bytes: int = 1 << 20  # a larger request body is not read: 413

    def __post_init__(self) -> None:
        if not (self.request_timeout > 0 and 0 < self.max_per_client <= self.max_connections
                and self.max_body_bytes > 0):
            raise ValueError(f"inconsistent limits: {self}")


class Admission:
    """Counts the open connections, in all and per client address."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self._lock = threading.Lock()
        self._open: Counter[str] = Counter()
        self._total = 0

    def admit(self, client: str) -> str | None:
        """Count a new connection in; or say why not (and count nothing)."""
        with self._lock:
            if self._total >= self.limits.max_connections:
                return (f"the server holds its maximum of {self.limits.max_connections} "
                        "connections; try again shortly")
            if self._open[client] >= self.limits.max_per_client:
                return (f"{client} holds its maximum of {self.limits.max_per_client} "
                        "connections; close some or try again shortly")
            self._open[client] += 1
            self._total += 1
            return None

    def release(self, client: str) -> None:
        with self._lock:
            self._total -= 1
            self._open[client] -= 1
            if self._open[client] <= 0:
                del self._open[client]

    def open_connections(self) -> int:
        with self._lock:
            return self._total


class DeadlineReader(io.RawIOBase):
    """A socket's input that gives up at ``deadline`` (time.monotonic), however slowly
    the bytes trickle in: each read waits only for what is left of the time."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.deadline: float | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request did not arrive in time")
            self.sock.settimeout(left)
        else:
            self.sock.settimeout(None)
        return self.sock.recv_into(buffer)


def refuse_connection(sock: socket.socket, reason: str) -> None:
    """Tell a connection beyond a cap why (if its buffer takes it at once)."""
    body = (reason + "\n").encode("utf-8")
    head = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n")
    try:
        sock.setblocking(False)
        sock.send(head.encode("ascii") + body)
    except OSError:
        pass


def linger(sock: socket.socket, seconds: float = LINGER) -> None:
    """Close after the answer is read: end our side, read what the client still sends
    for at most ``seconds``, then close. Closing with unread input at once would
    reset the connection, and the client could lose the answer (RFC 9112, 9.6)."""
    try:
        sock.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            sock.settimeout(left)
            if not sock.recv(1 << 16):
                break
    except OSError:
        pass
    finally:
        sock.close()


class Lingerer:
    """Lingering closes of refused connections, in one background thread, so that the
    thread accepting connections never waits; at most ``most`` at a time (beyond that a
    refused connection is closed at once)."""

    def __init__(self, seconds: float = LINGER, most: int = 256):
        self.seconds, self.most = seconds, most
        self._selector = selectors.DefaultSelector()
        self._deadlines: dict[socket.socket, float] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def close(self, sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            sock.close()
            return
        with self._lock:
            if len(self._deadlines) >= self.most:
                sock.close()
                return
            sock.setblocking(False)
            self._deadlines[sock] = time.monotonic() + self.seconds
            self._selector.register(sock, selectors.EVENT_READ)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="lmskg-serve-linger",
                                                daemon=True)
                self._thread.start()

    def pending(self) -> int:
        with self._lock:
            return len(self._deadlines)

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._deadlines:
                    self._thread = None
                    return
            ready = self._selector.select(timeout=0.1)
            done = []
            for key, _ in ready:
                try:
                    if not key.fileobj.recv(1 << 16):  # type: ignore[union-attr]
                        done.append(key.fileobj)
                except BlockingIOError:
                    pass
                except OSError:
                    done.append(key.fileobj)
            now = time.monotonic()
            with self._lock:
                done += [s for s, t in self._deadlines.items() if t <= now and s not in done]
                for sock in done:
                    self._selector.unregister(sock)
                    del self._deadlines[sock]
                    sock.close()  # type: ignore[union-attr]
