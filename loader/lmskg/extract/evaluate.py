"""Comparing drafted candidates with curated claims, and with practice figures.

A candidate matches a curated claim when
- their quotes overlap (the offset spans intersect),
- their therapies agree: they share a therapy once regimens are expanded to
  their components, or neither names any, and
- their numbers agree: the sets {value, low, high} are equal (both empty for
  claims without a figure).
Precision counts candidates that match some curated claim; recall counts
curated claims that some candidate matches ('any' matching). A stricter
one-to-one figure pairs each candidate with at most one claim (maximum
bipartite matching) and is reported beside it.

A curated result of a study arm names its arm, not a regimen: :func:`with_arm_regimens`
gives it the arm's regimen (and a comparison both arms'), as the graph does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .vocabulary import Vocabulary

NUMBER_KEYS = ("value", "low", "high")


def with_arm_regimens(source: dict[str, Any]) -> list[dict[str, Any]]:
    """The curated claims of a source, each result of an arm with its arm's regimen (and
    the comparator arm's, under ``compared_regimen``)."""
    arms = {(st.get("id"), a.get("key")): a.get("regimen")
            for st in source.get("studies") or () for a in st.get("arms") or ()}
    out = []
    for claim in source.get("claims") or ():
        claim = dict(claim)
        if claim.get("arm") and not claim.get("regimen"):
            claim["regimen"] = arms.get((claim.get("study"), claim["arm"]))
        if claim.get("comparator_arm"):
            claim["compared_regimen"] = arms.get((claim.get("study"), claim["comparator_arm"]))
        out.append(claim)
    return out


def therapies_of(claim: dict[str, Any], vocab: Vocabulary) -> set[str]:
    """Therapies of a claim with its regimen expanded to components."""
    out = set(claim.get("therapies") or [])
    for key in ("regimen", "compared_regimen"):
        if claim.get(key):
            out |= vocab.components(claim[key])
    return out


def numbers_of(claim: dict[str, Any]) -> set[float]:
    """The claim's figure; for a candidate whose figure the curated format could not hold
    (no measure recognised: ``draft.figure_unsaid``), that figure, which the curator sees
    beside it."""
    figure = claim
    unsaid = (claim.get("draft") or {}).get("figure_unsaid")
    if unsaid and not any(claim.get(k) is not None for k in NUMBER_KEYS):
        figure = unsaid
    return {round(float(figure[k]), 6) for k in NUMBER_KEYS if figure.get(k) is not None}


def is_numeric(claim: dict[str, Any]) -> bool:
    return bool(numbers_of(claim))


def overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def matches(cand: dict[str, Any], cur: dict[str, Any], vocab: Vocabulary) -> bool:
    if not overlaps(cand, cur):
        return False
    ta, tb = therapies_of(cand, vocab), therapies_of(cur, vocab)
    if (ta or tb) and not (ta & tb):
        return False
    return numbers_of(cand) == numbers_of(cur)


def _max_matching(edges: dict[int, list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (candidate -> curated), by augmenting paths."""
    owner: dict[int, int] = {}

    def augment(c: int, seen: set[int]) -> bool:
        for k in edges.get(c, []):
            if k in seen:
                continue
            seen.add(k)
            if k not in owner or augment(owner[k], seen):
                owner[k] = c
                return True
        return False

    for c in edges:
        augment(c, set())
    return {c: k for k, c in owner.items()}


@dataclass
class SourceResult:
    """The comparison of one source's draft with its curated claims."""

    source: str
    candidates: list[dict[str, Any]]
    curated: list[dict[str, Any]]
    edges: dict[int, list[int]] = field(default_factory=dict)
    pairs: dict[int, int] = field(default_factory=dict)  # one-to-one

    @property
    def matched_candidates(self) -> set[int]:
        return {c for c, ks in self.edges.items() if ks}

    @property
    def matched_curated(self) -> set[int]:
        return {k for ks in self.edges.values() for k in ks}


def compare(source: str, candidates: list[dict[str, Any]], curated: list[dict[str, Any]],
            vocab: Vocabulary) -> SourceResult:
    res = SourceResult(source, candidates, curated)
    for i, c in enumerate(candidates):
        res.edges[i] = [k for k, cur in enumerate(curated) if matches(c, cur, vocab)]
    res.pairs = _max_matching(res.edges)
    return res


@dataclass
class Counts:
    tp_cand: int = 0
    n_cand: int = 0
    tp_cur: int = 0
    n_cur: int = 0
    one_to_one: int = 0

    def add(self, other: "Counts") -> None:
        for k in ("tp_cand", "n_cand", "tp_cur", "n_cur", "one_to_one"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def precision(self) -> float | None:
        return self.tp_cand / self.n_cand if self.n_cand else None

    @property
    def recall(self) -> float | None:
        return self.tp_cur / self.n_cur if self.n_cur else None

    @property
    def p11(self) -> float | None:
        return self.one_to_one / self.n_cand if self.n_cand else None

    @property
    def r11(self) -> float | None:
        return self.one_to_one / self.n_cur if self.n_cur else None


def counts(res: SourceResult, cand_filter: Any = None, cur_filter: Any = None) -> Counts:
    """Counts for the candidates and curated claims that pass the filters."""
    cf = cand_filter or (lambda c: True)
    kf = cur_filter or (lambda k: True)
    cands = [i for i, c in enumerate(res.candidates) if cf(c)]
    curs = [k for k, c in enumerate(res.curated) if kf(c)]
    mc, mk = res.matched_candidates, res.matched_curated
    return Counts(
        tp_cand=sum(1 for i in cands if i in mc), n_cand=len(cands),
        tp_cur=sum(1 for k in curs if k in mk), n_cur=len(curs),
        one_to_one=sum(1 for i, k in res.pairs.items() if i in cands and k in curs))


def agreement(results: Iterable[SourceResult], key: str) -> tuple[int, int]:
    """Among one-to-one pairs, how many agree on ``key`` (type, direction ...)."""
    same = total = 0
    for res in results:
        for i, k in res.pairs.items():
            total += 1
            same += res.candidates[i].get(key) == res.curated[k].get(key)
    return same, total
