"""The four practice texts, curated completely in examples/practice/data: they build, pass
``lmskg check`` and the coverage report, and every figure of their manifest
(../shared/practice/manifest.yaml, the oracle) is held by a record of the right kind and
value, anchored where the figure is written. The practice texts are not evidence sources:
they never enter the main graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass, replace
from decimal import Decimal
from typing import Any

import pytest
import yaml

from lmskg.checks.coverage import coverage
from lmskg.checks.run import run_checks, split_dataset
from lmskg.curated.records import Reference, Source
from lmskg.curated.structure import Context
from lmskg.curate.fmt import format_files
from lmskg.curate.schema_files import stale_schemas
from tests.data.practice_expectations import EXPECT
from tests.support.cli import PRACTICE

FILES = {"practice-01": "p001", "practice-02": "p002", "practice-03": "p003",
         "practice-04": "p004"}


def _manifest() -> dict:
    return yaml.safe_load((PRACTICE / "manifest.yaml").read_text(encoding="utf-8"))


# -- what the curated records hold ------------------------------------------------------------

@dataclass(frozen=True)
class Holding:
    """A record that states something, flattened to its fields, with its anchor's span."""

    kind: str  # claim, study.phase, arm.size, administration.dose, marker, ...
    fields: dict
    start: int
    end: int
    where: str


def plain(record: Any) -> Any:
    """A record as plain data: fields by name, a context as one list per kind, tuples as
    lists (so an expectation compares with what a curator wrote)."""
    if isinstance(record, Context):
        return {k: list(v) for k, v in record}
    if is_dataclass(record):
        out: dict = {}
        for f in fields(record):
            value = plain(getattr(record, f.name))
            if isinstance(getattr(record, f.name), Context):
                out.update(value)
            else:
                out[f.name] = value
        return out
    if isinstance(record, tuple):
        return [plain(x) for x in record]
    return record


def holdings(rec: Source, refs: dict[str, Reference]) -> list[Holding]:
    out: list[Holding] = []

    def add(kind: str, flds: dict, anchored: Any, where: str) -> None:
        out.append(Holding(kind, flds, anchored.start, anchored.end, where))

    for d in rec.dates:
        add("source.date", plain(d), d, "dates")
    for c in rec.citations:
        if c.cited_as is not None:
            add("marker", {"value": c.marker}, c.cited_as, f"citation {c.marker}")
            if c.reference in refs:
                add("reference", plain(refs[c.reference]), c.cited_as, c.reference)
    for st in rec.studies:
        base = {"study": st.id}
        for name in ("phase", "blinding", "enrolled", "randomised", "allocation_ratio",
                     "crossover", "follow_up", "recruitment"):
            value = getattr(st, name)
            if value is not None:
                add(f"study.{name}", base | plain(value), value, f"{st.id}.{name}")
        for name in ("names", "registry_ids", "design", "control", "population",
                     "characteristics", "endpoints"):
            for x in getattr(st, name):
                add(f"study.{name}", base | plain(x), x, f"{st.id}.{name}")
        for x in st.cites:
            add("marker", base | plain(x), x, f"{st.id}.cites")
        for arm in st.arms:
            ab = base | {"arm": arm.key}
            for name in ("role", "size"):
                value = getattr(arm, name)
                if value is not None:
                    add(f"arm.{name}", ab | plain(value), value, f"{st.id}.{arm.key}.{name}")
            for a in arm.administrations:
                adb = ab | {"agent": a.agent}
                for d in a.doses:
                    add("administration.dose", adb | plain(d), d, f"{arm.key}.{a.key}.dose")
                for name in ("route", "method", "days", "duration", "dose_interval",
                             "cycle_length", "max_cycles", "maintenance", "supportive"):
                    value = getattr(a, name)
                    if value is not None:
                        add(f"administration.{name}", adb | plain(value), value,
                            f"{arm.key}.{a.key}.{name}")
        for g in st.subgroups:
            if g.size is not None:
                add("subgroup.size", base | {"subgroup": g.key} | plain(g.size), g.size,
                    f"{st.id}.{g.key}.size")
    for c in rec.claims:
        add("claim", plain(c), c, c.id)
        for marker in c.cites:
            add("marker", {"value": marker, "claim": c.id}, c, c.id)
    return out


def matches(spec: Any, value: Any) -> bool:
    """Whether ``value`` has everything ``spec`` asks: every key of a mapping, every item of a
    list (among the value's items), numbers by value."""
    if isinstance(spec, dict):
        return isinstance(value, dict) and all(matches(v, value.get(k)) for k, v in spec.items())
    if isinstance(spec, list):
        return isinstance(value, list) and all(any(matches(s, v) for v in value) for s in spec)
    if isinstance(spec, (int, float)) and not isinstance(spec, bool):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and \
            Decimal(str(spec)) == Decimal(str(value))
    return spec == value


