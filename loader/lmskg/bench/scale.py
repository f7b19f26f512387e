"""``make bench``: the whole pipeline on synthetic corpora of growing size, side by side.

For each size (claims) in ``--sizes``:

1. ``lmskg synth`` writes a corpus (kept in ``build/bench/corpora/<N>-<seed>`` and reused
   while its ``synth.json`` stamp says this version of synth wrote it whole: the same
   seed gives the same bytes);
2. ``lmskg build`` runs as its own process ``--build-repeat`` times (the median is kept,
   with the peak memory of the process and triples per second): the streaming build from
   ``--large-from`` claims on, the in-memory build with HermiT below (``--no-reason`` past
   ``--hermit-max`` claims; both default to the build's own choice, above 500 claims the
   streaming build); the build's own stage times (``--timings``) are kept;
3. ``lmskg check`` on what was built, when ``--check`` is given a size limit it fits;
4. every catalogue question (with the parameters of its first example that has some, or
   its defaults) and a point look-up, ``--repeat`` times each, on up to four engines over
   the same data:
   ``oxigraph`` (lmskg's engine on the build's persistent store: what ``lmskg query``
   does, with parameter binding and result conversion), ``pyoxigraph`` (the raw library
   on the same store, results consumed: the reference line), ``pyoxigraph-ram`` (the
   raw library on the TriG file loaded into an in-memory store, up to ``--ram-max``
   claims: the same engine with no read going to RocksDB; loaded after the check and
   held while every engine is timed) and ``memory`` (rdflib's own engine on the TriG
   file, up to ``--rdflib-max`` claims); a question over ``--timeout`` seconds is
   recorded as such and not repeated; then each other example of each question (other
   parameters), on lmskg's engine only.

Writes ``build/bench/results.json`` (every figure), ``build/bench/results.md`` (tables)
and ``build/bench/scaling.svg`` (log-log: seconds against claims, one line per stage
and engine). A benchmark, not a test: it asserts nothing and is never run by make test.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from ..config import Config
from ..exports.manifest import built_trig_sha256
from ..sparql.catalogue import CatalogueQuery, load_catalogue
from ..sparql.deadline import QueryTimeout, run_within
from ..sparql.engines import OxigraphEngine, RdflibEngine
from ..sparql.local import run_local
from ..sparql.params import bind, bindings_for, id_namespace, parse_given
from ..stores.dataset import load_trig
from ..stores.oxigraph import from_trig
from ..stores.persistent import DB_DIR, open_read_only
from ..ontology.index import load_ontology
from .synth import is_written

LMSKG = [sys.executable, "-m", "lmskg"]


def median_of(fn: Callable[[], object], repeat: int, timeout: float | None = None
              ) -> tuple[float, int]:
    """(median seconds, runs): stops repeating once a run takes longer than ``timeout``."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
        if timeout is not None and runs[-1] > timeout:
            break
    return statistics.median(runs), len(runs)


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out += [int(c) for c in task.read_text().split()]
        except OSError:  # the task ended meanwhile
            pass
    return out


def tree_pss_mib(pid: int) -> float:
    """The proportional set size of a process and its descendants, summed (MiB): what
    they hold together, pages a fork shares counted once (Linux /proc; 0 elsewhere)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:  # gone, or not Linux
            continue
        todo += _children(p)
    return total / 1024


SAMPLING_SHARE = 0.05  # of one core, at most, for sampling a build's memory


def next_wait(interval: float, took: float) -> float:
    """Seconds until the next sample, given how long the last one took. A sample makes
    the kernel walk the page tables of every process: with a million claims (processes of
    6-9 GiB), sampling every 0.2 s took 31 minutes of CPU beside an 89-minute build on
    two cores, slowing what it measured. The wait keeps the sampler within
    :data:`SAMPLING_SHARE` of a core."""
    return max(interval, took * (1 - SAMPLING_SHARE) / SAMPLING_SHARE)


class TreeMemory:
    """The peak of :func:`tree_pss_mib` for a running process, sampled by a thread every
    ``interval`` seconds, or less often where samples are slow (:func:`next_wait`): the
    build forks a worker for its tables, and the kernel's peak (``ru_maxrss``) is of the
    largest single process, not of both."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval, self.peak = pid, interval, 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        wait = self.interval
        while not self._done.wait(wait):
            start = time.perf_counter()
            self.peak = max(self.peak, tree_pss_mib(self.pid))
            wait = next_wait(self.interval, time.perf_counter() - start)

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return self.peak


