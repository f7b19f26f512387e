"""The tables of a large build, written by a second process while the first writes the graph.

A large build spends most of its time in two independent jobs over the same records: the
N-Quads text, the derived graph, the rules and the store load on one side; the tables
(evidence CSV, KGX, nanopublications, the ontology's RDF/XML, rendered through rdflib by
:mod:`lmskg.exports.tables_by_source`) on the other. On a machine with two cores or more
they run side by side: the worker is forked after the curated data is read, so it shares
the records without reading or pickling them again, runs the same transform of each
graph, and writes its files into the build's stage directory. Its files are the ones the
build writes in one process; only the wall-clock time changes.

A worker that fails makes the build fail (:class:`TablesFailed`), with its error; a build
that fails first stops the worker. The stage directory is removed either way
(:mod:`lmskg.atomic`).
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from pathlib import Path

from ..errors import EngineError
from ..exports.tables_by_source import TablesBySource
from ..ontology.namespaces import is_draft_graph
from .inputs import Inputs


class TablesFailed(EngineError):
    """The process writing the tables of a large build failed."""


def write_tables(inputs: Inputs, stage: Path, graphs) -> float:
    """Every asserted graph of ``graphs(inputs)`` (but the drafts) into the tables in
    ``stage``; the seconds it took."""
    start = time.perf_counter()
    tables = TablesBySource(stage)
    try:
        for name, triples in graphs(inputs):
            if not is_draft_graph(name):  # drafts are in no single-graph export
                tables.add_graph(name, triples)
    finally:
        tables.close()
    return time.perf_counter() - start


def _run(inputs: Inputs, stage: Path, graphs, conn) -> None:
    try:
        conn.send(("ok", write_tables(inputs, stage, graphs)))
    except BaseException:  # noqa: BLE001 - everything goes back to the build, named
        conn.send(("error", traceback.format_exc(limit=8)))
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
            status, value = "error", "the process ended without reporting"
        self._process.join()
        if status != "ok" or self._process.exitcode != 0:
            raise TablesFailed(f"writing the tables (evidence.csv, KGX, nanopublications) "
                               f"failed in its worker process (exit code "
                               f"{self._process.exitcode}):\n{value}")
        return value

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
