"""Candidates that rest on a figure: outcomes (per arm, with CI, hazard
ratio, p-value and time point) and doses (with drug and schedule).

:class:`FigureClaims` is mixed into :class:`lmskg.extract.claims.ClaimBuilder`; it
uses the builder's text, vocabulary and paragraph memory.
"""

from __future__ import annotations

import re
from typing import Any

from . import arms as armmod
from .anaphora import ANAPHOR
from .candidate import Candidate, ClauseFacts, Memory
from .claimtype import Features, classify
from .combinations import single_agent_regimen
from .figures import Figure, find_figures, num
from .lexicon import Mention
from .measures import measure_for
from .vocabulary import Vocabulary

OUTCOME_ROLES = ("percent", "duration", "hazard-ratio", "odds-ratio", "proportion")


class FigureClaims:
    """Outcome and dose candidates (a mixin of the claim builder)."""

    text: str
    vocab: Vocabulary
    memory: Memory

    def _base(self, f: ClauseFacts, type_: str, direction: str) -> Candidate:
        raise NotImplementedError  # provided by ClaimBuilder

    def _features(self, f: ClauseFacts, outcome: int = 0, dose: int = 0) -> Features:
        raise NotImplementedError  # provided by ClaimBuilder

    def _numeric(self, f: ClauseFacts) -> list[Candidate]:
        out: list[Candidate] = []
        arms = armmod.arm_mentions(self.text, f.start, f.end, f.therapy_mentions, f.combos,
                                   self.memory.combination)
        assigned = armmod.assign(self.text, f.figures, arms, (f.start, f.end), self.memory.arms)
        for i, fig in enumerate(f.figures):
            if fig.role in ("percent", "proportion") and not self._about_treatment(f, fig):
                continue
            if fig.role in ("hazard-ratio", "odds-ratio"):
                out.extend(self._outcome(f, i, None, compared=self._compared(f, arms)))
            elif fig.role in OUTCOME_ROLES:
                out.extend(self._outcome(f, i, assigned.get(i)))
            elif fig.role == "dose":
                out.append(self._dose(f, i))
        if not out and any(g.role == "schedule" for g in f.figures):
            if not f.groups and self.memory.dosed:
                f.groups = list(self.memory.dosed)
                f.inherited = True
            if f.groups:
                out.append(self._schedule_only(f))
        if any(c.type == "dose" and c.figure is not None for c in out):
            self.memory.dosed = [(tuple(c.therapies), c.regimen) for c in out if c.type == "dose"]
        return out

    def _about_treatment(self, f: ClauseFacts, fig: Figure) -> bool:
        """A percentage with no measure, therapy, effect or factor in its clause
        ('it accounts for 10-20% of sarcomas', '73% had leiomyosarcoma') describes
        the disease or the population, not a treatment: no candidate."""
        return bool(f.measures or f.groups or f.effects or f.anchors
                    or any(m.category in ("effect", "factor", "tool") for m in f.mentions)
                    or self.memory.groups and ANAPHOR.match(self.text[f.start:f.end]))

    def _compared(self, f: ClauseFacts, arms: list[armmod.Arm]) -> list[armmod.Arm]:
        """The arms a hazard ratio compares: those of the clause, else of the paragraph."""
        pool = armmod._distinct(arms)
        if len(pool) < 2:
            pool = armmod._distinct(pool + self.memory.arms)
        return pool[:2] if len(pool) >= 2 else pool

    def _outcome(self, f: ClauseFacts, i: int, arm: armmod.Arm | None,
                 compared: list[armmod.Arm] | None = None) -> list[Candidate]:
        fig = f.figures[i]
        clause = self.text[f.start:f.end]
        typed = classify(clause, self._features(f, outcome=1))
        type_ = typed.type
        near_effects = [e for e in f.effects if e[1] <= fig.start and fig.start - e[1] <= 4]
        if near_effects or (f.effects and not f.measures):
            type_ = "side-effect"
            near_effects = near_effects or f.effects
        groups = self._figure_groups(f, arm, compared)
        out = []
        for therapies, regimen in groups:
            c = self._base(f, type_, typed.direction if type_ != "side-effect" else "neutral")
            c.therapies, c.regimen = list(therapies), regimen
            c.figure = fig
            c.measure = None if type_ == "side-effect" else \
                measure_for(f.measures, fig.start, f.start, f.end)
            if near_effects:
                c.unmapped = [e[2] for e in near_effects]
            c.cues = typed.cues
            c.stats = _stats(self.text, f.figures, i)
            c.time_point = _time_point(f.figures)
            if compared:
                c.stats["compared"] = [a.surface for a in compared]
            elif arm is not None:
                c.stats["arm"] = arm.surface
                if not arm.is_therapy:
                    c.notes.append(f"Arm '{arm.surface}' is not a therapy of the vocabulary.")
            elif len(groups) > 1 or any(len(g[0]) > 1 for g in groups):
                c.notes.append("Arm not resolved: the clause names several therapies.")
            c.confidence = 0.7 if c.measure and (arm or compared or len(groups) == 1) else 0.5
            out.append(c)
        return out

    def _figure_groups(self, f: ClauseFacts, arm: armmod.Arm | None,
                       compared: list[armmod.Arm] | None
                       ) -> list[tuple[tuple[str, ...], str | None]]:
        """The therapies of an outcome figure: its arm; for a hazard ratio, the
        arms it compares (listed together); else those of the clause."""
        if compared:
            therapies: list[str] = []
            for a in compared:
                for t in (a.therapies or tuple(sorted(self.vocab.components(a.regimen)))
                          if a.regimen else a.therapies):
                    if t not in therapies:
                        therapies.append(t)
            regimens = [a.regimen for a in compared if a.regimen]
            if len(regimens) == 1 and all(a.regimen or not a.therapies for a in compared):
                return [((), regimens[0])]
            return [(tuple(therapies), None)]
        if arm is not None:
            return [(arm.therapies, arm.regimen)]
        return f.groups or [((), None)]

    def _schedule_only(self, f: ClauseFacts) -> Candidate:
        """'Both were repeated every 3 weeks': a schedule without a dose."""
        c = self._base(f, "dose", "neutral")
        c.therapies, c.regimen = list(f.groups[0][0]), f.groups[0][1]
        for g in f.groups[1:]:
            c.therapies += [t for t in g[0] if t not in c.therapies]
        c.stats.update(_schedule_stats([g for g in f.figures if g.role == "schedule"]))
        c.cues = ["schedule without a dose"]
        c.confidence = 0.4
        return c

    def _dose(self, f: ClauseFacts, i: int) -> Candidate:
        fig = f.figures[i]
        c = self._base(f, "dose", "neutral")
        c.figure = fig
        c.cues = ["dose figure"]
        drug = _drug_for(self.text, f.therapy_mentions, f.figures, i)
        if drug:
            c.therapies = [drug]
        elif f.groups:
            c.therapies, c.regimen = list(f.groups[0][0]), f.groups[0][1]
        schedule = _schedule_for(f.figures, i)
        if schedule:
            c.stats.update(_schedule_stats(schedule))
        if drug:
            raw = {"value": fig.value, "low": fig.low, "high": fig.high, "unit": fig.unit}
            dose: dict[str, float | str] = {k: (num(v) if isinstance(v, float) else v)
                                            for k, v in raw.items() if v is not None}
            reg = single_agent_regimen(drug, dose, c.stats.get("interval"), self.vocab)
            if reg:
                c.regimen, c.therapies = reg, []
                c.notes.append("Drug, dose and interval match a single-agent regimen of the vocabulary.")
        c.confidence = 0.7 if drug else 0.4
        return c

    def _attach_statistics(self, previous: list[Candidate], start: int, end: int) -> bool:
        """'...; this difference did not reach statistical significance (p=0.076)':
        a clause that only adds a p-value, CI or hazard ratio to the figures of
        the clause before joins their quote and statistics."""
        all_figs = find_figures(self.text, start, end)
        if any(g.role in ("percent", "duration", "dose") for g in all_figs):
            return False
        figs = [g for g in all_figs if g.role in ("p-value", "ci", "hazard-ratio")]
        outcome = [c for c in previous if c.type in ("outcome", "side-effect") and c.figure is not None]
        if not figs or not outcome:
            return False
        last_end = max(c.end for c in outcome)
        for c in outcome:
            if c.end != last_end:
                continue
            c.end = end
            for g in figs:
                if g.role == "p-value" and "p_value" not in c.stats and "p_relation" not in c.stats:
                    c.stats.update(_plain(g.detail))
                elif g.role == "hazard-ratio" and "hazard_ratio" not in c.stats:
                    c.stats["hazard_ratio"] = num(g.value or 0)
            c.figures = c.figures + [g for g in figs if g not in c.figures]
        return True


