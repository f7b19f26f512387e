"""The RDF exports of a large build, written from its N-Quads text in one pass each
(no copy of the graph in Python objects).

The large build writes every named graph as N-Quads, graph after graph
(:mod:`lmskg.pipeline.large`), and Oxigraph bulk-loads that file. The exports are
made from the same text rather than dumped from the store, because the store
normalises some datatypes (``"1"^^xsd:nonNegativeInteger`` reads back as
``xsd:integer``) and the exports must say what the build wrote:

- ``lmskg.trig``: each graph's lines in a block of its own, in the order written;
- ``lmskg.nt``: the merged asserted graphs (no ``derived``, no ``inferred``), read from
  the TriG file (the N-Quads text is deleted by then), one line per triple, sorted
  bytewise and without duplicates by ``sort -u`` (GNU coreutils, which sorts on disk in
  bounded memory), as the small build's file is;
- ``lmskg.ttl`` and ``lmskg.jsonld``: the same triples in that order, by Oxigraph's
  streaming writers: Turtle with our prefixes, JSON-LD in expanded form (compacting
  with ``ontology/context.jsonld`` needs the whole graph in memory: the small build
  does it, a large one does not).

Blank nodes appear only in the ontology and vocabulary graphs, which the build writes
with canonical labels, so the files are the same bytes for the same input.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import BinaryIO, Iterator

import pyoxigraph as ox

from ..errors import LmskgError
from ..ontology.namespaces import PREFIXES

class ExportError(LmskgError):
    """An export of a large build could not be written (exit code 2)."""


def prefixes() -> dict[str, str]:
    return {p: str(ns) for p, ns in sorted(PREFIXES.items())}


def _graph_of(line: bytes) -> tuple[bytes, bytes]:
    """(the triple's text, the graph's IRI) of an N-Quads line written by QuadWriter (the
    graph is the last term: an IRI, which has no spaces)."""
    body, graph = line[:-3].rsplit(b" ", 1)
    return body, graph


def write_trig(quads: Path, path: Path) -> None:
    """Every named graph of the N-Quads file as a TriG block, in the order written."""
    current = None
    with open(quads, "rb") as src, open(path, "wb") as out:
        for line in src:
            body, graph = _graph_of(line)
            if graph != current:
                out.write(b"}\n\n" if current is not None else b"")
                out.write(graph + b" {\n")
                current = graph
            out.write(body + b" .\n")
        if current is not None:
            out.write(b"}\n")


def write_merged(trig: Path, not_asserted: list[str], nt: Path, ttl: Path,
                 jsonld: Path) -> None:
    """The merged asserted graphs as sorted N-Triples, then as Turtle and JSON-LD, from
    the TriG file :func:`write_trig` wrote. (Read from it, not from the N-Quads text, so
    that the build can delete that text first: 17 GB at a million claims, a fifth of the
    build's peak of disk use.)"""
    skip = {f"<{g}>".encode("utf-8") for g in not_asserted}
    unsorted = nt.with_name(nt.name + ".unsorted")
    try:
        with open(trig, "rb") as src, open(unsorted, "wb") as out:
            for line in _asserted_lines(src, skip, trig):
                out.write(line)
        sort_unique(unsorted, nt)
    finally:
        unsorted.unlink(missing_ok=True)
    for target, fmt, prefixed in ((ttl, ox.RdfFormat.TURTLE, True),
                                  (jsonld, ox.RdfFormat.JSON_LD, False)):
        triples = ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        ox.serialize(triples, str(target), fmt, prefixes=prefixes() if prefixed else None)


def _asserted_lines(src: BinaryIO, skip: set[bytes], path: Path) -> Iterator[bytes]:
    """The statement lines of a TriG file of :func:`write_trig` (each a triple in
    N-Triples syntax, ending " .\\n"), but those of the graphs in ``skip``."""
    graph = None
    for number, line in enumerate(src, start=1):
        if line.endswith(b" {\n"):  # a statement ends with " .": this opens a graph
            graph = line[:-3]
        elif line in (b"}\n", b"\n"):
            graph = None
        elif graph is None or not line.endswith(b" .\n"):
            raise ExportError(f"{path.name}, line {number}: not a line write_trig writes "
                              f"({line[:80]!r})")
        elif graph not in skip:
            yield line


def sort_unique(src: Path, dst: Path) -> None:
    """``src``'s lines sorted bytewise without duplicates, into ``dst`` (GNU sort, in
    bounded memory, with a temporary directory beside the files)."""
    env = {**os.environ, "LC_ALL": "C"}
    cmd = ["sort", "-u", "-S", "25%", "-T", str(dst.parent), "-o", str(dst), str(src)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    except OSError as exc:
        raise ExportError(f"cannot run 'sort' (GNU coreutils) to write {dst.name}: "
                          f"{exc.strerror}") from exc
    if proc.returncode != 0:
        raise ExportError(f"'sort' failed writing {dst.name}: {proc.stderr.strip()[:300]}")
