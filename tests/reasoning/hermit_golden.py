"""What HermiT puts in the ``inferred`` graph for the graphs the rule tests compare with it,
kept as golden files because HermiT is too slow to run on them in every test run (about
4 minutes for the 1,000-claim synthetic corpus, 3-5 s for each small fixture).

Each golden file, ``golden/<name>.nt.gz``, holds HermiT's output (``hermit.classify`` and
``hermit.superclass_types``, exactly what ``hermit.add_inferred`` writes) after two header
lines: the fingerprint of the graph it was computed on, and whether HermiT found that
graph consistent. A test that finds another fingerprint fails and says to regenerate:

    .venv/bin/python -m tests.reasoning.hermit_golden            # every golden file
    .venv/bin/python -m tests.reasoning.hermit_golden NAME ...   # some of them
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

from rdflib import Graph

from tests.support.cli import REPO
from tests.support.synth import fingerprint

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
CASES = HERE / "cases"
FIXTURES = REPO / "tests" / "checks" / "fixtures"
ONTOLOGY = REPO / "ontology" / "lmskg.ttl"
SYNTH = "synth-1000-seed-1"


def small_graphs() -> dict[str, Path]:
    """The hand-written graphs HermiT runs on: check fixtures and reasoning cases."""
    out = {f"fixture-{p.stem}": p for p in sorted(FIXTURES.glob("*.ttl"))}
    out.update({f"case-{p.stem}": p for p in sorted(CASES.glob("*.ttl"))})
    return out


def merged(path: Path) -> Graph:
    """A fixture with the ontology, as ``lmskg check --graph`` gives them to HermiT."""
    g = Graph().parse(ONTOLOGY, format="turtle")
    g.parse(path, format="turtle")
    return g


def hermit_output(graph: Graph) -> Graph | None:
    """What hermit.add_inferred writes for ``graph``; None if HermiT finds it inconsistent."""
    from lmskg.reasoning.hermit import Inconsistent, classify, superclass_types

    try:
        inferred = classify(graph)
    except Inconsistent:
        return None
    inferred += superclass_types(graph, inferred)
    return inferred


def save(name: str, graph: Graph) -> None:
    output = hermit_output(graph)
    header = f"# input {fingerprint(graph)}\n# hermit {'consistent' if output is not None else 'inconsistent'}\n"
    body = "" if output is None else "\n".join(sorted(
        line for line in output.serialize(format="nt").splitlines() if line.strip())) + "\n"
    GOLDEN.mkdir(exist_ok=True)
    with gzip.open(GOLDEN / f"{name}.nt.gz", "wt", encoding="utf-8") as f:
        f.write(header + body)


def load(name: str) -> tuple[str, bool, Graph]:
    """(fingerprint of the input, consistent?, HermiT's output)."""
    with gzip.open(GOLDEN / f"{name}.nt.gz", "rt", encoding="utf-8") as f:
        text = f.read()
    lines = text.splitlines()
    fp = lines[0].removeprefix("# input ")
    consistent = lines[1] == "# hermit consistent"
    return fp, consistent, Graph().parse(data="\n".join(lines[2:]), format="nt")


def stale(name: str, graph: Graph) -> str | None:
    """A message if the golden file was computed on another graph, else None."""
    fp, _, _ = load(name)
    if fp != fingerprint(graph):
        return (f"golden/{name}.nt.gz was computed on another graph: regenerate it with "
                f".venv/bin/python -m tests.reasoning.hermit_golden {name}")
    return None


def main(names: list[str]) -> None:
    graphs = small_graphs()
    wanted = names or [*graphs, SYNTH]
    for name in wanted:
        if name == SYNTH:
            from lmskg.transform.graphs import asserted
            from tests.support.synth import synth_dataset

            with tempfile.TemporaryDirectory() as tmp:
                graph = asserted(synth_dataset(Path(tmp)))
        else:
            graph = merged(graphs[name])
        save(name, graph)
        print(f"wrote golden/{name}.nt.gz", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
