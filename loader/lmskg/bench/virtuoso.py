"""A private Virtuoso Open Source server, and how lmskg fares on it.

:class:`Virtuoso` starts Debian's ``virtuoso-t`` (package ``virtuoso-opensource``, 7.2)
with its own ini file and database directory, on free loopback ports, and stops it::

    with Virtuoso() as v:                     # about 1.5 s on a fresh database
        v.create_user("lmskg", "s3cret")      # may write through the *-auth endpoints
        v.crud_auth_url, v.sparql_url, ...    # http://127.0.0.1:PORT/...
    # stopped (SIGTERM: Virtuoso's quick shutdown), its temporary directory removed

Nothing is written outside that directory; both servers listen on 127.0.0.1 only,
never on Virtuoso's default ports, and the Conductor is not installed (it would add
8 s to the first start). The tests marked ``virtuoso`` (``make test-virtuoso``) and
the benchmark below use it.

``python -m lmskg.bench.virtuoso --trig build/lmskg.trig`` measures, on one private
server: loading by ``lmskg publish`` (Graph Store Protocol, Digest) and by Virtuoso's
bulk loader, and every catalogue question (default parameters) on Virtuoso over HTTP
and on the embedded Oxigraph store, medians of ``--repeat`` runs. The figures in
docs/remote-stores.md come from it.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

from ..errors import LmskgError

INSTALL = "install it: apt-get install -y virtuoso-opensource"
DEFAULT_PASSWORD = "dba"  # what a new Virtuoso database gives user dba


class VirtuosoError(LmskgError):
    """Virtuoso is missing, did not start, or refused a statement."""


def executables() -> tuple[str, str] | None:
    """(server, isql client) paths, or None when Virtuoso is not installed. Debian names
    the client isql-vt (unixODBC's isql is another program); upstream builds isql."""
    server = shutil.which("virtuoso-t")
    client = shutil.which("isql-vt") or shutil.which("isql-v")
    if client is None and server is not None:
        candidate = Path(server).with_name("isql")
        client = str(candidate) if candidate.is_file() else None
    return (server, client) if server and client else None


def missing_message() -> str:
    return f"Virtuoso (virtuoso-t and isql-vt) is not on PATH; {INSTALL}"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (another process may take it before Virtuoso)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render_ini(directory: Path, sql_port: int, http_port: int, *, buffers: int = 10000,
               result_rows: int = 1_000_000, query_seconds: int = 300,
               estimate_seconds: int = 0) -> str:
    """The ini file of a private server: every file under ``directory``, loopback only.

    ``buffers`` pages of 8 KiB are the page cache (10000: 80 MB; Virtuoso advises about
    two thirds of free memory for large loads). ``result_rows`` caps the rows of an answer:
    Debian's 10000 would cut larger answers silently. ``estimate_seconds``: Virtuoso
    refuses a query its optimizer estimates to take longer (Debian's ini: 400; conflicts
    on three copies of the graph was estimated at 2554 s and ran in under a second); 0
    turns the check off, ``query_seconds`` still bounds every query."""
    d = str(directory)
    return f"""\
; a private Virtuoso server (lmskg.bench.virtuoso)
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
O_DIRECT             = 0
CaseMode             = 2
MaxStaticCursorRows  = 5000
AllowOSCalls         = 0
DirsAllowed          = ., {d}
ThreadCleanupInterval = 0
ThreadThreshold      = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize    = 100000
SingleCPU            = 0
PrefixResultNames    = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps        = 64
MaxMemPoolSize       = 400000000
MaxQueryMem          = 1G
VectorSize           = 1000
MaxVectorSize        = 1000000
AdjustVectorSize     = 0
ThreadsPerQuery      = 2
AsyncQueueMaxThreads = 10
NumberOfBuffers      = {buffers}
MaxDirtyBuffers      = {buffers * 3 // 4}

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {d}
MaxClientConnections = 10
DavRoot              = DAV
EnabledDavVSP        = 0
HTTPProxyEnabled     = 0
TempASPXDir          = 0
ServerThreads        = 10
MaxKeepAlives        = 10
KeepAliveTimeout     = 10
HTTPThreadSize       = 280000
HttpPrintWarningsInOutput = 0
Charset              = UTF-8
EnabledGzipContent   = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[URIQA]
DynamicLocal = 0
DefaultHost  = 127.0.0.1:{http_port}

[SPARQL]
ResultSetMaxRows           = {result_rows}
MaxQueryCostEstimationTime = {estimate_seconds}
MaxQueryExecutionTime      = {query_seconds}
DefaultQuery               = SELECT * WHERE {{ ?s ?p ?o }} LIMIT 10
DeferInferenceRulesInit    = 0
"""


_LIBC = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True) \
    if sys.platform.startswith("linux") else None


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: SIGTERM the server when the thread that started it dies, so that a killed
    test run leaves no server behind."""
    if _LIBC is not None:
        _LIBC.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Virtuoso:
    """One private server. ``directory``: keep the database there (else a temporary
    directory, removed at stop unless ``keep``). ``ini``: options of :func:`render_ini`."""

    def __init__(self, directory: Path | None = None, *, start_timeout: float = 60.0,
                 keep: bool = False, **ini: int):
        found = executables()
        if found is None:
            raise VirtuosoError(missing_message())
        self.server_exe, self.isql_exe = found
        self._temporary = directory is None
        self.directory = (Path(tempfile.mkdtemp(prefix="lmskg-virtuoso-")) if directory is None
                          else Path(directory).resolve())
        self.directory.mkdir(parents=True, exist_ok=True)
        self.keep, self.start_timeout, self.ini = keep, start_timeout, ini
        self.password = DEFAULT_PASSWORD
        self.sql_port = self.http_port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.start_seconds = 0.0

    # -- URLs ---------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        """Queries, as Virtuoso's user "SPARQL" (no credentials)."""
        return self.base_url + "/sparql"

    @property
    def sparql_auth_url(self) -> str:
        """Queries after HTTP Digest authentication (Digest only)."""
        return self.base_url + "/sparql-auth"

    @property
    def crud_auth_url(self) -> str:
        """The Graph Store Protocol after HTTP Digest authentication (Digest only: Basic
        gets a bare 401 without a challenge)."""
        return self.base_url + "/sparql-graph-crud-auth"

    @property
    def log_file(self) -> Path:
        return self.directory / "virtuoso.log"

    # -- life -----------------------------------------------------------------------------
    def start(self) -> "Virtuoso":
        if self.process is not None:
            raise VirtuosoError("this Virtuoso is already running")
        problem = ""
        for _attempt in range(3):  # a port chosen free may be taken before Virtuoso binds it
            self.sql_port, self.http_port = free_port(), free_port()
            if self.sql_port == self.http_port:
                continue
            ini = self.directory / "virtuoso.ini"
            ini.write_text(render_ini(self.directory, self.sql_port, self.http_port, **self.ini),
                           encoding="utf-8")
            began = time.monotonic()
            with open(self.directory / "console.log", "ab") as console:
                self.process = subprocess.Popen(
                    [self.server_exe, "+foreground", "+configfile", str(ini)],
                    cwd=self.directory, stdin=subprocess.DEVNULL, stdout=console,
                    stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
            try:
                self._wait_until_ready(began)
            except VirtuosoError as exc:
                problem = str(exc)
                self._kill()
                if "port" in problem.lower() or "listen" in problem.lower():
                    continue
                raise
            self.start_seconds = time.monotonic() - began
            return self
        raise VirtuosoError(f"could not start Virtuoso: {problem}")

    def _wait_until_ready(self, began: float) -> None:
        """Ready: the log says 'Server online' and /sparql answers ASK {}."""
        deadline = began + self.start_timeout
        probe = self.sparql_url + "?query=" + quote("ASK {}")
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise VirtuosoError(f"virtuoso-t exited at start (code "
                                    f"{self.process.returncode}): {self.log_tail()}")
            if "Server online at" in self._log_text():
                try:
                    with urllib.request.urlopen(probe, timeout=2) as response:
                        if response.status == 200:
                            return
                except (urllib.error.URLError, OSError):
                    pass
            time.sleep(0.05)
        raise VirtuosoError(f"Virtuoso was not ready within {self.start_timeout:g} s: "
                            f"{self.log_tail()}")

    def _log_text(self) -> str:
        try:
            return self.log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 8) -> str:
        text = self._log_text()
        console = self.directory / "console.log"
        if console.is_file():
            text += console.read_text(encoding="utf-8", errors="replace")
        return " | ".join(text.strip().splitlines()[-lines:])

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM (a quick shutdown, well under a second), SIGKILL after ``timeout``; the
        temporary directory is removed unless ``keep``."""
        try:
            if self.alive():
                assert self.process is not None
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self._kill()
        finally:
            self.process = None
            if self._temporary and not self.keep:
                shutil.rmtree(self.directory, ignore_errors=True)

    def _kill(self) -> None:
        if self.alive():
            assert self.process is not None
            self.process.kill()
            self.process.wait(10)
        self.process = None

    def __enter__(self) -> "Virtuoso":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- SQL ----------------------------------------------------------------------------
    def isql(self, sql: str, timeout: float = 3600.0) -> str:
        """Run SQL statements (one per line, each ending in ';') as dba; the output.

        isql exits 0 when a statement fails, so the output is searched for '*** Error'.
        The password travels on isql's command line: fine for a private server."""
        proc = subprocess.run(
            [self.isql_exe, f"127.0.0.1:{self.sql_port}", "dba", self.password,
             "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF", "ERRORS=STDOUT"],
            input=sql if sql.endswith("\n") else sql + "\n", capture_output=True, text=True,
            timeout=timeout, cwd=self.directory)
        out = proc.stdout + proc.stderr
        if proc.returncode != 0 or "*** Error" in out:
            raise VirtuosoError(f"isql failed (exit {proc.returncode}): {out.strip()[-800:]}")
        return out

    def create_user(self, name: str, password: str, sparql_update: bool = True) -> None:
        """A user of the web endpoints; in role SPARQL_UPDATE it may write through
        /sparql-graph-crud-auth (without it: 403 'Permission denied for delete from
        DB.DBA.RDF_QUAD')."""
        sql = f"DB.DBA.USER_CREATE('{_sql(name)}', '{_sql(password)}');\n"
        if sparql_update:
            sql += f'GRANT SPARQL_UPDATE TO "{_sql(name)}";\n'
        self.isql(sql)

    def bulk_load(self, files: list[Path], graph: str = "urn:lmskg:outside-any-graph") -> float:
        """Load N-Quads/TriG/Turtle/N-Triples files with Virtuoso's bulk loader (ld_dir,
        rdf_loader_run, checkpoint); seconds taken. Quads keep their graph; ``graph`` is
        for triples outside any. The files are linked or copied into the server's directory
        (the loader reads only DirsAllowed)."""
        load_dir = self.directory / "load"
        shutil.rmtree(load_dir, ignore_errors=True)
        load_dir.mkdir()
        for f in files:
            target = load_dir / Path(f).name
            try:
                target.hardlink_to(f)
            except OSError:
                shutil.copy(f, target)
        began = time.monotonic()
        self.isql(f"DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '{_sql(str(load_dir))}/%';\n"
                  f"ld_dir('{_sql(str(load_dir))}', '*', '{_sql(graph)}');\n"
                  "rdf_loader_run();\n"
                  "checkpoint;\n")
        seconds = time.monotonic() - began
        errors = self.isql("SELECT 'errors=', COUNT(*) FROM DB.DBA.LOAD_LIST "
                           "WHERE ll_error IS NOT NULL;")
        if not re.search(r"errors=\s+0\b", errors):
            detail = self.isql("SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST "
                               "WHERE ll_error IS NOT NULL;")
            raise VirtuosoError(f"bulk load errors: {detail.strip()[-800:]}")
        return seconds

    def clear_graphs(self, prefix: str) -> None:
        """Drop every graph whose IRI starts with ``prefix`` (as dba, through isql)."""
        out = self.isql("SPARQL SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                        f"FILTER(STRSTARTS(STR(?g), \"{prefix}\")) }};")
        for graph in re.findall(r"^(\S+://\S+)\s*$", out, re.M):
            self.isql(f"SPARQL CLEAR GRAPH <{graph}>;")


def _sql(text: str) -> str:
    """A value for a single-quoted SQL string literal."""
    return text.replace("'", "''")


# -- the benchmark ------------------------------------------------------------------------------

_ID = "https://w3id.org/lmskg/id/"
_COPIED = tuple(_ID + kind for kind in ("claim/", "source/", "pair/"))
_SOURCE_GRAPH = "https://w3id.org/lmskg/graph/source/"


def replicate_trig(trig: Path, copies: int, out: Path) -> int:
    """The dataset with every source ``copies`` times: each copy's claims, sources, their
    anchors and citations, and the pairs the build derived between them under new IRIs
    (``claim/s000-c01-r7``), each source in a graph of its own; the ontology, the
    vocabulary and the references once (every copy cites the same works). Written as
    TriG to ``out``; the number of quads."""
    import pyoxigraph as ox

    def renamed(term: Any, i: int) -> Any:
        if i and isinstance(term, ox.NamedNode):
            for prefix in _COPIED + (_SOURCE_GRAPH,):
                if term.value.startswith(prefix):
                    head, sep, rest = term.value[len(prefix):].partition("/")
                    return ox.NamedNode(f"{prefix}{head}-r{i}{sep}{rest}")
        return term

    def copied(term: Any) -> bool:
        return isinstance(term, ox.NamedNode) and term.value.startswith(_COPIED)

    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    shared = ("https://w3id.org/lmskg/graph/ontology", "https://w3id.org/lmskg/graph/vocabulary")

    def generate():
        for i in range(copies):
            for q in quads:
                g = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
                if g in shared or not (copied(q.subject) or copied(q.object)
                                       or g.startswith(_SOURCE_GRAPH)):
                    if i == 0:  # the same statement in every copy: once
                        yield q
                    continue
                yield ox.Quad(renamed(q.subject, i), q.predicate, renamed(q.object, i),
                              renamed(q.graph_name, i))

    store = ox.Store()
    store.bulk_extend(generate())
    with open(out, "wb") as fh:
        store.dump(fh, format=ox.RdfFormat.TRIG)
    return len(store)


def _median_seconds(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """(first run, median of ``repeat`` runs after it) in seconds."""
    t = time.perf_counter()
    fn()
    first = time.perf_counter() - t
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return first, statistics.median(runs)


def benchmark(trig: Path, queries_dir: Path, ontology_file: Path, repeat: int,
              say: Callable[[str], None] = print, load: str = "both",
              buffers: int = 10000, virtuoso_only: bool = False) -> dict[str, Any]:
    """Load ``trig`` into a private Virtuoso and time it and every catalogue question;
    beside it, unless ``virtuoso_only``, the embedded store and an Oxigraph server on the
    same file, with each answer compared (at 100,000 claims those two took an hour for a
    third of the questions; ``make test-virtuoso`` compares the answers on the fixtures)."""
    from ..sparql.engines import OxigraphEngine
    from ..sparql.local import run_local
    from ..sparql.remote import Connection, run_remote
    from ..stores.oxigraph import from_trig

    out = _described(trig, repeat, say)
    texts = _catalogue_texts(queries_dir, ontology_file)
    if virtuoso_only:
        out["virtuoso_only"] = True
        with Virtuoso(buffers=buffers) as v:
            _load(v, trig, load, say, out)
            connection = Connection(v.sparql_url)
            rows = []
            for name, text in texts.items():
                answer, first, median = _timed_on_virtuoso(v, connection, name, text, repeat)
                count = len(answer.rows)
                rows.append({"query": name, "rows": count, "virtuoso_first": first,
                             "virtuoso": median})
                say(f"  {name}: {count} rows, Virtuoso {median:.3f} s")
            out["queries"] = rows
        return out
    t = time.perf_counter()
    local = OxigraphEngine(from_trig(trig))
    out["oxigraph_load_seconds"] = time.perf_counter() - t
    from ..serve.oxigraph import Server, free_port as oxigraph_port, prepare_database

    scratch = Path(tempfile.mkdtemp(prefix="lmskg-bench-oxigraph-"))
    t = time.perf_counter()
    database, _ = prepare_database(trig, scratch / "oxigraph")
    out["oxigraph_server_load_seconds"] = time.perf_counter() - t
    with Virtuoso(buffers=buffers) as v, Server(database, port=oxigraph_port()) as oxigraph:
        _load(v, trig, load, say, out)
        connection = Connection(v.sparql_url)
        rows = []
        for name, text in texts.items():
            remote, r_first, r_med = _timed_on_virtuoso(v, connection, name, text, repeat)
            remote_rows = len(remote.rows)
            same = _normal(remote) == _normal(run_local(local, text, name, timeout=0))
            if not same:
                say(f"  {name}: Virtuoso's answer differs from Oxigraph's")
            l_first, l_med = _median_seconds(lambda: run_local(local, text, name, timeout=0),
                                             repeat)
            s_first, s_med = _median_seconds(
                lambda: run_remote(oxigraph.query_url, text, timeout=3600, where=name), repeat)
            rows.append({"query": name, "rows": remote_rows, "same": same,
                         "virtuoso_first": r_first, "virtuoso": r_med,
                         "oxigraph_first": l_first, "oxigraph": l_med,
                         "oxigraph_server_first": s_first, "oxigraph_server": s_med})
            say(f"  {name}: {remote_rows} rows, Virtuoso {r_med:.3f} s, Oxigraph server "
                f"{s_med:.3f} s, embedded {l_med:.3f} s")
        out["queries"] = rows
    shutil.rmtree(scratch, ignore_errors=True)
    return out


def _timed_on_virtuoso(v: Virtuoso, connection: Any, name: str, text: str,
                       repeat: int) -> tuple[Any, float, float]:
    """(the answer, its first timed run's seconds, the median seconds) of one question on
    Virtuoso: asked once for the answer, then timed."""
    from ..sparql.remote import run_remote

    def ask() -> Any:
        return run_remote(v.sparql_url, text, timeout=3600, where=name, connection=connection)

    answer = ask()
    first, median = _median_seconds(ask, repeat)
    return answer, first, median


def _described(trig: Path, repeat: int, say: Callable[[str], None]) -> dict[str, Any]:
    """The figures' head: the file, its graphs and triples, the machine."""
    from ..stores.publish import graphs_of

    out: dict[str, Any] = {"trig": str(trig), "repeat": repeat, "machine": machine()}
    t = time.perf_counter()
    payloads = graphs_of(trig)
    out["parse_seconds"] = time.perf_counter() - t
    out["graphs"], out["triples"] = len(payloads), sum(p.triples for p in payloads)
    say(f"{trig}: {out['graphs']} graphs, {out['triples']} triples")
    return out


def _catalogue_texts(queries_dir: Path, ontology_file: Path) -> dict[str, str]:
    """Every catalogue question with its default parameters bound, by name."""
    from ..ontology.index import load_ontology
    from ..sparql.catalogue import load_catalogue
    from ..sparql.params import bind, bindings_for

    onto = load_ontology(ontology_file)
    return {name: bind(q.text, bindings_for(q, {}, onto))
            for name, q in sorted(load_catalogue(queries_dir).items())}


def _load(v: Virtuoso, trig: Path, load: str, say: Callable[[str], None],
          out: dict[str, Any]) -> None:
    """``trig`` into the running Virtuoso ``v``: by ``lmskg publish`` (``gsp``), by its
    bulk loader (``bulk``) or both, one after the other; their seconds into ``out``."""
    from ..stores.publish import publish

    out["start_seconds"] = v.start_seconds
    say(f"Virtuoso started in {v.start_seconds:.1f} s at {v.base_url}")
    v.create_user("lmskg", "bench")
    if load in ("both", "gsp"):
        env = {"LMSKG_ENDPOINT_USER": "lmskg", "LMSKG_ENDPOINT_PASSWORD": "bench"}
        summary = publish(trig, v.crud_auth_url, timeout=3600, say=lambda line: None,
                          environ=env)
        out["publish_seconds"] = summary.seconds
        say(f"lmskg publish (GSP, Digest): {summary.seconds:.1f} s")
    if load in ("both", "bulk"):
        if load == "both":
            v.clear_graphs("https://w3id.org/lmskg/graph/")
        out["bulk_seconds"] = v.bulk_load([trig])
        say(f"bulk load (ld_dir + rdf_loader_run + checkpoint): {out['bulk_seconds']:.1f} s")


def _normal(res: Any) -> list[tuple]:
    """An answer as a sorted list of rows, numbers by value (engines write them apart)."""
    from decimal import Decimal, InvalidOperation

    from rdflib import Literal

    def term(t: Any) -> tuple:
        if isinstance(t, Literal) and t.datatype is not None and str(t.datatype).startswith(
                "http://www.w3.org/2001/XMLSchema#") and str(t.datatype)[33:] in (
                "integer", "decimal", "double", "float", "nonNegativeInteger", "int", "long"):
            try:
                return ("number", Decimal(str(t)).normalize())
            except InvalidOperation:
                pass
        return (type(t).__name__, str(t))

    if res.boolean is not None:
        return [("ask", res.boolean)]
    return sorted(tuple(term(t) for t in row) for row in res.rows)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    version = ""
    found = executables()
    if found:
        proc = subprocess.run([found[0], "-?"], capture_output=True, text=True)
        m = re.search(r"Version (\S+)", proc.stdout + proc.stderr)
        version = m.group(1) if m else ""
    import os
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "virtuoso": version,
            "load_average": os.getloadavg()[0]}


def markdown(result: dict[str, Any]) -> str:
    rows = result["queries"]
    if result.get("virtuoso_only"):
        lines = [f"{result['triples']} triples in {result['graphs']} graphs; medians of "
                 f"{result['repeat']} runs after a first one; {result['machine']}", "",
                 "| question | rows | Virtuoso s (first) | Virtuoso s |",
                 "| --- | ---: | ---: | ---: |"]
        lines += [f"| {r['query']} | {r['rows']:,} | {r['virtuoso_first']:.3f} | "
                  f"{r['virtuoso']:.3f} |" for r in rows]
        lines += [f"\n{key}: {result[key]:.2f}" for key in
                  ("start_seconds", "publish_seconds", "bulk_seconds") if key in result]
        return "\n".join(lines) + "\n"
    total_v = sum(r["virtuoso"] for r in rows)
    total_o = sum(r["oxigraph"] for r in rows)
    lines = [f"{result['triples']} triples in {result['graphs']} graphs; medians of "
             f"{result['repeat']} runs after a first one; {result['machine']}", "",
             "| question | rows | same answer | Virtuoso s (first) | Virtuoso s | "
             "Oxigraph server s | Virtuoso / Oxigraph server | Oxigraph embedded s |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        ratio = r["virtuoso"] / r["oxigraph_server"] if r["oxigraph_server"] else float("inf")
        lines.append(f"| {r['query']} | {r['rows']} | {'yes' if r['same'] else 'NO'} | "
                     f"{r['virtuoso_first']:.3f} | {r['virtuoso']:.3f} | "
                     f"{r['oxigraph_server']:.3f} | {ratio:.1f} | {r['oxigraph']:.3f} |")
    total_s = sum(r["oxigraph_server"] for r in rows)
    lines.append(f"| all | | {sum(r['same'] for r in rows)} of {len(rows)} | | {total_v:.2f} | "
                 f"{total_s:.2f} | {total_v / total_s if total_s else float('inf'):.1f} | "
                 f"{total_o:.2f} |")
    for key in ("start_seconds", "publish_seconds", "bulk_seconds", "oxigraph_load_seconds",
                "oxigraph_server_load_seconds"):
        if key in result:
            lines.append(f"\n{key}: {result[key]:.2f}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m lmskg.bench.virtuoso",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--trig", type=Path, default=Path("build/lmskg.trig"))
    p.add_argument("--queries", type=Path, default=Path("queries"))
    p.add_argument("--ontology", type=Path, default=Path("ontology/lmskg.ttl"))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--load", choices=("both", "gsp", "bulk"), default="both")
    p.add_argument("--buffers", type=int, default=10000,
                   help="Virtuoso's page cache in 8 KiB pages (default: 10000, 80 MB)")
    p.add_argument("--json", type=Path, help="also write the figures as JSON here")
    p.add_argument("--virtuoso-only", action="store_true",
                   help="time Virtuoso alone: no embedded store, no Oxigraph server, answers "
                        "not compared (make test-virtuoso compares them)")
    p.add_argument("--copies", type=int, default=1, metavar="K",
                   help="measure the dataset with every source K times (replicate_trig); "
                        "the copy is written beside --trig")
    args = p.parse_args(argv)
    if executables() is None:
        print(missing_message(), file=sys.stderr)
        return 2
    trig = args.trig
    if args.copies > 1:
        trig = args.trig.with_name(f"{args.trig.stem}-x{args.copies}.trig")
        t = time.perf_counter()
        quads = replicate_trig(args.trig, args.copies, trig)
        print(f"wrote {trig}: {quads} quads ({time.perf_counter() - t:.0f} s)")
    result = benchmark(trig, args.queries, args.ontology, args.repeat, load=args.load,
                       buffers=args.buffers, virtuoso_only=args.virtuoso_only)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    sys.stdout.write(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
