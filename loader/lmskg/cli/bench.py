"""``lmskg synth``: a synthetic corpus of any size, for benchmarks."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from ..errors import EXIT_OK, InputError
from .options import config_from

Add = Callable[..., argparse.ArgumentParser]


def register(add: Add) -> None:
    p = add("synth", "write a synthetic corpus and curated data of N claims (benchmarks)",
            cmd_synth, "Write DIR/corpus, DIR/data and DIR/vocab: documents whose quotes sit "
            "at their offsets, curated in the project's format, with a realistic mix of "
            "sources, claims, figures, citations, conflicts, corroborations and same-origin "
            "copies. The same seed gives the same bytes. Build them with: lmskg build "
            "--data DIR/data --corpus DIR/corpus --build DIR/build")
    p.add_argument("--claims", type=int, required=True, help="number of claims")
    p.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    p.add_argument("-o", "--out", type=Path, required=True, metavar="DIR",
                   help="directory to write (its corpus/, data/ and vocab/ are replaced)")


def cmd_synth(args: argparse.Namespace) -> int:
    from ..bench.synth import synthesize

    if args.claims < 1:
        raise InputError(f"--claims {args.claims}: give a positive number of claims")
    cfg = config_from(args)
    summary = synthesize(args.out, args.claims, args.seed, cfg.data_dir, cfg.vocab_dir)
    print(f"wrote {summary['claims']} claims in {summary['sources']} sources "
          f"({summary['references']} references; {summary['drafts']} drafts of other "
          f"documents) to {args.out}")
    return EXIT_OK
