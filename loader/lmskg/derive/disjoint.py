"""Disjoint sets (union-find): groups that grow by joining two members' groups."""

from __future__ import annotations


class DisjointSets:
    """Disjoint sets of hashable items, with path halving."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x: object) -> object:
        """The representative of ``x``'s set (``x`` joins as a set of its own if new)."""
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def __contains__(self, x: object) -> bool:
        return x in self.parent

    def members(self) -> list:
        """Every item, in the order first seen."""
        return list(self.parent)

    def union(self, a: object, b: object) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb
