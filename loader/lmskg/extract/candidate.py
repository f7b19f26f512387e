"""The records the claim builder works with: a candidate claim, what the
paragraph has said so far, and the facts of one clause."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import arms as armmod
from .figures import Figure
from .lexicon import Mention


@dataclass
class Candidate:
    """A drafted claim: curated fields plus what the curator needs to judge it."""

    type: str
    direction: str
    start: int
    end: int
    therapies: list[str] = field(default_factory=list)
    regimen: str | None = None
    unnamed_therapy: str | None = None
    context: dict[str, list[str]] = field(default_factory=dict)
    measure: str | None = None
    figure: Figure | None = None
    time_point: dict[str, Any] | None = None
    side_effects: list[str] = field(default_factory=list)
    tool: str | None = None
    factors: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    cues: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    confidence: float = 0.5


@dataclass
class Memory:
    """What earlier sentences of the paragraph said, for 'it', 'these', 'the
    combination' and 'respectively'."""

    paragraph: int = -1
    groups: list[tuple[tuple[str, ...], str | None]] = field(default_factory=list)
    arms: list[armmod.Arm] = field(default_factory=list)
    combination: armmod.Arm | None = None
    disease: list[str] = field(default_factory=list)
    disease_from: str = ""
    dosed: list[tuple[tuple[str, ...], str | None]] = field(default_factory=list)

    def reset(self, paragraph: int) -> None:
        self.paragraph = paragraph
        self.groups, self.arms, self.dosed = [], [], []
        self.disease, self.disease_from = [], ""


@dataclass
class ClauseFacts:
    """Everything found in one clause, computed once."""

    start: int
    end: int
    mentions: list[Mention]
    therapy_mentions: list[Mention]
    groups: list[tuple[tuple[str, ...], str | None]]
    combos: list[tuple[int, int, tuple[str, ...], str | None]]
    figures: list[Figure]
    measures: list[Any]
    context: dict[str, list[str]]
    effects: list[tuple[int, int, str]]
    inherited: bool = False
    anchors: list[tuple[str]] = field(default_factory=list)  # 'before surgery': timing only
    prior: list[str] = field(default_factory=list)  # therapies named as already given
