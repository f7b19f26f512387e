"""The competency-question catalogue: every question's header, its fixture answers
(W3C query-test style, on both engines), and the generated README.

A question without a fixture fails here; so does a fixture without a question.
See tests/sparql/query_fixtures.py for the fixture layout and how to regenerate an
expectation after checking it by hand.
"""

from __future__ import annotations

import re
import shlex

import pytest

from lmskg.sparql.catalogue import CatalogueQuery
from lmskg.sparql.readme import SECTIONS, is_stale
from lmskg.cli.main import parser
from lmskg.sparql.params import bindings_for, parse_given, types
from lmskg.sparql.parse import parse_checked
from tests.sparql.query_fixtures import (ENGINES, FIXTURES, QUERIES, REPO, catalogue, cases, compare,
                            expected_of, fixture_dataset, ontology, ordered, run_fixture)

CATALOGUE = catalogue()
NAMES = sorted(CATALOGUE)
CASES = [(name, case) for name in NAMES if (FIXTURES / name).is_dir() for case in cases(name)]


def _body(q: CatalogueQuery) -> str:
    """The query text after its header comment."""
    lines = q.text.splitlines()
    start = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return "\n".join(lines[start:])


def test_the_catalogue_has_at_least_25_questions():
    assert len(CATALOGUE) >= 25, sorted(CATALOGUE)


def test_the_showcase_of_make_run_names_catalogue_questions():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    showcase = re.search(r"^SHOWCASE\s*\?=\s*(.*)$", makefile, re.MULTILINE)
    assert showcase, "the Makefile has no SHOWCASE list"
    missing = [name for name in showcase.group(1).split() if name not in CATALOGUE]
    assert not missing, f"make run would ask questions that do not exist: {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_every_question_has_a_fixture(name):
    folder = FIXTURES / name
    missing = [f for f in ("data.trig", "expected.srj") if not (folder / f).is_file()]
    assert not missing, (
        f"question {name!r} has no test: add {', '.join(str(folder / f) for f in missing)} "
        "(a tiny graph and its expected SPARQL JSON results; see tests/sparql/query_fixtures.py)")


def test_every_fixture_belongs_to_a_question():
    orphans = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name not in CATALOGUE)
    assert not orphans, f"fixtures for questions that do not exist: {orphans}"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name,case", CASES)
def test_fixture_answers(name, case, engine):
    query = CATALOGUE[name]
    problems = compare(query, run_fixture(query, engine, case), expected_of(name, case))
    label = f"{name}{' (case ' + case + ')' if case else ''} on {engine}"
    assert not problems, f"{label}:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_header_is_complete(name):
    q = CATALOGUE[name]
    assert q.title and q.description, f"{name}: needs a title and a description"
    assert q.tags and q.tags[0] in SECTIONS, (
        f"{name}: the first tag names the README section, one of {sorted(SECTIONS)}")
    assert q.examples, f"{name}: needs at least one '# example:' line"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), f"{name}: names are kebab-case"


@pytest.mark.parametrize("name", NAMES)
def test_parameters_are_typed_defaulted_and_used(name):
    q = CATALOGUE[name]
    body = _body(q)
    for p in q.params:
        assert p.type in types(), f"{name}: parameter {p.name} has unknown type {p.type!r}"
        assert p.doc, f"{name}: parameter {p.name} needs a description"
        assert re.search(rf"[?$]{p.name}\b", body), f"{name}: ?{p.name} is not in the query"
    bindings_for(q, {}, ontology())  # every default is a valid value of its type


@pytest.mark.parametrize("name", NAMES)
def test_query_parses_and_orders_its_rows(name):
    q = CATALOGUE[name]
    parse_checked(q.text, name)
    assert ordered(q), f"{name}: needs an ORDER BY, so that its output is deterministic"
    assert "SERVICE" not in _body(q).upper().split(), f"{name}: must not use SERVICE"


@pytest.mark.parametrize("name", NAMES)
def test_examples_are_valid_commands(name):
    q = CATALOGUE[name]
    for example in q.examples:
        words = shlex.split(example)
        assert words[:3] == ["lmskg", "query", name], f"{name}: example {example!r}"
        args = parser().parse_args(words[1:])  # exits on an unknown option
        bindings_for(q, parse_given(args.param), ontology())


def test_some_questions_use_the_reasoners_classes():
    inferred = [name for name, q in CATALOGUE.items() if "inferred" in q.tags]
    assert inferred, "no question uses the inferred graph"
    classes = ("AnthracyclineContainingRegimen", "GemcitabineContainingRegimen",
               "AIGeneratedSourceClaim", "UnreviewedSourceClaim")
    for name in inferred:
        assert any(f"lms:{c}" in _body(CATALOGUE[name]) for c in classes), name


def test_fixtures_load_on_both_engines():
    for engine in ENGINES:
        assert "https://w3id.org/lmskg/graph/ontology" in \
            fixture_dataset("conflicts", engine).graph_names()


def test_readme_is_current():
    assert not is_stale(QUERIES), ("queries/README.md is stale: run `make catalogue` "
                                   "(lmskg catalogue --write)")
