"""The tables of a large build, written by a second process while the first writes the graph.

A large build spends most of its time in two independent jobs over the same records: the
N-Quads text, the derived graph, the rules and the store load on one side; the tables
(evidence CSV, KGX, nanopublications, the ontology's RDF/XML, rendered through rdflib by
:mod:`lmskg.exports.tables_by_source`) on the other. On a machine with two cores or more
they run side by side: the worker is forked after the curated data is read, so it shares
the records without reading or pickling them again, runs the same transform of each
graph, and writes its files into the build's stage directory. Its files are the ones the
build writes in one process; only the wall-clock time changes.

A worker that fails makes the build fail (:class:`TablesFailed`), with its error (its
stack trace chained, for ``--debug``); a build that fails first stops the worker. The
build's stage directory is removed either way (:func:`lmskg.pipeline.large.build_large`).
A process is forked only when that is safe (:func:`fork_is_safe`); otherwise the build
writes the tables itself, one graph after another.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
import traceback
from pathlib import Path

from ..errors import EngineError
from ..exports.tables_by_source import TablesBySource
from .inputs import Inputs


class TablesFailed(EngineError):
    """The process writing the tables of a large build failed."""


class WorkerTraceback(Exception):
    """The worker's own stack trace, chained to :class:`TablesFailed` (``--debug``)."""


STOP_WAIT = 5.0  # seconds a stopped worker has to end before it is killed


def fork_is_safe() -> bool:
    """Whether to write the tables in a forked worker: two cores or more for this process,
    and no other Python thread (a fork copies only the thread that forks, so a lock
    another one held would stay locked in the child). Threads of native libraries are not
    seen here: a caller holding an open store should pass ``parallel=False``."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)
    return cores > 1 and threading.active_count() == 1


def write_tables(inputs: Inputs, stage: Path, graphs) -> float:
    """Every graph of ``graphs(inputs)`` into the tables in ``stage``; the seconds it
    took."""
    start = time.perf_counter()
    with TablesBySource(stage) as tables:
        for name, triples in graphs(inputs):
            tables.add_graph(name, triples)
    return time.perf_counter() - start


def _run(inputs: Inputs, stage: Path, graphs, conn) -> None:
    # the parent's handlers (SIGTERM raised as KeyboardInterrupt) would let a stopped
    # worker carry on rendering while it unwinds: stop at once instead
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        conn.send(("ok", write_tables(inputs, stage, graphs)))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the build, named
        conn.send(("error", (f"{type(exc).__name__}: {exc}", traceback.format_exc())))
    finally:
        conn.close()


class TablesWorker:
    """The tables written in a forked process: :meth:`wait` for them (the seconds the
    worker took), :meth:`stop` if the build fails before."""

    def __init__(self, inputs: Inputs, stage: Path, graphs):
        context = multiprocessing.get_context("fork")  # the records are shared, not copied
        self._conn, child = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(inputs, stage, graphs, child),
                                        name="lmskg-tables", daemon=True)
        self._process.start()
        child.close()

    def wait(self) -> float:
        try:
            status, value = self._conn.recv()
        except EOFError:  # the worker died without a word (killed, out of memory)
            status, value = "error", ("the process ended without reporting", "")
        finally:
            self._conn.close()
        self._process.join()
        if status != "ok" or self._process.exitcode != 0:
            summary, trace = value if status != "ok" else ("it did not exit cleanly", "")
            raise TablesFailed(
                f"writing the tables (evidence.csv, KGX, nanopublications) failed in its "
                f"worker process (exit code {self._process.exitcode}): {summary}"
            ) from WorkerTraceback(trace or summary)
        return value

    def stop(self) -> None:
        """End the worker: asked first, killed if it has not ended in :data:`STOP_WAIT`."""
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(STOP_WAIT)
            if self._process.is_alive():
                self._process.kill()
        self._process.join()
        self._conn.close()
