"""Checks that need more than a record's shape: links, anchors, figures, dates.

Every check appends a :class:`~lmskg.errors.Problem` naming file, record and field;
nothing here raises, so that one run reports every problem at once.
"""

from __future__ import annotations

import re
from ..errors import Problem
from .anchors import anchors_of
from .contexts import context_kind
from .corpus import SourceFile, anchor_problem
from .crosswalk import SharedVocab
from .dates import parse_date
from .figures import appears_in
from .notations import Notations
from .records import Claim, Quantity, Reference
from .validate_results import RATIO_MEASURES, RESULT_TYPES, ResultChecks
from .validate_studies import StudyChecks
from .vocabulary import Vocabulary

DOSE_UNITS = ("mg/m2", "g/m2", "mg", "Gy")
TIME_UNITS = ("a", "mo", "wk", "d")
# what a claim of a type must state, and which types must name what they are about
REQUIRED_BY_TYPE = {"outcome": "measure", "side-effect": "side_effects",
                    "prognostic-tool": "tool", "dose": "unit", "arm-result": "measure",
                    "adverse-event-rate": "side_effects"}
ABOUT_A_THERAPY = ("dose", "treatment-option", "regulatory-approval", "investigational",
                   "recommendation", "recommendation-against", "side-effect",
                   "adverse-event-rate", "warning", "contraindication")
DIRECTION_OF_TYPE = {"recommendation": ("for",), "recommendation-against": ("against", "neutral"),
                     "warning": ("neutral",), "contraindication": ("against",),
                     **{t: ("neutral",) for t in RESULT_TYPES}}
_DIRECTION_HINT = {"recommendation-against": "a caution that is not against the therapy is "
                   "neutral", "warning": "a warning cautions; it does not advise against",
                   "contraindication": "a contraindication is against the therapy"}


