"""The build of a large graph: records streamed into the Oxigraph store, exports from it.

Past :data:`LARGE_FROM` claims the in-memory build (an rdflib dataset, HermiT over all
of it, rdflib's serialisers) no longer fits the time and memory of one machine. This
build never holds the graph in Python objects:

1. every named graph is written as N-Quads text (:mod:`lmskg.stores.nquads`), the
   ontology and vocabulary graphs with canonical blank-node labels;
2. the rules write the ``inferred`` graph in in-memory stores loaded from that text, a
   part of the sources' graphs at a time where checks show that gives the same lines
   (:func:`inferred_lines`, decision 0018), and Oxigraph bulk-loads all of it into the
   persistent store ``build/oxigraph/db``;
3. the RDF exports are written from the same text (:mod:`lmskg.exports.streamed`): the
   TriG file, then the merged files from the TriG file once the text is deleted;
   the tables (evidence, KGX, nanopublications) and the ontology's RDF/XML are rendered
   by the same code as the small build, a batch of sources at a time
   (:mod:`lmskg.exports.tables_by_source`), so the two builds cannot disagree on what a
   row says: in a second process, side by side with steps 1-3, where the machine has
   two cores (:mod:`.tables_worker`);
4. everything is written into a stage directory and moved into ``build/`` with the
   manifest last, as the small build does.

OWL reasoning at this size is not HermiT's (decision 0016, in docs/decisions/): the
``inferred`` graph is written by the rules Oxigraph runs (:mod:`lmskg.reasoning.rules`,
proven equal to HermiT's output), so that the questions asking for a defined class (the
anthracycline-containing regimens, claims of an AI-generated source) answer as they do on a
small build. The manifest says ``"reasoned": false``: no HermiT proof of consistency was made
at build time (``lmskg check`` runs the rules for that).
"""

from __future__ import annotations

import gc
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

import pyoxigraph as ox
from rdflib import URIRef

from ..atomic import commit_stage, new_stage
from ..config import Config
from ..derive.triples import derived_triples
from ..errors import LmskgError
from ..exports import EXPORTS
from ..exports.streamed import write_merged, write_trig
from ..exports.manifest import MANIFEST, TRIG, digests_text, file_sha256
from ..exports.rdf import canonical_triples
from ..exports.tables_by_source import TablesBySource
from ..ontology.namespaces import (DERIVED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH,
                                   VOCABULARY_GRAPH, draft_graph)
from ..reasoning.by_parts import NotSeparable, inferred_by_parts
from ..reasoning.limits import HERMIT_MAX_CLAIMS
from ..reasoning.rules import infer, target_lines
from ..stores.nquads import QuadWriter
from ..stores.persistent import DB_DIR, STAMP, stamp_text
from ..timing import STAGES
from ..transform.graphs import named_graphs
from .inputs import Inputs
from .tables_worker import TablesWorker, fork_is_safe

LARGE_FROM = HERMIT_MAX_CLAIMS + 1  # claims; below, the in-memory build with HermiT
# the ontology file's blank nodes get canonical labels; the vocabulary's own are labelled
# in order already (transform.vocabulary.all_different)
_WITH_BLANK_NODES = (ONTOLOGY_GRAPH,)
# the graphs every part of the rules' work holds; the others (the sources') are split
_BACKGROUND = (ONTOLOGY_GRAPH, VOCABULARY_GRAPH)
# quads of the sources' graphs the rules reason over at a time: about 25,000 claims of the
# synthetic corpus, a store of about 0.5 GiB (the whole graph's: 21 GiB at a million claims)
PART_QUADS = 1_000_000
# what the rules' in-memory store takes per asserted quad (2.1 GiB for the 100,000-claim
# corpus's asserted graphs): a lower bound of what the whole graph at once needs
_BYTES_PER_QUAD = 500


def graphs_of(inputs: Inputs) -> Iterator[tuple[URIRef, list]]:
    """(name, triples) of every asserted graph and every draft, in the build's order, as
    the store and the tables take them: the ontology's blank nodes labelled canonically
    (RDFC-1.0: milliseconds, so each process labels them itself), each statement once."""
    curated = inputs.curated
    for name, triples in named_graphs(inputs.ontology, curated.vocab, curated.sources,
                                      curated.drafts):
        if name in _WITH_BLANK_NODES:
            triples = canonical_triples(triples)
        yield name, list(dict.fromkeys(triples))  # a graph holds a statement once


