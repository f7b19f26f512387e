"""A source's text cut into pieces at every quote boundary, for highlighting (pure).

Quotes may overlap or nest (two claims resting on one sentence, a claim inside a
longer one, a title that is also quoted by a claim). The text is cut at every start and
end; each :class:`Segment` knows every span that covers it, so a page can mark it once
(darker where more claims share it) and link it to them. Before the first segment of a
span come a :class:`Target` (an element id, so the span can be linked to) and, for a
claim, a :class:`Marker` (a link to the claim, outside every segment, so that the
segments of a claim joined together are exactly its quote).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    kind: str  # "claim" or "meta"
    key: str  # the claim id, or the metadata anchor's fragment ("anchor-title")
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    text: str
    claims: tuple[str, ...]  # claim ids covering it, in the order they start
    metas: tuple[str, ...]  # metadata anchors covering it


@dataclass(frozen=True)
class Target:
    id: str


@dataclass(frozen=True)
class Marker:
    claim: str


Piece = Segment | Target | Marker


def pieces(text: str, spans: list[Span]) -> list[Piece]:
    """The text as segments (covered by no span, or by some), with a target before the
    first segment of each span and a marker before each claim's first segment."""
    usable = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)),
                    key=lambda s: (s.start, -s.end, s.kind, s.key))
    cuts = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    out: list[Piece] = []
    for a, b in zip(cuts, cuts[1:]):
        for s in usable:
            if s.start == a:
                out.append(Target(("q-" + s.key) if s.kind == "claim" else s.key))
                if s.kind == "claim":
                    out.append(Marker(s.key))
        covering = [s for s in usable if s.start <= a and b <= s.end]
        out.append(Segment(text[a:b],
                           tuple(s.key for s in covering if s.kind == "claim"),
                           tuple(s.key for s in covering if s.kind == "meta")))
    return out


def joined(found: list[Piece], kind: str, key: str) -> str:
    """The text of every segment a span covers, joined: what a page highlights for it."""
    return "".join(p.text for p in found if isinstance(p, Segment)
                   and key in (p.claims if kind == "claim" else p.metas))
