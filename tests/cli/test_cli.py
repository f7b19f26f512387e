"""The command line: help, exit codes, exports to standard output, curator tools."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from lmskg.cli import main
from tests.support.cli import run_cli, run_subprocess
from lmskg.curated import yamlio
from lmskg.exports.rdf import merged

COMMANDS = ["build", "export", "check", "coverage", "query", "sparql", "catalogue", "serve",
            "publish", "anchor", "fmt", "terms"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_exit_codes(command):
    with pytest.raises(SystemExit) as exc:
        run_cli(command, "--help")
    assert exc.value.code == 0


def test_help_documents_exit_codes():
    proc = run_subprocess("--help")
    assert proc.returncode == 0
    assert "exit codes: 0 ok, 1 check failed, 2 bad input or I/O" in proc.stdout
    for command in COMMANDS:
        assert command in proc.stdout


def test_every_command_takes_data_and_corpus():
    for command in COMMANDS:
        proc = run_subprocess(command, "--help")
        assert "--data" in proc.stdout and "--corpus" in proc.stdout, command


def test_export_turtle_to_stdout(config, dataset):
    res = run_cli("export", "--format", "ttl", "--no-reason", "--data", str(config.data_dir),
                  "--corpus", str(config.corpus_dir))
    assert res.code == 0, res.err
    assert isomorphic(Graph().parse(data=res.out, format="turtle"), merged(dataset))


def test_export_to_a_file(config, tmp_path):
    out = tmp_path / "evidence.csv"
    res = run_cli("export", "--format", "csv", "--no-reason", "--output", str(out), "--data",
                  str(config.data_dir), "--corpus", str(config.corpus_dir))
    assert res.code == 0, res.err
    assert out.read_text(encoding="utf-8").startswith("claim_id,source_id,")


def test_unexpected_errors_are_reported_without_a_trace(tmp_path):
    proc = run_subprocess("build", "--data", str(tmp_path / "missing"))
    assert proc.returncode == 2
    assert "data directory not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_curated_files_are_canonical(config):
    res = run_cli("fmt", "--check", "--data", str(config.data_dir))
    assert res.code == 0, ("curated files are not in canonical form; run `make fmt` "
                           f"(or `lmskg fmt`) to fix:\n{res.out}")


def test_fmt_rewrites_a_file_and_keeps_its_header(tmp_config):
    path = tmp_config.data_dir / "vocabulary" / "effects.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  kind: adverse-effect\n  label: nausea\n",
                                 "  label: nausea\n  kind: adverse-effect\n"), encoding="utf-8")
    res = run_cli("fmt", "--check", "--data", str(tmp_config.data_dir))
    assert res.code == 1 and "data/vocabulary/effects.yaml" in res.out
    assert run_cli("fmt", "--data", str(tmp_config.data_dir)).code == 0
    assert path.read_text(encoding="utf-8") == text


def test_terms_module_matches_the_ontology(config):
    from lmskg.curate.termgen import generate, terms_module_path

    assert terms_module_path().read_text(encoding="utf-8") == generate(config.ontology_file), \
        "loader/lmskg/terms.py is stale: run `make terms` (lmskg terms --write)"


def test_anchor_fills_missing_offsets(tmp_config):
    path = tmp_config.data_dir / "sources" / "s000.yaml"
    rec = yamlio.load(path)
    claim = rec["claims"][1]
    expected = (claim.pop("start"), claim.pop("end"))
    path.write_text(yamlio.dump(rec), encoding="utf-8")
    res = run_cli("anchor", str(path), "--corpus", str(tmp_config.corpus_dir))
    assert res.code == 0, res.err
    assert f"s000-c02: {expected[0]}-{expected[1]}" in res.out
    again = yamlio.load(path)["claims"][1]
    assert (again["start"], again["end"]) == expected


def test_anchor_refuses_a_quote_not_in_the_document(tmp_config):
    path = tmp_config.data_dir / "sources" / "s000.yaml"
    rec = yamlio.load(path)
    del rec["claims"][1]["start"], rec["claims"][1]["end"]
    rec["claims"][1]["quote"] = "no such words"
    path.write_text(yamlio.dump(rec), encoding="utf-8")
    res = run_cli("anchor", str(path), "--corpus", str(tmp_config.corpus_dir))
    assert res.code == 2 and "s000-c02: field quote: quote not found" in res.err


def test_a_bug_is_exit_3_without_a_trace(monkeypatch):
    import lmskg.cli.curate

    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(lmskg.cli.curate, "cmd_terms", broken)
    res = run_cli("terms")
    assert res.code == 3
    assert "internal error: RuntimeError: boom (a bug in lmskg" in res.err
    assert "Traceback" not in res.err


def test_missing_java_is_a_clear_error(monkeypatch, config):
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "no-such-java-binary")
    res = run_cli("check", "--data", str(config.data_dir), "--corpus", str(config.corpus_dir))
    assert res.code == 2
    assert "the HermiT reasoner needs Java 17 or newer" in res.err and "--no-reason" in res.err


@pytest.mark.parametrize("option, value, message", [
    ("--max-width", "-5", "'-5' is not a number of characters (0 or more)"),
    ("--timeout", "-1", "'-1' is not a number of seconds (0 or more)"),
    ("--timeout", "soon", "'soon' is not a number of seconds (0 or more)"),
])
def test_a_negative_or_malformed_number_option_is_refused(option, value, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["query", "conflicts", option, value])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