def run_process(cmd: list[str], env: dict[str, str] | None = None
                ) -> tuple[float, float, str, float]:
    """(wall seconds, peak RSS of its largest process in MiB, stderr, peak memory of it
    and its worker processes together in MiB) of a command run to completion; raises if
    it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    memory = TreeMemory(proc.pid)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    together = memory.stop()
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: a check found something, still a measurement
        raise RuntimeError(f"{' '.join(cmd[2:])} failed ({proc.returncode}): {err[-800:]}")
    return seconds, usage.ru_maxrss / 1024, err, together


def _example_given(example: str) -> dict[str, str]:
    """The parameters an example command line gives (``--param k=v``)."""
    words = example.split()
    return parse_given([words[i + 1] for i, w in enumerate(words[:-1]) if w == "--param"])


def question_params(q: CatalogueQuery) -> dict[str, str]:
    """The parameters of the question's first example (its defaults fill the rest)."""
    for example in q.examples:
        given = _example_given(example)
        if given:
            return given
    return {}


# a parameter naming one record of the graph gets one the synthetic graph has (the catalogue's
# examples name records of the seed sources): a question about nothing would time nothing
_RECORD_OF = {
    "source": "SELECT ?x WHERE { ?c <https://w3id.org/lmskg/ontology#source> ?x } LIMIT 1",
    "claim": "SELECT ?x WHERE { ?x <https://w3id.org/lmskg/ontology#source> ?s } LIMIT 1",
    "study": "SELECT ?x WHERE { ?c <https://w3id.org/lmskg/ontology#study> ?x } LIMIT 1",
    "reference": "SELECT ?x WHERE { ?c <https://w3id.org/lmskg/ontology#refersTo> ?x } LIMIT 1",
}


# a regimen no claim or arm of the graph names (the trial questions' examples name the
# practice texts' agents) becomes the one the graph's trial arms are given most often
_NAMED_REGIMEN = "ASK { ?x <https://w3id.org/lmskg/ontology#regimen> <%s> }"
_ARMS_REGIMEN = ("SELECT ?x (COUNT(?arm) AS ?n) WHERE { ?arm "
                 "<https://w3id.org/lmskg/ontology#armOf> ?study ; "
                 "<https://w3id.org/lmskg/ontology#regimen> ?x } GROUP BY ?x "
                 "ORDER BY DESC(?n) ?x LIMIT 1")


def graph_params(q: CatalogueQuery, store: ox.Store) -> dict[str, str]:
    """The question's example parameters, with records the graph holds."""
    return _in_graph(q, question_params(q), store)


def example_params(q: CatalogueQuery, store: ox.Store) -> list[dict[str, str]]:
    """:func:`graph_params` first, then the parameters of each other example (with records
    the graph holds), each set once, in the catalogue's order: the other ways the question
    is asked, such as a regimen instead of a study."""
    seen = [graph_params(q, store)]
    for example in q.examples:
        given = _in_graph(q, _example_given(example), store)
        if given not in seen:
            seen.append(given)
    return seen


def _in_graph(q: CatalogueQuery, given: dict[str, str], store: ox.Store) -> dict[str, str]:
    """``given``, with each parameter naming one record of the seed sources replaced by
    one the graph holds."""
    given = dict(given)
    for p in q.params:
        if p.name not in given and not p.default:
            continue
        query = _RECORD_OF.get(p.type)
        value = given.get(p.name, p.default)
        if p.type == "regimen" and value and not store.query(
                _NAMED_REGIMEN % id_namespace("regimen")[value],
                use_default_graph_as_union=True):
            query = _ARMS_REGIMEN
        if query is None:
            continue
        rows = list(store.query(query, use_default_graph_as_union=True))
        if rows:
            given[p.name] = rows[0][0].value.rsplit("/", 1)[-1]
    return given


