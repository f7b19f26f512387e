"""The pairs of claims the agreement questions compare, found through an index.

Two claims are compared when they are about related regimens (the same, a variant, or a
class and a member: one reaches the other through ``broader``) and either both take a
stance on it (for or against; outcome claims are compared by their figures instead), or
both give a figure for the same measure, unit and time point. Their contexts must not
exclude each other: for every kind of context whose values are linked (disease, site,
biomarker, line, timing, intent), some value of one is the same as, or broader or
narrower than, some value of the other. Where contexts differ, the pair says how.

Claims are grouped by regimen; each claim meets only the claims of its own regimen and of
the regimens above it, so the work grows with the claims about related regimens, not with
the square of all claims.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..curated.contexts import in_display_order
from ..curated.corpus import SourceFile
from ..curated.records import Claim, Quantity
from .hierarchy import Hierarchy
from .origin import Origin

OPPOSITE, SAME_STANCE, FIGURES = "opposite-stances", "same-stance", "two-figures"
SAME_REGIMEN, VARIANT, CLASS_AND_MEMBER = "same-regimen", "variant", "class-and-member"
DEFAULT_TOLERANCE = Decimal(10)  # percent; the questions' default, used to count sources
STANCES = ("for", "against")
INFINITY = Decimal("Infinity")


@dataclass(frozen=True)
class Pair:
    first: Claim
    second: Claim
    kind: str
    relation: str
    differences: tuple[str, ...]
    gap: Decimal | None  # two figures: percent by which both must widen to meet
    origin: Origin | None
    independent_sources: int | None = None


def _regimen_relation(a: str, b: str, h: Hierarchy) -> str | None:
    if a == b:
        return SAME_REGIMEN
    broader = a if a in h.regimen_up(b) else b if b in h.regimen_up(a) else None
    if broader is None:
        return None
    return CLASS_AND_MEMBER if h.regimen_is_class.get(broader) else VARIANT


def context_differences(a: Claim, b: Claim, h: Hierarchy) -> tuple[str, ...] | None:
    """How the contexts of two claims differ (empty: the same); None if they exclude each
    other (two unrelated values of a linked kind)."""
    out = []
    for kind in in_display_order():
        va, vb = a.context.values(kind.key), b.context.values(kind.key)
        if not va and not vb:
            continue
        if not va or not vb:
            stated, who = (va, a.id) if va else (vb, b.id)
            out.append(f"{kind.key}: {'; '.join(stated)} stated by {who} only")
            continue
        if set(va) & set(vb):
            continue
        a_broader = any(x in h.context_up(kind.key, y) for x in va for y in vb)
        b_broader = any(y in h.context_up(kind.key, x) for x in va for y in vb)
        if a_broader or b_broader:
            wide, narrow = (va, vb) if a_broader else (vb, va)
            out.append(f"{kind.key}: {'; '.join(narrow)} is narrower than {'; '.join(wide)}")
        elif kind.linked:
            return None
        else:
            out.append(f"{kind.key}: {'; '.join(va)} and {'; '.join(vb)} are not linked")
    return tuple(out)


def bounds(q: Quantity, qualifiers: tuple[str, ...]) -> tuple[Decimal, Decimal]:
    """The range a figure covers ('up to x' spans 0 to x, 'at least x' x and above)."""
    low = Decimal(str(q.low if q.low is not None else q.value))
    high = Decimal(str(q.high if q.high is not None else q.value))
    if "upper-bound" in qualifiers:
        low = Decimal(0)
    if "lower-bound" in qualifiers:
        high = INFINITY
    return low, high


def gap_percent(a: Claim, b: Claim) -> Decimal:
    """The percent by which both ranges must be widened before they meet (0: they meet)."""
    (lo_a, hi_a), (lo_b, hi_b) = bounds(a.figure, a.qualifiers), bounds(b.figure, b.qualifiers)
    if lo_b > hi_a:
        lo, hi = lo_b, hi_a
    elif lo_a > hi_b:
        lo, hi = lo_a, hi_b
    else:
        return Decimal(0)
    return (100 * (lo - hi) / (lo + hi)).quantize(Decimal("0.01"))


def _time_key(c: Claim) -> tuple | None:
    tp = c.time_point
    return None if tp is None else (str(tp.value), tp.unit)


def _figure_claim(c: Claim) -> bool:
    return (c.type == "outcome" and c.measure is not None and c.figure is not None
            and (c.time_point is None or c.time_point.value is not None))


def _stance_claim(c: Claim) -> bool:
    return c.type != "outcome" and c.direction in STANCES


def claim_pairs(sources: list[SourceFile], h: Hierarchy,
                origins: dict[tuple[str, str], Origin]) -> list[Pair]:
    """Every pair of claims to compare, in order of their ids."""
    by_regimen: dict[str, list[Claim]] = defaultdict(list)
    for src in sources:
        for c in src.record.claims:
            if c.regimen is not None and (_figure_claim(c) or _stance_claim(c)):
                by_regimen[c.regimen].append(c)
    pairs: dict[tuple[str, str], Pair] = {}
    for regimen, claims in sorted(by_regimen.items()):
        for c in claims:
            for other_regimen in sorted({regimen} | h.regimen_up(regimen)):
                for d in by_regimen.get(other_regimen, ()):
                    if d.id != c.id:
                        a, b = sorted((c, d), key=lambda x: x.id)
                        if (a.id, b.id) not in pairs:
                            pair = _compare(a, b, h, origins.get((a.id, b.id)))
                            if pair is not None:
                                pairs[(a.id, b.id)] = pair
    return [pairs[k] for k in sorted(pairs)]


def _compare(a: Claim, b: Claim, h: Hierarchy, origin: Origin | None) -> Pair | None:
    relation = _regimen_relation(a.regimen, b.regimen, h)
    if relation is None:
        return None
    if _stance_claim(a) and _stance_claim(b):
        kind, gap = (SAME_STANCE if a.direction == b.direction else OPPOSITE), None
    elif (_figure_claim(a) and _figure_claim(b) and a.measure == b.measure
          and a.unit == b.unit and _time_key(a) == _time_key(b)):
        kind, gap = FIGURES, gap_percent(a, b)
    else:
        return None
    differences = context_differences(a, b, h)
    if differences is None:
        return None
    return Pair(a, b, kind, relation, differences, gap, origin)


def agrees(pair: Pair, tolerance: Decimal = DEFAULT_TOLERANCE) -> bool:
    return pair.kind == SAME_STANCE or (pair.kind == FIGURES and pair.gap <= tolerance)


def with_independent_sources(pairs: list[Pair], owner: dict[str, str]) -> list[Pair]:
    """Each agreeing pair with the number of independent origins among every claim that
    agrees with it, directly or through others (at the default tolerance): claims of one
    source are one origin, and sources whose claims likely share an origin count once."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    agreeing = [p for p in pairs if agrees(p)]
    for p in agreeing:
        parent[find(p.first.id)] = find(p.second.id)
    groups: dict[str, set[str]] = defaultdict(set)
    for p in agreeing:
        groups[find(p.first.id)] |= {p.first.id, p.second.id}
    counts = {}
    for root, claims in groups.items():
        origin_of = {owner[c]: owner[c] for c in claims}

        def merge(s: str, t: str) -> None:
            rs, rt = _root(origin_of, s), _root(origin_of, t)
            origin_of[rs] = rt

        for p in agreeing:
            if p.origin is not None and p.first.id in claims:
                merge(owner[p.first.id], owner[p.second.id])
        counts[root] = len({_root(origin_of, s) for s in origin_of})
    return [Pair(**{**p.__dict__, "independent_sources": counts[find(p.first.id)]})
            if agrees(p) else p for p in pairs]


def _root(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        x = parent[x]
    return x
