"""The rules one part of the graph at a time: the same ``inferred`` lines as over the whole
graph, or a refusal naming why the parts could affect each other (and then the large build
reasons over the whole graph)."""

from __future__ import annotations

import sys
from dataclasses import replace

import pyoxigraph as ox
import pytest

from lmskg.config import Config
from lmskg.ontology.namespaces import (DERIVED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH,
                                       VOCABULARY_GRAPH, draft_graph)
from lmskg.pipeline import large
from lmskg.pipeline.inputs import load_inputs
from lmskg.reasoning.by_parts import NotSeparable, inferred_by_parts
from lmskg.reasoning.rules import infer, target_lines

EX = "http://example.org/"
ONTO = str(ONTOLOGY_GRAPH)
TARGET = str(INFERRED_GRAPH)
EXCLUDE = frozenset({str(DERIVED_GRAPH), TARGET})


def _whole_and_parts(inputs, tmp_path, part_quads: int) -> tuple[list, list, int]:
    quads, derived = tmp_path / "quads.nq", tmp_path / "derived.nq"
    _, spans = large.write_graphs(inputs, quads, derived)
    not_asserted = [DERIVED_GRAPH, INFERRED_GRAPH,
                    *(draft_graph(d.source.record.id) for d in inputs.curated.drafts)]
    whole = large.inferred_lines(quads, spans, not_asserted, part_quads=10**12)
    parts = large.inferred_lines(quads, spans, not_asserted, part_quads=part_quads)
    sources = [s for s in spans if s.name not in (ONTOLOGY_GRAPH, VOCABULARY_GRAPH)]
    return whole, parts, len(large._parts(sources, part_quads))


def test_the_real_graph_by_parts_gives_the_whole_graphs_lines(inputs, tmp_path, capsys):
    whole, parts, count = _whole_and_parts(inputs, tmp_path, part_quads=1)
    assert count == len(inputs.curated.sources) >= 5  # a source to a part
    assert len(whole) > 500
    assert parts == whole
    assert "could not be shown independent" not in capsys.readouterr().err  # not fallen back


def test_a_synthetic_corpus_by_parts_gives_the_whole_graphs_lines(tmp_path, capsys):
    from lmskg.bench.synth import synthesize

    base = Config()
    synthesize(tmp_path / "synth", 1000, 1, base.data_dir, base.vocab_dir)
    root = tmp_path / "synth"
    inputs = load_inputs(replace(base, data_dir=root / "data", corpus_dir=root / "corpus",
                                 shared_vocab_dir=root / "vocab"))
    whole, parts, count = _whole_and_parts(inputs, tmp_path, part_quads=8_000)
    assert count >= 5 and len(whole) > 2_000
    assert parts == whole
    assert "could not be shown independent" not in capsys.readouterr().err


# -- small graphs, each part a few statements: what may and may not be split

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
NNI = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"


def _cls(c: str) -> str:
    return f"<{EX}{c}> <{RDF}type> <{OWL}Class>"


def _prop(p: str, *kinds: str) -> list[str]:
    return [f"<{EX}{p}> <{RDF}type> <{OWL}{k}>" for k in ("ObjectProperty", *kinds)]


SCHEMA = [*_prop("p"), *_prop("q"), f"<{EX}p> <{RDFS}range> <{EX}A>",
          f"<{EX}q> <{RDFS}range> <{EX}B>", _cls("A"), _cls("B"), _cls("C"),
          f"<{EX}shared> <{EX}p> <{EX}known>"]


def _nq(triples: list[str], graph: str) -> bytes:
    return "".join(f"{t} <{graph}> .\n" for t in triples).encode()


def _graph(name: str, *triples: str) -> bytes:
    return _nq(list(triples), f"{EX}graph/{name}")


def _whole(schema: list[str], *parts: bytes) -> list[str]:
    store = ox.Store()
    store.bulk_load(input=_nq(schema, ONTO) + b"".join(parts), format=ox.RdfFormat.N_QUADS)
    infer(store, exclude=EXCLUDE)
    return target_lines(store, TARGET)


def _by_parts(schema: list[str], *parts: bytes) -> list[str]:
    named = ((f"part {i}", data) for i, data in enumerate(parts, start=1))
    return inferred_by_parts(_nq(schema, ONTO), named, EXCLUDE, TARGET)


def _refusal(schema: list[str], *parts: list[str]) -> str:
    """Why the parts were refused; the test fails if they were accepted."""
    data = [_graph(f"s{i}", *triples) for i, triples in enumerate(parts, start=1)]
    with pytest.raises(NotSeparable) as e:
        _by_parts(schema, *data)
    return str(e.value)


def test_independent_parts_give_the_whole_graphs_lines():
    one = _graph("s1", f"<{EX}c1> <{EX}p> <{EX}x1>", f"<{EX}c1> <{EX}q> <{EX}known>")
    two = _graph("s2", f"<{EX}c2> <{EX}q> <{EX}x2>", f"<{EX}c2> <{EX}q> <{EX}known>")
    lines = _by_parts(SCHEMA, one, two)
    assert lines == _whole(SCHEMA, one, two)
    assert f"<{EX}x1> <{RDF}type> <{EX}A> <{TARGET}> .\n" in lines


