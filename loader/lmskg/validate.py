"""Checks that need more than a record's shape: links, anchors, figures, dates.

Every check appends a :class:`Problem` naming file, record and field; nothing
here raises, so that one run reports every problem at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from rdflib import Literal
from rdflib.namespace import XSD

from . import terms as T
from .corpus import Document, anchor_problem
from .crosswalk import SharedVocab
from .errors import Problem
from .numbers import appears_in
from .schema import CONTEXT_FIELDS, anchors_of
from .vocabulary import OntologyIndex, Vocabulary

DOSE_UNITS = ("mg/m2", "g/m2", "mg", "Gy")
TIME_UNITS = ("a", "mo", "wk", "d")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(text: str) -> Literal:
    """A date at the precision given: xsd:gYear, xsd:gYearMonth or xsd:date.

    Raises ValueError with a readable message for a malformed or impossible date.
    """
    m = _DATE.match(text)
    if not m:
        raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month and not 1 <= int(month) <= 12:
        raise ValueError(f"{text!r} has no month {month}")
    if day:
        try:
            date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a calendar date ({exc})") from exc
        return Literal(text, datatype=XSD.date)
    if month:
        return Literal(text, datatype=XSD.gYearMonth)
    return Literal(text, datatype=XSD.gYear)


@dataclass(frozen=True)
class SourceFile:
    """A curated source file, its parsed record and its corpus document."""

    display: str
    record: dict[str, Any]
    document: Document | None


class Checker:
    """Collects problems while walking the curated data."""

    def __init__(self, ontology: OntologyIndex, vocab: Vocabulary, shared: SharedVocab):
        self.ontology = ontology
        self.vocab = vocab
        self.shared = shared
        self.problems: list[Problem] = []
        self.measure_units = {
            notation: sorted(str(u) for u in ontology.graph.objects(iri, T.allowedUnit))
            for notation, iri in ontology.categories["measure"].items()}

    def add(self, file: str, record: str, field: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(file, record, field, message, hint))

    # -- vocabulary -------------------------------------------------------------------------

    def check_vocabulary(self) -> None:
        therapies = self.vocab.terms.get("therapies", {})
        for stem, table in self.vocab.terms.items():
            for tid, term in table.items():
                file = self.vocab.origin[(stem, tid)]
                for b in term.get("broader", []):
                    if b not in table:
                        self.add(file, tid, "broader", f"unknown term {b!r} in {stem}.yaml")
                for c in term.get("in_class", []):
                    if therapies.get(c, {}).get("kind") != "drug-class":
                        self.add(file, tid, "in_class", f"{c!r} is not a drug-class therapy")
                part = term.get("part_of")
                if part and part not in self.vocab.terms.get("tools", {}):
                    self.add(file, tid, "part_of", f"unknown tool {part!r}")
                for i, m in enumerate(term.get("mappings", [])):
                    row = self.shared.crosswalk.get((m["scheme"], m["id"]))
                    if row is None:
                        self.add(file, tid, f"mappings[{i}]",
                                 f"{m['scheme']} {m['id']} is not in ../shared/vocab/crosswalk.csv",
                                 "only verified identifiers may be used")
        for rid, reg in self.vocab.regimens.items():
            file = self.vocab.origin[("regimens", rid)]
            for c in reg["components"]:
                if c not in therapies:
                    self.add(file, rid, "components", f"unknown therapy {c!r}")
            n = len(reg["components"])
            if reg["kind"] == "combination" and n < 2:
                self.add(file, rid, "components", f"a combination needs two or more components, "
                         f"found {n}")
            if reg["kind"] in ("single-agent", "family") and n != 1:
                self.add(file, rid, "components", f"a {reg['kind']} regimen has one component, "
                         f"found {n}")
            for b in reg.get("broader", []):
                if b not in self.vocab.regimens:
                    self.add(file, rid, "broader", f"unknown regimen {b!r}")
            for name, units in (("dose", DOSE_UNITS), ("interval", TIME_UNITS)):
                if name in reg:
                    self._check_quantity(file, rid, name, reg[name], units)
        for rid, ref in self.vocab.references.items():
            self._check_reference(rid, ref)

    def _check_reference(self, rid: str, ref: dict[str, Any]) -> None:
        file = self.vocab.origin[("references", rid)]
        if self.ontology.lookup("document-type", ref["type"]) is None:
            self.add(file, rid, "type", f"unknown document type {ref['type']!r}",
                     f"allowed: {self.ontology.allowed('document-type')}")
        if not ref.get("title") and not ref.get("description"):
            self.add(file, rid, "title", "a reference needs a title or a description")
        for name in ("date", "retrieved"):
            if name in ref:
                self._check_date(file, rid, name, str(ref[name]))
        ids = ref.get("identifiers")
        if ids:
            row = self.shared.references.get(rid)
            if row is None:
                self.add(file, rid, "identifiers", "no row with this key in "
                         "../shared/vocab/references.csv", "identifiers must be verified there")
                return
            for name in ("pmid", "doi"):
                if name in ids and ids[name] != row[name]:
                    self.add(file, rid, f"identifiers.{name}", f"{ids[name]!r} differs from "
                             f"references.csv ({row[name]!r})")

    def _check_date(self, file: str, record: str, field: str, text: str) -> None:
        try:
            parse_date(text)
        except ValueError as exc:
            self.add(file, record, field, f"impossible date: {exc}")

    # -- sources ----------------------------------------------------------------------------

    def check_source(self, src: SourceFile, seen_claims: dict[str, str]) -> None:
        rec, file, doc = src.record, src.display, src.document
        sid = rec["id"]
        stem = file.rsplit("/", 1)[-1].removesuffix(".yaml")
        if stem != sid:
            self.add(file, sid, "id", f"id {sid!r} does not match the file name {stem!r}")
        if self.ontology.lookup("document-type", rec["type"]) is None:
            self.add(file, sid, "type", f"unknown document type {rec['type']!r}",
                     f"allowed: {self.ontology.allowed('document-type')}")
        if doc is not None and doc.sha256 != rec["sha256"]:
            self.add(file, sid, "sha256", f"checksum mismatch: {doc.file} has SHA-256 "
                     f"{doc.sha256}, the record says {rec['sha256']}",
                     "the corpus file changed or the wrong corpus is used")
            doc = None  # anchors against a different text would only add noise
        for a in anchors_of(rec) if doc is not None else ():
            p = anchor_problem(doc, a.data["quote"], a.data["start"], a.data["end"], file,
                               a.record, a.field)
            if p:
                self.problems.append(p)
        for i, d in enumerate(rec.get("dates", [])):
            self._check_date(file, sid, f"dates[{i}].value", d["value"])
        for i, f in enumerate(rec.get("flags", [])):
            if self.ontology.lookup("flag", f["value"]) is None:
                self.add(file, sid, f"flags[{i}].value", f"unknown flag {f['value']!r}",
                         f"allowed: {self.ontology.allowed('flag')}")
        markers: set[str] = set()
        for i, c in enumerate(rec.get("citations", [])):
            field = f"citations[{i}]"
            if c["marker"] in markers:
                self.add(file, sid, f"{field}.marker", f"duplicate marker {c['marker']!r}")
            markers.add(c["marker"])
            ref = c.get("reference")
            if c["mapping"] == "unresolved" and ref:
                self.add(file, sid, f"{field}.reference", "an unresolved citation names no "
                         "reference", "drop the reference or change the mapping")
            if c["mapping"] != "unresolved" and not ref:
                self.add(file, sid, f"{field}.reference", f"a {c['mapping']} citation must "
                         "name its reference")
            if ref and ref not in self.vocab.references:
                self.add(file, sid, f"{field}.reference", f"unknown reference {ref!r}",
                         "add it to data/references.yaml")
        for claim in rec.get("claims", []):
            cid = claim["id"]
            if cid in seen_claims:
                self.add(file, cid, "id", f"duplicate claim id (also in {seen_claims[cid]})")
            seen_claims[cid] = file
            if not re.fullmatch(rf"{re.escape(sid)}-c\d{{2,}}[a-z]?", cid):
                self.add(file, cid, "id", f"claim ids of this source look like {sid}-c01")
            self._check_claim(file, claim, markers)

    def _check_claim(self, file: str, c: dict[str, Any], markers: set[str]) -> None:
        cid, ctype = c["id"], c["type"]
        expected = {"recommendation": ("for",),
                    "recommendation-against": ("against", "neutral")}.get(ctype)
        if expected and c["direction"] not in expected:
            self.add(file, cid, "direction", f"a {ctype} claim has direction "
                     f"{' or '.join(expected)}", "a caution that is not against the therapy "
                     "is neutral")
        if "date" in c:
            self._check_date(file, cid, "date.value", c["date"]["value"])
        for m in c.get("cites", []):
            if m not in markers:
                self.add(file, cid, "cites", f"marker {m!r} is not among the source's citations",
                         "declare it under citations:")
        therapies = self.vocab.terms.get("therapies", {})
        for t in c.get("therapies", []):
            if t not in therapies:
                self.add(file, cid, "therapies", f"unknown therapy {t!r}",
                         "add it to data/vocabulary/therapies.yaml")
        if "regimen" in c and c["regimen"] not in self.vocab.regimens:
            self.add(file, cid, "regimen", f"unknown regimen {c['regimen']!r}",
                     "add it to data/vocabulary/regimens.yaml")
        for dim in CONTEXT_FIELDS:
            for v in c.get(dim, []):
                if dim in ("line", "timing", "intent"):
                    ok = self.ontology.lookup(dim, v) is not None
                    allowed = self.ontology.allowed(dim)
                else:
                    ok = self.vocab.context_kind(v) == dim
                    allowed = "a term of kind " + dim + " in data/vocabulary/contexts.yaml"
                if not ok:
                    self.add(file, cid, dim, f"unknown {dim} term {v!r}", f"allowed: {allowed}")
        for stem, name in (("effects", "side_effects"), ("factors", "factors")):
            for v in c.get(name, []):
                if v not in self.vocab.terms.get(stem, {}):
                    self.add(file, cid, name, f"unknown term {v!r}",
                             f"add it to data/vocabulary/{stem}.yaml")
        if "tool" in c and c["tool"] not in self.vocab.terms.get("tools", {}):
            self.add(file, cid, "tool", f"unknown tool {c['tool']!r}")
        for q in c.get("qualifiers", []):
            if self.ontology.lookup("qualifier", q) is None:
                self.add(file, cid, "qualifiers", f"unknown qualifier {q!r}",
                         f"allowed: {self.ontology.allowed('qualifier')}")
        self._check_figures(file, c)
        required = {"outcome": "measure", "side-effect": "side_effects", "prognostic-tool": "tool",
                    "dose": "unit"}
        need = required.get(ctype)
        if need and need not in c:
            self.add(file, cid, need, f"a {ctype} claim needs {need}")
        if ctype in ("dose", "treatment-option", "regulatory-approval", "investigational",
                     "recommendation", "recommendation-against", "side-effect") and not (
                c.get("therapies") or c.get("regimen") or c.get("unnamed_therapy")
                or c.get("tool")):
            self.add(file, cid, "therapies", f"a {ctype} claim names a therapy, a regimen or a "
                     "prognostic tool (or says unnamed_therapy)")

    def _check_figures(self, file: str, c: dict[str, Any]) -> None:
        cid = c["id"]
        measure = c.get("measure")
        if measure is not None and self.ontology.lookup("measure", measure) is None:
            self.add(file, cid, "measure", f"unknown measure {measure!r}",
                     f"allowed: {self.ontology.allowed('measure')}")
            return  # its unit cannot be judged against an unknown measure
        has_value, has_range = "value" in c, "low" in c or "high" in c
        if has_value and has_range:
            self.add(file, cid, "value", "give either value or low/high, not both")
        if has_range and not ("low" in c and "high" in c):
            self.add(file, cid, "low" if "low" not in c else "high",
                     "a range needs both low and high")
        if (has_value or has_range) and "unit" not in c:
            self.add(file, cid, "unit", "a figure needs a unit (UCUM code)")
        unit = c.get("unit")
        if unit is not None:
            allowed = (self.measure_units.get(measure, []) if measure
                       else list(DOSE_UNITS) if c["type"] == "dose" else [])
            if not allowed:
                self.add(file, cid, "unit", "a unit without a measure (or a dose claim)")
            elif unit not in allowed:
                self.add(file, cid, "unit", f"unit {unit!r} does not fit {measure or 'a dose'}",
                         f"allowed: {', '.join(allowed)}")
        values = [(k, c[k]) for k in ("value", "low", "high") if k in c]
        for key, v in values:
            if unit == "%" and not 0 <= v <= 100:
                self.add(file, cid, key, f"percentage {v} is outside 0-100")
            elif v < 0:
                self.add(file, cid, key, f"{v} is negative")
            if not appears_in(v, c["quote"]):
                self.add(file, cid, key, f"{v} does not appear in the quote (in digits or words)",
                         "a figure must rest on the quoted words")
        if "low" in c and "high" in c and c["low"] > c["high"]:
            self.add(file, cid, "low", f"low {c['low']} is above high {c['high']}")
        if "qualifiers" in c and unit is None:
            self.add(file, cid, "qualifiers", "qualifiers qualify a figure; this claim has none")
        tp = c.get("time_point")
        if tp is not None:
            self._check_quantity(file, cid, "time_point", tp, TIME_UNITS, c["quote"])

    def _check_quantity(self, file: str, record: str, name: str, q: dict[str, Any],
                        units: tuple[str, ...], quote: str | None = None) -> None:
        """A sub-record quantity: a positive value or an ordered range, in an allowed unit."""
        if q["unit"] not in units:
            self.add(file, record, f"{name}.unit", f"unit {q['unit']!r} is not allowed here",
                     f"allowed: {', '.join(units)}")
        has_range = "low" in q or "high" in q
        if ("value" in q) == has_range or (has_range and not ("low" in q and "high" in q)):
            self.add(file, record, name, "give either value, or both low and high")
            return
        for key in ("value", "low", "high"):
            if key in q:
                if q[key] <= 0:
                    self.add(file, record, f"{name}.{key}", f"{q[key]} must be positive")
                if quote is not None and not appears_in(q[key], quote):
                    self.add(file, record, f"{name}.{key}",
                             f"{q[key]} does not appear in the quote (in digits or words)")
        if has_range and q["low"] > q["high"]:
            self.add(file, record, f"{name}.low", f"low {q['low']} is above high {q['high']}")
