"""Checks of the studies a source describes (docs/decisions/0010-trial-evidence.md).

Ids, links (a ratio's arms, an alternative administration, a cited marker, another
source's description of the same trial), counts (arm sizes and subgroups do not exceed the
number randomised, which does not exceed the number enrolled), units and figures (every
number is written in its own quote), and enumerated values, which are notations of the
ontology. The claims that state a study's results are checked by
:mod:`lmskg.curated.validate_results`. Like :mod:`lmskg.curated.validate`, nothing raises:
every problem is added to the validator.
"""

from __future__ import annotations

import re
from typing import Protocol

from .figures import appears_in
from .notations import Notations
from .records import Claim, Source
from .structure import Context
from .studies import (Administration, Arm, Characteristic, Dose, FollowUp, Population,
                      StatedQuantity, Study)
from .vocabulary import Vocabulary

REGISTRY_FORMS = {"clinicaltrials-gov": (r"NCT\d{8}", "NCT and eight digits"),
                  "eudract": (r"\d{4}-\d{6}-\d{2}", "YYYY-NNNNNN-NN")}
TIME_UNITS = ("min", "h", "d", "wk", "mo", "a")
UNITS_OF = {"doses": ("mg/m2", "g/m2", "mg"), "duration": ("min", "h", "d", "wk"),
            "dose_interval": ("h", "d", "wk"), "cycle_length": ("d", "wk")}
CHARACTERISTIC_UNITS = {"eligible-age": ("a",), "age": ("a",), "disease-share": ("%",)}


class Validator(Protocol):
    """What these checks use of :class:`lmskg.curated.validate.Validator`."""

    notations: Notations
    vocab: Vocabulary
    same_study_links: list[tuple[str, str, str]]

    def add(self, file: str, record: str, field: str, message: str, hint: str = "") -> None: ...

    def check_date(self, file: str, record: str, field: str, text: str) -> None: ...

    def context_problem(self, key: str, value: str) -> tuple[str, str] | None: ...


class Checks:
    """What the checks of one source's studies and results share: the validator, the file, the
    source, and small helpers."""

    def __init__(self, v: Validator, file: str, src: Source):
        self.v, self.file, self.src = v, file, src

    def add(self, record: str, field: str, message: str, hint: str = "") -> None:
        self.v.add(self.file, record, field, message, hint)

    def notation(self, record: str, field: str, category: str, value: str | None) -> None:
        if value is not None and self.v.notations.lookup(category, value) is None:
            self.add(record, field, f"unknown {category} {value!r}",
                     f"allowed: {self.v.notations.allowed(category)}")

    def in_quote(self, record: str, field: str, value: float | int, quote: str) -> None:
        if not appears_in(value, quote):
            self.add(record, field, f"{value} does not appear in the quote (in digits or words)",
                     "a figure must rest on the quoted words")

    def check_context(self, record: str, where: str, context: Context) -> None:
        for key, values in context:
            for v in values:
                problem = self.v.context_problem(key, v)
                if problem:
                    self.add(record, f"{where}.{key}" if where else key, *problem)

    def check_prior(self, record: str, where: str, rec: Claim | Population) -> None:
        for t in rec.prior_therapies:
            if t not in self.v.vocab.table("therapies"):
                self.add(record, f"{where}prior_therapies", f"unknown therapy {t!r}",
                         "add it to data/vocabulary/therapies.yaml")
        for r in rec.prior_regimens:
            if r not in self.v.vocab.regimens:
                self.add(record, f"{where}prior_regimens", f"unknown regimen {r!r}",
                         "add it to data/vocabulary/regimens.yaml")