@pytest.mark.parametrize("parts, why", [
    # a term of the background meets a new property in one part only: its types differ
    ([[f"<{EX}c1> <{EX}q> <{EX}known>"], [f"<{EX}c2> <{EX}p> <{EX}x2>"]],
     f"<{EX}known> has different statements in part 1 and part 2"),
    # a term both parts name only as an object, given other types in each
    ([[f"<{EX}c1> <{EX}p> <{EX}t>"], [f"<{EX}c2> <{EX}q> <{EX}t>"]],
     f"<{EX}t> has different statements in part 1 and part 2"),
    # one individual described in two parts
    ([[f"<{EX}c1> <{EX}p> <{EX}x1>"], [f"<{EX}c1> <{EX}q> <{EX}x2>"]],
     f"<{EX}c1> is described in part 1 and part 2"),
    # a part describing a term of the background
    ([[f"<{EX}shared> <{EX}q> <{EX}x1>"]],
     f"part 1 describes <{EX}shared>, a term of the background"),
    # described in one part, only named in another, in either order
    ([[f"<{EX}c1> <{EX}p> <{EX}x1>"], [f"<{EX}c2> <{EX}p> <{EX}c1>"]],
     f"<{EX}c1> is described in part 1 and named in part 2"),
    ([[f"<{EX}c2> <{EX}p> <{EX}c1>"], [f"<{EX}c1> <{EX}p> <{EX}x1>"]],
     f"<{EX}c1> is named in part 1 and described in part 2"),
    # a blank node (one label in two parts is one node in the whole file)
    ([[f"<{EX}c1> <{EX}p> <{EX}x1>"], [f"<{EX}c2> <{EX}p> _:b"]], "part 2 has a blank node"),
    # an axiom in a part: that part would reason with a schema of its own
    ([[f"<{EX}A> <{RDFS}subClassOf> <{EX}C>"]],
     f"part 1: graph <{EX}graph/s1> states axioms"),
])
def test_parts_that_could_affect_each_other_are_refused(parts, why):
    assert why in _refusal(SCHEMA, *parts)


# in each schema below a statement of one part bears, through a term both parts name, on
# what the rules may conclude from the other's; the parts must be refused. (Only the last
# changes the lines here: OWL does not assume two names are two individuals, so x1 and x2
# need not make two incoming edges.)
def _restriction(node: str, on: str, *what: str) -> list[str]:
    return [f"{node} <{RDF}type> <{OWL}Restriction>", f"{node} <{OWL}onProperty> {on}",
            *(f"{node} {w}" for w in what)]


INVERSE_P = [f"_:ip <{OWL}inverseOf> <{EX}p>"]
INVERSE_Q = [f"_:iq <{OWL}inverseOf> <{EX}q>"]


@pytest.mark.parametrize("schema, one, two, changes", [
    # x1 and x2 reach t through an inverse functional property: they are one individual
    (_prop("f", "InverseFunctionalProperty"),
     [f"<{EX}x1> <{EX}f> <{EX}t>"], [f"<{EX}x2> <{EX}f> <{EX}t>"], False),
    # a symmetric property: t has a value in each part
    (_prop("s", "SymmetricProperty"),
     [f"<{EX}x1> <{EX}s> <{EX}t>"], [f"<{EX}x2> <{EX}s> <{EX}t>"], False),
    # D = (>= 2 p-): t is a D with one incoming p edge from each part
    ([*_prop("p"), _cls("D"), f"<{EX}D> <{OWL}equivalentClass> _:m", *INVERSE_P,
      *_restriction("_:m", "_:ip", f'<{OWL}minCardinality> "2"^^<{NNI}>')],
     [f"<{EX}x1> <{EX}p> <{EX}t>"], [f"<{EX}x2> <{EX}p> <{EX}t>"], False),
    # D = (some p- A) and (some q- B): each part gives t one of the two
    ([*_prop("p"), *_prop("q"), _cls("A"), _cls("B"), _cls("D"),
      f"<{EX}D> <{OWL}equivalentClass> _:c", f"_:c <{RDF}type> <{OWL}Class>",
      f"_:c <{OWL}intersectionOf> _:l1", f"_:l1 <{RDF}first> _:s1", f"_:l1 <{RDF}rest> _:l2",
      f"_:l2 <{RDF}first> _:s2", f"_:l2 <{RDF}rest> <{RDF}nil>", *INVERSE_P, *INVERSE_Q,
      *_restriction("_:s1", "_:ip", f"<{OWL}someValuesFrom> <{EX}A>"),
      *_restriction("_:s2", "_:iq", f"<{OWL}someValuesFrom> <{EX}B>")],
     [f"<{EX}x1> <{EX}p> <{EX}t>", f"<{EX}x1> <{RDF}type> <{EX}A>"],
     [f"<{EX}x2> <{EX}q> <{EX}t>", f"<{EX}x2> <{RDF}type> <{EX}B>"], True),
])
def test_a_term_two_parts_reach_from_its_object_side_is_compared(schema, one, two, changes):
    whole = _whole(schema, _graph("s1", *one), _graph("s2", *two))
    apart = set(_whole(schema, _graph("s1", *one))) | set(_whole(schema, _graph("s2", *two)))
    assert (whole != sorted(apart)) == changes
    if changes:
        assert f"<{EX}t> <{RDF}type> <{EX}D> <{TARGET}> .\n" in set(whole) - apart
    assert "<http://example.org/t> has different statements in part 1 and part 2" in \
        _refusal(schema, one, two)


