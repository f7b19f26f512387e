"""The dataset questions are asked of: the built one when fresh, else a fresh build."""

from __future__ import annotations

import sys

from rdflib import Dataset

from ..config import Config
from ..exports.manifest import MANIFEST, TRIG, built_dataset_is_fresh
from ..ontology.namespaces import bind_prefixes
from ..stores.dataset import load_trig
from .dataset import build_dataset
from .inputs import load_inputs


def dataset_for_queries(config: Config, use_build: bool = True, reason: bool = True) -> Dataset:
    """The built dataset if fresh; else build in memory (with inferences if asked)."""
    if use_build and built_dataset_is_fresh(config):
        return bind_prefixes(load_trig(config.build_dir / TRIG, config.store))
    if use_build and (config.build_dir / MANIFEST).is_file():
        print("note: build/ is out of date with the inputs; querying a fresh in-memory build "
              "(run 'lmskg build' to update build/)", file=sys.stderr)
    ds = build_dataset(load_inputs(config), config.store)
    if reason:
        from ..reasoning.hermit import add_inferred

        add_inferred(ds)
    return ds
