"""Input an attacker or a careless user would give: each is refused with exit 2, naming
file, record and field, and nothing outside the inputs is read or shown."""

from __future__ import annotations

import hashlib
import os
import threading

import pytest

from tests.support import tiny
from tests.support.cli import run_cli

PASSWD = "/etc/passwd"


def _args(config) -> list[str]:
    return ["--data", str(config.data_dir), "--corpus", str(config.corpus_dir),
            "--build", str(config.build_dir)]


def _build(config):
    return run_cli("build", "--no-reason", *_args(config))


@pytest.fixture
def config(tmp_path, monkeypatch):
    config = tiny.write_tiny(tmp_path)
    monkeypatch.setenv("LMSKG_VOCAB", str(config.vocab_dir))
    return config


def _point_source_at(config, name: str, sha256: str | None = None) -> None:
    path = config.data_dir / "sources" / "t001.yaml"
    text = path.read_text(encoding="utf-8").replace("file: tiny.txt", f"file: '{name}'")
    if sha256:
        text = text.replace(hashlib.sha256(tiny.TEXT.encode()).hexdigest(), f"'{sha256}'")
    path.write_text(text, encoding="utf-8")


def _refused(res, *fragments: str) -> None:
    assert res.code == 2, res.out + res.err
    for fragment in fragments:
        assert fragment in res.err, res.err
    assert "Traceback" not in res.err and "internal error" not in res.err


# -- 1. a source's file must be a regular file inside the corpus ------------------------------

def test_a_path_climbing_out_of_the_corpus_is_not_read(config):
    with open(PASSWD, "rb") as fh:
        sha = hashlib.sha256(fh.read()).hexdigest()
    _point_source_at(config, "../../../../../../../../etc/passwd", sha)
    res = _build(config)
    _refused(res, "record t001: field file: corpus file '../../../../../../../../etc/passwd' "
                  "lies outside the corpus directory; it is not read")
    assert not config.build_dir.exists()


def test_an_absolute_path_is_not_read(config):
    _point_source_at(config, PASSWD)
    _refused(_build(config), "record t001: field file:", "must be a file name inside")


def test_a_link_leading_out_of_the_corpus_is_not_read(config):
    os.symlink(PASSWD, config.corpus_dir / "innocent.txt")
    _point_source_at(config, "innocent.txt", "0" * 64)
    res = _build(config)
    _refused(res, "corpus file 'innocent.txt' lies outside the corpus directory")
    with open(PASSWD, "rb") as fh:  # not even the checksum of the outside file is shown
        assert hashlib.sha256(fh.read()).hexdigest() not in res.err


def test_a_link_inside_the_corpus_is_followed(config):
    os.symlink("tiny.txt", config.corpus_dir / "alias.txt")
    _point_source_at(config, "alias.txt")
    assert _build(config).code == 0


def test_a_device_is_not_read(config):
    os.symlink("/dev/zero", config.corpus_dir / "zero.txt")
    _point_source_at(config, "zero.txt")
    _refused(_build(config), "lies outside the corpus directory")


def test_a_device_inside_the_corpus_is_not_read(tmp_path):
    from lmskg.errors import InputError
    from lmskg.files import read_regular

    with pytest.raises(InputError, match="is not a regular file"):
        read_regular(__import__("pathlib").Path("/dev/zero"), "corpus file", "zero")


def test_a_fifo_is_refused_without_waiting(config):
    os.mkfifo(config.corpus_dir / "pipe.txt")
    _point_source_at(config, "pipe.txt")
    result = []
    worker = threading.Thread(target=lambda: result.append(_build(config)), daemon=True)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "the build hangs on a FIFO"
    _refused(result[0], "corpus file is not a regular file (a device, a pipe or a directory)")


def test_a_file_too_large_is_not_read(config, monkeypatch):
    monkeypatch.setattr("lmskg.curated.corpus.MAX_DOCUMENT", 10)
    _refused(_build(config), "corpus file is larger than 10 bytes; it is not read")


def test_anchor_does_not_open_outside_files(config):
    path = config.data_dir / "sources" / "t001.yaml"
    _point_source_at(config, "../../../../../../../../etc/passwd")
    res = run_cli("anchor", str(path), "--corpus", str(config.corpus_dir))
    _refused(res, "lies outside the corpus directory")


