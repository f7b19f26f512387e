"""The persistent Oxigraph store the build writes once and queries open read-only."""

from __future__ import annotations

import json
import os

import pyoxigraph as ox
import pytest

from lmskg.atomic import STAGE_PREFIX
from lmskg.exports.manifest import MANIFEST, TRIG, file_sha256
from lmskg.pipeline import queryable
from lmskg.pipeline.queryable import built_store, engine_for_queries
from lmskg.stores.persistent import (DB_DIR, STAMP, StoreError, load_store, open_read_only,
                                     stamp_digest)
from tests.support import tiny
from tests.support.cli import run_cli

TRIG_TEXT = """@prefix ex: <http://example.org/> .
<http://example.org/g1> { ex:a ex:p "one" . ex:a ex:q ex:b . }
<http://example.org/g2> { ex:b ex:p "two"@en . }
"""


@pytest.fixture
def trig(tmp_path):
    path = tmp_path / "in.trig"
    path.write_text(TRIG_TEXT, encoding="utf-8")
    return path


def test_a_loaded_store_holds_the_file_and_opens_only_for_its_digest(tmp_path, trig):
    digest = file_sha256(trig)
    db = load_store(trig, digest, tmp_path / DB_DIR)
    assert db == tmp_path / DB_DIR / "db" and stamp_digest(tmp_path / DB_DIR) == digest
    store = open_read_only(tmp_path / DB_DIR, digest)
    assert store is not None and len(store) == 3
    assert {g.value for g in store.named_graphs()} == {"http://example.org/g1",
                                                       "http://example.org/g2"}
    with pytest.raises(RuntimeError, match="read-write"):  # read-only: a question can never write into the build
        store.update("INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }")
    assert open_read_only(tmp_path / DB_DIR, "0" * 64) is None
    assert open_read_only(tmp_path / "nowhere", digest) is None


def test_a_failed_load_keeps_the_previous_store_and_leaves_no_stage(tmp_path, trig):
    digest = file_sha256(trig)
    load_store(trig, digest, tmp_path / DB_DIR)
    broken = tmp_path / "broken.trig"
    broken.write_text("<http://example.org/g> { this is not TriG", encoding="utf-8")
    with pytest.raises(StoreError, match="broken.trig"):
        load_store(broken, file_sha256(broken), tmp_path / DB_DIR)
    assert stamp_digest(tmp_path / DB_DIR) == digest
    assert len(open_read_only(tmp_path / DB_DIR, digest)) == 3
    assert not list(tmp_path.glob(f"{STAGE_PREFIX}*"))


def test_the_stage_of_a_killed_load_is_removed_by_the_next(tmp_path, trig):
    stale = tmp_path / f"{STAGE_PREFIX}999999999-{DB_DIR}-x"  # no such process
    (stale / "db").mkdir(parents=True)
    load_store(trig, file_sha256(trig), tmp_path / DB_DIR)
    assert not stale.exists()


def test_a_store_without_its_stamp_is_not_used(tmp_path, trig):
    digest = file_sha256(trig)
    load_store(trig, digest, tmp_path / DB_DIR)
    (tmp_path / DB_DIR / STAMP).unlink()
    assert stamp_digest(tmp_path / DB_DIR) is None
    assert open_read_only(tmp_path / DB_DIR, digest) is None


@pytest.mark.slow
def test_the_build_writes_the_store_and_queries_open_it(tmp_path, monkeypatch):
    config = tiny.write_tiny(tmp_path)
    monkeypatch.setenv("LMSKG_VOCAB", str(config.vocab_dir))
    res = run_cli("build", "--no-reason", "--data", str(config.data_dir), "--corpus",
                  str(config.corpus_dir), "--build", str(config.build_dir))
    assert res.code == 0, res.err
    manifest = json.loads((config.build_dir / MANIFEST).read_text(encoding="utf-8"))
    assert stamp_digest(config.build_dir / DB_DIR) == manifest["files"][TRIG]
    store = built_store(config)
    assert store is not None
    assert len(store) == len(ox.Store.read_only(str(config.build_dir / DB_DIR / "db")))

    def no_parsing(path):
        raise AssertionError(f"{path} was parsed although the build's store was there")

    monkeypatch.setattr(queryable, "from_trig", no_parsing)
    engine = engine_for_queries(config)
    assert engine.name == "oxigraph" and len(engine.store) == len(store)

    # a store holding another TriG file is not used: the file is parsed instead
    stamp = config.build_dir / DB_DIR / STAMP
    stamp.write_text(json.dumps({"sha256": "0" * 64}), encoding="utf-8")
    assert built_store(config) is None
    with pytest.raises(AssertionError, match="was parsed"):
        engine_for_queries(config)
    assert os.path.isdir(config.build_dir / DB_DIR / "db")


@pytest.mark.slow
def test_a_query_naming_its_inputs_opens_their_fresh_build_and_never_rebuilds(tmp_path,
                                                                               monkeypatch):
    """`lmskg build --data D --corpus C --build B` then `lmskg query ... --data D --corpus C
    --build B` opens B's store; with --fresh the query builds in memory."""
    config = tiny.write_tiny(tmp_path)
    monkeypatch.setenv("LMSKG_VOCAB", str(config.vocab_dir))
    paths = ("--data", str(config.data_dir), "--corpus", str(config.corpus_dir),
             "--build", str(config.build_dir))
    assert run_cli("build", "--no-reason", *paths).code == 0

    def no_building(inputs):
        raise AssertionError("the inputs were built again although their build was fresh")

    monkeypatch.setattr(queryable, "build_dataset", no_building)
    res = run_cli("query", "claim-details", "--param", "claim=t001-c01", "-f", "csv", *paths)
    assert res.code == 0, res.err
    assert "t001-c01" in res.out and "out of date" not in res.err
    res = run_cli("query", "claim-details", "--param", "claim=t001-c01", "--fresh", *paths)
    assert res.code == 3 and "built again" in res.err  # --fresh builds, as asked


def test_large_inputs_without_their_build_are_refused_not_built_in_memory(tmp_path,
                                                                          monkeypatch):
    config = tiny.write_tiny(tmp_path)
    monkeypatch.setenv("LMSKG_VOCAB", str(config.vocab_dir))
    monkeypatch.setattr(queryable, "LARGE_FROM", 1)  # the tiny graph's one claim is 'large'

    def no_building(inputs):
        raise AssertionError("an in-memory build of large inputs was started")

    monkeypatch.setattr(queryable, "build_dataset", no_building)
    res = run_cli("query", "claim-details", "--param", "claim=t001-c01", "--data",
                  str(config.data_dir), "--corpus", str(config.corpus_dir), "--build",
                  str(config.build_dir))
    assert res.code == 2, res.err
    assert "no up-to-date build of these inputs (1 claims)" in res.err
    assert f"lmskg build --data {config.data_dir}" in res.err
    res = run_cli("query", "claim-details", "--param", "claim=t001-c01", "--fresh", "--data",
                  str(config.data_dir), "--corpus", str(config.corpus_dir), "--build",
                  str(config.build_dir))
    assert res.code == 2 and "an in-memory build of 1 claims is not made here (--fresh)" \
        in res.err and "then ask without --fresh" in res.err
