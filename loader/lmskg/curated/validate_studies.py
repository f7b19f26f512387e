"""Checks of trial reports: the studies of a source, and the fields of claims that state a
study's results (docs/decisions/0010-trial-evidence.md).

Links: a claim's study is one of its own source's studies, its arms and subgroup belong to
that study, the comparator is another arm, a subgroup result points to the whole-study
result of the same study, measure and arms. Figures: arm sizes do not exceed the number
randomised, a numerator its denominator, the confidence interval contains the estimate, a
p-value lies in [0, 1], a ratio is positive and dimensionless, and every number is written
in its own quote. Enumerated values are notations of the ontology. Like
:mod:`lmskg.curated.validate`, nothing raises: every problem is added to the validator.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Protocol

from .figures import appears_in
from .notations import Notations
from .records import Claim, Source
from .structure import Context
from .studies import (Administration, Arm, Characteristic, Dose, FollowUp, Population,
                      StatedQuantity, Study)
from .vocabulary import Vocabulary

RATIO_MEASURES = ("hazard-ratio", "odds-ratio", "relative-risk")
RESULT_TYPES = ("arm-result", "comparative-result", "adverse-event-rate")
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


class StudyChecks:
    """The checks of one source's studies and of its claims' trial fields."""

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

    # -- studies -------------------------------------------------------------------------

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

    # -- shared ------------------------------------------------------------------------

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

    # -- claims about studies --------------------------------------------------------------

    def check_claim(self, c: Claim, claims: dict[str, Claim]) -> None:
        cid = c.id
        self.check_prior(cid, "", c)
        study = self.src.study(c.study)
        if c.study is not None and study is None:
            self.add(cid, "study", f"unknown study {c.study!r}", "the study must be one of "
                     "this source's studies:")
        needs_study = [f for f in ("arm", "comparator_arm", "subgroup") if getattr(c, f)]
        if needs_study and c.study is None:
            self.add(cid, needs_study[0], f"{needs_study[0]} names a part of a study: give "
                     "the claim's study")
        arm = self._part(c, study, "arm")
        self._part(c, study, "comparator_arm")
        if study is not None and c.subgroup is not None and study.subgroup(c.subgroup) is None:
            self.add(cid, "subgroup", f"unknown subgroup {c.subgroup!r} of {study.id}")
        if c.arm and c.arm == c.comparator_arm:
            self.add(cid, "comparator_arm", "an arm is compared with itself",
                     "a comparison has two different arms")
        self._check_by_type(c, arm)
        self._check_statistics(c, arm)
        if c.subgroup_of is not None:
            self._check_subgroup_of(c, claims)
        for name, category in (("analysis", "analysis"), ("assessment", "assessor"),
                               ("effect_measure", "effect-measure"),
                               ("significance", "significance")):
            self.notation(cid, name, category, getattr(c, name))
        for g in c.grades:
            self.notation(cid, "grades", "grade", g)
        if "any-grade" in c.grades and len(c.grades) > 1:
            self.add(cid, "grades", "'any grade' stands alone, not with a numbered grade")

    def _part(self, c: Claim, study: Study | None, field: str) -> Arm | None:
        key = getattr(c, field)
        if study is None or key is None:
            return None
        arm = study.arm(key)
        if arm is None:
            self.add(c.id, field, f"unknown arm {key!r} of {study.id}",
                     f"arms: {', '.join(a.key for a in study.arms) or 'none'}")
        return arm

    def _check_by_type(self, c: Claim, arm: Arm | None) -> None:
        cid, t = c.id, c.type
        if t == "arm-result" and not c.arm:
            self.add(cid, "arm", "an arm-result claim names its arm (and study)")
        if t == "comparative-result":
            for name in ("arm", "comparator_arm"):
                if not getattr(c, name):
                    self.add(cid, name, f"a comparative-result claim names its {name}")
            if not (c.measure or c.side_effects):
                self.add(cid, "measure", "a comparative-result claim names what it compares: "
                         "a measure or side effects")
            if c.regimen is not None:
                self.add(cid, "regimen", "a comparison is about its two arms, not one regimen",
                         "drop the regimen: the arms give theirs")
        elif c.comparator_arm is not None:
            self.add(cid, "comparator_arm", "only a comparative-result claim has a comparator "
                     "arm")
        if t == "contraindication" and not c.context.values("condition"):
            self.add(cid, "condition", "a contraindication names the patient condition")
        if arm is not None and c.regimen is not None and c.regimen != arm.regimen and \
                t != "comparative-result":
            self.add(cid, "regimen", f"regimen {c.regimen!r} is not the regimen of arm "
                     f"{arm.key!r} ({arm.regimen!r})", "omit it: the arm's regimen is used")
        if t != "comparative-result":
            for name in ("effect_measure", "p_value", "significance", "adjusted"):
                if getattr(c, name) is not None:
                    self.add(cid, name, f"only a comparative-result claim has {name}")
        if c.grades and t not in ("adverse-event-rate", "comparative-result"):
            self.add(cid, "grades", "grades qualify an adverse-event rate or its comparison")

    def _check_statistics(self, c: Claim, arm: Arm | None) -> None:
        cid = c.id
        for name, x in c.statistic_fields:
            self.in_quote(cid, name, x, c.quote)
        ratio = c.effect_measure in RATIO_MEASURES
        if c.type == "comparative-result" and c.value is not None and c.effect_measure is None:
            self.add(cid, "effect_measure", "the estimate of a comparison needs its effect "
                     "measure (hazard-ratio, odds-ratio, relative-risk, difference)")
        if ratio:
            for name in ("value", "low", "high", "ci_low", "ci_high"):
                x = getattr(c, name)
                if x is not None and x <= 0:
                    self.add(cid, name, f"a {c.effect_measure} is positive, found {x}")
        if (c.ci_low is None) != (c.ci_high is None):
            self.add(cid, "ci_low" if c.ci_low is None else "ci_high",
                     "a confidence interval needs both limits")
        elif c.ci_low is not None:
            if c.value is None:
                self.add(cid, "ci_low", "a confidence interval belongs to an estimate: give "
                         "the value")
            elif not Decimal(str(c.ci_low)) <= Decimal(str(c.value)) <= Decimal(str(c.ci_high)):
                self.add(cid, "value", f"the confidence interval {c.ci_low}-{c.ci_high} does "
                         f"not contain the estimate {c.value}")
            if c.ci_low > c.ci_high:
                self.add(cid, "ci_low", f"ci_low {c.ci_low} is above ci_high {c.ci_high}")
        if c.ci_level is not None:
            if c.ci_low is None:
                self.add(cid, "ci_level", "a confidence level needs its interval")
            if not 0 < c.ci_level <= 100:
                self.add(cid, "ci_level", f"confidence level {c.ci_level} is not a percentage "
                         "above 0 and at most 100")
        if (c.p_value is None) != (c.p_relation is None):
            self.add(cid, "p_relation" if c.p_relation is None else "p_value",
                     "p_value and p_relation come together ('p<0.001': 0.001 and '<')")
        if c.p_value is not None and not 0 <= c.p_value <= 1:
            self.add(cid, "p_value", f"p-value {c.p_value} is outside 0-1")
        if c.numerator is not None:
            if c.denominator is None:
                self.add(cid, "denominator", "a numerator needs its denominator")
            elif c.numerator > c.denominator:
                self.add(cid, "numerator", f"numerator {c.numerator} is above denominator "
                         f"{c.denominator}")
        if c.denominator is not None and arm is not None and arm.size is not None and \
                c.denominator > arm.size.value:
            self.add(cid, "denominator", f"denominator {c.denominator} exceeds the size "
                     f"{arm.size.value} of arm {arm.key!r}")
        for name in ("numerator", "denominator", "participants", "n_studies"):
            x = getattr(c, name)
            if x is not None and x < 0:
                self.add(cid, name, f"{x} is negative")

    def _check_subgroup_of(self, c: Claim, claims: dict[str, Claim]) -> None:
        whole = claims.get(c.subgroup_of or "")
        if whole is None:
            self.add(c.id, "subgroup_of", f"unknown claim {c.subgroup_of!r} of this source")
            return
        if c.subgroup is None:
            self.add(c.id, "subgroup", "a subgroup result names its subgroup")
        if whole.subgroup is not None:
            self.add(c.id, "subgroup_of", f"{whole.id} is itself a subgroup result")
        for name in ("study", "arm", "comparator_arm", "measure", "effect_measure"):
            stated_in_words = name == "effect_measure" and getattr(c, name) is None
            if getattr(c, name) != getattr(whole, name) and not stated_in_words:
                self.add(c.id, "subgroup_of", f"the whole-study result {whole.id} differs in "
                         f"{name} ({getattr(whole, name)!r}, not {getattr(c, name)!r})")


def check_same_study_links(v: Validator, studies: dict[str, str]) -> None:
    """``same_study_as`` names a study of another source (once every source is read)."""
    for file, sid, other in v.same_study_links:
        if other not in studies:
            v.add(file, sid, "same_study_as", f"unknown study {other!r}")
        elif studies[other] == file:
            v.add(file, sid, "same_study_as", f"{other!r} is described in the same source",
                  "same_study_as links descriptions of one trial by different sources")

