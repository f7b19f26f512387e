"""The main jobs, as the CLI and the Makefile run them.

- :func:`build_and_export`: check the curated data, build the dataset, write
  every export and ``manifest.json`` to the build directory.
- :func:`dataset_for_queries`: the dataset to query: the built ``lmskg.trig``
  when it is up to date with the inputs, else a fresh in-memory build.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from . import __version__
from .build import build_dataset, load_curated
from .config import Config
from .export import render_all, write_atomically
from .namespaces import PREFIXES
from .store import new_dataset

MANIFEST = "manifest.json"


def input_digest(config: Config) -> str:
    """SHA-256 over every input of a build: data, ontology, corpus, shared vocab."""
    h = hashlib.sha256()
    files: list[tuple[str, Path]] = []
    files += [(f"data/{p.relative_to(config.data_dir).as_posix()}", p)
              for p in sorted(config.data_dir.rglob("*.yaml"))]
    files += [(f"ontology/{p.name}", p) for p in sorted(config.ontology_dir.glob("*"))
              if p.is_file()]
    files += [(f"vocab/{p.name}", p) for p in sorted(config.vocab_dir.glob("*.csv"))]
    files += [(f"corpus/{p.name}", p) for p in sorted(config.corpus_dir.glob("*.txt"))]
    for name, path in files:
        h.update(name.encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    h.update(__version__.encode())
    return h.hexdigest()


@dataclass(frozen=True)
class BuildSummary:
    files: list[Path]
    graphs: int
    triples: int
    claims: int
    sources: int
    inferred: int


def build_and_export(config: Config, reason: bool = True) -> BuildSummary:
    curated = load_curated(config)
    ds = build_dataset(curated, config.store)
    inferred = 0
    if reason:
        from .reasoning import add_inferred  # Java and owlready2 only when reasoning

        inferred = add_inferred(ds)
    files = render_all(ds, config.ontology_dir / "context.jsonld")
    manifest = {
        "generator": f"lmskg {__version__}",
        "inputs_sha256": input_digest(config),
        "reasoned": reason,
        "files": {name: hashlib.sha256(text.encode("utf-8")).hexdigest()
                  for name, text in sorted(files.items())},
    }
    files[MANIFEST] = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
    written = write_atomically(files, config.build_dir)
    n_claims = sum(1 for src in curated.sources for _ in src.record["claims"])
    triples = sum(len(g) for g in ds.graphs())
    return BuildSummary(written, sum(1 for g in ds.graphs() if len(g)), triples, n_claims,
                        len(curated.sources), inferred)


def built_dataset_is_fresh(config: Config) -> bool:
    path = config.build_dir / MANIFEST
    if not path.is_file() or not (config.build_dir / "lmskg.trig").is_file():
        return False
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        return manifest.get("inputs_sha256") == input_digest(config)
    except (OSError, ValueError):
        return False


def load_trig(path: Path, store: str = "memory") -> Dataset:
    ds = new_dataset(store)
    ds.parse(path, format="trig")
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    return ds


def dataset_for_queries(config: Config, use_build: bool = True, reason: bool = True) -> Dataset:
    """The built dataset if fresh; else build in memory (with inferences if asked)."""
    if use_build and built_dataset_is_fresh(config):
        return load_trig(config.build_dir / "lmskg.trig", config.store)
    if use_build and (config.build_dir / MANIFEST).is_file():
        print("note: build/ is out of date with the inputs; querying a fresh in-memory build "
              "(run 'lmskg build' to update build/)", file=sys.stderr)
    ds = build_dataset(load_curated(config), config.store)
    if reason:
        from .reasoning import add_inferred

        add_inferred(ds)
    return ds
