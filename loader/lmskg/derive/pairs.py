"""The pairs of claims the agreement questions compare, found through an index.

Two claims are compared when they are about related regimens (the same, a variant, or a
class and a member: one reaches the other through ``broader``) and either both take a
stance on it (for or against; outcome claims are compared by their figures instead), or
both give a figure for the same measure, unit and time point (a result of one arm of a
study counts as an outcome of the arm's regimen; results of one study in different
subgroups are not compared, nor across two descriptions of one trial the whole trial and
a subgroup, and a comparison of two arms names no regimen, so it is
never compared). Their contexts must not
exclude each other: for every kind of context whose values are linked (disease, site,
biomarker, line, timing, intent), some value of one is the same as, or broader or
narrower than, some value of the other. Where contexts differ, the pair says how.

Claims are grouped by regimen and by what they are compared on; each claim meets only
claims of its own regimen and of the regimens above it, and in long lists only its nearest
neighbours in two sorted orders (:func:`claim_pairs`), so the pairs grow with the number
of claims, not with its square.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Iterator
from decimal import Decimal

from ..curated.contexts import in_display_order
from ..curated.corpus import SourceFile
from ..curated.records import Claim, Quantity
from ..transform.trials import arm_regimen
from .disjoint import DisjointSets
from .hierarchy import Hierarchy
from .origin import Origin, Origins

OPPOSITE, SAME_STANCE, FIGURES = "opposite-stances", "same-stance", "two-figures"
SAME_REGIMEN, VARIANT, CLASS_AND_MEMBER = "same-regimen", "variant", "class-and-member"
DEFAULT_TOLERANCE = Decimal(10)  # percent; the questions' default, used to count sources
STANCES = ("for", "against")
INFINITY = Decimal("Infinity")
# claim types whose class is lms:OutcomeClaim or below it (a test holds this to the ontology)
OUTCOME_TYPES = ("outcome", "arm-result")
WINDOW = 4  # a claim of a long list meets the WINDOW claims after it, in each of two orders
SMALL = 2 * WINDOW + 1  # lists this short are compared all with all


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
    return (c.type in OUTCOME_TYPES and c.measure is not None and c.figure is not None
            and (c.time_point is None or c.time_point.value is not None))


def _stance_claim(c: Claim) -> bool:
    return c.type not in OUTCOME_TYPES and c.direction in STANCES


def _other_population_of_one_study(a: Claim, b: Claim, origins: Origins) -> bool:
    """Results of one study in different populations (the whole study and a subgroup, or
    two subgroups): a subgroup's result is the subgroup's, not a second word on the study's.
    Two descriptions of one trial name their subgroups each in its own words, so across
    them only the whole trial and a subgroup are told apart."""
    if a.study is None or b.study is None:
        return False
    if a.study == b.study:
        return a.subgroup != b.subgroup
    return (a.subgroup is None) != (b.subgroup is None) and \
        bool(origins.trials.shared(a.id, b.id))


def comparison_key(c: Claim) -> tuple | None:
    """What a claim is compared on: its stance, or its measure, unit and time point."""
    if _stance_claim(c):
        return ("stance",)
    if _figure_claim(c):
        return ("figure", c.measure, c.unit, _time_key(c))
    return None


def claim_pairs(sources: list[SourceFile], h: Hierarchy, origins: Origins | None = None,
                dates: dict[str, str] | None = None) -> list[Pair]:
    """The pairs of claims to compare, in order of their ids.

    Claims are grouped by regimen and comparison key; each claim meets the claims of its
    own group and of the groups of the regimens above it. A short list of such claims
    (at most :data:`SMALL`) is compared all with all. A longer one is swept in two
    orders, each claim meeting the :data:`WINDOW` claims after it (the sorted
    neighbourhood method of record linkage): by context, then figure or stance (claims
    that agree, and where the figures part), and by context, then date (claims of the
    same time, whatever they say). So the pairs grow with the claims, not their square.
    """
    origins = origins or Origins({})
    dates = dates or {}
    groups: dict[tuple[str, tuple], list[Claim]] = defaultdict(list)
    for src in sources:
        for c in src.record.claims:
            regimen = arm_regimen(src.record, c)  # a result of one arm: the arm's regimen
            key = comparison_key(c) if regimen is not None else None
            if key is not None:
                groups[(regimen, key)].append(
                    c if regimen == c.regimen else replace(c, regimen=regimen))
    pairs: dict[tuple[str, str], Pair] = {}
    for (regimen, key), own in sorted(groups.items(), key=lambda kv: repr(kv[0])):
        related = [d for up in sorted(h.regimen_up(regimen)) for d in groups.get((up, key), ())]
        for c, d in _neighbours(own, related, h, dates):
            a, b = (c, d) if c.id < d.id else (d, c)
            if (a.id, b.id) not in pairs:
                if _other_population_of_one_study(a, b, origins):
                    continue
                pair = _compare(a, b, h, origins.between(a.id, b.id))
                if pair is not None:
                    pairs[(a.id, b.id)] = pair
    return [pairs[k] for k in sorted(pairs)]


def _neighbours(own: list[Claim], related: list[Claim], h: Hierarchy,
                dates: dict[str, str]) -> Iterator[tuple[Claim, Claim]]:
    """Pairs of a group's claims with each other and with the claims of broader regimens."""
    everyone = own + related
    mine = {c.id for c in own}
    if len(everyone) <= SMALL:
        for i, c in enumerate(everyone):
            for d in everyone[i + 1:]:
                if c.id in mine or d.id in mine:
                    yield c, d
        return
    signature = {c.id: _context_signature(c) for c in everyone}
    orders = (lambda c: (signature[c.id], _position(c), dates.get(c.id, ""), c.id),
              lambda c: (signature[c.id], dates.get(c.id, ""), c.id))
    for order in orders:
        ranked = sorted(everyone, key=order)
        for i, c in enumerate(ranked):
            for d in ranked[i + 1:i + 1 + WINDOW]:
                if c.id in mine or d.id in mine:
                    yield c, d


def _context_signature(c: Claim) -> tuple:
    return tuple((kind.key, tuple(sorted(c.context.values(kind.key))))
                 for kind in in_display_order())


def _position(c: Claim) -> tuple:
    """Where a claim sits among claims of one key: its stance, or its figure's range."""
    if c.figure is None:
        return (c.direction or "",)
    low, high = bounds(c.figure, c.qualifiers)
    return (low, high)


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
    agreeing = [p for p in pairs if agrees(p)]
    claims = DisjointSets()
    for p in agreeing:
        claims.union(p.first.id, p.second.id)
    # sources are merged within one group of agreeing claims only: (group, source) nodes
    origins = DisjointSets()
    for p in agreeing:
        if p.origin is not None:
            group = claims.find(p.first.id)
            origins.union((group, owner[p.first.id]), (group, owner[p.second.id]))
    members: dict[str, set[str]] = defaultdict(set)
    for p in agreeing:
        members[claims.find(p.first.id)] |= {p.first.id, p.second.id}
    counts = {group: len({origins.find((group, owner[c])) for c in ids})
              for group, ids in members.items()}
    return [Pair(**{**p.__dict__, "independent_sources": counts[claims.find(p.first.id)]})
            if agrees(p) else p for p in pairs]

