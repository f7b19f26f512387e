"""Claims of different sources that likely repeat one origin.

Two sources that copy one text, or rest on one cited work, are not two confirmations.
A pair of claims of different sources is marked when

- their quotes are near-identical: the same words in nearly the same order (a ratio of
  at least :data:`SIMILAR` over at least :data:`MIN_WORDS` words, so that short stock
  phrases do not count), or
- both cite the same work (a stated, inferred or candidate mapping; the basis says which).

Candidates are found through an index of word trigrams, so the quotes are not compared
all with all; trigrams shared by very many claims (boilerplate) are skipped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from ..curated.corpus import SourceFile

SIMILAR = 0.85
MIN_WORDS = 6
COMMON = 200  # a trigram shared by more claims than this says nothing about origin
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Origin:
    """Why two claims (ids in sorted order) likely share an origin."""

    first: str
    second: str
    basis: str


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def similarity(a: list[str], b: list[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def same_origin(sources: list[SourceFile]) -> dict[tuple[str, str], Origin]:
    """(first id, second id) -> why, for every pair of claims of different sources that
    likely share an origin."""
    owner: dict[str, str] = {}
    tokens: dict[str, list[str]] = {}
    cited: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for src in sources:
        by_marker = {c.marker: c for c in src.record.citations}
        for claim in src.record.claims:
            owner[claim.id] = src.record.id
            tokens[claim.id] = words(claim.quote)
            for marker in claim.cites:
                c = by_marker.get(marker)
                if c is not None and c.reference and c.mapping != "unresolved":
                    cited[claim.id].add((c.reference, c.mapping))
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a, b in _wording_candidates(tokens, owner):
        ratio = similarity(tokens[a], tokens[b])
        if ratio >= SIMILAR:
            found[(a, b)].append(f"near-identical wording (similarity {ratio:.2f})")
    by_reference: dict[str, set[str]] = defaultdict(set)
    for claim_id, refs in cited.items():
        for ref, _ in refs:
            by_reference[ref].add(claim_id)
    for ref, claims in sorted(by_reference.items()):
        for a, b in combinations(sorted(claims), 2):
            if owner[a] != owner[b]:
                how = sorted({m for r, m in cited[a] | cited[b] if r == ref})
                found[(a, b)].append(f"both cite {ref} ({', '.join(how)} mapping)")
    return {pair: Origin(pair[0], pair[1], "; ".join(reasons))
            for pair, reasons in sorted(found.items())}


def _wording_candidates(tokens: dict[str, list[str]],
                        owner: dict[str, str]) -> set[tuple[str, str]]:
    """Pairs of claims of different sources whose quotes share a trigram (or, for short
    quotes, that are the same words)."""
    index: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for claim_id, ws in tokens.items():
        if len(ws) < MIN_WORDS:
            continue
        for gram in {tuple(ws[i:i + 3]) for i in range(len(ws) - 2)}:
            index[gram].append(claim_id)
    pairs = set()
    for claims in index.values():
        if len(claims) > COMMON:
            continue
        for a, b in combinations(sorted(claims), 2):
            if owner[a] != owner[b]:
                pairs.add((a, b))
    return pairs