# --- helpers on figures ------------------------------------------------------

_PAIR = re.compile(r"^[\s\u00a0]*(?:\([^()]*\)[\s\u00a0]*)?"
                   r"(?:(?:with|on|in|of|for)[\s\u00a0]+(?:the[\s\u00a0]+)?[\w-]+(?:[\s\u00a0]+[\w-]+){0,2}"
                   r"[\s\u00a0]*(?:\([^()]*\)[\s\u00a0]*)?,?[\s\u00a0]*)?"
                   r"(?:vs\.?|versus|and|or|compared\s+with)[\s\u00a0]+(?:\w+[\s\u00a0]+){0,3}$", re.I)


def _stats(text: str, figs: list[Figure], i: int) -> dict[str, Any]:
    """CI, hazard ratio and p-value that belong to figure ``i``.

    Its own CI is the one right after it. The comparison's hazard ratio and
    p-value come after the pair of figures it compares ('4.2 months versus 1.5
    months (HR 0.55; 95% CI ...; p<0.001)') and before the next comparison."""
    out: dict[str, Any] = {}
    fig = figs[i]
    nxt = figs[i + 1] if i + 1 < len(figs) else None
    if nxt is not None and nxt.role == "ci" and (nxt.start - fig.end < 12 or (
            nxt.start - fig.end < 70 and not re.search(r"[;.]|\bvs\b|\bversus\b",
                                                         text[fig.end:nxt.start]))):
        out.update(_plain(nxt.detail))
    last = i
    for j in range(i + 1, len(figs)):
        g = figs[j]
        if g.role == fig.role and fig.role in ("percent", "duration") and \
                _PAIR.match(_strip_figs(text, figs, figs[last].end, g.start)):
            last = j
            continue
        if g.role in ("ci",):
            continue
        break
    if fig.role in ("hazard-ratio", "odds-ratio"):
        last = i
    for g in figs[last + 1:]:
        if g.role in ("percent", "duration"):
            break
        if g.role == "hazard-ratio" and fig.role != "hazard-ratio" and "hazard_ratio" not in out:
            out["hazard_ratio"] = num(g.value or 0)
            k = figs.index(g)
            if k + 1 < len(figs) and figs[k + 1].role == "ci":
                out["hazard_ratio_ci"] = [num(figs[k + 1].detail["ci_low"]),
                                          num(figs[k + 1].detail["ci_high"])]
        elif g.role == "ci" and fig.role == "hazard-ratio" and "ci_low" not in out:
            out.update(_plain(g.detail))
        elif g.role == "p-value" and "p_value" not in out and "p_relation" not in out:
            out.update(_plain(g.detail))
    grades = [g.text for g in figs[:i] if g.role == "grade"]
    if grades:
        out["grade"] = grades[-1]
    return out