@dataclass(frozen=True)
class Span:
    """Where one named graph's quads are in the N-Quads file of the asserted graphs."""

    name: URIRef
    start: int  # byte offsets
    end: int
    quads: int


def write_graphs(inputs: Inputs, quads: Path, derived: Path,
                 tables: TablesBySource | None = None) -> tuple[int, list[Span]]:
    """Every asserted named graph (and the drafts') as N-Quads into ``quads``, and the
    derived graph into ``derived`` (a file of its own: the rules never read it); given
    ``tables`` (a build without a worker), each graph to them as it goes (the caller
    closes them). How many quads, and where each graph is in ``quads``."""
    spans = []
    with open(quads, "wb") as fh:
        writer = QuadWriter(fh)
        for name, triples in graphs_of(inputs):
            start = fh.tell()
            # the ontology and vocabulary graphs come from sets, in the hash seed's order
            count = writer.write(name, triples, sort=name in (ONTOLOGY_GRAPH, VOCABULARY_GRAPH))
            spans.append(Span(name, start, fh.tell(), count))
            if tables is not None:
                with STAGES.stage("of which tables"):
                    tables.add_graph(name, triples)
    with open(derived, "wb") as fh, STAGES.stage("of which derive"):
        curated = inputs.curated
        writer = QuadWriter(fh, counted=writer.count)
        writer.write(DERIVED_GRAPH, derived_triples(inputs.ontology, curated.vocab,
                                                    curated.sources))
    return writer.count, spans


def inferred_lines(quads: Path, spans: list[Span], not_asserted: list,
                   part_quads: int = PART_QUADS) -> list[str]:
    """The ``inferred`` graph, by rules, of the asserted graphs in the N-Quads file
    ``quads`` (where ``spans`` say), as sorted N-Quads lines (the same bytes each build).

    The rules run in in-memory Oxigraph stores, not in the persistent one: they are
    hundreds of small SPARQL updates, about four times faster without RocksDB's writes
    (docs/decisions/0016-persistent-store-and-large-builds.md). The sources' graphs are
    reasoned over about ``part_quads`` quads at a time, each part with the ontology and
    vocabulary, where :mod:`lmskg.reasoning.by_parts` shows the parts independent; else
    (and when one part holds them all) over the whole graph in one store."""
    skip = {str(g) for g in not_asserted}
    background = [s for s in spans if s.name in _BACKGROUND]
    own = [s for s in spans if s.name not in _BACKGROUND and str(s.name) not in skip]
    groups = _parts(own, part_quads)
    if len(groups) > 1:
        try:
            with open(quads, "rb") as fh:
                return inferred_by_parts(
                    b"".join(_read(fh, s) for s in background),
                    ((_part_name(i, group), b"".join(_read(fh, s) for s in group))
                     for i, group in enumerate(groups, start=1)),
                    frozenset(skip), str(INFERRED_GRAPH))
        except NotSeparable as e:
            _fits_in_memory(sum(s.quads for s in background + own), e)
            print(f"lmskg build: the rules run over the whole graph at once, as its parts "
                  f"could not be shown independent: {e}", file=sys.stderr)
    store = ox.Store()
    store.bulk_load(path=str(quads), format=ox.RdfFormat.N_QUADS)
    infer(store, exclude=frozenset(skip))
    return target_lines(store, str(INFERRED_GRAPH))


class NotEnoughMemory(LmskgError):
    """The rules would need more memory than the machine has free."""


def _fits_in_memory(quads: int, why: NotSeparable) -> None:
    """Raise :class:`NotEnoughMemory` (a clear error, not the kernel's kill) when the
    whole graph's store for the rules would not fit in the memory free now."""
    need, free = quads * _BYTES_PER_QUAD, _available_bytes()
    if free is not None and need > free:
        raise NotEnoughMemory(
            f"the rules over the whole graph at once need at least {need / 2**30:.1f} GiB "
            f"({quads:,} asserted quads), and {free / 2**30:.1f} GiB is free; they cannot "
            f"run a part at a time, as the parts could not be shown independent: {why}")


def _available_bytes() -> int | None:
    """The memory the kernel says is available (Linux); None where it cannot say."""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def _part_name(number: int, group: list[Span]) -> str:
    first, last = group[0].name, group[-1].name
    return f"part {number} (<{first}>)" if first == last else \
        f"part {number} (<{first}> to <{last}>)"


