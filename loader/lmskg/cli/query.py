"""``lmskg query``, ``lmskg sparql`` and ``lmskg catalogue``: the catalogue and ad-hoc queries."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any, Callable

from ..errors import EXIT_OK, CheckFailed, QueryError
from ..files import read_text
from ..sparql.deadline import DEFAULT_TIMEOUT
from ..sparql.results import FORMATS, GRAPH_FORMATS
from .options import config_from


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", "-f", choices=FORMATS + GRAPH_FORMATS, default="table",
                   help="SELECT and ASK: table (for people, with labels beside ids), or the "
                        "SPARQL 1.1 results formats csv, tsv, json (default: table); CONSTRUCT "
                        "and DESCRIBE: turtle (the default), jsonld, ntriples")
    p.add_argument("--max-width", type=_width, default=60, metavar="N",
                   help="cut table cells longer than N characters (default: 60; 0: never)")
    p.add_argument("--endpoint", help="run against this SPARQL 1.1 endpoint URL instead of the "
                                      "embedded store")
    p.add_argument("--default-graph", action="append", default=[], metavar="URI",
                   help="with --endpoint: a graph of the query's default graph, sent as the "
                        "SPARQL 1.1 Protocol's default-graph-uri (repeatable; without it the "
                        "endpoint chooses)")
    p.add_argument("--named-graph", action="append", default=[], metavar="URI",
                   help="with --endpoint: a graph GRAPH may see, sent as named-graph-uri "
                        "(repeatable)")
    p.add_argument("--dataset-graphs", action="store_true",
                   help="with --endpoint: ask the endpoint which graphs of lmskg it holds "
                        "(https://w3id.org/lmskg/graph/...) and make them the query's default "
                        "graph and named graphs, as on the embedded store (Virtuoso's default "
                        "graph also holds its own system graphs)")
    p.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT,
                   help=f"stop the query after this many seconds, locally or on the "
                        f"endpoint (default: {DEFAULT_TIMEOUT:g}; 0: no limit, locally only)")
    p.add_argument("--fresh", action="store_true",
                   help="build the inputs in memory instead of opening their build (up to "
                        "500 claims)")


def _seconds(text: str) -> float:
    """--timeout: a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 or more)")
    return value