# -- 5. YAML aliases ---------------------------------------------------------------------------

BOMB = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9))


@pytest.mark.parametrize("command", ["build", "fmt"])
def test_a_yaml_alias_bomb_is_refused_at_once(config, command):
    path = config.data_dir / "vocabulary" / "effects.yaml"
    path.write_text("l0: &l0 [x]\n" + BOMB, encoding="utf-8")
    args = ["build", "--no-reason", *_args(config)] if command == "build" else \
        ["fmt", "--check", "--data", str(config.data_dir)]
    res = run_cli(*args)
    _refused(res, "effects.yaml: malformed YAML: line 2", "aliases are not allowed")
    assert len(res.err) < 2000


# -- 6. bad input that used to be reported as a bug -------------------------------------------

def test_a_lone_surrogate_names_its_record_and_field(config):
    path = config.data_dir / "vocabulary" / "therapies.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: docetaxel",
                                                             'label: "doce\\udc80taxel"'),
                    encoding="utf-8")
    _refused(_build(config), "therapies.yaml: record docetaxel: field label: text with a "
                             "lone surrogate")


def test_deep_nesting_is_refused(config):
    path = config.data_dir / "vocabulary" / "effects.yaml"
    path.write_text("[" * 20000 + "]" * 20000 + "\n", encoding="utf-8")
    _refused(_build(config), "effects.yaml: malformed YAML: line 1", "nested more than 64")


@pytest.mark.parametrize("old, new, where", [
    ("- id: t001-c01", "- id: 'evil> <http://x'", "record evil> <http://x: field id: "
                                                  "'evil> <http://x' is not a valid id"),
    ("id: t001\n", "id: t 001\n", "record t001: field id: 't 001' is not a valid id"),
])
def test_ids_that_cannot_be_part_of_an_iri_are_refused(config, old, new, where):
    path = config.data_dir / "sources" / "t001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    _refused(_build(config), where)


def test_fmt_on_a_binary_file(config):
    (config.data_dir / "vocabulary" / "tools.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    _refused(run_cli("fmt", "--check", "--data", str(config.data_dir)),
             "tools.yaml: file is not UTF-8 text")


def test_a_symlink_loop_in_the_data(config):
    os.symlink("loop.yaml", config.data_dir / "sources" / "loop.yaml")
    _refused(_build(config), "loop.yaml", "cannot read")


def test_a_wrong_header_in_the_crosswalk(config):
    (config.vocab_dir / "crosswalk.csv").write_text("kind,key,scheme,identifier,label,note\n",
                                                    encoding="utf-8")
    _refused(_build(config), "crosswalk.csv: field header: missing column(s) id")


def test_a_binary_references_csv(config):
    (config.vocab_dir / "references.csv").write_bytes(b"key,pmid,doi\n\xff\xfe\x00")
    _refused(_build(config), "references.csv: CSV file is not UTF-8 text")


def test_a_binary_query_file(tmp_path):
    path = tmp_path / "q.rq"
    path.write_bytes(b"SELECT \xff\xfe")
    _refused(run_cli("query", str(path)), "q.rq: query is not UTF-8 text")
    _refused(run_cli("sparql", str(path)), "q.rq: query is not UTF-8 text")


def test_a_truncated_build_is_not_trusted(config, monkeypatch):
    monkeypatch.setenv("LMSKG_DATA", str(config.data_dir))
    monkeypatch.setenv("LMSKG_CORPUS", str(config.corpus_dir))
    assert run_cli("build", "--no-reason", "--build", str(config.build_dir)).code == 0
    assert run_cli("query", "sources-overview", "--build", str(config.build_dir)).err == ""
    trig = config.build_dir / "lmskg.trig"
    trig.write_text(trig.read_text(encoding="utf-8")[:2000], encoding="utf-8")
    res = run_cli("query", "sources-overview", "--build", str(config.build_dir))
    assert res.code == 0, res.err
    assert "out of date" in res.err and "Tiny trial report" not in res.err
    assert len(res.err) < 500
