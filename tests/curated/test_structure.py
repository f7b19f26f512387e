"""Typed records from YAML: every structural problem named, canonical order, JSON Schema."""

from __future__ import annotations

from lmskg.curated.records import Claim, Quantity, Source
from lmskg.curated.structure import Context, canonical, json_schema, parse

CLAIM = {"id": "t001-c01", "type": "outcome", "quote": "about 50%", "start": 3, "end": 12,
         "direction": "neutral", "measure": "response-rate", "value": 50, "unit": "%",
         "disease": ["leiomyosarcoma"], "line": ["first-line"]}


def test_a_claim_becomes_a_typed_record():
    claim, problems = parse(Claim, CLAIM, "f.yaml", "t001-c01")
    assert problems == []
    assert claim.measure == "response-rate" and claim.value == 50
    assert claim.context == Context((("disease", ("leiomyosarcoma",)),
                                     ("line", ("first-line",))))
    assert claim.figure == Quantity(value=50, unit="%")
    assert claim.therapies == () and claim.note is None


def test_every_structural_problem_is_named():
    bad = {**CLAIM, "valeu": 3, "start": "x", "direction": "sideways", "disease": ["a", "a"]}
    del bad["quote"]
    claim, problems = parse(Claim, bad, "f.yaml", "t001-c01")
    assert claim is None
    said = {(p.field, p.message) for p in problems}
    assert ("valeu", "unknown field") in said
    assert ("quote", "required field is missing") in said
    assert ("start", "expected an integer, found 'x'") in said
    assert ("direction", "unknown value 'sideways'") in said
    assert ("disease", "list has a repeated item") in said
    assert all(p.file == "f.yaml" and p.record == "t001-c01" for p in problems)


def test_a_malformed_claim_is_left_out_and_its_source_kept():
    source = {"id": "t001", "file": "t.txt", "sha256": "0" * 64, "type": "web-page",
              "claims": [CLAIM, {**CLAIM, "id": "t001-c02", "type": "guess"}]}
    record, problems = parse(Source, source, "t001.yaml", "t001")
    assert [c.id for c in record.claims] == ["t001-c01"]
    assert [(p.record, p.field) for p in problems] == [("t001-c02", "type")]


def test_a_problem_of_a_sub_record_without_id_names_its_path():
    source = {"id": "t001", "file": "t.txt", "sha256": "0", "type": "web-page", "claims": [],
              "dates": [{"kind": "written", "value": "2020", "quote": "2020", "start": 0,
                         "end": 4}]}
    record, problems = parse(Source, source, "t001.yaml", "t001")
    assert record is None
    assert [(p.record, p.field) for p in problems] == [("t001", "dates[0].kind")]


def test_canonical_puts_keys_in_schema_order_and_drops_empty_values():
    messy = {"unit": "%", "value": 50, "id": "t001-c01", "therapies": [], "disease": ["x"],
             "type": "outcome", "extra": 1}
    assert list(canonical(Claim, messy)) == ["id", "type", "disease", "value", "unit", "extra"]


def test_the_json_schema_follows_the_records():
    schema = json_schema(Source, "source")
    claim = schema["$defs"]["Claim"]
    assert claim["required"] == ["id", "type", "quote", "start", "end", "direction"]
    assert claim["additionalProperties"] is False
    assert claim["properties"]["direction"]["enum"] == ["for", "against", "neutral"]
    assert claim["properties"]["line"]["type"] == "array"
    assert schema["$defs"]["Source"]["properties"]["claims"]["items"] == {"$ref": "#/$defs/Claim"}
