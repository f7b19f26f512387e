"""``lmskg serve``'s endpoint: Oxigraph on an internal port, the checking front outside.

:class:`Endpoint` binds the front (:mod:`.front`) where the user asked, starts a
read-only Oxigraph (:mod:`.oxigraph`) on an internal loopback port, and passes
the front's requests to it. Oxigraph would run any ``SERVICE`` a client names, so
nothing may reach it except through the front. Two things keep browsers off the
internal port: it is bound to 127.0.0.1 only, and it is, when one is free, a port
that web browsers refuse to connect to (the "bad ports" of the Fetch standard),
so a web page cannot send it a request even if it guesses the number.
"""

from __future__ import annotations

import errno
import socket
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from .front import FrontServer
from .limits import Limits
from .oxigraph import Server, ServerError, base_url, free_port, port_is_free

INTERNAL_HOST = "127.0.0.1"
# The Fetch standard's bad ports above 1023 (https://fetch.spec.whatwg.org/#port-blocking):
# Chrome, Firefox and Safari refuse http(s) requests to them.
BROWSER_BLOCKED_PORTS = (6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080, 4190, 5060, 5061,
                         6566, 3659, 4045, 1719, 1720, 1723, 2049, 6000)


def internal_ports() -> list[int]:
    """Ports to try for the engine, best first: free browser-blocked ones, then any."""
    return [p for p in BROWSER_BLOCKED_PORTS if port_is_free(INTERNAL_HOST, p)] + [free_port()]


def listen(host: str, port: int, backend: tuple[str, int], cors: bool,
           query_timeout: float | None, limits: Limits, site: Path | None = None,
           context_file: Path | None = None) -> FrontServer:
    """The front, bound to ``host:port``; ServerError saying why it cannot be."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServerError(f"cannot listen on {host}: cannot resolve the host name "
                          f"({exc.strerror})") from exc
    family, _, _, _, address = infos[0]
    try:
        return FrontServer(address, family, backend, cors, query_timeout, limits, site,
                           context_file)
    except OSError as exc:
        raise ServerError(bind_error(host, port, exc)) from exc


def bind_error(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} on {host} is in use (is another server running? choose another "
                "with --port)")
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"cannot listen on {host}: the address is not on this machine"
    if exc.errno == errno.EACCES:
        return (f"cannot listen on port {port} on {host}: permission denied (ports below 1024 "
                "need privileges; choose another with --port)")
    return f"cannot listen on {host} port {port}: {exc.strerror or exc}"


@dataclass
class Endpoint:
    """The read-only SPARQL endpoint: a context manager that starts and stops both parts."""

    location: Path
    host: str = "127.0.0.1"
    port: int = 7878
    cors: bool = False
    query_timeout: float | None = 60.0
    limits: Limits = field(default_factory=Limits)
    ready_timeout: float = 30.0
    site: Path | None = None  # the static site served beside the endpoint (build/site)
    context_file: Path | None = None  # JSON-LD context of the resources' descriptions
    engine: Server | None = None
    front: FrontServer | None = None

    @property
    def url(self) -> str:
        return base_url(self.host, self.port)

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        return self.url + "/store"

    @property
    def engine_url(self) -> str:
        """Oxigraph itself, unchecked (for measurements and tests, never for clients)."""
        assert self.engine is not None
        return self.engine.url

    @property
    def engine_port_is_browser_blocked(self) -> bool:
        """Whether web browsers refuse to connect to the engine's port (False when every
        such port was taken and the engine got any free port)."""
        return self.engine is not None and self.engine.port in BROWSER_BLOCKED_PORTS

    def start(self) -> "Endpoint":
        placeholder = (INTERNAL_HOST, 0)
        self.front = listen(self.host, self.port, placeholder, self.cors, self.query_timeout,
                            self.limits, self.site, self.context_file)
        if self.port == 0:
            self.port = self.front.server_address[1]
        try:
            self.engine = self._start_engine()
            self.front.backend = (INTERNAL_HOST, self.engine.port)
            self.front.start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_engine(self) -> Server:
        last: ServerError | None = None
        for port in internal_ports()[:3]:
            engine = Server(self.location, INTERNAL_HOST, port, read_only=True,
                            union_default_graph=True, query_timeout=self.query_timeout,
                            ready_timeout=self.ready_timeout)
            try:
                return engine.start()
            except ServerError as exc:  # taken meanwhile by someone else: the next one
                if "in use" not in str(exc):
                    raise
                last = exc
        assert last is not None
        raise last

    def stop(self) -> int | None:
        """Stop the front, then Oxigraph; Oxigraph's exit code (None if it never ran)."""
        if self.front is not None:
            front, self.front = self.front, None
            front.stop()
        code = None
        if self.engine is not None:
            code = self.engine.stop()
            self.engine = None
        return code

    def wait(self) -> int:
        """Until Oxigraph exits (the front cannot run without it); its exit code."""
        assert self.engine is not None
        return self.engine.wait()

    def log_tail(self) -> str:
        return self.engine.log_tail() if self.engine is not None else ""

    def __enter__(self) -> "Endpoint":
        return self.start() if self.engine is None else self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
