"""The large build: the graph streamed into the store, the exports written from its text.

It must say what the in-memory build says (the same triples, the same table rows), be
byte-identical when repeated, and leave a store the questions can open.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import threading

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD

from lmskg.atomic import STAGE_PREFIX
from lmskg.errors import EXIT_INTERNAL
from lmskg.exports import streamed
from lmskg.exports.manifest import MANIFEST
from lmskg.exports.streamed import ExportError, write_merged, write_trig
from lmskg.exports.tables_by_source import TablesBySource
from lmskg.ontology.namespaces import INFERRED_GRAPH
from lmskg.pipeline.inputs import load_inputs
from lmskg.pipeline.large import build_large
from lmskg.pipeline.queryable import built_store
from lmskg.pipeline.tables_worker import fork_is_safe
from lmskg.stores.nquads import QuadWriter
from tests.support import tiny
from tests.support.cli import run_cli

G = URIRef("http://example.org/g")
EX = "http://example.org/"


def _args(config) -> list[str]:
    return ["--data", str(config.data_dir), "--corpus", str(config.corpus_dir),
            "--build", str(config.build_dir)]


def _tiny(tmp_path, monkeypatch, name: str):
    config = tiny.write_tiny(tmp_path / name)
    monkeypatch.setenv("LMSKG_VOCAB", str(config.vocab_dir))
    return config


def _without_blank_nodes(path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if "_:" not in line]


def test_quad_writer_escapes_and_types_terms_as_n_quads():
    out = io.BytesIO()
    writer = QuadWriter(out)
    triples = [(URIRef(EX + "s"), URIRef(EX + "p"), Literal('say "hi"\\ \n\r done')),
               (URIRef(EX + "s"), URIRef(EX + "p"), Literal("bonjour", lang="fr")),
               (URIRef(EX + "s"), URIRef(EX + "p"), Literal("3", datatype=XSD.nonNegativeInteger)),
               (URIRef(EX + "s"), URIRef(EX + "p"), Literal("plain", datatype=XSD.string)),
               (BNode("b1"), URIRef(EX + "p"), URIRef(EX + "o"))]
    assert writer.write(G, triples) == 5 and writer.count == 5
    text = out.getvalue().decode("utf-8")
    assert '"say \\"hi\\"\\\\ \\n\\r done"' in text
    assert '"bonjour"@fr' in text and '"plain" <http://example.org/g>' in text
    assert '"3"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>' in text
    parsed = list(ox.parse(out.getvalue(), ox.RdfFormat.N_QUADS))  # Oxigraph reads it back
    assert len(parsed) == 5 and parsed[0].object.value == 'say "hi"\\ \n\r done'
    with pytest.raises(TypeError):
        writer.write(G, [(URIRef(EX + "s"), URIRef(EX + "p"), 3)])


def test_quad_writer_sorts_a_graph_from_a_set():
    out = io.BytesIO()
    triples = [(URIRef(EX + x), URIRef(EX + "p"), URIRef(EX + "o")) for x in "cab"]
    QuadWriter(out).write(G, triples, sort=True)
    assert [line.split()[0] for line in out.getvalue().decode().splitlines()] == \
        [f"<{EX}{x}>" for x in "abc"]


def test_streamed_exports_hold_each_graph_and_the_merged_asserted_triples(tmp_path):
    quads = tmp_path / "q.nq"
    quads.write_text(
        f"<{EX}a> <{EX}p> \"1\" <{EX}g1> .\n<{EX}b> <{EX}p> \"2\" <{EX}g1> .\n"
        f"<{EX}a> <{EX}p> \"1\" <{EX}g2> .\n<{EX}d> <{EX}p> \"x y\" <{EX}derived> .\n",
        encoding="utf-8")
    write_trig(quads, tmp_path / "out.trig")
    back = set(ox.parse(path=str(tmp_path / "out.trig"), format=ox.RdfFormat.TRIG))
    assert back == set(ox.parse(path=str(quads), format=ox.RdfFormat.N_QUADS))
    write_merged(tmp_path / "out.trig", [EX + "derived"], tmp_path / "m.nt",
                 tmp_path / "m.ttl", tmp_path / "m.jsonld")
    assert (tmp_path / "m.nt").read_text(encoding="utf-8").splitlines() == [
        f'<{EX}a> <{EX}p> "1" .', f'<{EX}b> <{EX}p> "2" .']  # sorted, once, no derived
    ttl = set(ox.parse(path=str(tmp_path / "m.ttl"), format=ox.RdfFormat.TURTLE))
    ld = set(ox.parse(path=str(tmp_path / "m.jsonld"), format=ox.RdfFormat.JSON_LD))
    assert len(ttl) == 2 and ttl == ld


@pytest.mark.parametrize("text, line", [
    (f"<{EX}a> <{EX}p> \"1\" .\n", 1),  # a statement outside any graph
    (f"<{EX}g> {{\n<{EX}a> <{EX}p> \"1\"\n}}\n", 2),  # a statement without its " ."
])
def test_a_trig_file_write_trig_did_not_write_is_a_clear_error(tmp_path, text, line):
    trig = tmp_path / "odd.trig"
    trig.write_text(text, encoding="utf-8")
    with pytest.raises(ExportError, match=rf"odd.trig, line {line}: not a line write_trig"):
        write_merged(trig, [], tmp_path / "m.nt", tmp_path / "m.ttl", tmp_path / "m.jsonld")
    assert not (tmp_path / "m.nt.unsorted").exists()


def test_a_missing_sort_command_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "in").write_text("b\na\n", encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    with pytest.raises(ExportError, match="cannot run 'sort'"):
        streamed.sort_unique(tmp_path / "in", tmp_path / "out")


@pytest.mark.slow
def test_the_large_build_says_what_the_in_memory_build_says(tmp_path, monkeypatch):
    small, large, again = (_tiny(tmp_path, monkeypatch, n) for n in ("small", "large", "again"))
    assert run_cli("build", "--in-memory", *_args(small)).code == 0  # HermiT's inferences
    res = run_cli("build", "--large", *_args(large))
    assert res.code == 0, res.err
    assert run_cli("build", "--large", *_args(again)).code == 0
    for name in ("evidence.csv", "lmskg-kgx-nodes.tsv", "lmskg-kgx-edges.tsv",
                 "lmskg-nanopubs.trig", "lmskg-ontology.owl", "lmskg-kgx-prefixes.json"):
        assert (large.build_dir / name).read_bytes() == (small.build_dir / name).read_bytes()
    assert _without_blank_nodes(large.build_dir / "lmskg.nt") == \
        _without_blank_nodes(small.build_dir / "lmskg.nt")
    for path in large.build_dir.iterdir():  # the same input gives the same bytes
        if path.is_file() and path.name != MANIFEST:
            assert path.read_bytes() == (again.build_dir / path.name).read_bytes(), path.name
    # the rules write the inferred graph HermiT writes (defined classes, superclass types)
    inferred = {}
    for config in (small, large):
        ds = Dataset()
        ds.parse(config.build_dir / "lmskg.trig", format="trig")
        inferred[config] = set(ds.graph(INFERRED_GRAPH))
    assert inferred[small] and inferred[large] == inferred[small]
    manifest = json.loads((large.build_dir / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["reasoned"] is False  # no HermiT proof of consistency at build
    store = built_store(large)
    assert store is not None and len(store) > 0
    res = run_cli("query", "sources-overview", *_args(large))
    assert res.code == 0 and "t001" in res.out


@pytest.mark.slow
def test_a_large_build_is_checked_on_its_store(tmp_path, monkeypatch):
    config = _tiny(tmp_path, monkeypatch, "c")
    res = run_cli("build", "--large", "--check", *_args(config))
    assert res.code == 0, res.out + res.err
    assert "check passed" in res.out and "coverage:" in res.out
    # and lmskg check reads the built store when the rules check it, never the inputs
    def no_inputs(*args, **kwargs):
        raise AssertionError("the curated inputs were read although the store was built")

    monkeypatch.setattr("lmskg.checks.at_scale.check_inputs", no_inputs)
    res = run_cli("check", "--reasoner", "rules", *_args(config))
    assert res.code == 0 and "check passed" in res.out, res.out + res.err


@pytest.mark.slow
def test_a_large_build_without_reasoning_has_no_inferred_graph(tmp_path, monkeypatch):
    config = _tiny(tmp_path, monkeypatch, "n")
    assert run_cli("build", "--large", "--no-reason", *_args(config)).code == 0
    store = built_store(config)
    assert ox.NamedNode(str(INFERRED_GRAPH)) not in set(store.named_graphs())
    assert str(INFERRED_GRAPH) not in (config.build_dir / "lmskg.trig").read_text("utf-8")


def _stages(build_dir) -> list:
    return [p.name for p in build_dir.iterdir() if p.name.startswith(STAGE_PREFIX)]


@pytest.mark.slow
def test_the_tables_worker_writes_what_one_process_writes(tmp_path, monkeypatch):
    built = {}
    for parallel in (True, False):
        config = _tiny(tmp_path, monkeypatch, f"parallel-{parallel}")
        build_large(config, load_inputs(config), reason=False, parallel=parallel)
        built[parallel] = config.build_dir
    names = sorted(p.name for p in built[True].iterdir() if p.is_file())
    assert "evidence.csv" in names and "lmskg-nanopubs.trig" in names
    assert names == sorted(p.name for p in built[False].iterdir() if p.is_file())
    for name in names:
        assert (built[True] / name).read_bytes() == (built[False] / name).read_bytes(), name


def _break_the_tables(monkeypatch):
    def broken(self, name, triples):
        raise RuntimeError("a table that cannot be written")

    monkeypatch.setattr(TablesBySource, "add_graph", broken)  # the forked worker has it too


@pytest.mark.slow
def test_a_failing_tables_worker_fails_the_build_and_writes_nothing(tmp_path, monkeypatch):
    config = _tiny(tmp_path, monkeypatch, "w")
    _break_the_tables(monkeypatch)
    monkeypatch.setattr("lmskg.pipeline.large.fork_is_safe", lambda: True)
    res = run_cli("build", "--large", *_args(config))
    assert res.code == EXIT_INTERNAL, res.out + res.err
    assert "writing the tables" in res.err and \
        "RuntimeError: a table that cannot be written" in res.err
    assert "Traceback" not in res.err  # the worker's stack trace only with --debug
    assert not (config.build_dir / MANIFEST).exists() and not _stages(config.build_dir)
    res = run_cli("--debug", "build", "--large", *_args(config))
    assert "WorkerTraceback" in res.err and 'raise RuntimeError("a table' in res.err


@pytest.mark.slow
def test_failing_tables_without_a_worker_fail_the_build_and_write_nothing(tmp_path,
                                                                          monkeypatch):
    config = _tiny(tmp_path, monkeypatch, "t")
    _break_the_tables(monkeypatch)
    with pytest.raises(RuntimeError, match="a table that cannot be written"):
        build_large(config, load_inputs(config), parallel=False)
    assert not (config.build_dir / MANIFEST).exists() and not _stages(config.build_dir)


def test_a_worker_is_forked_only_from_a_single_threaded_process(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr("threading.active_count", lambda: 1)  # (pytest-xdist runs threads)
    assert fork_is_safe()
    monkeypatch.setattr("threading.active_count", lambda: 2)
    assert not fork_is_safe()  # a fork would copy a lock the other thread might hold
    monkeypatch.setattr("threading.active_count", lambda: 1)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0})
    assert not fork_is_safe()  # one core: nothing to gain
    monkeypatch.undo()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not fork_is_safe()  # a real second thread is seen
    finally:
        stop.set()
        thread.join()


@pytest.mark.slow
def test_without_a_safe_fork_the_build_writes_the_tables_itself(tmp_path, monkeypatch):
    config = _tiny(tmp_path, monkeypatch, "f")

    def no_worker(*args):
        raise AssertionError("a worker was forked")

    monkeypatch.setattr("lmskg.pipeline.large.fork_is_safe", lambda: False)
    monkeypatch.setattr("lmskg.pipeline.large.TablesWorker", no_worker)
    build_large(config, load_inputs(config), reason=False)
    assert (config.build_dir / "evidence.csv").read_text(encoding="utf-8").count("\n") > 1


@pytest.mark.slow
def test_a_build_that_fails_stops_its_tables_worker(tmp_path, monkeypatch):
    config = _tiny(tmp_path, monkeypatch, "s")
    inputs = load_inputs(config)

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr("lmskg.pipeline.large.write_graphs", broken)
    with pytest.raises(OSError, match="disk full"):
        build_large(config, inputs, parallel=True)
    assert multiprocessing.active_children() == []
    assert not (config.build_dir / MANIFEST).exists() and not _stages(config.build_dir)


def test_above_the_claims_hermit_is_given_whole_the_build_streams_with_the_rules(
        tmp_path, monkeypatch):
    from lmskg.bench.synth import synthesize
    from lmskg.config import Config
    from lmskg.reasoning.limits import HERMIT_MAX_CLAIMS

    base = Config()
    synthesize(tmp_path, HERMIT_MAX_CLAIMS + 1, 1, base.data_dir, base.vocab_dir)
    monkeypatch.setenv("LMSKG_VOCAB", str(tmp_path / "vocab"))
    res = run_cli("build", "--data", str(tmp_path / "data"), "--corpus",
                  str(tmp_path / "corpus"), "--build", str(tmp_path / "build"))
    assert res.code == 0, res.err
    assert f"built {HERMIT_MAX_CLAIMS + 1} claims" in res.out
    manifest = json.loads((tmp_path / "build" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["reasoned"] is False  # no HermiT: it took minutes at 1,000 claims
    store = ox.Store.read_only(str(tmp_path / "build" / "oxigraph" / "db"))
    inferred = ox.NamedNode(str(INFERRED_GRAPH))
    assert any(True for _ in store.quads_for_pattern(None, None, None, inferred))