def unheld(doc: dict, rec: Source, refs: dict[str, Reference], text: str) -> list[str]:
    """Every fact of one manifest document that no record holds, in words."""
    found = holdings(rec, refs)
    missing = []
    for fact in doc["facts"]:
        span = fact["span"]
        for at in [m.start() for m in re.finditer(re.escape(span), text)]:
            for kind, spec in EXPECT[doc["id"]][span]:
                if not any(h.kind == kind and h.start < at + len(span) and at < h.end
                           and matches(spec, h.fields) for h in found):
                    missing.append(f"{span!r} at {at} ({fact['meaning']}): no {kind} holds "
                                   f"{spec}")
    return missing


# -- the tests ---------------------------------------------------------------------------------

def test_the_practice_graph_builds_and_passes_check(practice_built, practice_config):
    built = practice_built
    assert built.reasoned and built.summary.sources == 4 and built.summary.claims == 80
    assert sum(len(s.record.studies) for s in built.inputs.curated.sources) == 5
    data, onto = split_dataset(built.dataset)
    report = run_checks(data, onto, practice_config.ontology_dir / "shapes.ttl",
                        practice_config.queries_dir / "qc", consistent_at_build=True)
    assert report.ok, report.findings
    docs = coverage(built.inputs.curated)
    assert [r.sentence.text for d in docs for r in d.unexplained] == []


def test_every_manifest_fact_has_one_expectation():
    manifest = _manifest()
    assert {d["id"] for d in manifest["documents"]} == set(EXPECT) == set(FILES)
    for doc in manifest["documents"]:
        spans = [f["span"] for f in doc["facts"]]
        assert len(spans) == doc["fact_count"]
        assert set(EXPECT[doc["id"]]) == set(spans), doc["id"]
        text = (PRACTICE / doc["file"]).read_text(encoding="utf-8")
        for fact in doc["facts"]:
            assert text.count(fact["span"]) == fact["occurrences"], fact["span"]


@pytest.mark.parametrize("doc_id", sorted(FILES))
def test_every_manifest_figure_is_held(doc_id, practice_built):
    doc = next(d for d in _manifest()["documents"] if d["id"] == doc_id)
    curated = practice_built.inputs.curated
    src = next(s for s in curated.sources if s.record.id == FILES[doc_id])
    assert src.record.sha256 == doc["sha256"] and src.record.file == doc["file"]
    missing = unheld(doc, src.record, curated.vocab.references, src.document.text)
    assert not missing, "\n".join(missing)


def test_a_figure_read_wrongly_is_not_held(practice_built):
    """The oracle would notice a wrong figure: p001's trabectedin arm with 346 patients, or
    its hazard ratio with another confidence interval."""
    doc = next(d for d in _manifest()["documents"] if d["id"] == "practice-01")
    curated = practice_built.inputs.curated
    src = next(s for s in curated.sources if s.record.id == "p001")
    study = src.record.studies[0]
    arm = replace(study.arms[0], size=replace(study.arms[0].size, value=346))
    claims = tuple(replace(c, ci_low=0.45) if c.id == "p001-c05" else c
                   for c in src.record.claims)
    wrong = replace(src.record, studies=(replace(study, arms=(arm, *study.arms[1:])),),
                    claims=claims)
    missing = unheld(doc, wrong, curated.vocab.references, src.document.text)
    assert any(m.startswith("'n=345'") for m in missing), missing
    assert any(m.startswith("'95% CI 0.44–0.70'") for m in missing), missing
    assert len(missing) == 2, missing


def test_the_practice_files_are_canonical(practice_config):
    data = practice_config.data_dir
    assert format_files(data, write=False) == [], \
        f"run: lmskg fmt --data {data}"
    assert stale_schemas(data) == [], f"run: lmskg schema --write --data {data}"


def test_the_practice_texts_never_enter_the_main_graph(curated):
    practice = {p.name for p in PRACTICE.glob("*.txt")}
    assert practice and not practice & {s.record.file for s in curated.sources}
    assert not any(s.record.id.startswith("p") for s in curated.sources)


def test_the_practice_notes_say_they_are_not_evidence(practice_built):
    for src in practice_built.inputs.curated.sources:
        assert src.record.note.startswith("PRACTICE TEXT, not an evidence source")


def test_the_evidence_table_names_a_comparisons_effect_measure(practice_built):
    from lmskg.exports.evidence_csv import claim_rows

    rows = {r["claim_id"]: r for r in claim_rows(practice_built.dataset)}
    hr = rows["p001-c05"]
    assert (hr["claim_type"], hr["measure"], hr["value"], hr["unit"]) == \
        ("comparative-result", "hazard ratio of progression-free survival", "0.55", "1")
    arm = rows["p001-c03"]
    assert (arm["claim_type"], arm["regimen"], arm["value"]) == ("arm-result", "trabectedin",
                                                                 "4.2")
    assert (rows["p004-c01"]["source_date"], rows["p004-c01"]["source_date_kind"]) == \
        ("2019-05", "literature cut-off")