def _plain(detail: dict[str, Any]) -> dict[str, Any]:
    return {k: num(v) if isinstance(v, float) else v for k, v in detail.items()}


def _strip_figs(text: str, figs: list[Figure], a: int, b: int) -> str:
    """The text between two figures with CI figures inside it blanked out."""
    chars = list(text[a:b])
    for g in figs:
        if g.role == "ci" and a <= g.start and g.end <= b:
            for k in range(g.start - a, g.end - a):
                chars[k] = " "
    return "".join(chars)


def _schedule_stats(schedule: list[Figure]) -> dict[str, Any]:
    """Schedule of a dose as data: the words, days, interval and infusion time."""
    out: dict[str, Any] = {"schedule": " ".join(g.text for g in schedule)}
    for g in schedule:
        if "interval" in g.detail:
            out["interval"] = g.detail["interval"]
        elif "days" in g.detail:
            out["days"] = list(g.detail["days"])
        elif g.detail.get("duration") and g.unit:
            dur: dict[str, Any] = {"unit": g.unit}
            if g.value is not None:
                dur["value"] = num(g.value)
            else:
                dur["low"], dur["high"] = num(g.low or 0), num(g.high or 0)
            out["duration"] = dur
        elif g.value is not None and g.unit:
            out["interval"] = {"value": num(g.value), "unit": g.unit}
    return out


def _time_point(figs: list[Figure]) -> dict[str, Any] | None:
    for g in figs:
        if g.role == "time-point" and g.unit:
            tp: dict[str, Any] = {}
            if g.value is not None:
                tp["value"] = num(g.value)
            if g.low is not None:
                tp["low"], tp["high"] = num(g.low), num(g.high or g.low)
            tp["unit"] = g.unit
            return tp
    return None


def _drug_for(text: str, ther: list[Mention], figs: list[Figure], i: int) -> str | None:
    """The drug a dose belongs to: the nearest therapy named before it with no
    other dose between, else one named right after ('75 mg/m2 of doxorubicin')."""
    fig = figs[i]
    prev_doses = [g for g in figs[:i] if g.role == "dose"]
    prev_dose_end = prev_doses[-1].end if prev_doses else -1
    before = [m for m in ther if prev_dose_end <= m.start and m.end <= fig.start]
    if before:
        return before[-1].term_id
    if prev_doses and re.match(r"^[\s\u00a0]*\($", text[prev_dose_end:fig.start]):
        earlier = [m for m in ther if m.end <= prev_doses[-1].start]
        return earlier[-1].term_id if earlier else None
    after = [m for m in ther if m.start >= fig.end and re.match(r"^[\s\u00a0]*of[\s\u00a0]+$",
                                                                text[fig.end:m.start])]
    return after[0].term_id if after else None


def _schedule_for(figs: list[Figure], i: int) -> list[Figure]:
    out = []
    for g in figs[i + 1:]:
        if g.role == "dose":
            break
        if g.role == "schedule":
            out.append(g)
    return out