def test_a_term_of_the_background_given_a_value_by_an_axiom_is_compared():
    """C = (s value v), s symmetric: a C of part 1 gives v an incoming s edge that the rules
    infer (nothing asserts it), so v's statements differ between the parts."""
    schema = [*_prop("s", "SymmetricProperty"), _cls("C"),
              f"<{EX}C> <{OWL}equivalentClass> _:h",
              *_restriction("_:h", f"<{EX}s>", f"<{OWL}hasValue> <{EX}v>")]
    why = _refusal(schema, [f"<{EX}x1> <{RDF}type> <{EX}C>"], [f"<{EX}x2> <{RDF}type> <{EX}A>"])
    assert "<http://example.org/v> has different statements in part 1 and part 2" in why


def test_a_term_made_equal_to_another_is_refused():
    """f functional and D = (r value v): part 1 makes v and t one individual, so part 2's
    z r t makes z a D in the whole graph; no statement of v or t differs between parts."""
    schema = [*_prop("f", "FunctionalProperty"), *_prop("r"), _cls("D"),
              f"<{EX}D> <{OWL}equivalentClass> _:h",
              *_restriction("_:h", f"<{EX}r>", f"<{OWL}hasValue> <{EX}v>")]
    one, two = [f"<{EX}x> <{EX}f> <{EX}v>", f"<{EX}x> <{EX}f> <{EX}t>"], \
        [f"<{EX}z> <{EX}r> <{EX}t>"]
    assert f"<{EX}z> <{RDF}type> <{EX}D> <{TARGET}> .\n" in \
        _whole(schema, _graph("s1", *one), _graph("s2", *two))
    assert "is made equal to another individual in part 1" in _refusal(schema, one, two)


def _refused_file(tmp_path):
    """A quads file of two parts the checks refuse, and where each graph is in it."""
    quads = tmp_path / "quads.nq"
    schema = _nq(SCHEMA, ONTO)
    one = _graph("s1", f"<{EX}c1> <{EX}p> <{EX}t>")
    two = _graph("s2", f"<{EX}c2> <{EX}q> <{EX}t>")
    quads.write_bytes(schema + one + two)
    base = len(schema)
    spans = [large.Span(ONTOLOGY_GRAPH, 0, base, len(SCHEMA)),
             large.Span(f"{EX}graph/s1", base, base + len(one), 1),
             large.Span(f"{EX}graph/s2", base + len(one), base + len(one) + len(two), 1)]
    return quads, spans, one, two


def test_the_large_build_reasons_over_the_whole_graph_when_parts_are_refused(
        tmp_path, capsys):
    quads, spans, one, two = _refused_file(tmp_path)
    lines = large.inferred_lines(quads, spans, [DERIVED_GRAPH, INFERRED_GRAPH], part_quads=1)
    assert lines == _whole(SCHEMA, one, two)
    assert any(f"<{EX}t> <{RDF}type> <{EX}{c}>" in line for line in lines for c in "AB")
    err = capsys.readouterr().err
    assert "the rules run over the whole graph at once" in err
    assert (f"<{EX}t> has different statements in part 1 (<{EX}graph/s1>) and "
            f"part 2 (<{EX}graph/s2>)") in err


def test_refused_parts_too_large_for_the_free_memory_fail_with_a_clear_error(
        tmp_path, monkeypatch):
    quads, spans, _, _ = _refused_file(tmp_path)
    monkeypatch.setattr(large, "_available_bytes", lambda: 1000)
    with pytest.raises(large.NotEnoughMemory) as e:
        large.inferred_lines(quads, spans, [DERIVED_GRAPH, INFERRED_GRAPH], part_quads=1)
    assert f"need at least 0.0 GiB ({len(SCHEMA) + 2} asserted quads)" in str(e.value)
    assert f"<{EX}t> has different statements in part 1" in str(e.value)
    assert e.value.exit_code != 0
    # where the kernel cannot say what is free, the build goes on over the whole graph
    monkeypatch.setattr(large, "_available_bytes", lambda: None)
    assert large.inferred_lines(quads, spans, [DERIVED_GRAPH, INFERRED_GRAPH], part_quads=1)


def test_the_memory_the_kernel_says_is_free_is_read():
    free = large._available_bytes()
    assert free is None or free > 0
    if sys.platform.startswith("linux"):
        assert free is not None
