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

For the practice texts a manifest figure is found when, for each occurrence
of its span, every expected number is held by the figure fields of a
candidate whose quote contains that occurrence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from .vocabulary import Vocabulary

NUMBER_KEYS = ("value", "low", "high")


def therapies_of(claim: dict[str, Any], vocab: Vocabulary) -> set[str]:
    """Therapies of a claim with its regimen expanded to components."""
    out = set(claim.get("therapies") or [])
    if claim.get("regimen"):
        out |= vocab.components(claim["regimen"])
    return out


def numbers_of(claim: dict[str, Any]) -> set[float]:
    return {round(float(claim[k]), 6) for k in NUMBER_KEYS if claim.get(k) is not None}


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


# --- practice figures --------------------------------------------------------

def _figure_numbers(claim: dict[str, Any], strict: bool = False) -> set[float]:
    """Every number a candidate's figure fields hold; ``strict``: only its own
    figure (value, low, high), time point and statistics, not the list of every
    figure of its quote."""
    out = set(numbers_of(claim))
    tp = claim.get("time_point") or {}
    out |= {float(tp[k]) for k in NUMBER_KEYS if tp.get(k) is not None}
    draft = claim.get("draft") or {}
    for key, v in (draft.get("stats") or {}).items():
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out.add(float(v))
        elif isinstance(v, list):
            out |= {float(x) for x in v if isinstance(x, (int, float))}
        elif isinstance(v, dict):
            out |= {float(x) for x in v.values() if isinstance(x, (int, float))}
    for fig in [] if strict else draft.get("figures") or []:
        for key, v in fig.items():
            if key in ("start", "end", "text", "role"):
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                out.add(float(v))
            elif isinstance(v, list):
                out |= {float(x) for x in v if isinstance(x, (int, float))}
            elif isinstance(v, dict):
                out |= {float(x) for x in v.values() if isinstance(x, (int, float))}
    return {round(x, 6) for x in out}


def occurrences(text: str, span: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(span)) for m in re.finditer(re.escape(span), text)]


def fact_found(text: str, fact: dict[str, Any], source: dict[str, Any],
               strict: bool = False) -> tuple[int, int]:
    """(occurrences found, occurrences) of one manifest fact."""
    occ = occurrences(text, fact["span"])
    claims = source.get("claims", [])
    found = 0
    for a, b in occ:
        around = [c for c in claims if c["start"] <= a and b <= c["end"]]
        kind = fact["kind"]
        if kind == "date":
            ok = _date_found(fact, a, b, source, around)
        elif kind == "identifier":
            ok = any(f.get("role") == "identifier" and f["start"] <= a and b <= f["end"]
                     for c in around for f in (c.get("draft") or {}).get("figures") or [])
        elif kind == "citation":
            ok = any(fact["marker"] in (c.get("cites") or []) for c in around) or \
                any(fact["marker"] in (c.get("cites") or []) and 0 <= a - c["end"] <= 3
                    for c in claims) or \
                any(cit.get("marker") == fact["marker"]
                    and (cit.get("cited_as") or {}).get("start", 1e9) <= a
                    and b <= (cit.get("cited_as") or {}).get("end", -1)
                    for cit in source.get("citations") or [])
        elif kind == "bibliographic":
            ok = any((cit.get("cited_as") or {}).get("start", 1e9) <= a
                     and b <= (cit.get("cited_as") or {}).get("end", -1)
                     for cit in source.get("citations") or [])
        else:
            want = {round(float(v), 6) for v in fact["values"]}
            held: set[float] = set()
            for c in around:
                held |= _figure_numbers(c, strict)
            ok = want <= held
        found += bool(ok)
    return found, len(occ)


def _date_found(fact: dict[str, Any], a: int, b: int, source: dict[str, Any],
                around: list[dict[str, Any]]) -> bool:
    want = set(fact["dates"])
    have: set[str] = set()
    for d in source.get("dates") or []:
        if d["start"] >= a - 1 and d["end"] <= b + 1:
            have.add(str(d["value"]))
    for c in around:
        for f in (c.get("draft") or {}).get("figures") or []:
            if f.get("role") == "date" and a <= f["start"] and f["end"] <= b:
                have.add(str(f.get("date")))
    return want <= have


def practice_recall(text: str, facts: list[dict[str, Any]], source: dict[str, Any],
                    strict: bool = False) -> dict[str, list[int]]:
    """Per kind: [found, total] over fact occurrences."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for fact in facts:
        f, n = fact_found(text, fact, source, strict)
        out[fact["kind"]][0] += f
        out[fact["kind"]][1] += n
    return dict(out)
