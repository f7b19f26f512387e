"""``make bench`` (``python -m lmskg.bench``): see :mod:`lmskg.bench.scale`.

    python -m lmskg.bench [--sizes 1000,10000,100000] [--repeat 5] [--build-repeat 5]

``BENCH_SIZES`` (and ``BENCH_FULL=1``, which adds 1,000,000) set the sizes from make.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from ..config import Config
from ..pipeline.large import LARGE_FROM
from ..reasoning.limits import HERMIT_MAX_CLAIMS
from .report import markdown, plot
from .scale import machine, measure_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lmskg.bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    default_sizes = os.environ.get("BENCH_SIZES") or "1000,10000,100000"
    if os.environ.get("BENCH_FULL") == "1":
        default_sizes += ",1000000"
    ap.add_argument("--sizes", default=default_sizes, help=f"claims (default {default_sizes})")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5, help="runs per question (default 5)")
    ap.add_argument("--build-repeat", type=int, default=5, help="builds per size (default 5)")
    ap.add_argument("--timeout", type=float, default=30.0,
                    help="rdflib is stopped after this, and a slower question is not "
                         "repeated (default 30 s)")
    ap.add_argument("--large-from", type=int, default=LARGE_FROM,
                    help=f"streaming build from this many claims (default {LARGE_FROM}, "
                         "as lmskg build)")
    ap.add_argument("--hermit-max", type=int, default=HERMIT_MAX_CLAIMS,
                    help="HermiT in the in-memory build up to this many claims (default "
                         f"{HERMIT_MAX_CLAIMS})")
    ap.add_argument("--rdflib-max", type=int, default=1000,
                    help="rdflib's engine answers up to this many claims (default 1000)")
    ap.add_argument("--ram-max", type=int, default=100000,
                    help="raw pyoxigraph also answers from an in-memory copy of the graph "
                         "up to this many claims (default 100000)")
    ap.add_argument("--check-max", type=int, default=100000,
                    help="lmskg check up to this many claims (default 100000)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the other sizes of build/bench/results.json (measure a size "
                         "again, or add one, without measuring the rest)")
    args = ap.parse_args(argv)
    config = Config()
    out = config.build_dir / "bench"
    out.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "settings": vars(args), "sizes": []}
    if args.keep and (out / "results.json").is_file():
        results["sizes"] = json.loads((out / "results.json").read_text("utf-8"))["sizes"]
    for claims in (int(x) for x in args.sizes.split(",")):
        print(f"== {claims:,} claims", flush=True)
        measured = measure_size(claims, args, config, lambda line: print(line, flush=True))
        results["sizes"] = sorted([r for r in results["sizes"] if r["claims"] != claims]
                                  + [measured], key=lambda r: r["claims"])
        # written after every size, so a long run can be read while it goes on
        (out / "results.json").write_text(json.dumps(results, indent=1, sort_keys=True) + "\n",
                                          encoding="utf-8")
        (out / "results.md").write_text(markdown(results), encoding="utf-8")
        plot(results, out / "scaling.svg")
    print(f"wrote {out / 'results.json'}, {out / 'results.md'}, {out / 'scaling.svg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
