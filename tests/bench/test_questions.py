"""The benchmark's question loop (lmskg.bench.scale.measure_questions) on the real graph:
every catalogue question and the point look-up timed on lmskg's engine and on raw
pyoxigraph (and on an in-memory copy when given), each with its answer's size, and a line
of the log per question; then each question's other examples on lmskg's engine."""

from __future__ import annotations

from types import SimpleNamespace

import pyoxigraph as ox
import pytest

from lmskg.bench.report import POINT
from lmskg.bench.scale import example_params, graph_params, in_memory_copy, measure_questions
from lmskg.sparql.catalogue import load_catalogue
from lmskg.stores.oxigraph import from_dataset


def test_each_question_is_timed_on_both_engines_with_its_rows(dataset, config, tmp_path):
    store = from_dataset(dataset)
    said: list[str] = []
    args = SimpleNamespace(timeout=30.0, repeat=1, rdflib_max=0)
    out, others = measure_questions(store, tmp_path, 176, args, config, said.append)
    names = sorted(load_catalogue(config.queries_dir))
    assert sorted(out) == sorted([*names, POINT])
    for name, row in out.items():
        assert set(row) == {"oxigraph", "pyoxigraph", "rows"}, name
        assert row["oxigraph"]["seconds"] > 0 and not row["pyoxigraph"]["timed_out"]
    assert out[POINT]["rows"] > 0 and sum(row["rows"] for row in out.values()) > 100
    assert len(said) == len(out) + len(others)
    assert any(line.endswith(f", {out[POINT]['rows']:,} rows") for line in said)


def test_each_question_is_timed_again_with_the_parameters_of_its_other_examples(
        dataset, config, tmp_path):
    store = from_dataset(dataset)
    said: list[str] = []
    args = SimpleNamespace(timeout=30.0, repeat=1, rdflib_max=0)
    _, others = measure_questions(store, tmp_path, 176, args, config, said.append)
    catalogue = load_catalogue(config.queries_dir)
    by_question: dict[str, list[dict]] = {}
    for row in others:
        assert row["seconds"] > 0 and not row["timed_out"] and row["rows"] >= 0
        assert row["params"] != graph_params(catalogue[row["question"]], store)
        by_question.setdefault(row["question"], []).append(row["params"])
    # each set of parameters once per question
    assert all(len(p) == len({tuple(sorted(x.items())) for x in p}) for p in by_question.values())
    # doses-and-schedules-per-arm is timed with a study first, then by regimen and for all
    assert {"regimen": "gemcitabine-docetaxel"} in by_question["doses-and-schedules-per-arm"]
    assert {} in by_question["doses-and-schedules-per-arm"]
    assert f"  176 doses-and-schedules-per-arm {{'regimen': 'gemcitabine-docetaxel'}}: " in \
        "\n".join(said)


def test_the_other_examples_follow_the_first_each_set_of_parameters_once_in_order():
    from lmskg.sparql.catalogue import Param

    question = SimpleNamespace(
        params=(Param("line", "line", None, "", ()), Param("years", "integer", "2", "", ())),
        examples=("lmskg query q --param line=second-line", "lmskg query q",
                  "lmskg query q --param line=second-line",
                  "lmskg query q --param years=5 --param line=first-line"))
    assert graph_params(question, ox.Store()) == {"line": "second-line"}
    assert example_params(question, ox.Store()) == [{"line": "second-line"}, {},
                                                    {"years": "5", "line": "first-line"}]


def test_an_in_memory_copy_is_timed_beside_the_store_when_given(dataset, config, tmp_path):
    store = from_dataset(dataset)
    args = SimpleNamespace(timeout=30.0, repeat=1, rdflib_max=0)
    out, _ = measure_questions(store, tmp_path, 176, args, config, lambda line: None,
                               in_memory=from_dataset(dataset))
    for name, row in out.items():
        assert set(row) == {"oxigraph", "pyoxigraph", "pyoxigraph-ram", "rows"}, name
        assert row["pyoxigraph-ram"]["seconds"] > 0
        assert not row["pyoxigraph-ram"]["timed_out"]


def test_the_in_memory_copy_must_hold_what_the_store_holds(tmp_path):
    trig = tmp_path / "lmskg.trig"
    trig.write_text("<urn:g> { <urn:s> <urn:p> <urn:o> . <urn:s> <urn:p> <urn:o2> . }\n",
                    encoding="utf-8")
    store, seconds = in_memory_copy(trig, 2)
    assert len(store) == 2 and seconds >= 0
    with pytest.raises(RuntimeError, match=r"lmskg.trig holds 2 quads, the build's store 3"):
        in_memory_copy(trig, 3)


def test_a_regimen_the_graph_does_not_name_becomes_the_one_its_arms_are_given_most():
    from lmskg.sparql.catalogue import Param

    lms, regimen = "https://w3id.org/lmskg/ontology#", "https://w3id.org/lmskg/id/regimen/"
    store = ox.Store()
    for arm, given in (("a1", "gem"), ("a2", "dox"), ("a3", "dox"), ("a4", "gem"),
                       ("a5", "dox")):
        node = ox.NamedNode(f"urn:{arm}")
        store.add(ox.Quad(node, ox.NamedNode(lms + "armOf"), ox.NamedNode("urn:study")))
        store.add(ox.Quad(node, ox.NamedNode(lms + "regimen"), ox.NamedNode(regimen + given)))

    def question(default, example=""):
        return SimpleNamespace(params=(Param("regimen", "regimen", default, "", ()),),
                               examples=(f"lmskg query q {example}",) if example else ())

    assert graph_params(question("pazopanib"), store) == {"regimen": "dox"}
    assert graph_params(question(None, "--param regimen=pazopanib"), store) == \
        {"regimen": "dox"}
    assert graph_params(question("gem"), store) == {}  # named in the graph: the default stands
    assert graph_params(question(None, "--param regimen=gem"), store) == {"regimen": "gem"}
    assert graph_params(question(None), store) == {}  # no regimen asked for: none given