class StudyChecks(Checks):
    """The checks of one source's studies."""

    def check_studies(self, seen: dict[str, str]) -> None:
        for study in self.src.studies:
            sid = study.id
            if sid in seen:
                self.add(sid, "id", f"duplicate study id (also in {seen[sid]})")
            seen[sid] = self.file
            if not sid.startswith(f"{self.src.id}-"):
                self.add(sid, "id", f"study ids of this source start with {self.src.id}-")
            self._check_study(study)

    def _check_study(self, s: Study) -> None:
        sid = s.id
        for i, d in enumerate(s.design):
            self.notation(sid, f"design[{i}].value", "study-design", d.value)
        self.notation(sid, "phase.value", "phase", s.phase and s.phase.value)
        self.notation(sid, "blinding.value", "blinding", s.blinding and s.blinding.value)
        for i, c in enumerate(s.control):
            self.notation(sid, f"control[{i}].value", "control", c.value)
        for i, r in enumerate(s.registry_ids):
            self.notation(sid, f"registry_ids[{i}].registry", "registry", r.registry)
            form, words = REGISTRY_FORMS.get(r.registry, (None, ""))
            if form and not re.fullmatch(form, r.value):
                self.add(sid, f"registry_ids[{i}].value", f"{r.value!r} is not a "
                         f"{r.registry} identifier ({words})")
            if r.value not in r.quote:
                self.add(sid, f"registry_ids[{i}].value", f"{r.value!r} is not in its quote")
        for name in ("enrolled", "randomised"):
            count = getattr(s, name)
            if count is not None:
                self.in_quote(sid, f"{name}.value", count.value, count.quote)
                if count.value < 0:
                    self.add(sid, f"{name}.value", f"{count.value} is negative")
        n = s.randomised.value if s.randomised else None
        if n is not None and s.enrolled and n > s.enrolled.value:
            self.add(sid, "randomised.value", f"{n} randomised is more than the "
                     f"{s.enrolled.value} enrolled")
        self._check_arms(s, n)
        self._check_ratio(s)
        for i, pop in enumerate(s.population):
            where = f"population[{i}]"
            self.check_context(sid, where, pop.context)
            self.check_prior(sid, f"{where}.", pop)
            for t in pop.excluded_prior_therapies:
                if t not in self.v.vocab.table("therapies"):
                    self.add(sid, f"{where}.excluded_prior_therapies", f"unknown therapy {t!r}")
            if pop.min_prior_regimens is not None:
                self.in_quote(sid, f"{where}.min_prior_regimens", pop.min_prior_regimens,
                              pop.quote)
        for i, ch in enumerate(s.characteristics):
            self._check_characteristic(sid, f"characteristics[{i}]", ch)
        if s.follow_up is not None:
            self._check_follow_up(sid, s.follow_up)
        if s.recruitment is not None:
            r = s.recruitment
            for name in ("start_date", "end_date"):
                if getattr(r, name) is not None:
                    self.v.check_date(self.file, sid, f"recruitment.{name}", getattr(r, name))
            if r.end_date and r.end_date < r.start_date:
                self.add(sid, "recruitment.end_date", f"ends ({r.end_date}) before it starts "
                         f"({r.start_date})")
        for i, e in enumerate(s.endpoints):
            self.notation(sid, f"endpoints[{i}].measure", "measure", e.measure)
            self.notation(sid, f"endpoints[{i}].role", "endpoint-role", e.role)
            self.notation(sid, f"endpoints[{i}].analysis_population", "analysis-population",
                          e.analysis_population)
        keys: set[str] = set()
        for i, g in enumerate(s.subgroups):
            if g.key in keys:
                self.add(sid, f"subgroups[{i}].key", f"duplicate subgroup key {g.key!r}")
            keys.add(g.key)
            if not g.context:
                self.add(sid, f"subgroups[{i}]", "a subgroup is defined by a context (disease, "
                         "extent, site, ...)")
            self.check_context(sid, f"subgroups[{i}]", g.context)
            if g.size is not None:
                self.in_quote(sid, f"subgroups[{i}].size.value", g.size.value, g.size.quote)
                if n is not None and g.size.value > n:
                    self.add(sid, f"subgroups[{i}].size.value", f"a subgroup of "
                             f"{g.size.value} is larger than the {n} randomised")
        markers = {c.marker for c in self.src.citations}
        for i, c in enumerate(s.cites):
            if c.value not in markers:
                self.add(sid, f"cites[{i}].value", f"marker {c.value!r} is not among the "
                         "source's citations", "declare it under citations:")
        for other in s.same_study_as:
            self.v.same_study_links.append((self.file, sid, other))

    def _check_arms(self, s: Study, randomised: int | None) -> None:
        sid, keys, total = s.id, set(), 0
        for i, arm in enumerate(s.arms):
            where = f"arms[{i}]"
            if arm.key in keys:
                self.add(sid, f"{where}.key", f"duplicate arm key {arm.key!r}")
            keys.add(arm.key)
            if arm.regimen not in self.v.vocab.regimens:
                self.add(sid, f"{where}.regimen", f"unknown regimen {arm.regimen!r}",
                         "add it to data/vocabulary/regimens.yaml")
            self.notation(sid, f"{where}.role.value", "arm-role", arm.role and arm.role.value)
            if arm.size is not None:
                total += arm.size.value
                self.in_quote(sid, f"{where}.size.value", arm.size.value, arm.size.quote)
                if randomised is not None and arm.size.value > randomised:
                    self.add(sid, f"{where}.size.value", f"arm size {arm.size.value} exceeds "
                             f"the {randomised} randomised")
            self._check_administrations(sid, where, arm)
        if randomised is not None and total > randomised:
            self.add(sid, "arms", f"arm sizes add up to {total}, more than the {randomised} "
                     "randomised")

    def _check_administrations(self, sid: str, where: str, arm: Arm) -> None:
        keys = [a.key for a in arm.administrations]
        for i, a in enumerate(arm.administrations):
            at = f"{where}.administrations[{i}]"
            if keys.count(a.key) > 1:
                self.add(sid, f"{at}.key", f"duplicate administration key {a.key!r}")
            if a.agent not in self.v.vocab.table("therapies"):
                self.add(sid, f"{at}.agent", f"unknown therapy {a.agent!r}",
                         "add it to data/vocabulary/therapies.yaml")
            self._check_administration(sid, at, arm, a)

    def _check_administration(self, sid: str, at: str, arm: Arm, a: Administration) -> None:
        for j, d in enumerate(a.doses):
            self._check_stated_quantity(sid, f"{at}.doses[{j}]", d, UNITS_OF["doses"])
            self.notation(sid, f"{at}.doses[{j}].basis", "dose-basis", d.basis)
        self.notation(sid, f"{at}.route.value", "route", a.route and a.route.value)
        self.notation(sid, f"{at}.method.value", "method", a.method and a.method.value)
        for name in ("duration", "dose_interval", "cycle_length"):
            q = getattr(a, name)
            if q is not None:
                self._check_stated_quantity(sid, f"{at}.{name}", q, UNITS_OF[name])
        if a.days is not None:
            days = a.days.value
            if not days or min(days) < 1:
                self.add(sid, f"{at}.days.value", "days of the cycle are whole numbers from 1")
            else:  # 'days 1-3' writes the first and the last day
                for day in {min(days), max(days)}:
                    self.in_quote(sid, f"{at}.days.value", day, a.days.quote)
        if a.max_cycles is not None:
            if a.max_cycles.value < 1:
                self.add(sid, f"{at}.max_cycles.value", "a maximum number of cycles is at "
                         "least 1")
            self.in_quote(sid, f"{at}.max_cycles.value", a.max_cycles.value, a.max_cycles.quote)
        same_agent = {b.key for b in arm.administrations if b.agent == a.agent}
        for other in a.alternative_to:
            if other == a.key or other not in same_agent:
                self.add(sid, f"{at}.alternative_to", f"{other!r} is not another "
                         f"administration of {a.agent} in this arm",
                         "an alternative gives the same agent another way")

    def _check_stated_quantity(self, sid: str, where: str, q: StatedQuantity | Dose,
                               units: tuple[str, ...]) -> None:
        if q.unit not in units:
            self.add(sid, f"{where}.unit", f"unit {q.unit!r} is not allowed here",
                     f"allowed: {', '.join(units)}")
        self._check_figure(sid, where, q, allow_zero=False)

    def _check_figure(self, sid: str, where: str, q: StatedQuantity | Dose | Characteristic |
                      FollowUp, allow_zero: bool) -> None:
        """Value or low and high, not negative (nor zero unless allowed), ordered, in the
        quote, with known qualifiers."""
        has_range = q.low is not None or q.high is not None
        if (q.value is not None) == has_range or (has_range and (q.low is None or
                                                                 q.high is None)):
            self.add(sid, where, "give either value, or both low and high")
            return
        for key in ("value", "low", "high"):
            x = getattr(q, key)
            if x is None:
                continue
            if x < 0 or (x == 0 and not allow_zero):
                self.add(sid, f"{where}.{key}", f"{x} must be "
                         f"{'non-negative' if allow_zero else 'positive'}")
            self.in_quote(sid, f"{where}.{key}", x, q.quote)
        if has_range and q.low > q.high:
            self.add(sid, f"{where}.low", f"low {q.low} is above high {q.high}")
        for x in getattr(q, "qualifiers", ()):
            self.notation(sid, f"{where}.qualifiers", "qualifier", x)

    def _check_characteristic(self, sid: str, where: str, ch: Characteristic) -> None:
        self.notation(sid, f"{where}.kind", "characteristic-kind", ch.kind)
        units = CHARACTERISTIC_UNITS.get(ch.kind, ("1",))
        if ch.unit not in units:
            self.add(sid, f"{where}.unit", f"a {ch.kind} characteristic is in "
                     f"{' or '.join(units)}, not {ch.unit!r}")
        self._check_figure(sid, where, ch, allow_zero=True)
        if ch.unit == "%":
            for key in ("value", "low", "high"):
                x = getattr(ch, key)
                if x is not None and x > 100:
                    self.add(sid, f"{where}.{key}", f"percentage {x} is outside 0-100")
        self.check_context(sid, where, Context((("disease", ch.disease),)) if ch.disease
                           else Context())
        if ch.disease and ch.kind != "disease-share":
            self.add(sid, f"{where}.disease", "only a disease-share names a disease")

    def _check_follow_up(self, sid: str, f: FollowUp) -> None:
        if f.unit not in TIME_UNITS:
            self.add(sid, "follow_up.unit", f"unit {f.unit!r} is not a time",
                     f"allowed: {', '.join(TIME_UNITS)}")
        self._check_figure(sid, "follow_up", f, allow_zero=False)
        given = [x is not None for x in (f.spread, f.spread_low, f.spread_high)]
        if any(given) and not all(given):
            self.add(sid, "follow_up.spread", "a spread has its kind, low and high")
        elif all(given):
            for key in ("spread_low", "spread_high"):
                self.in_quote(sid, f"follow_up.{key}", getattr(f, key), f.quote)
            if f.spread_low > f.spread_high:
                self.add(sid, "follow_up.spread_low", f"low {f.spread_low} is above high "
                         f"{f.spread_high}")

    def _check_ratio(self, s: Study) -> None:
        ratio = s.allocation_ratio
        if ratio is None:
            return
        parts = ratio.value.split(":")
        if not re.fullmatch(r"[1-9]\d*(:[1-9]\d*)+", ratio.value):
            self.add(s.id, "allocation_ratio.value", f"{ratio.value!r} is not a ratio such as "
                     "2:1")
        elif len(parts) != len(ratio.arms):
            self.add(s.id, "allocation_ratio.arms", f"the ratio {ratio.value} has "
                     f"{len(parts)} parts but names {len(ratio.arms)} arm(s)")
        if ratio.value not in ratio.quote:
            self.add(s.id, "allocation_ratio.value", f"{ratio.value!r} is not in its quote")
        for key in ratio.arms:
            if s.arm(key) is None:
                self.add(s.id, "allocation_ratio.arms", f"unknown arm {key!r} of {s.id}")


def check_same_study_links(v: Validator, studies: dict[str, str]) -> None:
    """``same_study_as`` names a study of another source (once every source is read)."""
    for file, sid, other in v.same_study_links:
        if other not in studies:
            v.add(file, sid, "same_study_as", f"unknown study {other!r}")
        elif studies[other] == file:
            v.add(file, sid, "same_study_as", f"{other!r} is described in the same source",
                  "same_study_as links descriptions of one trial by different sources")

