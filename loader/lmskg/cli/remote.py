"""``lmskg serve`` and ``lmskg publish``: the graph over HTTP, and in other stores.

``lmskg query NAME --endpoint URL`` (in :mod:`lmskg.cli.query`) is the third
part: any catalogue question on any SPARQL 1.1 endpoint.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

from ..errors import EXIT_OK
from ..net.auth import is_loopback
from .options import config_from


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("serve", "serve the built graph read-only over SPARQL (Oxigraph server)", cmd_serve,
            "Load build/lmskg.trig into an Oxigraph database in build/oxigraph/ (only when the "
            "TriG file changed) and serve it read-only: SPARQL queries at /query, the query page "
            "at /, graphs at /store; updates and graph-store writes are refused. The default "
            "graph of a query is the union of the named graphs, as on the embedded store. "
            "Every query is parsed first and refused if it uses SERVICE: the server never "
            "sends requests to other servers. Web pages of other sites cannot read its answers "
            "(no CORS headers) unless --cors is given. Beside it, the evidence site of "
            "'lmskg site' (build/site) at /index.html, and every IRI of the graph at its path "
            "(https://w3id.org/lmskg/id/claim/s000-c26 at /id/claim/s000-c26) by content "
            "negotiation: text/html sends to the page, text/turtle and application/ld+json "
            "give the resource's description. Ctrl-C stops it.")
    p.add_argument("--port", type=int, default=7878, help="TCP port (default: 7878)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; "
                        "0.0.0.0 opens it to the network)")
    p.add_argument("--query-timeout", type=float, default=60.0, metavar="SECONDS",
                   help="stop any query, and cut any answer still streaming, after this long "
                        "(default: 60; 0 for no limit)")
    p.add_argument("--cors", action="store_true",
                   help="allow cross-origin requests, so that web query tools such as YASGUI "
                        "served from another site can query this server (default: off; the "
                        "query page at / works without it)")
    p.add_argument("--no-cors", dest="cors", action="store_false",
                   help=argparse.SUPPRESS)  # the default since --cors became opt-in
    p.add_argument("--site", type=Path, metavar="DIR",
                   help="the static site to serve (default: build/site, when 'lmskg site' "
                        "has written it)")
    p.add_argument("--reload", action="store_true",
                   help="reload the database from lmskg.trig even if it is up to date")

    p = add("publish", "load the dataset into a triple store (SPARQL 1.1 Graph Store Protocol)",
            cmd_publish,
            "Replace, graph by graph (HTTP PUT), every named graph of build/lmskg.trig in the "
            "graph store at --endpoint (Oxigraph: http://HOST:7878/store; see "
            "docs/remote-stores.md for Virtuoso, Fuseki, GraphDB and QLever). Publishing again "
            "is idempotent; a failure stops at the failing graph and leaves the others as they "
            "were. Credentials: $LMSKG_ENDPOINT_USER and $LMSKG_ENDPOINT_PASSWORD, or a netrc "
            "file named by $LMSKG_NETRC; never on the command line.")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the graph store URL (not the query endpoint)")
    p.add_argument("--timeout", type=float, default=60.0,
                   help="seconds to wait for each answer of the store (default: 60)")
    p.add_argument("--dry-run", action="store_true",
                   help="list the graphs that would be replaced; send nothing")


def cmd_serve(args: argparse.Namespace) -> int:
    from ..exports.manifest import built_dataset_is_fresh
    from ..serve.endpoint import Endpoint
    from ..serve.oxigraph import DB_DIR, ServerError, count_triples, prepare_database

    cfg = config_from(args)
    trig = cfg.build_dir / "lmskg.trig"
    if not 0 < args.port < 65536:
        raise ServerError(f"--port {args.port} is not a TCP port (1-65535)")
    if args.query_timeout < 0:
        raise ServerError(f"--query-timeout {args.query_timeout:g} is negative (0 for no limit)")
    try:
        fresh = built_dataset_is_fresh(cfg)
    except Exception:  # inputs unreadable: the TriG is still what we serve
        fresh = False
    if trig.is_file() and not fresh:
        print(f"note: cannot confirm that {trig} is up to date with the inputs (run "
              "'lmskg build'); serving it as it is", file=sys.stderr)
    if not is_loopback(args.host):
        print(f"warning: listening on {args.host}: anyone who can reach this machine can "
              "query the graph (read-only)", file=sys.stderr)
    t0 = time.monotonic()
    db, loaded = prepare_database(trig, cfg.build_dir / DB_DIR, force=args.reload)
    if loaded:
        print(f"loaded {trig} into {db} ({time.monotonic() - t0:.1f} s)", flush=True)
    site = args.site or cfg.build_dir / "site"
    if not (site / "index.html").is_file():
        if args.site:
            raise ServerError(f"--site {site}: no index.html there (write the site with "
                              "'lmskg site')")
        print(f"note: no site at {site} (run 'lmskg site'); the graph's IRIs answer "
              "text/turtle and application/ld+json only", file=sys.stderr)
        site = None
    server = Endpoint(db, args.host, args.port, cors=args.cors,
                      query_timeout=args.query_timeout or None, site=site,
                      context_file=cfg.ontology_dir / "context.jsonld")
    try:
        with server:
            if not server.engine_port_is_browser_blocked:
                print(f"warning: no port that web browsers refuse was free for the engine; "
                      f"it listens on {server.engine_url} unchecked, and a web page that "
                      "found that port could send it SERVICE queries", file=sys.stderr)
            triples, graphs = count_triples(server.query_url)
            limit = (f"{args.query_timeout:g} s per query and answer"
                     if args.query_timeout else "no query timeout")
            print(f"serving {triples} triples in {graphs} named graphs, read-only "
                  f"(ready in {time.monotonic() - t0:.1f} s)\n"
                  f"  query page:       {server.url}/\n"
                  f"  SPARQL endpoint:  {server.query_url}   (default graph: the union "
                  "of the named graphs)\n"
                  f"  graph store:      {server.store_url}   (read only)\n"
                  + (f"  evidence site:    {server.url}/index.html\n" if site else "")
                  + f"  the graph's IRIs: {server.url}/id/claim/s000-c26 and so on (text/html, "
                  "text/turtle, application/ld+json)\n"
                  f"  no SERVICE (federation off); {limit}; cross-origin requests "
                  f"{'allowed (--cors)' if args.cors else 'off (--cors allows them)'}\n"
                  f"  e.g. lmskg query NAME --endpoint {server.query_url}\n"
                  "Ctrl-C stops the server.", flush=True)
            code = server.wait()
            tail = server.log_tail()
    except KeyboardInterrupt:
        print("\nserver stopped", flush=True)
        return EXIT_OK
    raise ServerError(f"oxigraph stopped unexpectedly (exit code {code})"
                      + (f": {tail}" if tail else ""))


def cmd_publish(args: argparse.Namespace) -> int:
    from ..stores.publish import publish

    cfg = config_from(args)
    publish(cfg.build_dir / "lmskg.trig", args.endpoint, timeout=args.timeout,
            say=lambda line: print(line, flush=True), dry_run=args.dry_run)
    return EXIT_OK
