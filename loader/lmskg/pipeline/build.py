"""The main job: curated data -> checked records -> dataset -> reasoning -> exports.

:func:`build` reads every input once, builds the dataset, classifies it with HermiT
(which also proves it consistent) and writes every export with ``manifest.json`` to
the build directory, atomically. What it returns (the inputs, the dataset, whether
HermiT ran) lets ``lmskg build --check`` check and report coverage without reading or
reasoning again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from ..atomic import write_atomically
from ..config import Config
from ..exports import render
from ..exports.manifest import MANIFEST, TRIG, manifest_text, text_sha256
from ..stores.persistent import DB_DIR, load_store
from ..timing import STAGES
from .dataset import build_dataset
from .inputs import Inputs, load_inputs
from .large import LARGE_FROM, build_large


@dataclass(frozen=True)
class BuildSummary:
    files: list[Path]
    graphs: int
    triples: int
    claims: int
    sources: int
    inferred: int


@dataclass(frozen=True)
class Built:
    """A finished build: what it read, the dataset it made, what it wrote."""

    inputs: Inputs
    dataset: Dataset | None  # None for a large build: its graph is only in the store
    reasoned: bool
    summary: BuildSummary


def build(config: Config, reason: bool = True, large: bool | None = None) -> Built:
    """Check the curated data, build the dataset, classify it, write every export.

    A graph of :data:`~.large.LARGE_FROM` claims or more (or any, with ``large=True``) is
    built by streaming it into the store instead (:mod:`.large`): no rdflib dataset, no
    HermiT (its inferences by rules in the store)."""
    with STAGES.stage("read and check curated data"):
        inputs = load_inputs(config)
    claims = inputs.curated.claim_count
    if large if large is not None else claims >= LARGE_FROM:
        written, quads, inferred = build_large(config, inputs, reason)
        summary = BuildSummary(written, len(inputs.curated.sources) + 3 + bool(inferred),
                               quads, claims, len(inputs.curated.sources), inferred)
        return Built(inputs, None, False, summary)
    with STAGES.stage("transform, derive"):
        ds = build_dataset(inputs)
    inferred = 0
    if reason:
        from ..reasoning.hermit import add_inferred  # Java and owlready2 only when reasoning

        with STAGES.stage("reason (HermiT)"):
            inferred = add_inferred(ds)
    with STAGES.stage("exports"):
        files = render(ds, config.ontology_dir / "context.jsonld")
        files[MANIFEST] = manifest_text(config, files, reason)
        written = write_atomically(files, config.build_dir, commit=MANIFEST)
    # the store questions are asked of, loaded once from the TriG file just written
    with STAGES.stage("store load"):
        load_store(config.build_dir / TRIG, text_sha256(files[TRIG]),
                   config.build_dir / DB_DIR)
    graphs = [g for g in ds.graphs() if len(g)]
    summary = BuildSummary(written, len(graphs), sum(len(g) for g in graphs),
                           inputs.curated.claim_count, len(inputs.curated.sources), inferred)
    return Built(inputs, ds, reason, summary)