class Validator:
    """Collects problems while walking the curated data."""

    def __init__(self, notations: Notations, vocab: Vocabulary, shared: SharedVocab):
        self.notations = notations
        self.vocab = vocab
        self.shared = shared
        self.problems: list[Problem] = []
        self.studies: dict[str, str] = {}  # study id -> file, across sources
        self.same_study_links: list[tuple[str, str, str]] = []  # (file, study, other study)

    def add(self, file: str, record: str, field: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(file, record, field, message, hint))

    # -- vocabulary -------------------------------------------------------------------------

    def check_vocabulary(self) -> None:
        therapies = self.vocab.table("therapies")
        for stem, table in self.vocab.terms.items():
            for tid, term in table.items():
                file = self.vocab.origin[(stem, tid)]
                for b in term.broader:
                    if b not in table:
                        self.add(file, tid, "broader", f"unknown term {b!r} in {stem}.yaml")
                for c in term.in_class:
                    if c not in therapies or therapies[c].kind != "drug-class":
                        self.add(file, tid, "in_class", f"{c!r} is not a drug-class therapy")
                if term.part_of and term.part_of not in self.vocab.table("tools"):
                    self.add(file, tid, "part_of", f"unknown tool {term.part_of!r}")
                for i, m in enumerate(term.mappings):
                    if (m.scheme, m.id) not in self.shared.crosswalk:
                        self.add(file, tid, f"mappings[{i}]",
                                 f"{m.scheme} {m.id} is not in ../shared/vocab/crosswalk.csv",
                                 "only verified identifiers may be used")
        for rid, reg in self.vocab.regimens.items():
            file = self.vocab.origin[("regimens", rid)]
            for c in reg.components:
                if c not in therapies:
                    self.add(file, rid, "components", f"unknown therapy {c!r}")
            n = len(reg.components)
            if reg.kind == "combination" and n < 2:
                self.add(file, rid, "components", f"a combination needs two or more components, "
                         f"found {n}")
            if reg.kind in ("single-agent", "family") and n != 1:
                self.add(file, rid, "components", f"a {reg.kind} regimen has one component, "
                         f"found {n}")
            for b in reg.broader:
                if b not in self.vocab.regimens:
                    self.add(file, rid, "broader", f"unknown regimen {b!r}")
            for name, units in (("dose", DOSE_UNITS), ("interval", TIME_UNITS)):
                q = getattr(reg, name)
                if q is not None:
                    self._check_quantity(file, rid, name, q, units)
        for rid, ref in self.vocab.references.items():
            self._check_reference(rid, ref)

    def _check_reference(self, rid: str, ref: Reference) -> None:
        file = self.vocab.origin[("references", rid)]
        if self.notations.lookup("document-type", ref.type) is None:
            self.add(file, rid, "type", f"unknown document type {ref.type!r}",
                     f"allowed: {self.notations.allowed('document-type')}")
        if not ref.title and not ref.description:
            self.add(file, rid, "title", "a reference needs a title or a description")
        for name in ("date", "retrieved"):
            text = getattr(ref, name)
            if text is not None:
                self.check_date(file, rid, name, text)
        ids = ref.identifiers
        if ids:
            row = self.shared.references.get(rid)
            if row is None:
                self.add(file, rid, "identifiers", "no row with this key in "
                         "../shared/vocab/references.csv", "identifiers must be verified there")
                return
            for name in ("pmid", "doi"):
                given = getattr(ids, name)
                if given is not None and given != row[name]:
                    self.add(file, rid, f"identifiers.{name}", f"{given!r} differs from "
                             f"references.csv ({row[name]!r})")

    def check_date(self, file: str, record: str, field: str, text: str) -> None:
        try:
            parse_date(text)
        except ValueError as exc:
            self.add(file, record, field, f"impossible date: {exc}")

    # -- sources ----------------------------------------------------------------------------

    def check_source(self, src: SourceFile, seen_claims: dict[str, str]) -> None:
        rec, file, doc = src.record, src.display, src.document
        sid = rec.id
        stem = file.rsplit("/", 1)[-1].removesuffix(".yaml")
        if stem != sid:
            self.add(file, sid, "id", f"id {sid!r} does not match the file name {stem!r}")
        if self.notations.lookup("document-type", rec.type) is None:
            self.add(file, sid, "type", f"unknown document type {rec.type!r}",
                     f"allowed: {self.notations.allowed('document-type')}")
        if doc is not None and doc.sha256 != rec.sha256:
            self.add(file, sid, "sha256", f"checksum mismatch: {doc.file} has SHA-256 "
                     f"{doc.sha256}, the record says {rec.sha256}",
                     "the corpus file changed or the wrong corpus is used")
            doc = None  # anchors against a different text would only add noise
        for a in anchors_of(rec) if doc is not None else ():
            p = anchor_problem(doc, a.quote, a.start, a.end, file, a.record, a.field)
            if p:
                self.problems.append(p)
        for i, d in enumerate(rec.dates):
            self.check_date(file, sid, f"dates[{i}].value", d.value)
        for i, f in enumerate(rec.flags):
            if self.notations.lookup("flag", f.value) is None:
                self.add(file, sid, f"flags[{i}].value", f"unknown flag {f.value!r}",
                         f"allowed: {self.notations.allowed('flag')}")
        markers: set[str] = set()
        for i, c in enumerate(rec.citations):
            field = f"citations[{i}]"
            if c.marker in markers:
                self.add(file, sid, f"{field}.marker", f"duplicate marker {c.marker!r}")
            markers.add(c.marker)
            if c.mapping == "unresolved" and c.reference:
                self.add(file, sid, f"{field}.reference", "an unresolved citation names no "
                         "reference", "drop the reference or change the mapping")
            if c.mapping != "unresolved" and not c.reference:
                self.add(file, sid, f"{field}.reference", f"a {c.mapping} citation must "
                         "name its reference")
            if c.reference and c.reference not in self.vocab.references:
                self.add(file, sid, f"{field}.reference", f"unknown reference {c.reference!r}",
                         "add it to data/references.yaml")
        StudyChecks(self, file, rec).check_studies(self.studies)
        results = ResultChecks(self, file, rec)
        by_id = {c.id: c for c in rec.claims}
        for claim in rec.claims:
            if claim.id in seen_claims:
                self.add(file, claim.id, "id", f"duplicate claim id (also in "
                         f"{seen_claims[claim.id]})")
            seen_claims[claim.id] = file
            if not re.fullmatch(rf"{re.escape(sid)}-c\d{{2,}}[a-z]?", claim.id):
                self.add(file, claim.id, "id", f"claim ids of this source look like {sid}-c01")
            self._check_claim(file, claim, markers)
            results.check_claim(claim, by_id)
        self._check_pooled(file, rec.claims)

    def _check_pooled(self, file: str, claims: tuple[Claim, ...]) -> None:
        """A pooled statement: the claims split from it name each other and share a quote."""
        by_id = {c.id: c for c in claims}
        for c in claims:
            for other in c.pooled_with:
                sibling = by_id.get(other)
                if sibling is None or other == c.id:
                    self.add(file, c.id, "pooled_with", f"{other!r} is not another claim of "
                             "this source")
                elif c.id not in sibling.pooled_with:
                    self.add(file, c.id, "pooled_with", f"{other} does not name {c.id} back",
                             "list every claim of the pooled statement on each of them")
                elif (sibling.start, sibling.end) != (c.start, c.end):
                    self.add(file, c.id, "pooled_with", f"{other} rests on another quote; "
                             "claims split from one statement share its quote")

    def _check_claim(self, file: str, c: Claim, markers: set[str]) -> None:
        cid = c.id
        expected = DIRECTION_OF_TYPE.get(c.type)
        if expected and c.direction not in expected:
            self.add(file, cid, "direction", f"a {c.type} claim has direction "
                     f"{' or '.join(expected)}",
                     _DIRECTION_HINT.get(c.type, "a result reports; it does not take sides"))
        if c.date is not None:
            self.check_date(file, cid, "date.value", c.date.value)
        for m in c.cites:
            if m not in markers:
                self.add(file, cid, "cites", f"marker {m!r} is not among the source's citations",
                         "declare it under citations:")
        therapies = self.vocab.table("therapies")
        for t in c.therapies:
            if t not in therapies:
                self.add(file, cid, "therapies", f"unknown therapy {t!r}",
                         "add it to data/vocabulary/therapies.yaml")
        if c.regimen is not None and c.regimen not in self.vocab.regimens:
            self.add(file, cid, "regimen", f"unknown regimen {c.regimen!r}",
                     "add it to data/vocabulary/regimens.yaml")
        self._check_context(file, c)
        for stem, name in (("effects", "side_effects"), ("factors", "factors")):
            for v in getattr(c, name):
                if v not in self.vocab.table(stem):
                    self.add(file, cid, name, f"unknown term {v!r}",
                             f"add it to data/vocabulary/{stem}.yaml")
        if c.tool is not None and c.tool not in self.vocab.table("tools"):
            self.add(file, cid, "tool", f"unknown tool {c.tool!r}")
        for q in c.qualifiers:
            if self.notations.lookup("qualifier", q) is None:
                self.add(file, cid, "qualifiers", f"unknown qualifier {q!r}",
                         f"allowed: {self.notations.allowed('qualifier')}")
        self._check_figures(file, c)
        need = REQUIRED_BY_TYPE.get(c.type)
        if need and not getattr(c, need):
            self.add(file, cid, need, f"a {c.type} claim needs {need}")
        if c.type in ABOUT_A_THERAPY and not (c.therapies or c.regimen or c.unnamed_therapy
                                              or c.tool or c.arm):
            self.add(file, cid, "therapies", f"a {c.type} claim names a therapy, a regimen or "
                     "a prognostic tool (or says unnamed_therapy)")

    def _check_context(self, file: str, c: Claim) -> None:
        for key, values in c.context:
            for v in values:
                problem = self.context_problem(key, v)
                if problem:
                    self.add(file, c.id, key, *problem)

    def context_problem(self, key: str, value: str) -> tuple[str, str] | None:
        """(message, hint) if ``value`` is not a term of the context kind ``key``."""
        kind = context_kind(key)
        assert kind is not None  # the structure only reads registered kinds
        if kind.values_from == "ontology":
            ok = self.notations.lookup(key, value) is not None
            allowed = self.notations.allowed(key)
        else:
            ok = self.vocab.context_kind(value) == key
            allowed = "a term of kind " + key + " in data/vocabulary/contexts.yaml"
        return None if ok else (f"unknown {key} term {value!r}", f"allowed: {allowed}")

    def _check_figures(self, file: str, c: Claim) -> None:
        cid = c.id
        measure = c.measure
        if measure is not None and self.notations.lookup("measure", measure) is None:
            self.add(file, cid, "measure", f"unknown measure {measure!r}",
                     f"allowed: {self.notations.allowed('measure')}")
            return  # its unit cannot be judged against an unknown measure
        has_value, has_range = c.value is not None, c.low is not None or c.high is not None
        if has_value and has_range:
            self.add(file, cid, "value", "give either value or low/high, not both")
        if has_range and not (c.low is not None and c.high is not None):
            self.add(file, cid, "low" if c.low is None else "high",
                     "a range needs both low and high")
        if (has_value or has_range) and c.unit is None:
            self.add(file, cid, "unit", "a figure needs a unit (UCUM code)")
        unit = c.unit
        if unit is not None:
            allowed, what = self._units_for(c)
            if not allowed:
                self.add(file, cid, "unit", "a unit without a measure (or a dose claim)")
            elif unit not in allowed:
                self.add(file, cid, "unit", f"unit {unit!r} does not fit {what}",
                         f"allowed: {', '.join(allowed)}")
        difference = c.effect_measure == "difference"  # an estimate that may be negative
        for key, v in c.figure_fields:
            if unit == "%" and not difference and not 0 <= v <= 100:
                self.add(file, cid, key, f"percentage {v} is outside 0-100")
            elif v < 0 and not difference:
                self.add(file, cid, key, f"{v} is negative")
            if not appears_in(v, c.quote):
                self.add(file, cid, key, f"{v} does not appear in the quote (in digits or words)",
                         "a figure must rest on the quoted words")
        if c.low is not None and c.high is not None and c.low > c.high:
            self.add(file, cid, "low", f"low {c.low} is above high {c.high}")
        if c.qualifiers and unit is None:
            self.add(file, cid, "qualifiers", "qualifiers qualify a figure; this claim has none")
        if c.time_point is not None:
            self._check_quantity(file, cid, "time_point", c.time_point, TIME_UNITS, c.quote)

    def _units_for(self, c: Claim) -> tuple[list[str], str]:
        """The units a claim's figure may have, and what decides them (for messages)."""
        if c.effect_measure in RATIO_MEASURES:
            return ["1"], f"a {c.effect_measure} (a ratio is dimensionless: '1')"
        if c.type == "adverse-event-rate" or (c.effect_measure == "difference"
                                              and not c.measure):
            return ["%"], f"a {c.type}"
        if c.measure:
            return list(self.notations.units_for(c.measure)), c.measure
        return (list(DOSE_UNITS), "a dose") if c.type == "dose" else ([], "")

    def _check_quantity(self, file: str, record: str, name: str, q: Quantity,
                        units: tuple[str, ...], quote: str | None = None) -> None:
        """A sub-record quantity: a positive value or an ordered range, in an allowed unit."""
        if q.unit not in units:
            self.add(file, record, f"{name}.unit", f"unit {q.unit!r} is not allowed here",
                     f"allowed: {', '.join(units)}")
        has_range = q.low is not None or q.high is not None
        if (q.value is not None) == has_range or (has_range and (q.low is None or
                                                                 q.high is None)):
            self.add(file, record, name, "give either value, or both low and high")
            return
        for key in ("value", "low", "high"):
            v = getattr(q, key)
            if v is not None:
                if v <= 0:
                    self.add(file, record, f"{name}.{key}", f"{v} must be positive")
                if quote is not None and not appears_in(v, quote):
                    self.add(file, record, f"{name}.{key}",
                             f"{v} does not appear in the quote (in digits or words)")
        if has_range and q.low > q.high:
            self.add(file, record, f"{name}.low", f"low {q.low} is above high {q.high}")