def _directories(root: Path, claims: int, seed: int) -> tuple[Path, Path]:
    corpus = root / "corpora" / f"{claims}-{seed}"
    return corpus, root / "builds" / f"{claims}-{seed}"


def measure_size(claims: int, args, config: Config, log: Callable[[str], None]) -> dict:
    root = config.build_dir / "bench"
    corpus, build = _directories(root, claims, args.seed)
    result: dict = {"claims": claims, "settings": {
        "repeat": args.repeat, "build_repeat": args.build_repeat, "timeout": args.timeout,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}}
    if not is_written(corpus, claims, args.seed, config.data_dir):
        seconds, rss, _, _ = run_process([*LMSKG, "synth", "--claims", str(claims),
                                          "--seed", str(args.seed), "-o", str(corpus)])
        result["synth"] = {"seconds": seconds, "peak_rss_mib": rss}
        log(f"  synth {claims}: {seconds:.1f} s")
    paths = ["--data", str(corpus / "data"), "--corpus", str(corpus / "corpus"),
             "--build", str(build)]
    env = {"LMSKG_VOCAB": str(corpus / "vocab")}
    large = claims >= args.large_from
    build_cmd = [*LMSKG, "build", *paths, "--timings", str(root / "timings.json")]
    build_cmd += ["--large"] if large else ["--in-memory"]
    if not large and claims > args.hermit_max:
        build_cmd.append("--no-reason")
    runs = []
    for i in range(args.build_repeat):
        seconds, rss, _, together = run_process(build_cmd, env)
        stages = json.loads((root / "timings.json").read_text(encoding="utf-8"))
        runs.append((seconds, rss, stages, together))
        log(f"  build {claims} ({'streaming' if large else 'in memory'}) run {i + 1}: "
            f"{seconds:.1f} s, {rss:.0f} MiB largest process, {together:.0f} MiB together")
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    store = open_read_only(build / DB_DIR, built_trig_sha256(Config(build_dir=build)) or "")
    if store is None:
        raise RuntimeError(f"no persistent store in {build}")
    quads = len(store)
    seconds = statistics.median(r[0] for r in runs)
    result["build"] = {
        "kind": "streaming" if large else ("in memory + HermiT" if manifest["reasoned"]
                                           else "in memory"),
        "seconds": seconds, "runs": len(runs), "all_seconds": [r[0] for r in runs],
        "peak_rss_mib": max(r[1] for r in runs),
        "peak_together_mib": max(r[3] for r in runs), "quads": quads,
        "quads_per_second": quads / seconds,
        "stages": {k: statistics.median(r[2].get(k, 0.0) for r in runs) for k in runs[0][2]},
    }
    if claims <= args.check_max:
        seconds, rss, _, _ = run_process([*LMSKG, "check", *paths], env)
        result["check"] = {"seconds": seconds, "peak_rss_mib": rss}
        log(f"  check {claims}: {seconds:.1f} s")
    in_memory = None
    if claims <= args.ram_max:
        in_memory, result["ram_load_seconds"] = in_memory_copy(build / "lmskg.trig", quads)
        log(f"  TriG into an in-memory store {claims}: {result['ram_load_seconds']:.1f} s")
    result["questions"], result["other_examples"] = measure_questions(
        store, build, claims, args, config, log, in_memory)
    return result


def in_memory_copy(trig: Path, quads: int) -> tuple[ox.Store, float]:
    """The build's TriG file in an in-memory store, and the seconds loading took; an error
    if it holds other than the ``quads`` of the persistent store (whose stamp says it was
    loaded from that file)."""
    start = time.perf_counter()
    store = from_trig(trig)
    seconds = time.perf_counter() - start
    if len(store) != quads:
        raise RuntimeError(f"{trig} holds {len(store):,} quads, the build's store {quads:,}")
    return store, seconds


def _rows(store: ox.Store, text: str) -> int:
    """Raw pyoxigraph: the query's rows, consumed and counted."""
    return sum(1 for _ in store.query(text, use_default_graph_as_union=True))


