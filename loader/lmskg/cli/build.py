"""``lmskg build``, ``export``, ``check`` and ``coverage``: the graph and its checks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from ..errors import EXIT_CHECK_FAILED, EXIT_OK, CheckFailed
from .options import config_from

Add = Callable[..., argparse.ArgumentParser]


def register(add: Add) -> None:
    p = add("build", "check the curated data, build the graph and write every export to build/",
            cmd_build, "Check the curated data against the corpus (quotes at their offsets, "
            "checksums, terms, figures), build the RDF dataset, classify it with HermiT into the "
            "'inferred' graph, and write lmskg.ttl, .nt, .jsonld, .trig, lmskg-ontology.owl, "
            "evidence.csv, the KGX files (lmskg-kgx-nodes.tsv, lmskg-kgx-edges.tsv, "
            "lmskg-kgx-prefixes.json), lmskg-nanopubs.trig and manifest.json to build/ "
            "atomically. With --check, also run "
            "'lmskg check' and 'lmskg coverage' on what was just built, without reading or "
            "reasoning again (exit 1 if either fails).")
    p.add_argument("--no-reason", action="store_true",
                   help="skip the HermiT classification (no 'inferred' graph)")
    p.add_argument("--check", action="store_true",
                   help="then check the graph (SHACL, QC; HermiT's verdict of the build) and "
                        "write build/coverage.md")
    p.add_argument("--timings", type=Path, metavar="FILE",
                   help="write the seconds each stage took to FILE (JSON)")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--large", dest="large", action="store_true", default=None,
                      help="stream the graph into the Oxigraph store and export from it (the "
                           "default above 500 claims; no HermiT: the rules' inferences)")
    size.add_argument("--in-memory", dest="large", action="store_false",
                      help="build in rdflib's memory with HermiT whatever the size")
    _reasoner_options(p)

    p = add("export", "write one export to standard output or a file", cmd_export)
    p.add_argument("--format", required=True,
                   choices=("ttl", "nt", "jsonld", "trig", "owl", "csv", "kgx-nodes",
                            "kgx-edges", "kgx-prefixes", "nanopubs"),
                   help="ttl, nt, jsonld: the merged graph; trig: named graphs with the "
                        "inferred one; owl: the ontology as RDF/XML; csv: the evidence table; "
                        "kgx-nodes, kgx-edges, kgx-prefixes: KGX for Biolink tools; nanopubs: "
                        "one nanopublication per claim (TriG)")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.add_argument("--no-reason", action="store_true",
                   help="trig only: skip the HermiT classification (no 'inferred' graph)")

    p = add("check", "check the graph: OWL consistency (HermiT), SHACL shapes, QC queries",
            cmd_check, "Load the ontology and the data into owlready2 and run HermiT (an "
            "inconsistency is explained: the individual, its claim and source, the axiom); "
            "validate the SHACL shapes of ontology/shapes.ttl; run queries/qc/*-violation.rq, "
            "which must return no rows. Above --hermit-max-claims claims, HermiT reasons over "
            "the ontology and vocabulary only and the claims are checked in Oxigraph: the OWL "
            "axioms as rules, the shapes compiled to SPARQL, the QC queries (the same "
            "findings, in seconds instead of hours). Exit 1 on any finding.")
    p.add_argument("--graph", help="check this RDF file (.trig/.ttl/.nt/.jsonld) instead of "
                                   "the curated data; the ontology is added")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="report format (default: text)")
    _reasoner_options(p)


    p = add("docs", "write the ontology's HTML documentation to build/docs/ontology.html",
            cmd_docs, "Document the ontology as one HTML page: classes, properties and the "
            "named individuals (their keys are the values query parameters and curated "
            "files take), with labels, definitions and mappings.")

    p = add("site", "write the evidence site to build/site/ (static HTML and SVG)", cmd_site,
            "Ask the built graph (or a fresh build in memory when build/ is out of date and "
            "the inputs hold up to 500 claims) for "
            "the sources, claims, outcomes and agreements, and write a static site: a home "
            "page with the sources and a filter over the claims, a page per source (its text "
            "with every quote marked), per claim, regimen, therapy, context and every other "
            "curated thing at the path of its IRI (id/claim/s000-c26/), pictures (evidence "
            "map, trial results, timeline) as SVG, the ontology and the question catalogue. "
            "It works from the file system, any static host, and 'lmskg serve'.")
    p.add_argument("--output", "-o", type=Path,
                   help="the site's directory (default: build/site), replaced as a whole")

    add("coverage", "report which sentences of each source carry claims (build/coverage.md)",
        cmd_coverage, "List, per source, every sentence with the claims anchored in it and what "
        "explains each sentence without a claim; write build/coverage.md. Exit 1 while any "
        "sentence is neither covered nor explained.")


def _reasoner_options(p: argparse.ArgumentParser) -> None:
    from ..checks.at_scale import HERMIT_MAX_CLAIMS, REASONERS

    p.add_argument("--reasoner", choices=REASONERS, default="auto",
                   help="hermit: HermiT and pySHACL on the whole graph; rules: HermiT on the "
                        "ontology and vocabulary, the claims by rules and shapes as SPARQL in "
                        "Oxigraph; auto (default): hermit up to --hermit-max-claims claims")
    p.add_argument("--hermit-max-claims", type=int, default=HERMIT_MAX_CLAIMS, metavar="N",
                   help=f"the most claims 'auto' gives HermiT (default {HERMIT_MAX_CLAIMS})")


def cmd_build(args: argparse.Namespace) -> int:
    from ..pipeline.build import build

    from ..reasoning.hermit import Inconsistent

    cfg = config_from(args)
    try:
        built = build(cfg, reason=not args.no_reason, large=args.large)
        if args.timings:
            from ..timing import STAGES

            STAGES.write(args.timings)
    except Inconsistent:
        if not args.check:
            raise
        return cmd_check(argparse.Namespace(**{**vars(args), "graph": None, "format": "text"}))
    s = built.summary
    print(f"built {s.claims} claims from {s.sources} sources: {s.triples} triples in "
          f"{s.graphs} named graphs ({s.inferred} inferred)")
    drafts = built.inputs.curated.drafts
    if drafts:
        n = sum(len(d.source.record.claims) for d in drafts)
        print(f"  and {n} unreviewed candidate claims from {len(drafts)} drafts "
              f"(graph/draft/<id>; lmskg query draft-claims), not claims of the graph")
    for path in s.files:
        print(f"  wrote {path}")
    if not args.check:
        return EXIT_OK
    from ..checks.at_scale import check_graphs, check_store
    from ..checks.run import split_dataset

    shapes, qc = cfg.ontology_dir / "shapes.ttl", cfg.queries_dir / "qc"
    if built.dataset is None:  # a large build: its graph is only in the store
        from ..pipeline.queryable import built_store

        report = check_store(built_store(cfg), shapes, qc, args.reasoner,
                             args.hermit_max_claims)
    else:
        data, onto = split_dataset(built.dataset)
        report = check_graphs(data, onto, shapes, qc, args.reasoner, args.hermit_max_claims,
                              consistent_at_build=built.reasoned)
    sys.stdout.write(_render_report(report, "text"))
    unexplained = _write_coverage(built.inputs.curated, cfg.build_dir)
    return EXIT_OK if report.ok and not unexplained else EXIT_CHECK_FAILED


def cmd_export(args: argparse.Namespace) -> int:
    from ..atomic import write_atomically
    from ..exports import EXPORTS, render
    from ..pipeline.dataset import build_dataset
    from ..pipeline.inputs import load_inputs

    cfg = config_from(args)
    ds = build_dataset(load_inputs(cfg))
    if args.format == "trig" and not args.no_reason:  # only TriG holds the inferred graph
        from ..reasoning.hermit import add_inferred

        add_inferred(ds)
    name = next(n for n, fmt in EXPORTS.items() if fmt == args.format)
    text = render(ds, cfg.ontology_dir / "context.jsonld", (name,))[name]
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        out = Path(args.output)
        write_atomically({out.name: text}, out.parent)
        print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def _render_report(report: object, fmt: str) -> str:
    from ..checks.report import render_json, render_text

    return render_json(report) if fmt == "json" else render_text(report)


def cmd_check(args: argparse.Namespace) -> int:
    from ..checks.at_scale import HERMIT_MAX_CLAIMS, check_graphs, check_inputs, check_store
    from ..checks.run import load_graph_file

    cfg = config_from(args)
    shapes, qc = cfg.ontology_dir / "shapes.ttl", cfg.queries_dir / "qc"
    reasoner = getattr(args, "reasoner", "auto")
    threshold = getattr(args, "hermit_max_claims", HERMIT_MAX_CLAIMS)
    store = None if args.graph else _built_store_to_check(cfg, reasoner, threshold)
    if args.graph:
        data, onto = load_graph_file(Path(args.graph), cfg.ontology_file)
        report = check_graphs(data, onto, shapes, qc, reasoner, threshold)
    elif store is not None:
        report = check_store(store, shapes, qc, reasoner, threshold)
    else:
        from ..pipeline.inputs import load_inputs

        report = check_inputs(load_inputs(cfg), shapes, qc, reasoner, threshold)
    sys.stdout.write(_render_report(report, args.format))
    return EXIT_OK if report.ok else EXIT_CHECK_FAILED


def _built_store_to_check(cfg: object, reasoner: str, threshold: int):
    """The build's persistent store when it is fresh and the rules path will check it (a
    graph past the threshold, or --reasoner rules): read, not rebuilt. None otherwise: the
    small graph is checked from the curated inputs, by HermiT and pySHACL."""
    from ..checks.at_scale import choose, count_claims
    from ..exports.manifest import built_dataset_is_fresh
    from ..pipeline.queryable import built_store

    if reasoner == "hermit" or not built_dataset_is_fresh(cfg):
        return None
    store = built_store(cfg)
    if store is None or choose(reasoner, count_claims(store), threshold) != "rules":
        return None
    return store


def _write_coverage(curated: object, build_dir: Path) -> int:
    """Write build/coverage.md and say so; the number of unexplained sentences."""
    from ..atomic import write_atomically
    from ..checks.coverage import coverage, report
    from ..checks.uncovered import uncovered

    docs = coverage(curated)
    missed = uncovered(curated)
    write_atomically({"coverage.md": report(docs, missed)}, build_dir)
    total = sum(len(d.rows) for d in docs)
    bad = [(d, r) for d in docs for r in d.unexplained]
    print(f"coverage: {total} sentences in {len(docs)} sources, {len(bad)} unexplained, "
          f"{len(missed)} figures or drug mentions no claim covers (listed there); "
          f"wrote {build_dir / 'coverage.md'}")
    for d, r in bad:
        print(f"  {d.source_id} [{r.sentence.start}-{r.sentence.end}] {r.sentence.text}",
              file=sys.stderr)
    return len(bad)


def cmd_docs(args: argparse.Namespace) -> int:
    from ..atomic import write_atomically
    from ..exports.ontology_docs import ontology_html
    from ..ontology.index import load_ontology

    cfg = config_from(args)
    html = ontology_html(load_ontology(cfg.ontology_file).graph)
    for path in write_atomically({"ontology.html": html}, cfg.build_dir / "docs"):
        print(f"wrote {path}")
    return EXIT_OK


def cmd_site(args: argparse.Namespace) -> int:
    from ..ontology.index import load_ontology
    from ..pipeline.queryable import engine_for_queries
    from ..site import SITE_DIR
    from ..site.build import build_site
    from ..sparql.catalogue import load_catalogue

    cfg = config_from(args)
    engine = engine_for_queries(cfg, use_build=True)
    target = args.output or cfg.build_dir / SITE_DIR
    s = build_site(engine, load_ontology(cfg.ontology_file), load_catalogue(cfg.queries_dir),
                   cfg.corpus_dir, target)
    print(f"wrote {s.path}: {s.pages} pages ({s.sources} sources, {s.claims} claims), "
          f"{len(s.pictures)} pictures, {s.files} files; open {s.path / 'index.html'}")
    return EXIT_OK


def cmd_coverage(args: argparse.Namespace) -> int:
    from ..pipeline.inputs import load_inputs

    cfg = config_from(args)
    unexplained = _write_coverage(load_inputs(cfg).curated, cfg.build_dir)
    if unexplained:
        raise CheckFailed(f"{unexplained} sentences are neither covered by a claim nor "
                          "explained (add a claim, or an 'unclaimed' record with its reason)")
    return EXIT_OK
