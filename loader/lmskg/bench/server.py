"""What the checking front of ``lmskg serve`` costs: the same queries sent to Oxigraph
directly (its internal port) and through the front, alternately, each on a new
connection as ``lmskg query --endpoint`` sends them. The endpoint runs in a process
of its own, as under ``lmskg serve``; each query text is new (no parse cache).

    python -m lmskg.bench.server [--trig build/lmskg.trig] [--small 200] [--big-rows 1000000]

Prints a Markdown table: medians (and 90th percentiles) in milliseconds, the
difference and the ratio front/direct. Used for docs/decisions/0009-server-confinement.md.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from ..serve.endpoint import Endpoint
from ..serve.oxigraph import prepare_database

LMS = "https://w3id.org/lmskg/ontology#"


def timed_post(url: str, text: str, accept: str = "application/sparql-results+json"
               ) -> tuple[float, int]:
    """Seconds to send ``text`` and read the whole answer on a new connection; bytes read."""
    parts = urlsplit(url)
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
    conn.request("POST", parts.path, body=text.encode("utf-8"),
                 headers={"Content-Type": "application/sparql-query", "Accept": accept})
    response = conn.getresponse()
    size = 0
    while chunk := response.read(1 << 20):
        size += len(chunk)
    conn.close()
    if response.status != 200:
        raise SystemExit(f"HTTP {response.status} from {url}")
    return time.perf_counter() - t0, size


def compare(name: str, texts: list[str], direct: str, front: str,
            accept: str = "application/sparql-results+json") -> str:
    d, f, size = [], [], 0
    for text in texts:  # alternately, so that drift of the machine hits both alike
        t, size = timed_post(direct, text, accept)
        d.append(t)
        f.append(timed_post(front, text, accept)[0])
    md, mf = statistics.median(d), statistics.median(f)
    p90 = (lambda xs: sorted(xs)[int(0.9 * (len(xs) - 1))]) if len(texts) >= 10 else max
    return (f"| {name} | {len(texts)} | {size:,} | {md * 1e3:.2f} ({p90(d) * 1e3:.2f}) | "
            f"{mf * 1e3:.2f} ({p90(f) * 1e3:.2f}) | {(mf - md) * 1e3:+.2f} | {mf / md:.2f} |")


def serve(db: Path) -> int:
    """The child: run the endpoint in its own process, as ``lmskg serve`` does, and say
    where; stop when the parent closes our standard input."""
    with Endpoint(db, port=0, query_timeout=600) as ep:
        print(ep.query_url, ep.engine_url + "/query", flush=True)
        sys.stdin.read()
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lmskg.bench.server", description=__doc__)
    ap.add_argument("--trig", type=Path, default=Path("build/lmskg.trig"))
    ap.add_argument("--small", type=int, default=200)
    ap.add_argument("--big-rows", type=int, default=1_000_000)
    ap.add_argument("--catalogue", type=Path, default=Path("queries/conflicts.rq"))
    ap.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # the child process
    args = ap.parse_args(argv)
    if args.serve:
        return serve(args.serve)
    with tempfile.TemporaryDirectory(prefix="lmskg-bench-") as tmp:
        db, _ = prepare_database(args.trig, Path(tmp) / "oxigraph")
        child = subprocess.Popen([sys.executable, "-m", "lmskg.bench.server", "--serve",
                                  str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 text=True)
        try:
            assert child.stdout is not None
            front, direct = child.stdout.readline().split()
            rows = run(args, direct, front)
        finally:
            assert child.stdin is not None
            child.stdin.close()
            child.wait(30)
    print("| queries | n | answer bytes | direct ms median (p90) | front ms median (p90) "
          "| difference ms | ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    return 0


def run(args: argparse.Namespace, direct: str, front: str) -> list[str]:
    timed_post(direct, "ASK {}")
    timed_post(front, "ASK {} # service")  # warm both, and rdflib's parser
    n = args.small
    small = [f"SELECT ?s WHERE {{ ?s a <{LMS}Source> }} LIMIT {i + 1}" for i in range(n)]
    parsed = [f"SELECT ?s WHERE {{ ?s a <{LMS}Source> }} LIMIT {i + 1} # no service"
              for i in range(n)]
    catalogue = args.catalogue.read_text(encoding="utf-8")
    cat = [catalogue + f"\n# run {i}\n" for i in range(20)]
    cat_parsed = [catalogue + f"\n# run {i}, service\n" for i in range(20)]
    big = [f"SELECT * WHERE {{ ?a ?b ?c . ?d ?e ?f }} LIMIT {args.big_rows + i}"
           for i in range(3)]
    return [
        compare("small SELECT (no 'service' in it: not parsed)", small, direct, front),
        compare("small SELECT with 'service' in a comment (parsed by rdflib)", parsed,
                direct, front),
        compare(f"{args.catalogue.name} (not parsed)", cat, direct, front),
        compare(f"{args.catalogue.name} with 'service' in a comment (parsed)", cat_parsed,
                direct, front),
        compare(f"big answer: {args.big_rows:,} rows as CSV", big, direct, front,
                accept="text/csv"),
    ]


if __name__ == "__main__":
    sys.exit(main())
