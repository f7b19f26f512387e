"""Every kind of bad input: one clear message naming file, record and field, exit 2,
and build/ left as it was. All problems of a run are reported together."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import CliResult, run_cli, run_subprocess
from lmskg.curated import yamlio


def _edit(data_dir: Path, source: str, change) -> None:
    path = data_dir / "sources" / f"{source}.yaml"
    rec = yamlio.load(path)
    change(rec)
    path.write_text(yamlio.dump(rec), encoding="utf-8")


def _claim(rec: dict, claim_id: str) -> dict:
    return next(c for c in rec["claims"] if c["id"] == claim_id)


def _build(tmp_config) -> CliResult:
    return run_cli("build", "--no-reason", "--data", str(tmp_config.data_dir),
                   "--corpus", str(tmp_config.corpus_dir), "--build", str(tmp_config.build_dir))


def _expect(res, *fragments: str) -> None:
    assert res.code == 2, res.err
    for fragment in fragments:
        assert fragment in res.err, f"{fragment!r} not in:\n{res.err}"


def test_malformed_yaml(tmp_config):
    path = tmp_config.data_dir / "sources" / "s000.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  bad: [unclosed\n", encoding="utf-8")
    _expect(_build(tmp_config), "data/sources/s000.yaml", "malformed YAML: line")


def test_unknown_field(tmp_config):
    _edit(tmp_config.data_dir, "s000", lambda r: _claim(r, "s000-c02").update(valeu=60))
    _expect(_build(tmp_config), "data/sources/s000.yaml: record s000-c02: field", "valeu",
            "unknown field")


def test_unknown_therapy(tmp_config):
    _edit(tmp_config.data_dir, "s000",
          lambda r: _claim(r, "s000-c05")["therapies"].append("unobtainium"))
    _expect(_build(tmp_config), "record s000-c05: field therapies: unknown therapy 'unobtainium'")


def test_unknown_context_term(tmp_config):
    _edit(tmp_config.data_dir, "s000", lambda r: _claim(r, "s000-c05").update(extent=["stage-v"]))
    _expect(_build(tmp_config), "record s000-c05: field extent: unknown extent term 'stage-v'")


def test_context_term_of_the_wrong_kind(tmp_config):
    _edit(tmp_config.data_dir, "s000",
          lambda r: _claim(r, "s000-c05").update(extent=["leiomyosarcoma"]))
    _expect(_build(tmp_config), "record s000-c05: field extent: unknown extent term")


def test_quote_not_at_its_offsets(tmp_config):
    def shift(rec):
        c = _claim(rec, "s000-c02")
        c["start"] += 1
        c["end"] += 1
    _edit(tmp_config.data_dir, "s000", shift)
    _expect(_build(tmp_config), "record s000-c02: field quote: quote is not at 222-326",
            "the quote occurs at 221-325")


def test_statement_date_quote_not_at_its_offsets(tmp_config):
    def shift(rec):
        date = next(c for c in rec["claims"] if "date" in c)["date"]
        date["start"] += 1
        date["end"] += 1
    _edit(tmp_config.data_dir, "s003", shift)
    _expect(_build(tmp_config), "data/sources/s003.yaml: record s003-c06: field date: quote is "
                                "not at")


def test_quote_that_is_not_in_the_document(tmp_config):
    _edit(tmp_config.data_dir, "s000",
          lambda r: _claim(r, "s000-c06").update(quote="Surgery is the most common form of "
                                                       "leiomyosarcoma treatmenT."))
    _expect(_build(tmp_config), "record s000-c06: field quote: quote is not at",
            "does not occur in the document")


def test_wrong_corpus_checksum(tmp_config):
    _edit(tmp_config.data_dir, "s000", lambda r: r.update(sha256="0" * 64))
    _expect(_build(tmp_config), "record s000: field sha256: checksum mismatch")


def test_changed_corpus_file(tmp_path, tmp_config):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in tmp_config.corpus_dir.glob("*.txt"):
        corpus.joinpath(f.name).write_bytes(f.read_bytes())
    target = corpus / "000_8daea3747560c7ca.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("sixty", "seventy", 1),
                      encoding="utf-8")
    res = run_cli("build", "--no-reason", "--data", str(tmp_config.data_dir), "--corpus",
                  str(corpus), "--build", str(tmp_config.build_dir))
    _expect(res, "record s000: field sha256: checksum mismatch: 000_8daea3747560c7ca.txt has")


def test_impossible_date(tmp_config):
    _edit(tmp_config.data_dir, "s002", lambda r: r["dates"][0].update(value="2025-02-30"))
    _expect(_build(tmp_config), "record s002: field dates[0].value: impossible date")


def test_malformed_date(tmp_config):
    _edit(tmp_config.data_dir, "s002", lambda r: r["dates"][0].update(value="15 May 2025"))
    _expect(_build(tmp_config), "field dates[0].value: impossible date",
            "is not YYYY, YYYY-MM or YYYY-MM-DD")


def test_percentage_over_100(tmp_config):
    _edit(tmp_config.data_dir, "s000", lambda r: _claim(r, "s000-c10").update(value=130))
    _expect(_build(tmp_config), "record s000-c10: field value: percentage 130 is outside 0-100")


def test_low_above_high(tmp_config):
    _edit(tmp_config.data_dir, "s000", lambda r: _claim(r, "s000-c03").update(low=60, high=20))
    _expect(_build(tmp_config), "record s000-c03: field low: low 60 is above high 20")


def test_duplicate_claim_id(tmp_config):
    _edit(tmp_config.data_dir, "s000", lambda r: _claim(r, "s000-c03").update(id="s000-c02"))
    _expect(_build(tmp_config), "record s000-c02: field id: duplicate claim id")


def test_duplicate_term_id(tmp_config):
    path = tmp_config.data_dir / "vocabulary" / "effects.yaml"
    path.write_text(path.read_text(encoding="utf-8") +
                    "- id: nausea\n  kind: adverse-effect\n  label: nausea again\n",
                    encoding="utf-8")
    _expect(_build(tmp_config), "data/vocabulary/effects.yaml: record nausea: field id: "
                                "duplicate id")


def test_figure_not_in_its_quote(tmp_config):
    _edit(tmp_config.data_dir, "s000", lambda r: _claim(r, "s000-c26").update(value=53))
    _expect(_build(tmp_config), "record s000-c26: field value: 53 does not appear in the quote")


def test_identifier_not_in_the_crosswalk(tmp_config):
    path = tmp_config.data_dir / "vocabulary" / "therapies.yaml"
    text = path.read_text(encoding="utf-8").replace("id: NCIT:C456\n", "id: NCIT:C999999\n")
    path.write_text(text, encoding="utf-8")
    _expect(_build(tmp_config), "record doxorubicin: field mappings[0]: NCIT NCIT:C999999 is not "
                                "in ../shared/vocab/crosswalk.csv")


def test_unit_that_does_not_fit_the_measure(tmp_config):
    _edit(tmp_config.data_dir, "s000", lambda r: _claim(r, "s000-c26").update(unit="mo"))
    _expect(_build(tmp_config), "record s000-c26: field unit: unit 'mo' does not fit "
                                "response-rate")


def test_citation_marker_not_declared(tmp_config):
    _edit(tmp_config.data_dir, "s002", lambda r: _claim(r, "s002-c11")["cites"].append("7"))
    _expect(_build(tmp_config), "record s002-c11: field cites: marker '7' is not among")


def test_every_problem_is_reported_in_one_run(tmp_config):
    def two(rec):
        _claim(rec, "s000-c10").update(value=130)
        _claim(rec, "s000-c05")["therapies"].append("unobtainium")
    _edit(tmp_config.data_dir, "s000", two)
    _edit(tmp_config.data_dir, "s002", lambda r: r["dates"][0].update(value="2025-13-01"))
    res = _build(tmp_config)
    _expect(res, "4 problems in the input", "percentage 130", "unobtainium", "no month 13")


def test_bad_input_leaves_the_previous_build(tmp_config):
    assert _build(tmp_config).code == 0
    before = _files(tmp_config.build_dir)
    assert "oxigraph/source.json" in before  # the persistent store is part of the build
    _edit(tmp_config.data_dir, "s000", lambda r: _claim(r, "s000-c10").update(value=130))
    assert _build(tmp_config).code == 2
    assert _files(tmp_config.build_dir) == before


def _files(root) -> dict[str, bytes]:
    """Every file under ``root`` (the store's directory too) by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_missing_corpus_directory(tmp_config, tmp_path):
    res = run_cli("build", "--no-reason", "--data", str(tmp_config.data_dir), "--corpus",
                  str(tmp_path / "nowhere"), "--build", str(tmp_config.build_dir))
    _expect(res, "nowhere: corpus directory not found")


def test_exit_code_and_message_as_a_subprocess(tmp_config):
    _edit(tmp_config.data_dir, "s000", lambda r: _claim(r, "s000-c03").update(low=60, high=20))
    proc = run_subprocess("build", "--no-reason", "--data", str(tmp_config.data_dir),
                          "--corpus", str(tmp_config.corpus_dir), "--build",
                          str(tmp_config.build_dir))
    assert proc.returncode == 2
    assert "record s000-c03: field low" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not tmp_config.build_dir.exists() or not any(tmp_config.build_dir.iterdir())


@pytest.mark.parametrize("field,value,message", [
    ("direction", "sideways", "unknown value 'sideways'"),
    ("type", "rumour", "unknown value 'rumour'"),
    ("start", "ten", "expected an integer"),
])
def test_bad_values_of_enumerated_fields(tmp_config, field, value, message):
    _edit(tmp_config.data_dir, "s000", lambda r: _claim(r, "s000-c05").update({field: value}))
    _expect(_build(tmp_config), f"record s000-c05: field {field}", message)
