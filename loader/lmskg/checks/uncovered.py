"""Figures and drug mentions of a curated source that no claim covers, found by the
extractor (:mod:`lmskg.extract.mentions`), so that a curator does not miss a number.

A figure is covered when a claim whose quote contains it records one of its numbers (its
figure, CI, p-value, counts or time point); a drug mention when a claim whose quote
contains it names the drug (as a therapy, a regimen's component, a prior therapy, or the
regimen of a result's arm). Anything inside a study's anchored value, the source's
metadata, a reference-list entry or an ``unclaimed`` passage (whose reason the curator
gave) is accounted for. What is left is listed in ``build/coverage.md``; it is advice, not
a failure.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..curated.anchors import anchors_of
from ..curated.corpus import SourceFile
from ..curated.load import Curated
from ..curated.records import Claim, Quantity
from ..extract.mentions import Found, drugs_of, figures_of
from ..extract.vocabulary import from_curated


@dataclass(frozen=True)
class Uncovered:
    source_id: str
    found: Found


def _numbers(q: Quantity | None) -> set[float]:
    return {float(v) for v in (q.value, q.low, q.high) if v is not None} if q else set()


def _claim_numbers(c: Claim, curated: Curated) -> set[float]:
    """The numbers a claim records: figure, statistics, time point, and the dose and
    interval of its regimen."""
    out = {float(v) for _, v in c.figure_fields} | {float(v) for _, v in c.statistic_fields}
    out |= _numbers(c.time_point)
    regimen = curated.vocab.regimens.get(c.regimen or "")
    if regimen is not None:
        out |= _numbers(regimen.dose) | _numbers(regimen.interval)
    return out


def _claim_drugs(rec: Source, c: Claim, curated: Curated) -> set[str]:
    regimens = curated.vocab.regimens
    named = set(c.therapies) | set(c.prior_therapies)
    study = rec.study(c.study)
    arms = {a.key: a.regimen for a in (study.arms if study else ())}
    for rid in (c.regimen, arms.get(c.arm or ""), arms.get(c.comparator_arm or ""),
                *c.prior_regimens):
        if rid and rid in regimens:
            named |= {rid, *regimens[rid].components}
    return named


def uncovered_in(src: SourceFile, curated: Curated, found: list[Found]) -> list[Found]:
    rec = src.record
    accounted = [(a.start, a.end) for a in anchors_of(rec) if a.kind not in ("claim",
                                                                              "claim-date")]
    claims = [(c.start, c.end, _claim_numbers(c, curated), _claim_drugs(rec, c, curated))
              for c in rec.claims]
    markers = {c.marker for c in rec.citations}
    therapies = curated.vocab.table("therapies")
    out = []
    for f in found:
        if any(a <= f.start and f.end <= b for a, b in accounted):
            continue
        if f.what == "number" and f.text in markers:
            continue  # a citation marker the source declares ('as supported by 1.')
        inside = [(nums, drugs) for a, b, nums, drugs in claims if a <= f.start and f.end <= b]
        if f.what == "drug":
            term = therapies.get(f.term or "")
            names = {f.term, *(term.in_class if term else ())}
            if any(names & drugs for _, drugs in inside):
                continue
        elif any({float(n) for n in f.numbers} & nums for nums, _ in inside):
            continue
        out.append(f)
    return out


def uncovered(curated: Curated) -> list[Uncovered]:
    """Every figure and drug mention of every curated source that no claim covers."""
    vocab = from_curated(curated.vocab)
    out = []
    for src in curated.sources:
        if src.document is None:
            continue
        text = src.document.text
        found = sorted(figures_of(text) + drugs_of(text, vocab), key=lambda f: (f.start, f.end))
        out += [Uncovered(src.record.id, f) for f in uncovered_in(src, curated, found)]
    return out


def report_section(items: list[Uncovered], source_id: str) -> list[str]:
    """The lines of a source's section of build/coverage.md (empty when all is covered)."""
    mine = [u.found for u in items if u.source_id == source_id]
    if not mine:
        return []
    out = ["Figures and drug mentions no claim covers (found by `lmskg extract`; check each):",
           ""]
    for f in mine:
        what = f"drug ({f.term})" if f.what == "drug" else f"figure ({f.what})"
        out.append(f"- [{f.start}-{f.end}] {what}: {f.text}")
    return out + [""]
