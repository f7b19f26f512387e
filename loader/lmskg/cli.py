"""The ``lmskg`` command line.

Exit codes (for every command):
  0  ok
  1  a check failed (the graph was built but is inconsistent or fails a shape)
  2  bad input or I/O: malformed data, a quote not at its offsets, a wrong
     checksum, an unknown term, a bad query or parameter, an unreachable endpoint,
     a missing Java for the reasoner
  3  internal error: a bug in lmskg (please report it, with --debug output)
"""

from __future__ import annotations

import argparse
import sys
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Callable

from . import __version__
from .config import Config
from .errors import EXIT_CHECK_FAILED, EXIT_INTERNAL, EXIT_OK, LmskgError

EPILOG = "exit codes: 0 ok, 1 check failed, 2 bad input or I/O, 3 internal error"


def _common(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("inputs and outputs")
    g.add_argument("--data", type=Path, help="curated data directory (default: data/)")
    g.add_argument("--corpus", type=Path,
                   help="corpus directory (default: ../shared/corpus, or $LMSKG_CORPUS)")
    g.add_argument("--build", type=Path, dest="build_dir",
                   help="build directory (default: build/)")
    g.add_argument("--store", choices=("memory", "oxigraph"),
                   help="RDF store behind the dataset (default: memory, or $LMSKG_STORE)")
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


def explicit_inputs(args: argparse.Namespace) -> bool:
    """Whether the user pointed at other inputs (then never use build/)."""
    return bool(getattr(args, "data", None) or getattr(args, "corpus", None))


# -- commands -------------------------------------------------------------------------------

def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build_and_export

    summary = build_and_export(config_from(args), reason=not args.no_reason)
    print(f"built {summary.claims} claims from {summary.sources} sources: "
          f"{summary.triples} triples in {summary.graphs} named graphs "
          f"({summary.inferred} inferred)")
    for path in summary.files:
        print(f"  wrote {path}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .build import build_dataset, load_curated
    from .export import render_all

    cfg = config_from(args)
    ds = build_dataset(load_curated(cfg), cfg.store)
    if args.format == "trig" and not args.no_reason:  # only TriG holds the inferred graph
        from .reasoning import add_inferred

        add_inferred(ds)
    files = render_all(ds, cfg.ontology_dir / "context.jsonld")
    name = {"ttl": "lmskg.ttl", "nt": "lmskg.nt", "jsonld": "lmskg.jsonld", "trig": "lmskg.trig",
            "owl": "lmskg-ontology.owl", "csv": "evidence.csv"}[args.format]
    if args.output in (None, "-"):
        sys.stdout.write(files[name])
    else:
        from .export import write_atomically

        out = Path(args.output)
        write_atomically({out.name: files[name]}, out.parent)
        print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .check import load_graph_file, render_json, render_text, run_checks, split_dataset
    from .errors import EXIT_CHECK_FAILED

    cfg = config_from(args)
    if args.graph:
        data, onto = load_graph_file(Path(args.graph), cfg)
    else:
        from .build import build_dataset, load_curated

        data, onto = split_dataset(build_dataset(load_curated(cfg), cfg.store))
    report = run_checks(data, onto, cfg)
    sys.stdout.write(render_json(report) if args.format == "json" else render_text(report))
    return EXIT_OK if report.ok else EXIT_CHECK_FAILED


def cmd_coverage(args: argparse.Namespace) -> int:
    from .build import load_curated
    from .coverage import coverage, report
    from .errors import CheckFailed
    from .export import write_atomically

    cfg = config_from(args)
    docs = coverage(load_curated(cfg))
    write_atomically({"coverage.md": report(docs)}, cfg.build_dir)
    total = sum(len(d.rows) for d in docs)
    bad = [(d, r) for d in docs for r in d.unexplained]
    print(f"coverage: {total} sentences in {len(docs)} sources, {len(bad)} unexplained; "
          f"wrote {cfg.build_dir / 'coverage.md'}")
    if bad:
        for d, r in bad:
            print(f"  {d.source_id} [{r.sentence.start}-{r.sentence.end}] {r.sentence.text}",
                  file=sys.stderr)
        raise CheckFailed(f"{len(bad)} sentences are neither covered by a claim nor explained "
                          "(add a claim, or an 'unclaimed' record with its reason)")
    return EXIT_OK


def cmd_anchor(args: argparse.Namespace) -> int:
    from .curate import fill_offsets

    cfg = config_from(args)
    for path in args.files:
        for line in fill_offsets(Path(path), cfg.corpus_dir):
            print(f"{path}: {line}")
    return EXIT_OK


def cmd_fmt(args: argparse.Namespace) -> int:
    from .curate import format_files

    cfg = config_from(args)
    changed = format_files(cfg.data_dir, write=not args.check)
    for name in changed:
        print(("not canonical: " if args.check else "reformatted: ") + name)
    return EXIT_CHECK_FAILED if (args.check and changed) else EXIT_OK


def cmd_terms(args: argparse.Namespace) -> int:
    from .termgen import generate, terms_module_path

    cfg = config_from(args)
    text = generate(cfg.ontology_file)
    if args.write:
        terms_module_path().write_text(text, encoding="utf-8")
        print(f"wrote {terms_module_path()}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


# -- parser ---------------------------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="lmskg", description="Knowledge graph of leiomyosarcoma treatment evidence.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version=f"lmskg {__version__}")
    top.add_argument("--debug", action="store_true", help="show a stack trace on errors")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {}

    def add(name: str, help_: str, func: Callable[[argparse.Namespace], int],
            description: str = "") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=description or help_, epilog=EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        _common(p)
        p.set_defaults(func=func)
        commands[name] = (help_, func)
        return p

    p = add("build", "check the curated data, build the graph and write every export to build/",
            cmd_build, "Check the curated data against the corpus (quotes at their offsets, "
            "checksums, terms, figures), build the RDF dataset, classify it with HermiT into the "
            "'inferred' graph, and write lmskg.ttl, .nt, .jsonld, .trig, lmskg-ontology.owl, "
            "evidence.csv and manifest.json to build/ atomically.")
    p.add_argument("--no-reason", action="store_true",
                   help="skip the HermiT classification (no 'inferred' graph)")

    p = add("export", "write one export to standard output or a file", cmd_export)
    p.add_argument("--format", required=True,
                   choices=("ttl", "nt", "jsonld", "trig", "owl", "csv"),
                   help="ttl, nt, jsonld: the merged graph; trig: named graphs with the "
                        "inferred one; owl: the ontology as RDF/XML; csv: the evidence table")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.add_argument("--no-reason", action="store_true",
                   help="trig only: skip the HermiT classification (no 'inferred' graph)")

    p = add("check", "check the graph: OWL consistency (HermiT), SHACL shapes, QC queries",
            cmd_check, "Load the ontology and the data into owlready2 and run HermiT (an "
            "inconsistency is explained: the individual, its claim and source, the axiom); "
            "validate the SHACL shapes of ontology/shapes.ttl; run queries/qc/*-violation.rq, "
            "which must return no rows. Exit 1 on any finding.")
    p.add_argument("--graph", help="check this RDF file (.trig/.ttl/.nt/.jsonld) instead of "
                                   "the curated data; the ontology is added")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="report format (default: text)")

    add("coverage", "report which sentences of each source carry claims (build/coverage.md)",
        cmd_coverage, "List, per source, every sentence with the claims anchored in it and what "
        "explains each sentence without a claim; write build/coverage.md. Exit 1 while any "
        "sentence is neither covered nor explained.")

    p = add("anchor", "fill in missing quote offsets in source files (curator tool)", cmd_anchor,
            "For every quote in the given source files that lacks start/end, find it in the "
            "corpus and write the offsets. Existing offsets are kept; the build checks them.")
    p.add_argument("files", nargs="+", help="data/sources/*.yaml files")

    p = add("fmt", "rewrite the curated files in canonical form", cmd_fmt)
    p.add_argument("--check", action="store_true",
                   help="only list files that are not canonical (exit 1 if any)")

    p = add("terms", "print (or --write) loader/lmskg/terms.py generated from the ontology",
            cmd_terms)
    p.add_argument("--write", action="store_true", help="overwrite terms.py")

    from .cli_query import register as register_query

    register_query(add)
    from .cli_remote import register as register_remote
    register_remote(add)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except LmskgError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"lmskg {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"lmskg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # an unexpected failure is a bug; say so plainly
        if args.debug:
            traceback.print_exc()
        print(f"lmskg {args.command}: internal error: {type(exc).__name__}: {exc} "
              "(a bug in lmskg: run with --debug for the stack trace)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
