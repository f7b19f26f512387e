"""Which claims report which trial, across the sources that describe it.

A source describes a trial as one of its studies; another source's description of the same
trial is another study (decision 0010). Two descriptions are of one trial when the curator
links them (``same_study_as``), when they state the same registry identifier, or when both
cite one work for the study (the trial's publication; by a stated or inferred mapping, and
never where that would join two registry ids). A claim reports a trial when it is a result
of one of the trial's descriptions, or when it cites (stated or inferred) a work that a
description of the trial cites for it: a review's sentence that cites a trial's publication
summarises that trial. Reports of one trial are one origin, however many sources repeat them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..curated.corpus import SourceFile
from .disjoint import DisjointSets


@dataclass(frozen=True)
class Trials:
    """The trials the claims of a build report."""

    of_claim: dict[str, frozenset[str]]  # claim id -> trial keys (a claim may cite several)
    links: dict[str, str]  # trial key -> what joins its descriptions, for people

    def shared(self, a: str, b: str) -> list[str]:
        """What the trials both claims report are, one line per trial (sorted)."""
        return sorted(self.links[t] for t in self.of_claim.get(a, frozenset())
                      & self.of_claim.get(b, frozenset()))


# citation mappings that link a study or a claim to a work: a candidate mapping (a marker
# matched by position only, with reason to doubt it) never joins two trials
LINKING = ("stated", "inferred")


def trials(sources: list[SourceFile]) -> Trials:
    """Every study grouped with the other descriptions of its trial, and each claim's."""
    groups = DisjointSets()
    cited: list[tuple[str, str]] = []  # (study, work the text cites for it)
    for src in sources:
        by_marker = {c.marker: c for c in src.record.citations}
        for s in src.record.studies:
            groups.find(("study", s.id))
            for other in s.same_study_as:
                groups.union(("study", s.id), ("study", other))
            for rid in s.registry_ids:
                groups.union(("study", s.id), ("registry", rid.value.strip().upper()))
            for marker in s.cites:
                c = by_marker.get(marker.value)
                if c is not None and c.reference and c.mapping in LINKING:
                    cited.append((s.id, c.reference))
    # a work joins descriptions only where no two registry ids would then meet: a review or
    # pooled analysis cited for two registered trials is not one trial
    registries: dict[object, set[str]] = defaultdict(set)  # group -> its registry ids
    for kind, value in groups.members():
        if kind == "registry":
            registries[groups.find((kind, value))].add(value)
    by_work: dict[str, set[str]] = defaultdict(set)  # work -> registry ids of its studies
    for study, work in cited:
        by_work[work] |= registries[groups.find(("study", study))]
    ambiguous = {work for work, ids in by_work.items() if len(ids) > 1}
    for study, work in sorted(cited):
        if work in ambiguous:
            continue
        a, b = groups.find(("study", study)), groups.find(("work", work))
        joined = registries[a] | registries[b]
        if a != b and len(joined) > 1:  # through another work: two registry ids would meet
            ambiguous.add(work)
        elif a != b:
            groups.union(a, b)
            registries[groups.find(a)] = joined
    members: dict[object, set[tuple[str, str]]] = defaultdict(set)
    for node in groups.members():
        members[groups.find(node)].add(node)
    key = {root: min(v for k, v in nodes if k == "study") for root, nodes in members.items()
           if any(k == "study" for k, _ in nodes)}
    links = {key[root]: _describe(members[root]) for root in key}
    of_claim: dict[str, frozenset[str]] = {}
    for src in sources:
        by_marker = {c.marker: c for c in src.record.citations}
        for claim in src.record.claims:
            found = set()
            if claim.study is not None:
                found.add(key[groups.find(("study", claim.study))])
            for marker in claim.cites:
                c = by_marker.get(marker)
                if c is not None and c.reference and c.mapping in LINKING \
                        and c.reference not in ambiguous and ("work", c.reference) in groups \
                        and groups.find(("work", c.reference)) in key:
                    found.add(key[groups.find(("work", c.reference))])
            if found:
                of_claim[claim.id] = frozenset(found)
    return Trials(of_claim, links)


def _describe(nodes: set[tuple[str, str]]) -> str:
    """'studies a, b; registry NCT1; work w': what is known of one trial."""
    parts = []
    for kind, one, many in (("study", "study", "studies"), ("registry", "registry", "registry"),
                            ("work", "work", "works")):
        values = sorted(v for k, v in nodes if k == kind)
        if values:
            parts.append(f"{one if len(values) == 1 else many} {', '.join(values)}")
    return "; ".join(parts)
