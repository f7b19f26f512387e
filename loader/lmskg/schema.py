"""The shape of the curated files: every field, its type and what it means.

This module checks structure only (known fields, required fields, types,
allowed values); whether a term exists, a quote sits at its offsets or a range
is ordered is checked in :mod:`lmskg.validate`. It also defines the canonical
key order that :func:`canonical` and ``lmskg fmt`` write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .errors import Problem


@dataclass(frozen=True)
class Field:
    """One field of a record."""

    name: str
    kind: str  # str | int | number | bool | list | record | list-of-records
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    record: "Schema | None" = None  # for record / list-of-records
    items: str = "str"  # for list


@dataclass(frozen=True)
class Schema:
    name: str
    fields: tuple[Field, ...]
    description: str = ""
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})


def _anchor_fields(value_doc: str, value_required: bool = False,
                   choices: tuple[str, ...] = ()) -> tuple[Field, ...]:
    return (
        Field("value", "str", value_doc, value_required, choices),
        Field("quote", "str", "The exact text of the corpus file that states it.", True),
        Field("start", "int", "Code-point offset where the quote starts.", True),
        Field("end", "int", "Code-point offset where the quote ends (exclusive).", True),
    )


def anchored(name: str, value_doc: str, value_required: bool = False,
             choices: tuple[str, ...] = ()) -> Schema:
    return Schema(name, _anchor_fields(value_doc, value_required, choices))


DATE_KINDS = ("published", "medically-reviewed", "last-updated")
CLAIM_TYPES = (
    "treatment-option", "regulatory-approval", "investigational", "recommendation",
    "recommendation-against",
    "outcome", "dose", "side-effect", "prognostic-tool", "trial-referral",
    "prognostic-factor", "treatment-selection", "therapy-description",
)
DIRECTIONS = ("for", "against", "neutral")
MAPPINGS = ("stated", "inferred", "unresolved")
CONTEXT_FIELDS = ("disease", "extent", "line", "timing", "intent", "biomarker", "site", "risk")

QUANTITY = Schema("quantity", (
    Field("value", "number", "The number (or give low and high)."),
    Field("low", "number", "Low end of a range."),
    Field("high", "number", "High end of a range."),
    Field("unit", "str", "UCUM code of the unit ('a' year, 'mo' month, 'wk' week, 'mg/m2').",
          True),
))

SOURCE_DATE = Schema("date", (
    Field("kind", "str", "Which date this is.", True, DATE_KINDS),
    *_anchor_fields("The date, as YYYY, YYYY-MM or YYYY-MM-DD (the precision the text gives).",
                    True),
))

CITATION = Schema("citation", (
    Field("marker", "str", "The marker exactly as the source writes it ('1', 'Demetri 2015').",
          True),
    Field("reference", "str", "Id of the reference in data/references.yaml; omit if unresolved."),
    Field("mapping", "str", "How certain the marker-to-reference link is.", True, MAPPINGS),
    Field("cited_as", "record", "Where the source describes the cited work (its list entry).",
          record=anchored("cited_as", "Unused; the quote is what the source says.")),
    Field("note", "str", "Why the mapping is what it is."),
))

UNCLAIMED = Schema("unclaimed", (
    Field("quote", "str", "Exact text of a passage that holds no claim.", True),
    Field("start", "int", "Code-point offset where it starts.", True),
    Field("end", "int", "Code-point offset where it ends (exclusive).", True),
    Field("reason", "str", "Why no claim is anchored there (heading, navigation, disclaimer...).",
          True),
))

CLAIM = Schema("claim", (
    Field("id", "str", "Stable id, '<source id>-c<nn>' (a letter suffix for split claims).", True),
    Field("type", "str", "Kind of claim.", True, CLAIM_TYPES),
    Field("quote", "str", "The exact words the claim rests on.", True),
    Field("start", "int", "Code-point offset where the quote starts.", True),
    Field("end", "int", "Code-point offset where the quote ends (exclusive).", True),
    Field("direction", "str", "For, against or neither.", True, DIRECTIONS),
    Field("date", "record", "The date the text gives for this statement alone.",
          record=anchored("date", "YYYY, YYYY-MM or YYYY-MM-DD.", True)),
    Field("cites", "list", "Citation markers (as in the source's citations) the claim carries."),
    Field("therapies", "list", "Therapies, drugs, classes or procedures named (not as a regimen)."),
    Field("unnamed_therapy", "str",
          "Set when the claim is about a therapy the text does not name: says what the text "
          "does say of it."),
    Field("regimen", "str", "Regimen id from data/vocabulary/regimens.yaml."),
    Field("disease", "list", "Disease context (data/vocabulary/contexts.yaml, kind disease)."),
    Field("extent", "list", "Extent or stage context."),
    Field("line", "list", "Line of therapy (ontology: first-line, second-line, later-line)."),
    Field("timing", "list", "Timing (adjuvant, neoadjuvant, postoperative)."),
    Field("intent", "list", "Intent (curative, palliative)."),
    Field("biomarker", "list", "Biomarker context."),
    Field("site", "list", "Anatomical site context."),
    Field("risk", "list", "Risk group context (poor prognosis, aggressive disease)."),
    Field("measure", "str", "Outcome measure (ontology notation, e.g. response-rate)."),
    Field("value", "number", "The figure, normalised to a number ('thirty' is 30)."),
    Field("low", "number", "Low end of a range."),
    Field("high", "number", "High end of a range."),
    Field("unit", "str", "UCUM code of the figure's unit ('%', 'mo', 'mg/m2', 'g/m2')."),
    Field("qualifiers", "list", "approximate, upper-bound, lower-bound, range, median."),
    Field("time_point", "record", "When the outcome is measured or predicted.", record=QUANTITY),
    Field("side_effects", "list", "Adverse effects (data/vocabulary/effects.yaml)."),
    Field("tool", "str", "Prognostic tool (data/vocabulary/tools.yaml)."),
    Field("factors", "list", "Prognostic or treatment-selection factors (factors.yaml)."),
    Field("note", "str", "Curator's note: how the quote was read, and what was left unsaid."),
))

SOURCE = Schema("source", (
    Field("id", "str", "Stable id of the source ('s000'); the file name is <id>.yaml.", True),
    Field("file", "str", "File name in the corpus directory.", True),
    Field("sha256", "str", "SHA-256 of the corpus file (checked at build).", True),
    Field("type", "str", "Document type (ontology notation).", True),
    Field("title", "record", "The title as the text gives it (omit if the text has none; "
          "say so in the note).",
          record=anchored("title", "The title, if it differs from the quote.")),
    Field("dates", "list-of-records", "Dates of the whole source, each with its kind.",
          record=SOURCE_DATE),
    Field("publisher", "record", "The publisher or site, where the text names it.",
          record=anchored("publisher", "The publisher's name.", True)),
    Field("reviewer", "record", "The reviewer the text names.",
          record=anchored("reviewer", "The reviewer's name as written.", True)),
    Field("review_status", "record", "The review status the text states.",
          record=anchored("review_status", "Review status.", True,
                          ("pending-human-review", "medically-reviewed"))),
    Field("flags", "list-of-records", "Flags the text states about itself; 'truncated' where "
          "it breaks off (anchor its last words).",
          record=anchored("flag", "Flag (ontology notation).", True)),
    Field("note", "str", "Curator's note on the source."),
    Field("citations", "list-of-records", "Every citation marker the source uses.",
          record=CITATION),
    Field("unclaimed", "list-of-records",
          "Passages with no claim, each with the reason, for the coverage report.",
          record=UNCLAIMED),
    Field("claims", "list-of-records", "The claims, in the order of the text.", True,
          record=CLAIM),
))

MAPPING = Schema("mapping", (
    Field("scheme", "str", "Scheme column of ../shared/vocab/crosswalk.csv.", True),
    Field("id", "str", "Id column of the crosswalk, exactly.", True),
    Field("match", "str", "SKOS match: exact, close or related.", True,
          ("exact", "close", "related")),
    Field("note", "str", "Why the match is close or related rather than exact."),
))

TERM = Schema("term", (
    Field("id", "str", "Stable key; the IRI is <kind namespace>/<id>.", True),
    Field("kind", "str", "What the term is (a class notation of the ontology).", True),
    Field("label", "str", "Preferred label, lower case unless a proper name.", True),
    Field("alt_labels", "list", "Synonyms (SKOS alternative labels)."),
    Field("definition", "str", "What the term means here."),
    Field("in_class", "list", "Drug classes a drug belongs to."),
    Field("broader", "list", "Broader terms of the same file (SKOS broader)."),
    Field("part_of", "str", "For a prediction model: the tool it belongs to."),
    Field("mappings", "list-of-records", "Identifiers from the crosswalk.", record=MAPPING),
    Field("note", "str", "Curator's note."),
))

REGIMEN = Schema("regimen", (
    Field("id", "str", "Stable key; the IRI is id/regimen/<id>.", True),
    Field("kind", "str", "single-agent, combination or family.", True,
          ("single-agent", "combination", "family")),
    Field("label", "str", "Preferred label.", True),
    Field("alt_labels", "list", "Other names."),
    Field("components", "list", "Therapy ids of the components.", True),
    Field("dose", "record", "Dose of a single-agent regimen.", record=QUANTITY),
    Field("interval", "record", "Interval between doses or cycles.", record=QUANTITY),
    Field("schedule", "str", "Schedule in words, as stated."),
    Field("broader", "list", "Regimens this one is a variant of."),
    Field("note", "str", "Curator's note."),
))

IDENTIFIERS = Schema("identifiers", (
    Field("pmid", "str", "PubMed id from ../shared/vocab/references.csv."),
    Field("doi", "str", "DOI from ../shared/vocab/references.csv."),
    Field("match", "str", "stated: the source's full citation matches the record; inferred: "
          "matched by title, or author and year.", True, ("stated", "inferred")),
    Field("basis", "str", "What the match rests on.", True),
))

REFERENCE = Schema("reference", (
    Field("id", "str", "Stable key (references.csv key where there is one).", True),
    Field("type", "str", "Document type (ontology notation) as the citing source shows it.",
          True),
    Field("title", "str", "Title as the citing source gives it."),
    Field("description", "str", "How the work is described when it has no title."),
    Field("authors", "str", "Authors as the citing source lists them."),
    Field("journal", "str", "Journal as the citing source names it."),
    Field("date", "str", "Publication date as stated (YYYY or YYYY-MM or YYYY-MM-DD)."),
    Field("volume", "str", "Volume."),
    Field("issue", "str", "Issue."),
    Field("pages", "str", "Pages."),
    Field("url", "str", "Address as written by the source."),
    Field("retrieved", "str", "Retrieval date the citing source gives (YYYY-MM-DD)."),
    Field("identifiers", "record", "PMID and DOI, with how they were matched.",
          record=IDENTIFIERS),
    Field("note", "str", "Curator's note."),
))


def check(schema: Schema, value: Any, file: str, record: str, path: str = "") -> list[Problem]:
    """Structural problems of one record (recursing into sub-records)."""
    where = path or schema.name
    if not isinstance(value, dict):
        return [Problem(file, record, where, f"expected a mapping, found {_kind(value)}")]
    problems: list[Problem] = []
    for key in value:
        if key not in schema.by_name:
            known = ", ".join(schema.by_name)
            problems.append(Problem(file, record, _join(path, str(key)), "unknown field",
                                    f"known fields: {known}"))
    for spec in schema.fields:
        name = _join(path, spec.name)
        if spec.name not in value or value[spec.name] is None:
            if spec.required:
                problems.append(Problem(file, record, name, "required field is missing"))
            continue
        problems.extend(_check_field(spec, value[spec.name], file, record, name))
    return problems


def _check_field(spec: Field, value: Any, file: str, record: str, name: str) -> list[Problem]:
    if spec.kind == "record":
        assert spec.record is not None
        return check(spec.record, value, file, record, name)
    if spec.kind == "list-of-records":
        assert spec.record is not None
        if not isinstance(value, list):
            return [Problem(file, record, name, f"expected a list, found {_kind(value)}")]
        out: list[Problem] = []
        for i, item in enumerate(value):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out.extend(check(spec.record, item, file, item["id"], ""))  # a record of its own
            else:
                out.extend(check(spec.record, item, file, record, f"{name}[{i}]"))
        return out
    if spec.kind == "list":
        if not isinstance(value, list):
            return [Problem(file, record, name, f"expected a list, found {_kind(value)}")]
        bad = [v for v in value if not isinstance(v, str)]
        if bad:
            return [Problem(file, record, name, f"list items must be text, found {bad[0]!r}")]
        if len(set(value)) != len(value):
            return [Problem(file, record, name, "list has a repeated item")]
        return []
    ok = {
        "str": isinstance(value, str) and value != "",
        "int": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
    }[spec.kind]
    if not ok:
        expected = {"str": "non-empty text", "int": "an integer", "number": "a number",
                    "bool": "true or false"}[spec.kind]
        return [Problem(file, record, name, f"expected {expected}, found {value!r}")]
    if spec.choices and value not in spec.choices:
        return [Problem(file, record, name, f"unknown value {value!r}",
                        f"allowed: {', '.join(spec.choices)}")]
    return []


def canonical(schema: Schema, value: Any) -> Any:
    """The record with keys in schema order and empty values dropped."""
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for spec in schema.fields:
        v = value.get(spec.name)
        if v is None or v == [] or v == {}:
            continue
        if spec.kind == "record" and spec.record is not None:
            v = canonical(spec.record, v)
        elif spec.kind == "list-of-records" and spec.record is not None:
            v = [canonical(spec.record, item) for item in v]
        out[spec.name] = v
    for key in value:  # unknown keys are kept (and reported by check)
        if key not in out and key not in schema.by_name:
            out[key] = value[key]
    return out


@dataclass(frozen=True)
class Anchor:
    """A quoted passage of a source record, with where it sits in the record."""

    record: str  # the source id, or the claim id for a claim and its date
    field: str  # field path within that record
    kind: str  # metadata | citation | unclaimed | claim | claim-date
    data: dict


def anchors_of(rec: dict) -> Iterator[Anchor]:
    """Every anchored passage of a source record, in one place (build, anchor, coverage).

    Tolerates malformed records (the curator tool runs before validation): anything that
    is not a mapping with a quote is skipped.
    """
    sid = str(rec.get("id", ""))

    def ok(a: Any) -> bool:
        return isinstance(a, dict) and isinstance(a.get("quote"), str)

    for name in ("title", "publisher", "reviewer", "review_status"):
        if ok(rec.get(name)):
            yield Anchor(sid, name, "metadata", rec[name])
    for name in ("dates", "flags"):
        for i, item in enumerate(rec.get(name) or []):
            if ok(item):
                yield Anchor(sid, f"{name}[{i}]", "metadata", item)
    for i, c in enumerate(rec.get("citations") or []):
        if isinstance(c, dict) and ok(c.get("cited_as")):
            yield Anchor(sid, f"citations[{i}].cited_as", "citation", c["cited_as"])
    for i, item in enumerate(rec.get("unclaimed") or []):
        if ok(item):
            yield Anchor(sid, f"unclaimed[{i}]", "unclaimed", item)
    for c in rec.get("claims") or []:
        if ok(c):
            cid = str(c.get("id"))
            yield Anchor(cid, "quote", "claim", c)
            if ok(c.get("date")):
                yield Anchor(cid, "date", "claim-date", c["date"])


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text"}.get(type(value), repr(value))