def _width(text: str) -> int:
    """--max-width: a whole number of characters, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of characters (0 or more)")
    return value


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("query", "run a competency question of the catalogue (queries/*.rq) or a .rq file",
            cmd_query, "Run a catalogue question by name (see --list) or a .rq file. "
            "Parameters are bound as RDF terms through a VALUES block, never pasted into "
            "the text; an empty value (--param key=) leaves the parameter unbound. Opens "
            "the store of the build directory when it is a build of the inputs given (data, "
            "corpus, ontology, vocabulary), else builds them in memory (up to 500 claims; "
            "larger inputs must be built with 'lmskg build' first).")
    p.add_argument("name", nargs="?", help="query name (file stem in queries/) or a .rq file")
    p.add_argument("--param", "-p", action="append", default=[], metavar="KEY=VALUE",
                   help="set a parameter (repeatable)")
    p.add_argument("--list", action="store_true",
                   help="list the catalogue with its headers (or only NAME's header)")
    p.add_argument("--values", metavar="PARAM",
                   help="list the values parameter PARAM of the question takes, with labels")
    _output_options(p)

    p = add("sparql", "run an ad-hoc SPARQL query from a file or standard input ('-')",
            cmd_sparql, "Run any SELECT or ASK query on the graph (SERVICE is refused on the "
            "embedded store). A query that does not parse is reported with its line and "
            "column (exit 2).")
    p.add_argument("file", help="a .rq file, or - for standard input")
    _output_options(p)

    p = add("catalogue", "print, write (--write) or check (--check) queries/README.md and the "
            "generated blocks of the queries", cmd_catalogue,
            "Generate queries/README.md, the catalogue of competency questions, from the "
            "headers of queries/*.rq, and the blocks of the queries generated from the "
            "kinds of a claim's date (marked '# generated: ...'). Without an option, print "
            "the README. --check exits 1 when either is stale.")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--write", action="store_true",
                   help="write queries/README.md and the generated blocks")
    g.add_argument("--check", action="store_true",
                   help="exit 1 if queries/README.md or a generated block is stale")


def _answerer(args: argparse.Namespace) -> Any:
    """The local engine (the built dataset when fresh), or the endpoint of --endpoint."""
    from ..sparql.answer import LocalAnswerer, RemoteAnswerer
    from ..sparql.remote import Connection, dataset_graphs

    dataset_options = args.default_graph or args.named_graph or args.dataset_graphs
    if args.endpoint:
        connection = Connection(args.endpoint, default_graphs=args.default_graph,
                                named_graphs=args.named_graph)
        if args.dataset_graphs:
            graphs = dataset_graphs(connection, args.timeout)
            connection.default_graphs += graphs
            connection.named_graphs += graphs
        return RemoteAnswerer(connection, args.timeout)
    if dataset_options:
        raise QueryError("--default-graph, --named-graph and --dataset-graphs go with "
                         "--endpoint (the embedded store's default graph is the union of "
                         "the dataset's graphs)")
    from ..pipeline.queryable import engine_for_queries

    cfg = config_from(args)
    engine = engine_for_queries(cfg, use_build=not args.fresh)
    return LocalAnswerer(engine, args.timeout)


def _write(args: argparse.Namespace, answerer: Any, answer: Any, where: str) -> int:
    """Print results (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE) in the asked format."""
    from rdflib import Graph, URIRef

    from ..sparql.results import render, render_graph

    cfg = config_from(args)
    if isinstance(answer, Graph):
        fmt = "turtle" if args.format == "table" else args.format
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"{where}: a CONSTRUCT or DESCRIBE query gives a graph: use "
                             f"--format {', '.join(GRAPH_FORMATS)}")
        sys.stdout.write(render_graph(answer, fmt, cfg.ontology_dir / "context.jsonld"))
        return EXIT_OK
    if args.format in GRAPH_FORMATS:
        raise QueryError(f"{where}: a SELECT or ASK query gives results: use --format "
                         f"{', '.join(FORMATS)}")
    labels = {}
    if args.format == "table":
        labels = answerer.labels(t for row in answer.rows for t in row if isinstance(t, URIRef))
    sys.stdout.write(render(answer, args.format, args.max_width, labels))
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    from ..ontology.index import load_ontology
    from ..sparql.answer import run
    from ..sparql.catalogue import load_catalogue, resolve
    from ..sparql.lookup import require_known_terms, with_classes
    from ..sparql.params import bind, bindings_for, parse_given
    from ..sparql.parse import parse_checked

    cfg = config_from(args)
    if args.list:
        queries = ([resolve(args.name, cfg.queries_dir)] if args.name
                   else list(load_catalogue(cfg.queries_dir).values()))
        print("\n\n".join(describe(q) for q in queries))
        return EXIT_OK
    if not args.name:
        raise QueryError("name a query (lmskg query --list shows the catalogue)")
    q = resolve(args.name, cfg.queries_dir)
    ontology = load_ontology(cfg.ontology_file)
    if args.values:
        return _list_values(args, q, ontology)
    parse_checked(q.text, str(q.path), refuse_service=not args.endpoint)
    bindings = bindings_for(q, parse_given(args.param), ontology)
    answerer = _answerer(args)
    lookup = answerer.lookup()
    bindings = with_classes(q, bindings, lookup, ontology)
    require_known_terms(lookup, q, bindings)
    where = str(q.path)
    return _write(args, answerer, run(answerer, bind(q.text, bindings), where), where)


def _list_values(args: argparse.Namespace, q: Any, ontology: Any) -> int:
    from ..sparql.values import values_of

    doc, values = values_of(q, args.values, _answerer(args), ontology)
    print(f"{q.name} --param {args.values}=<{doc}>")
    width = max((len(v) for v, _ in values), default=0)
    for value, label in values:
        print(f"  {value.ljust(width)}  {label}".rstrip())
    if not values:
        print("  (any value of the type)")
    return EXIT_OK


def cmd_sparql(args: argparse.Namespace) -> int:
    from ..sparql.answer import run
    from ..sparql.parse import parse_checked

    if args.file == "-":
        text, where = sys.stdin.read(), "<stdin>"
    else:
        text, where = read_text(Path(args.file), "query", args.file), args.file
    parse_checked(text, where, refuse_service=not args.endpoint)  # before any loading
    answerer = _answerer(args)
    return _write(args, answerer, run(answerer, text, where), where)


def describe(q: Any) -> str:
    """A query's header for people: name and question, what it does, how to call it."""
    lines = [f"{q.name}: {q.title}"]
    if q.description:
        lines += textwrap.wrap(q.description, 92, initial_indent="    ",
                               subsequent_indent="    ")
    for p in q.params:
        default = p.default if p.default is not None else "(unbound: any)"
        kind = f"{p.type}: {'|'.join(p.choices)}" if p.choices else p.type
        lines.append(f"    --param {p.name}=<{kind}>  default {default}  {p.doc}".rstrip())
    if q.tags:
        lines.append(f"    tags: {', '.join(q.tags)}")
    for ex in q.examples:
        lines.append(f"    e.g. {ex}")
    return "\n".join(lines)


def cmd_catalogue(args: argparse.Namespace) -> int:
    from ..atomic import write_atomically
    from ..sparql.catalogue import load_catalogue
    from ..sparql.generated import regenerate, stale_queries
    from ..sparql.readme import README, is_stale, readme_path, render as render_readme

    queries_dir = config_from(args).queries_dir
    path = readme_path(queries_dir)
    if args.check:
        stale = [str(p) for p in stale_queries(queries_dir)]
        if is_stale(queries_dir):
            stale.append(str(path))
        if stale:
            raise CheckFailed(f"stale: {', '.join(stale)}: run `make catalogue` "
                              "(lmskg catalogue --write)")
        print(f"{path} and the generated blocks are up to date")
        return EXIT_OK
    if args.write:
        for q in stale_queries(queries_dir):
            text = regenerate(read_text(q, "query", str(q)), str(q))
            write_atomically({q.name: text}, q.parent)
            print(f"wrote {q}")
        write_atomically({README: render_readme(load_catalogue(queries_dir))}, queries_dir)
        print(f"wrote {path}")
        return EXIT_OK
    sys.stdout.write(render_readme(load_catalogue(queries_dir)))
    return EXIT_OK
