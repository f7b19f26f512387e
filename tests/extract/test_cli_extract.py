"""``lmskg extract`` as a curator runs it: the draft files, the CSV, and every refusal
(exit 2, the file named, nothing written)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from lmskg.exports.evidence_csv import COLUMNS as EVIDENCE_COLUMNS
from lmskg.extract import document
from lmskg.extract.output import COLUMNS
from tests.support.cli import run_cli

from .conftest import CONTEXTS, EFFECTS, FACTORS, REGIMENS, THERAPIES

TEXT = ("Drug therapy of leiomyosarcoma\n\nDoxorubicin plus ifosfamide gave a response rate "
        "of 26% (95% CI, 20 to 33) in metastatic leiomyosarcoma. Fooximab is not "
        "recommended.\n")


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    vocab = tmp_path / "data" / "vocabulary"
    vocab.mkdir(parents=True)
    for stem, recs in (("therapies", THERAPIES), ("regimens", REGIMENS),
                       ("contexts", CONTEXTS), ("effects", EFFECTS), ("factors", FACTORS),
                       ("tools", [])):
        (vocab / f"{stem}.yaml").write_text(yaml.safe_dump(recs), encoding="utf-8")
    (tmp_path / "data" / "references.yaml").write_text("[]\n", encoding="utf-8")
    return tmp_path / "data"


def _doc(tmp_path: Path, content: bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_draft_and_vocabulary_draft_written(tmp_path, data):
    doc = _doc(tmp_path, TEXT.encode())
    out = tmp_path / "s900.yaml"
    r = run_cli("extract", str(doc), "--source-id", "s900", "-o", str(out), "--data", str(data))
    assert r.code == 0, r.err
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert draft["id"] == "s900" and draft["file"] == "doc.txt"
    for c in draft["claims"]:
        assert TEXT[c["start"]:c["end"]] == c["quote"]
        assert c["draft"]["status"] == "unreviewed"
    outcome = next(c for c in draft["claims"] if c.get("value") == 26)
    assert outcome["regimen"] == "doxorubicin-ifosfamide" and outcome["unit"] == "%"
    assert outcome["draft"]["stats"]["ci_low"] == 20 and outcome["draft"]["stats"]["ci_high"] == 33
    proposals = yaml.safe_load((tmp_path / "s900.vocabulary-draft.yaml").read_text("utf-8"))
    assert any(p["surface"] == "Fooximab" for p in proposals["proposals"])
    assert "Fooximab" not in out.read_text(encoding="utf-8").split("claims:")[1].split(
        "quote")[0]


def test_csv_has_the_evidence_columns(tmp_path, data):
    assert COLUMNS == EVIDENCE_COLUMNS
    doc = _doc(tmp_path, TEXT.encode())
    r = run_cli("extract", str(doc), "--source-id", "s900", "--format", "csv", "--data",
                str(data))
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert tuple(rows[0].keys()) == EVIDENCE_COLUMNS
    row = next(x for x in rows if x["value"] == "26")
    assert row["regimen"] == "doxorubicin-ifosfamide" and row["unit"] == "%"
    assert TEXT[int(row["start"]):int(row["end"])] == row["quote"]


@pytest.mark.parametrize("content, says", [
    (b"", "empty"),
    (b"  \n\t\n", "no text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("Doxorubicin à 75 mg/m2".encode("latin-1"), "not valid UTF-8"),
])
def test_bad_input_exit_2_nothing_written(tmp_path, data, content, says):
    doc = _doc(tmp_path, content, "bad.txt")
    out = tmp_path / "out.yaml"
    r = run_cli("extract", str(doc), "--source-id", "s900", "-o", str(out), "--data", str(data))
    assert r.code == 2
    assert says in r.err and "bad.txt" in r.err
    assert not out.exists() and not (tmp_path / "out.vocabulary-draft.yaml").exists()


def test_huge_input_refused(tmp_path, data, monkeypatch):
    monkeypatch.setattr(document, "MAX_BYTES", 1000)
    doc = _doc(tmp_path, b"Doxorubicin is an option. " * 100, "huge.txt")
    out = tmp_path / "out.yaml"
    r = run_cli("extract", str(doc), "--source-id", "s900", "-o", str(out), "--data", str(data))
    assert r.code == 2 and "huge.txt" in r.err and "more than" in r.err
    assert not out.exists()


def test_missing_file_and_bad_id(tmp_path, data):
    r = run_cli("extract", str(tmp_path / "nope.txt"), "--source-id", "s900", "--data",
                str(data))
    assert r.code == 2 and "nope.txt" in r.err
    doc = _doc(tmp_path, TEXT.encode())
    r = run_cli("extract", str(doc), "--source-id", "../x", "--data", str(data))
    assert r.code == 2 and "--source-id" in r.err


def test_missing_vocabulary(tmp_path):
    doc = _doc(tmp_path, TEXT.encode())
    r = run_cli("extract", str(doc), "--source-id", "s900", "--data", str(tmp_path / "none"))
    assert r.code == 2 and "vocabulary" in r.err
