"""Checks of the claims that state a study's results (docs/decisions/0010-trial-evidence.md).

Links: a claim's study is one of its own source's studies, its arms and subgroup belong to
that study, the comparator is another arm, a subgroup result points to the whole-study
result of the same study, arms and measure. By type: an arm result names its arm, a
comparison its two arms and what it compares, a contraindication its condition. Statistics:
the confidence interval contains the estimate, its level is a percentage, a p-value lies in
[0, 1], a ratio is positive, a numerator does not exceed its denominator nor the denominator
its arm, and every statistic is written in the claim's quote.
"""

from __future__ import annotations

from decimal import Decimal

from .records import Claim
from .studies import Arm, Study
from .validate_studies import Checks

RATIO_MEASURES = ("hazard-ratio", "odds-ratio", "relative-risk")
RESULT_TYPES = ("arm-result", "comparative-result", "adverse-event-rate")


class ResultChecks(Checks):
    """The checks of one source's claims that name a study (or should)."""

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
