"""The rules one part of the graph at a time: the same ``inferred`` lines as over the whole
graph, or a refusal naming why the parts could affect each other (and then the large build
reasons over the whole graph)."""

from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox
import pytest

from lmskg.config import Config
from lmskg.ontology.namespaces import (DERIVED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH,
                                       VOCABULARY_GRAPH, draft_graph)
from lmskg.pipeline import large
from lmskg.pipeline.inputs import load_inputs
from lmskg.reasoning.by_parts import NotSeparable, inferred_by_parts
from lmskg.reasoning.rules import infer

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
    assert "not independent" not in capsys.readouterr().err  # proven, not fallen back


def test_a_synthetic_corpus_by_parts_gives_the_whole_graphs_lines(tmp_path, capsys):
    from lmskg.bench.synth import synthesize

    base = Config()
    synthesize(tmp_path / "synth", 1000, 1, base.data_dir, base.vocab_dir)
    root = tmp_path / "synth"
    inputs = load_inputs(replace(base, data_dir=root / "data", corpus_dir=root / "corpus",
                                 shared_vocab_dir=root / "vocab"))
    whole, parts, count = _whole_and_parts(inputs, tmp_path, part_quads=10_000)
    assert count >= 5 and len(whole) > 2_000
    assert parts == whole
    assert "not independent" not in capsys.readouterr().err


# -- small graphs, each part a few statements: what may and may not be split

SCHEMA = f"""
<{EX}p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#ObjectProperty> <{ONTO}> .
<{EX}q> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#ObjectProperty> <{ONTO}> .
<{EX}p> <http://www.w3.org/2000/01/rdf-schema#range> <{EX}A> <{ONTO}> .
<{EX}q> <http://www.w3.org/2000/01/rdf-schema#range> <{EX}B> <{ONTO}> .
<{EX}A> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#Class> <{ONTO}> .
<{EX}B> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#Class> <{ONTO}> .
<{EX}C> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2002/07/owl#Class> <{ONTO}> .
<{EX}shared> <{EX}p> <{EX}known> <{ONTO}> .
"""
BACKGROUND = frozenset({ONTO})


def _graph(name: str, *triples: str) -> bytes:
    return "".join(f"{t} <{EX}graph/{name}> .\n" for t in triples).encode()


def _whole(*parts: bytes) -> list[str]:
    store = ox.Store()
    store.bulk_load(input=SCHEMA.encode() + b"".join(parts), format=ox.RdfFormat.N_QUADS)
    infer(store, exclude=EXCLUDE)
    graph = ox.NamedNode(TARGET)
    return sorted(f"{q.subject} {q.predicate} {q.object} {graph} .\n"
                  for q in store.quads_for_pattern(None, None, None, graph))


def _by_parts(*parts: bytes) -> list[str]:
    return inferred_by_parts(SCHEMA.encode(), iter(parts), EXCLUDE, TARGET, BACKGROUND)


def test_independent_parts_give_the_whole_graphs_lines():
    one = _graph("s1", f"<{EX}c1> <{EX}p> <{EX}x1>", f"<{EX}c1> <{EX}q> <{EX}known>")
    two = _graph("s2", f"<{EX}c2> <{EX}q> <{EX}x2>", f"<{EX}c2> <{EX}q> <{EX}known>")
    lines = _by_parts(one, two)
    assert lines == _whole(one, two)
    assert f"<{EX}x1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}A> <{TARGET}> .\n" \
        in lines


@pytest.mark.parametrize("parts, why", [
    # a term of the background meets a new property in one part only: its types differ
    ([[f"<{EX}c1> <{EX}q> <{EX}known>"], [f"<{EX}c2> <{EX}p> <{EX}x2>"]],
     "<http://example.org/known> has different statements in parts 1 and 2"),
    # a term both parts name only as an object, given other types in each
    ([[f"<{EX}c1> <{EX}p> <{EX}t>"], [f"<{EX}c2> <{EX}q> <{EX}t>"]],
     "<http://example.org/t> has different statements in parts 1 and 2"),
    # one individual described in two parts
    ([[f"<{EX}c1> <{EX}p> <{EX}x1>"], [f"<{EX}c1> <{EX}q> <{EX}x2>"]],
     "<http://example.org/c1> is described in parts 1 and 2"),
    # a part stating things of a term of the background
    ([[f"<{EX}shared> <{EX}q> <{EX}x1>"]],
     "part 1 describes <http://example.org/shared>, a term of the background"),
    # described in one part, only named in another
    ([[f"<{EX}c1> <{EX}p> <{EX}x1>"], [f"<{EX}c2> <{EX}p> <{EX}c1>"]],
     "<http://example.org/c1> is described in part 1 and named in part 2"),
    ([[f"<{EX}c2> <{EX}p> <{EX}c1>"], [f"<{EX}c1> <{EX}p> <{EX}x1>"]],
     "<http://example.org/c1> is described in part 2 and named in part 1"),
    # one blank node named in two parts (the whole file's label is one node)
    ([[f"<{EX}c1> <{EX}p> _:b"], [f"<{EX}c2> <{EX}p> _:b"]],
     "blank node _:b is named in part 1 and part 2"),
    # an axiom in a part: that part would reason with a schema of its own
    ([[f"<{EX}A> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{EX}C>"]],
     "part 1: graph http://example.org/graph/s1 states axioms"),
])
def test_parts_that_could_affect_each_other_are_refused(parts, why):
    data = [_graph(f"s{i + 1}", *triples) for i, triples in enumerate(parts)]
    with pytest.raises(NotSeparable) as e:
        _by_parts(*data)
    assert why in str(e.value)


def test_incoming_edges_of_an_inverse_functional_property_are_compared():
    """``x f t`` in one part and ``y f t`` in another make x and y one individual: t's
    incoming f-edges are statements about t, so the parts differ on it."""
    schema = SCHEMA + (f"<{EX}f> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                       f"<http://www.w3.org/2002/07/owl#InverseFunctionalProperty> <{ONTO}> .\n"
                       f"<{EX}f> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                       f"<http://www.w3.org/2002/07/owl#ObjectProperty> <{ONTO}> .\n")
    one = _graph("s1", f"<{EX}x> <{EX}f> <{EX}t>")
    two = _graph("s2", f"<{EX}y> <{EX}f> <{EX}t>")
    with pytest.raises(NotSeparable, match="<http://example.org/t> has different statements"):
        inferred_by_parts(schema.encode(), iter([one, two]), EXCLUDE, TARGET, BACKGROUND)


def test_the_large_build_reasons_over_the_whole_graph_when_parts_are_refused(
        tmp_path, capsys):
    quads = tmp_path / "quads.nq"
    one = _graph("s1", f"<{EX}c1> <{EX}p> <{EX}t>")
    two = _graph("s2", f"<{EX}c2> <{EX}q> <{EX}t>")
    quads.write_bytes(SCHEMA.encode() + one + two)
    base = len(SCHEMA.encode())
    spans = [large.Span(ONTOLOGY_GRAPH, 0, base, SCHEMA.count("\n") - 1),
             large.Span(f"{EX}graph/s1", base, base + len(one), 1),
             large.Span(f"{EX}graph/s2", base + len(one), base + len(one) + len(two), 1)]
    lines = large.inferred_lines(quads, spans, [DERIVED_GRAPH, INFERRED_GRAPH], part_quads=1)
    assert lines == _whole(one, two)
    assert any(f"<{EX}t> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}{c}>" in line
               for line in lines for c in "AB")
    err = capsys.readouterr().err
    assert "the rules run over the whole graph at once" in err
    assert "<http://example.org/t> has different statements in parts 1 and 2" in err
