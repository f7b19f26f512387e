"""Claims of different sources that likely repeat one origin.

Two sources that copy one text, or rest on one cited work, are not two confirmations.
A pair of claims of different sources likely shares an origin when

- their quotes are near-identical: the same words in nearly the same order (a ratio of
  at least :data:`SIMILAR` over at least :data:`MIN_WORDS` words, so that short stock
  phrases do not count) and the same recorded figures (two sentences of one template
  that report different numbers are two reports, not a copy); or
- both cite the same work (a stated, inferred or candidate mapping; the basis says which); or
- both report one trial (:mod:`.one_trial`): results of two descriptions of it, or a
  result and a review's sentence that cites the trial's publication.

Near-identical quotes are found by prefix filtering, the exact method of similarity joins
(Chaudhuri et al. 2006; Bayardo et al. 2007): words are ordered rarest first, and two
quotes whose word bags overlap enough to reach the ratio must share a word among the
first few of each; only such pairs are compared word by word. No pair is missed and
the quotes are never compared all with all. Citing one work is only asked of the pairs
the agreement questions compare (:mod:`.pairs`): a work cited by thousands of claims
would otherwise make millions of marks that nobody reads.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..curated.corpus import SourceFile
from ..curated.records import Claim
from .one_trial import Trials, trials

SIMILAR = 0.85
MIN_WORDS = 6
# A word that this many quotes already hold in their rarest few is boilerplate: further
# quotes are not indexed under it (they still are under their rarer words).
COMMON = 200
_WORD = re.compile(r"[^\W_]+")
# Word bags at this Dice coefficient have at least this Jaccard coefficient.
_JACCARD = SIMILAR / (2 - SIMILAR)


@dataclass(frozen=True)
class Origin:
    """Why two claims (ids in sorted order) likely share an origin."""

    first: str
    second: str
    basis: str


@dataclass(frozen=True)
class Origins:
    """What is known of the origins of the claims of a build."""

    copies: dict[tuple[str, str], Origin]  # near-identical quotes, by sorted id pair
    owner: dict[str, str] = field(default_factory=dict)  # claim id -> source id
    cited: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    trials: Trials = field(default_factory=lambda: Trials({}, {}))

    def between(self, a: str, b: str) -> Origin | None:
        """Why claims ``a`` and ``b`` likely share an origin, or None."""
        first, second = sorted((a, b))
        reasons = []
        copy = self.copies.get((first, second))
        if copy is not None:
            reasons.append(copy.basis)
        if self.owner.get(first) != self.owner.get(second):
            shared = {ref for ref, _ in self.cited.get(first, ())} & \
                     {ref for ref, _ in self.cited.get(second, ())}
            for ref in sorted(shared):
                how = sorted({m for r, m in self.cited[first] | self.cited[second] if r == ref})
                reasons.append(f"both cite {ref} ({', '.join(how)} mapping)")
            reasons.extend(f"both report one trial ({what})"
                           for what in self.trials.shared(first, second))
        return Origin(first, second, "; ".join(reasons)) if reasons else None


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def similarity(a: list[str], b: list[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def same_origin(sources: list[SourceFile]) -> Origins:
    """The near-identical quotes of different sources, what every claim cites, and the
    trials the claims report."""
    owner: dict[str, str] = {}
    quotes: dict[str, str] = {}
    figures: dict[str, tuple] = {}
    cited: dict[str, frozenset[tuple[str, str]]] = {}
    for src in sources:
        by_marker = {c.marker: c for c in src.record.citations}
        for claim in src.record.claims:
            owner[claim.id] = src.record.id
            quotes[claim.id] = claim.quote
            figures[claim.id] = recorded_figures(claim)
            works = {(c.reference, c.mapping) for m in claim.cites
                     if (c := by_marker.get(m)) is not None and c.reference
                     and c.mapping != "unresolved"}
            if works:
                cited[claim.id] = frozenset(works)
    return Origins(near_copies(quotes, owner, figures), owner, cited, trials(sources))


def recorded_figures(claim: Claim) -> tuple:
    """The numbers a claim records (not those of its quote, which include citation
    markers): figure, range, unit and time point."""
    return (claim.value, claim.low, claim.high, claim.unit, claim.time_point)


def near_copies(quotes: dict[str, str], owner: dict[str, str],
                figures: dict[str, tuple] | None = None) -> dict[tuple[str, str], Origin]:
    """(first id, second id) -> why, for every pair of quotes of different sources that
    are near-identical and record the same figures."""
    tokens = {cid: words(q) for cid, q in quotes.items()}
    found = {}
    for a, b in sorted(_candidates(tokens, owner, figures or {})):
        ratio = similarity(tokens[a], tokens[b])
        if ratio >= SIMILAR:
            found[(a, b)] = Origin(a, b, f"near-identical wording (similarity {ratio:.2f})")
    return found


def _bag(ws: list[str]) -> frozenset[tuple[str, int]]:
    """A word list as a set: the k-th 'the' is ('the', k)."""
    seen: Counter[str] = Counter()
    out = []
    for w in ws:
        seen[w] += 1
        out.append((w, seen[w]))
    return frozenset(out)


def _candidates(tokens: dict[str, list[str]], owner: dict[str, str],
                figures: dict[str, tuple]) -> set[tuple[str, str]]:
    """Pairs of claims of different sources, with the same recorded figures, whose word
    bags reach :data:`SIMILAR`.

    The all-pairs join with positional filtering (PPJoin, Xiao et al. 2008): claims are
    taken shortest first, their words rarest first; a claim is indexed under the first
    few words of its bag and probes with the first several (its prefixes), and meets,
    through that index, the earlier claims that share a prefix word, are long enough, and
    can still reach the overlap given where in both bags the shared word sits. Survivors
    are checked exactly. Word bags at Dice :data:`SIMILAR` have Jaccard :data:`_JACCARD`,
    which is what the filters bound. Exact but for boilerplate: a quote whose every indexed
    word is already held by :data:`COMMON` quotes is not found by later copies of it.

    The index keeps, for each word and each position in the indexed claim's prefix, the
    claims in order of length; the lengths that can reach the overlap from the word's
    positions in both claims form one range, found by bisection, so claims that cannot
    are never visited. Every claim met is checked exactly, however many words it shares:
    counting shared words to drop a claim early undercounts where :data:`COMMON` kept a
    claim out of a word's list, and lost 85 true pairs at 100,000 synthetic claims.
    """
    bags = {cid: _bag(ws) for cid, ws in tokens.items() if len(ws) >= MIN_WORDS}
    frequency: Counter[tuple[str, int]] = Counter(t for bag in bags.values() for t in bag)
    rank = {t: i for i, t in enumerate(sorted(frequency, key=lambda t: (frequency[t], t)))}
    share = _JACCARD / (1 + _JACCARD)  # of the two lengths together, the overlap needed
    # (figures, word) -> position in the indexed claim's prefix -> (lengths, claim ids),
    # each in the order claims were indexed: shortest first
    index: dict[tuple, list[tuple[list[int], list[str]]]] = {}
    held: Counter[tuple] = Counter()  # claims indexed under each (figures, word)
    pairs = set()
    # each bag as the ranks of its words: the exact check intersects these
    ranked = {cid: frozenset(rank[t] for t in bag) for cid, bag in bags.items()}
    for n, cid in sorted((len(bag), cid) for cid, bag in bags.items()):
        ranks = sorted(ranked[cid])
        figs = figures.get(cid)
        shortest = _JACCARD * n
        # later claims are no shorter, so fewer words need indexing than probing
        indexed = n - math.ceil(2 * share * n) + 1
        seen: set[str] = set()  # earlier claims met: the exact check decides
        for i in range(n - math.ceil(_JACCARD * n) + 1):
            key = (figs, ranks[i])
            by_position = index.get(key)
            if by_position is not None:
                # a first shared word at position i here and j there leaves room for an
                # overlap of 1 + min(n - i - 1, m - j - 1): at least share * (n + m)
                longest = (n - i) / share - n + 1e-9
                for j, (lengths, ids) in enumerate(by_position):
                    least = max(shortest, (share * n + j) / (1 - share) - 1e-9)
                    if least > longest:
                        break  # larger j only asks more
                    seen.update(ids[bisect_left(lengths, least):bisect_right(lengths, longest)])
            if i < indexed and held[key] < COMMON:
                held[key] += 1
                by_position = index.setdefault(key, [])
                while len(by_position) <= i:
                    by_position.append(([], []))
                by_position[i][0].append(n)
                by_position[i][1].append(cid)
        mine, own = ranked[cid], owner[cid]
        for other in seen:
            theirs = ranked[other]
            if owner[other] != own and 2 * len(mine & theirs) >= SIMILAR * (n + len(theirs)):
                pairs.add((cid, other) if cid < other else (other, cid))
    return pairs