def measure_questions(store: ox.Store, build: Path, claims: int, args, config: Config,
                      log: Callable[[str], None], in_memory: ox.Store | None = None
                      ) -> tuple[dict, list[dict]]:
    ontology = load_ontology(config.ontology_file)
    catalogue = load_catalogue(config.queries_dir)
    texts = {}
    others: list[tuple[str, dict[str, str], str]] = []
    for name, q in sorted(catalogue.items()):
        first, *rest = example_params(q, store)
        texts[name] = bind(q.text, bindings_for(q, first, ontology))
        others += [(name, given, bind(q.text, bindings_for(q, given, ontology)))
                   for given in rest]
    claim = next(iter(store.query("SELECT ?c WHERE { GRAPH ?g { ?c <https://w3id.org/lmskg/"
                                  "ontology#source> ?s } } LIMIT 1")))[0].value
    texts["point look-up (one claim's statements)"] = (
        f"SELECT ?p ?o WHERE {{ <{claim}> ?p ?o }}")
    engines: dict[str, Callable[[str], object]] = {}
    lmskg_engine = OxigraphEngine(store)
    engines["oxigraph"] = lambda text: run_local(lmskg_engine, text, "bench", timeout=0)
    engines["pyoxigraph"] = lambda text: _rows(store, text)
    if in_memory is not None:
        engines["pyoxigraph-ram"] = lambda text: _rows(in_memory, text)
    if claims <= args.rdflib_max:
        ds = load_trig(build / "lmskg.trig")
        rdflib_engine = RdflibEngine(ds)
        engines["memory"] = lambda text: run_local(rdflib_engine, text, "bench", timeout=0)
    out: dict = {}
    for name, text in texts.items():
        row = {engine: _timed(ask, text, name, args) for engine, ask in engines.items()}
        if not row["pyoxigraph"]["timed_out"]:
            # the answer's size, beside its time: a question listing every pair of 100,000
            # claims is bound by its rows, one about a single regimen by its plan
            row["rows"] = engines["pyoxigraph"](text)
        out[name] = row
        log(f"  {claims} {name}: " + ", ".join(f"{e} {row[e]['seconds'] * 1000:.1f} ms"
                                               for e in engines)
            + (f", {row['rows']:,} rows" if "rows" in row else ""))
    return out, _time_other_examples(others, engines["oxigraph"], store, claims, args, log)


def _timed(ask: Callable[[str], object], text: str, name: str, args) -> dict:
    """The median seconds of ``args.repeat`` runs of ``ask(text)``; a question over
    ``args.timeout`` is recorded as such and not repeated."""
    try:
        # a first run in a forked child, stopped at the timeout: a question that takes
        # hours at this size costs --timeout seconds once
        run_within(lambda: ask(text), args.timeout, name)
        seconds, runs = median_of(lambda: ask(text), args.repeat, args.timeout)
        return {"seconds": seconds, "runs": runs, "timed_out": False}
    except QueryTimeout:
        return {"seconds": args.timeout, "runs": 1, "timed_out": True}


def _time_other_examples(others: list[tuple[str, dict[str, str], str]],
                         ask: Callable[[str], object], store: ox.Store, claims: int, args,
                         log: Callable[[str], None]) -> list[dict]:
    """Each other example of each question (:func:`example_params`), on lmskg's engine
    only: a question asked another way (a regimen instead of a study) may take another
    plan, which the first example's timing does not show."""
    out = []
    for name, given, text in others:
        row = {"question": name, "params": given, **_timed(ask, text, name, args)}
        if not row["timed_out"]:
            row["rows"] = _rows(store, text)
        out.append(row)
        log(f"  {claims} {name} {given}: {row['seconds'] * 1000:.1f} ms"
            + (f", {row['rows']:,} rows" if "rows" in row else ""))
    return out


def machine() -> dict:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    return {"platform": platform.platform(), "python": platform.python_version(),
            "cpus": os.cpu_count(), "pyoxigraph": ox.__version__,
            "load_average_at_start": [round(x, 2) for x in load]}
