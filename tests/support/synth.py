"""The synthetic corpus the scale tests read: ``lmskg synth --claims 1000 --seed 1``, built
into the asserted dataset once per session (about 15 s), and the faults a test injects.

The same seed writes the same bytes, so what HermiT and pySHACL say about it can be kept
as golden files (:mod:`tests.reasoning.hermit_golden`, :mod:`tests.checks.pyshacl_golden`),
each recording a fingerprint of the graph it was computed on.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from rdflib import Dataset, Graph

from lmskg.config import Config
from lmskg.pipeline.dataset import build_dataset
from lmskg.pipeline.inputs import load_inputs
from lmskg.transform.graphs import asserted

CLAIMS, SEED = 1000, 1


def synth_dataset(root: Path, claims: int = CLAIMS, seed: int = SEED) -> Dataset:
    """Write the synthetic corpus under ``root`` and build its dataset (no inferences)."""
    from lmskg.bench.synth import synthesize

    base = Config()
    synthesize(root, claims, seed, base.data_dir, base.vocab_dir)
    config = replace(base, data_dir=root / "data", corpus_dir=root / "corpus",
                     shared_vocab_dir=root / "vocab")
    return build_dataset(load_inputs(config))


def fingerprint(graph: Graph) -> str:
    """SHA-256 of a graph's sorted N-Triples, every blank node written ``_:b`` (their
    labels change from parse to parse): enough to tell that a graph changed."""
    lines = sorted(re.sub(r"_:[A-Za-z0-9_-]+", "_:b", line)
                   for line in graph.serialize(format="nt").splitlines() if line.strip())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def asserted_fingerprint(ds: Dataset) -> str:
    return fingerprint(asserted(ds))
