"""Options every command takes, and the :class:`~lmskg.config.Config` they make."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from ..config import Config

EPILOG = "exit codes: 0 ok, 1 check failed, 2 bad input or I/O, 3 internal error"


def add_common(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("inputs and outputs")
    g.add_argument("--data", type=Path, help="curated data directory (default: data/)")
    g.add_argument("--corpus", type=Path,
                   help="corpus directory (default: ../shared/corpus, or $LMSKG_CORPUS)")
    g.add_argument("--build", type=Path, dest="build_dir",
                   help="build directory (default: build/)")
    g.add_argument("--store", choices=("oxigraph", "memory"),
                   help="engine that answers questions and checks: oxigraph, or memory "
                        "(rdflib's own) (default: oxigraph, or $LMSKG_STORE)")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show a stack trace on errors")


def config_from(args: argparse.Namespace) -> Config:
    cfg = Config()
    if getattr(args, "data", None):
        cfg = replace(cfg, data_dir=args.data)
    if getattr(args, "corpus", None):
        cfg = replace(cfg, corpus_dir=args.corpus)
    if getattr(args, "build_dir", None):
        cfg = replace(cfg, build_dir=args.build_dir)
    if getattr(args, "store", None):
        cfg = replace(cfg, store=args.store)
    return cfg

