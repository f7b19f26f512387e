"""An Oxigraph SPARQL server on the built dataset.

The ``oxigraph`` package (PyPI) installs the ``oxigraph`` command, a SPARQL 1.1
server on a RocksDB directory. The build has written ``<build>/oxigraph/db``
(:mod:`lmskg.stores.persistent`); :func:`prepare_database` reloads it only when it
holds another TriG file than ``lmskg.trig``, then :func:`start` runs
``oxigraph serve-read-only`` on it:

- read-only: SPARQL Update and Graph Store writes get HTTP 403;
- ``--union-default-graph``: a query's default graph is the union of the named
  graphs, as on the embedded store (see docs/decisions/0004-sparql-server.md);
- bound to 127.0.0.1 unless asked otherwise.

:class:`Server` is a context manager: it waits until the server answers a
query, and always stops it (SIGTERM, then SIGKILL after a grace period). On
Linux the server also dies with its parent, so a crashed test never leaves one
behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from ..errors import LmskgError
from ..exports.manifest import file_sha256
from ..stores.persistent import DB_DIR, StoreError, load_store, stamp_digest



class ServerError(LmskgError):
    """The SPARQL server cannot be prepared, started or reached (exit code 2)."""


def oxigraph_executable() -> str:
    """The ``oxigraph`` command of this environment (beside python), else on PATH."""
    candidates = [Path(sysconfig.get_path("scripts")) / "oxigraph",
                  Path(sys.executable).with_name("oxigraph")]
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServerError("the 'oxigraph' command is not installed (it comes with the 'oxigraph' "
                      "package on PyPI: run 'make setup')")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now (the OS picks it)."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_is_free(host: str, port: int) -> bool:
    """Whether a server could listen on ``host:port`` now (as oxigraph binds: SO_REUSEADDR,
    so the TIME_WAIT connections of a server just stopped do not count)."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
        return True


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def base_url(host: str, port: int) -> str:
    """The URL clients use: a wildcard bind is reached through loopback."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://{_bind_address(shown, port)}"


# -- the database -----------------------------------------------------------------------------

def prepare_database(trig: Path, root: Path, force: bool = False) -> tuple[Path, bool]:
    """``root/db`` holding exactly ``trig``; (path, whether it was (re)loaded).

    The build has usually loaded it already (:mod:`lmskg.stores.persistent`); it is
    loaded here only when missing or holding another TriG file.
    """
    if not trig.is_file():
        raise ServerError(f"{trig} does not exist: run 'lmskg build' (or 'make build') first")
    digest = file_sha256(trig)
    if not force and stamp_digest(root) == digest:
        return root / "db", False
    try:
        return load_store(trig, digest, root), True
    except StoreError as exc:
        raise ServerError(str(exc)) from exc


def _child_env() -> dict[str, str]:
    """Our environment, without Rust stack traces in oxigraph's error messages."""
    return {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}


def error_text(output: str) -> str:
    """The error lines of oxigraph's output, on one line (no stack trace, no hints)."""
    text = output.split("Stack backtrace:")[0]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return " | ".join(errors or lines[-3:])


# -- the server process -----------------------------------------------------------------------

@dataclass
class Server:
    """A running (or about to run) ``oxigraph serve`` process."""

    location: Path | None  # None: an in-memory, writable store (tests publish to it)
    host: str = "127.0.0.1"
    port: int = 7878
    read_only: bool = True
    union_default_graph: bool = True
    cors: bool = False
    query_timeout: float | None = None
    ready_timeout: float = 30.0
    process: subprocess.Popen | None = None
    log: BinaryIO | None = None  # what oxigraph prints: an unlinked temporary file

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

    def command(self) -> list[str]:
        mode = "serve-read-only" if self.read_only else "serve"
        cmd = [oxigraph_executable(), mode, "--bind", _bind_address(self.host, self.port)]
        if self.location is not None:
            cmd += ["--location", str(self.location)]
        elif self.read_only:
            raise ServerError("a read-only server needs a database directory")
        if self.union_default_graph:
            cmd.append("--union-default-graph")
        if self.cors:
            cmd.append("--cors")
        if self.query_timeout:
            cmd += ["--timeout-s", str(max(1, round(self.query_timeout)))]
        return cmd

    def start(self) -> "Server":
        if not port_is_free(self.host, self.port):
            raise ServerError(f"port {self.port} on {self.host} is in use (is another server "
                              "running? choose another with --port)")
        cmd = self.command()
        self.log = tempfile.TemporaryFile(prefix="lmskg-oxigraph-")  # never left behind
        try:
            self.process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.log,
                                            stderr=subprocess.STDOUT, env=_child_env(),
                                            preexec_fn=_die_with_parent)
        except OSError as exc:
            self.stop()
            raise ServerError(f"cannot start {cmd[0]}: {exc.strerror}") from exc
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.ready_timeout
        probe = self.query_url + "?query=ASK%7B%7D"
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                raise ServerError(f"oxigraph exited at start (code {self.process.returncode}): "
                                  f"{self.log_tail() or 'no message'}")
            try:
                with urllib.request.urlopen(probe, timeout=1.0) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise ServerError(f"oxigraph did not answer on {self.url} within "
                                  f"{self.ready_timeout:g} s")
            time.sleep(0.05)

    def log_tail(self) -> str:
        """What oxigraph said that looks like an error (for messages)."""
        if self.log is None:
            return ""
        try:  # pread: the child shares the file offset, which must stay at the end
            fd = self.log.fileno()
            text = os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8", errors="replace")
        except (OSError, ValueError):
            return ""
        return error_text(text)

    def stop(self, grace: float = 5.0) -> int | None:
        """Stop the server (SIGTERM, then SIGKILL); its exit code, or None if never started."""
        proc, self.process = self.process, None
        code = None
        if proc is not None:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(grace)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            code = proc.returncode
        if self.log is not None:
            self.log.close()
            self.log = None
        return code

    def wait(self) -> int:
        assert self.process is not None
        return self.process.wait()

    def __enter__(self) -> "Server":
        return self.start() if self.process is None else self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def _load_libc() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


_LIBC = _load_libc()  # loaded here: the child between fork and exec must not import


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: ask the kernel to SIGTERM the server when the thread that started it dies."""
    if _LIBC is not None:
        _LIBC.prctl(1, signal.SIGTERM)  # type: ignore[attr-defined]  # PR_SET_PDEATHSIG


def count_triples(query_url: str) -> tuple[int, int]:
    """(triples, named graphs) as the running server at ``query_url`` sees them."""
    from ..sparql.remote import run_remote

    res = run_remote(query_url, "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?g) "
                     "WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=30, where="serve")
    n, g = res.rows[0]
    return int(n), int(g)