def _parts(spans: list[Span], part_quads: int) -> list[list[Span]]:
    """Consecutive graphs, as many to a part as keep it within ``part_quads`` quads (a
    graph larger than that is a part of its own)."""
    groups: list[list[Span]] = []
    size = 0
    for span in spans:
        if not groups or size + span.quads > part_quads:
            groups.append([])
            size = 0
        groups[-1].append(span)
        size += span.quads
    return groups


def _read(fh: BinaryIO, span: Span) -> bytes:
    fh.seek(span.start)
    return fh.read(span.end - span.start)


def append(quads: Path, more: Path) -> None:
    """Append the N-Quads file ``more`` to ``quads``."""
    with open(quads, "ab") as out, open(more, "rb") as src:
        shutil.copyfileobj(src, out, 1 << 20)


def build_large(config: Config, inputs: Inputs, reason: bool = True,
                parallel: bool | None = None) -> tuple[list[Path], int, int]:
    """Stream the graph into a new store, write every export from it, move it all into
    ``build/``; (the files written, the number of quads, the number inferred). With
    ``reason``, the ``inferred`` graph is written by rules (:func:`inferred_lines`). The
    tables are written by a second process (:mod:`.tables_worker`) when ``parallel``
    (by default, when :func:`~.tables_worker.fork_is_safe`), else as the graphs are
    written."""
    if parallel is None:
        parallel = fork_is_safe()
    stage = new_stage(config.build_dir, "large")
    worker = None
    try:
        # the curated records live until the build ends: out of the cyclic collector's
        # way until then, its full collections no longer walk them (write_graphs at
        # 100,000 claims: 87 -> 80 s), nor touch pages the forked worker shares
        gc.freeze()
        quads, derived = stage / "quads.nq", stage / "derived.nq"
        if parallel:
            worker = TablesWorker(inputs, stage, graphs_of)
            with STAGES.stage("transform, derive"):
                count, spans = write_graphs(inputs, quads, derived)
        else:
            with STAGES.stage("transform, derive, tables"), TablesBySource(stage) as tables:
                count, spans = write_graphs(inputs, quads, derived, tables)
        not_asserted = [DERIVED_GRAPH, INFERRED_GRAPH,
                        *(draft_graph(d.source.record.id) for d in inputs.curated.drafts)]
        inferred: list[str] = []
        if reason:
            with STAGES.stage("reason (rules)"):
                inferred = inferred_lines(quads, spans, not_asserted)
        append(quads, derived)  # asserted, derived, inferred: the order of the exports
        derived.unlink()
        with open(quads, "ab") as fh:
            fh.write("".join(inferred).encode("utf-8"))
        (stage / DB_DIR).mkdir()
        with STAGES.stage("store load"):
            store = ox.Store(str(stage / DB_DIR / "db"))
            store.bulk_load(path=str(quads), format=ox.RdfFormat.N_QUADS)
        with STAGES.stage("export trig"):
            write_trig(quads, stage / TRIG)
        quads.unlink()  # the TriG file holds the same lines: the disk is needed below
        with STAGES.stage("export nt, ttl, jsonld"):
            write_merged(stage / TRIG, [str(g) for g in not_asserted], stage / "lmskg.nt",
                         stage / "lmskg.ttl", stage / "lmskg.jsonld")
        if worker is not None:
            with STAGES.stage("tables (waiting for the worker)"):
                STAGES.seconds["tables (in the worker, in parallel)"] = worker.wait()
            worker = None
        with STAGES.stage("store optimize"):
            store.optimize()
            store.flush()
            del store  # closed before it moves
        digests = {name: file_sha256(stage / name) for name in EXPORTS}
        (stage / DB_DIR / STAMP).write_text(stamp_text(TRIG, digests[TRIG]), encoding="utf-8")
        (stage / MANIFEST).write_text(digests_text(config, digests, reasoned=False),
                                      encoding="utf-8")
        return commit_stage(stage, config.build_dir, [*EXPORTS, DB_DIR, MANIFEST],
                            MANIFEST), count + len(inferred), len(inferred)
    finally:
        if worker is not None:  # the build failed before the tables were done
            worker.stop()
        shutil.rmtree(stage, ignore_errors=True)
        gc.unfreeze()
