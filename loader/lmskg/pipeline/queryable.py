"""The engine questions are asked of: the built dataset when fresh, else a fresh build.

A fresh build is opened as the persistent store the build wrote (no parsing); the
TriG file is parsed only when that store is missing or holds another file.

``--store oxigraph`` (the default) answers with Oxigraph, ``--store memory`` with rdflib's
own engine; both read the same dataset and give the same answers.
"""

from __future__ import annotations

import sys

from ..config import Config
from ..errors import InputError, Problem
from ..exports.manifest import MANIFEST, TRIG, built_dataset_is_fresh, built_trig_sha256
from ..ontology.namespaces import bind_prefixes
from ..sparql.engines import ENGINES, Engine, OxigraphEngine, RdflibEngine
from ..stores.dataset import load_trig
from ..stores.oxigraph import from_dataset, from_trig
from ..stores.persistent import DB_DIR, open_read_only
from .dataset import build_dataset
from .inputs import load_inputs
from .large import LARGE_FROM


def engine_for_queries(config: Config, use_build: bool = True, reason: bool = True) -> Engine:
    """The built dataset if fresh, else a build in memory (with inferences if asked), on
    the engine of ``config.store``. Inputs of :data:`~.large.LARGE_FROM` claims or more are
    never built here: without a fresh build of them this is an error saying how to make one.
    Freshness is judged against the inputs given, so a build of other inputs is never used."""
    if config.store not in ENGINES:
        raise InputError(Problem("--store", "", "store", f"unknown store {config.store!r}",
                                 f"choose one of: {', '.join(ENGINES)}"))
    trig = config.build_dir / TRIG
    if use_build and built_dataset_is_fresh(config):
        if config.store == "oxigraph":
            return OxigraphEngine(built_store(config) or from_trig(trig))
        return RdflibEngine(bind_prefixes(load_trig(trig)))
    if use_build and (config.build_dir / MANIFEST).is_file():
        print("note: build/ is out of date with the inputs; querying a fresh in-memory build "
              "(run 'lmskg build' to update build/)", file=sys.stderr)
    inputs = load_inputs(config)
    if inputs.curated.claim_count >= LARGE_FROM:
        # an in-memory graph of this size takes minutes and gigabytes (and HermiT more):
        # the streaming build is made once, by 'lmskg build', and then opened
        why = (f"no up-to-date build of these inputs ({inputs.curated.claim_count:,} claims) "
               f"in {config.build_dir}" if use_build else
               f"an in-memory build of {inputs.curated.claim_count:,} claims is not made "
               f"here (--fresh)")
        raise InputError(Problem(
            str(config.build_dir), "", "build", why,
            f"build them first: lmskg build --data {config.data_dir} --corpus "
            f"{config.corpus_dir} --build {config.build_dir}, then ask without --fresh"))
    ds = build_dataset(inputs)
    if reason:
        from ..reasoning.hermit import add_inferred

        add_inferred(ds)
    return OxigraphEngine(from_dataset(ds)) if config.store == "oxigraph" else RdflibEngine(ds)


def built_store(config: Config):
    """The build's persistent Oxigraph store, read-only, if it holds the built TriG file
    the manifest describes (the caller has checked the build is fresh); else None."""
    digest = built_trig_sha256(config)
    return open_read_only(config.build_dir / DB_DIR, digest) if digest else None
