"""W3C query-test style fixtures for the catalogue: tests/sparql/questions/<name>/.

Each question has a directory named after it with

- ``data.trig``: a tiny graph made for the question, in named graphs like the
  real dataset (the ontology graph is added from ontology/lmskg.ttl);
- ``expected.srj``: the expected results, SPARQL 1.1 Query Results JSON;
- ``params.json`` (optional): parameter values as given on the command line
  (``{"regimen": "gemcitabine-docetaxel"}``; ``""`` leaves one unbound);
  without it the header defaults apply;
- more cases on the same data (optional): ``params-CASE.json`` with
  ``expected-CASE.srj``.

Results are compared as lists of bindings when the query orders its rows, else
as multisets. Literals compare by value where RDF says they are the same
(``"5"^^xsd:integer`` and ``"5.0"^^xsd:decimal`` are both the number 5; a plain
literal is an ``xsd:string``), so the same expectations hold on every engine.

Run as a script to see what a query answers on its fixture, and (after
checking every row by hand) to write it as the expectation::

    .venv/bin/python -m tests.sparql.query_fixtures NAME [--write]
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from lmskg.sparql.catalogue import CatalogueQuery, load_catalogue
from lmskg.ontology.namespaces import ONTOLOGY_GRAPH
from lmskg.sparql.params import bind, bindings_for
from lmskg.sparql.local import run_local
from lmskg.sparql.results import Results, to_json, to_table
from lmskg.sparql.engines import OxigraphEngine, RdflibEngine
from lmskg.stores.dataset import new_dataset
from lmskg.stores.oxigraph import from_dataset
from lmskg.ontology.index import OntologyIndex, load_ontology

REPO = Path(__file__).resolve().parents[2]
QUERIES = REPO / "queries"
FIXTURES = Path(__file__).resolve().parent / "questions"
ENGINES = ("memory", "oxigraph")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + t for t in (
    "integer", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger", "int",
    "long", "short", "byte", "nonPositiveInteger", "negativeInteger", "unsignedInt",
    "unsignedLong", "unsignedShort", "unsignedByte")}


@lru_cache(maxsize=1)
def ontology() -> OntologyIndex:
    return load_ontology(REPO / "ontology" / "lmskg.ttl")


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return ontology().graph


def catalogue() -> dict[str, CatalogueQuery]:
    return load_catalogue(QUERIES)


def cases(name: str) -> list[str]:
    """The cases of a fixture: "" (params.json, expected.srj), then CASE for each
    expected-CASE.srj."""
    extra = sorted(p.stem[len("expected-"):] for p in (FIXTURES / name).glob("expected-*.srj"))
    return ["", *extra]


def _file(name: str, case: str, stem: str, suffix: str) -> Path:
    return FIXTURES / name / (f"{stem}-{case}{suffix}" if case else f"{stem}{suffix}")


def params_of(name: str, case: str = "") -> dict[str, str]:
    path = _file(name, case, "params", ".json")
    if case and not path.is_file():
        raise FileNotFoundError(f"{path} is missing (every expected-CASE.srj needs one)")
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def expected_of(name: str, case: str = "") -> dict:
    return json.loads(_file(name, case, "expected", ".srj").read_text(encoding="utf-8"))


def fixture_dataset(name: str, engine: str = "memory"):
    """The fixture graph of a question, with the ontology graph added, on one engine."""
    ds = new_dataset()
    ds.parse(FIXTURES / name / "data.trig", format="trig")
    onto = ds.graph(ONTOLOGY_GRAPH)
    onto.addN((s, p, o, onto) for s, p, o in ontology_graph())
    return OxigraphEngine(from_dataset(ds)) if engine == "oxigraph" else RdflibEngine(ds)


def run_fixture(query: CatalogueQuery, engine: str = "memory", case: str = "",
                ds=None) -> Results:
    """The query's answer on its fixture graph (plus the ontology), on one engine."""
    ds = fixture_dataset(query.name, engine) if ds is None else ds
    bindings = bindings_for(query, params_of(query.name, case), ontology())
    return run_local(ds, bind(query.text, bindings), f"{query.name} {case}".strip())


def ordered(query: CatalogueQuery) -> bool:
    """Whether the query orders its rows (ORDER BY outside comments)."""
    body = "\n".join(line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
                     for line in query.text.splitlines())
    return re.search(r"\bORDER\s+BY\b", body, re.IGNORECASE) is not None


def _value(term: dict) -> tuple:
    """A binding's RDF term, normalised so equal literals compare equal."""
    kind, value = term["type"], term["value"]
    if kind in ("literal", "typed-literal"):
        datatype = term.get("datatype", _XSD + "string")
        if "xml:lang" in term:
            return ("lang", value, term["xml:lang"].lower())
        if datatype in _NUMERIC:
            try:
                return ("number", Decimal(value).normalize())
            except InvalidOperation:
                return ("number", value)
        return ("literal", value, datatype)
    return (kind, value)


def normalise(doc: dict) -> tuple[list[str], list[dict[str, tuple]]]:
    """Variables and rows of an SRJ document, with normalised terms."""
    variables = doc["head"].get("vars", [])
    rows = [{var: _value(term) for var, term in binding.items()}
            for binding in doc["results"]["bindings"]]
    return variables, rows


def compare(query: CatalogueQuery, actual: Results, expected: dict) -> list[str]:
    """Differences between an answer and the expected SRJ document (empty: they agree)."""
    problems = []
    got_vars, got = normalise(json.loads(to_json(actual)))
    want_vars, want = normalise(expected)
    if got_vars != want_vars:
        problems.append(f"columns {got_vars} != expected {want_vars}")
    key = lambda row: json.dumps(sorted(row.items()), default=str)  # noqa: E731
    missing = [r for r in want if r not in got]
    extra = [r for r in got if r not in want]
    if sorted(map(key, got)) != sorted(map(key, want)):
        problems += [f"missing row: {r}" for r in missing] + [f"unexpected row: {r}"
                                                             for r in extra]
        if not missing and not extra:
            problems.append(f"row counts differ: {len(got)} rows, expected {len(want)}")
    elif ordered(query) and got != want:
        problems.append("rows in another order than expected:\n  "
                        + "\n  ".join(map(str, got)))
    return problems


def main(argv: list[str]) -> int:
    """NAME [CASE] [--write]: print the answer on the fixture; --write saves it."""
    write = "--write" in argv
    args = [a for a in argv if a != "--write"]
    name, case = args[0], (args[1] if len(args) > 1 else "")
    query = catalogue()[name]
    answers = {engine: run_fixture(query, engine, case) for engine in ENGINES}
    sys.stdout.write(to_table(answers["memory"], 0))
    doc = json.loads(to_json(answers["memory"]))
    for engine in ENGINES[1:]:
        for problem in compare(query, answers[engine], doc):
            print(f"{engine} differs: {problem}")
    if write:
        path = _file(name, case, "expected", ".srj")
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
