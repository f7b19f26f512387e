"""The one place that decides which RDF store holds a dataset.

Everything else works on an rdflib :class:`~rdflib.Dataset`, whatever store is behind
it. ``memory`` (rdflib's in-memory store) is the default; ``oxigraph`` plugs in
Oxigraph through oxrdflib, which is much faster on large graphs (see
docs/decisions/0003-stores.md). This module knows nothing of lmskg's vocabulary.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from ..errors import InputError, Problem

STORES = {"memory": "Memory", "oxigraph": "Oxigraph"}


def new_dataset(kind: str = "memory") -> Dataset:
    """An empty dataset on the chosen store.

    The default graph of queries is the union of all named graphs, so a query sees
    every graph unless it names one.
    """
    if kind not in STORES:
        raise InputError(Problem("--store", "", "store", f"unknown store {kind!r}",
                                 f"choose one of: {', '.join(STORES)}"))
    try:
        return Dataset(store=STORES[kind], default_union=True)
    except Exception as exc:  # plugin missing or failing to start
        raise InputError(Problem("--store", "", "store", f"store {kind!r} is unavailable: {exc}",
                                 "install oxrdflib, or use --store memory")) from exc


def load_trig(path: Path, kind: str = "memory") -> Dataset:
    """A dataset on the chosen store holding a TriG file."""
    ds = new_dataset(kind)
    ds.parse(path, format="trig")
    return ds
