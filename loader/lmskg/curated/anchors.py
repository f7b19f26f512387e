"""Every anchored passage of a source, found in one place.

The build checks each passage against the corpus, ``lmskg anchor`` fills in missing
offsets, and the coverage report shows which sentences they cover. The curator tool
runs on files that are not valid yet (offsets missing), so the walk works on a parsed
YAML mapping as well as on a typed :class:`~lmskg.curated.records.Source`, and skips
anything that is not a passage with a quote.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Iterator


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


@dataclass(frozen=True)
class Anchor:
    """A quoted passage of a source, with where it sits in the source's records."""

    record: str  # the source id, the claim id for a claim and its date, the study id for a study
    field: str  # field path within that record
    kind: str  # metadata | citation | unclaimed | study | claim | claim-date
    data: Any  # the passage: a mapping (curator tool) or a record (build)

    @property
    def quote(self) -> str:
        return _get(self.data, "quote")

    @property
    def start(self) -> Any:
        return _get(self.data, "start")

    @property
    def end(self) -> Any:
        return _get(self.data, "end")

    def get(self, name: str) -> Any:
        """Another field of the passage (its value, kind or reason)."""
        return _get(self.data, name)


def anchors_of(source: Any) -> Iterator[Anchor]:
    """Every anchored passage of a source record: metadata, reference-list entries,
    unclaimed passages, studies with every value they state, claims and their dates."""
    sid = str(_get(source, "id") or "")

    def ok(a: Any) -> bool:
        return a is not None and isinstance(_get(a, "quote"), str)

    for name in ("title", "publisher", "reviewer", "review_status"):
        if ok(_get(source, name)):
            yield Anchor(sid, name, "metadata", _get(source, name))
    for name in ("dates", "flags"):
        for i, item in enumerate(_get(source, name) or ()):
            if ok(item):
                yield Anchor(sid, f"{name}[{i}]", "metadata", item)
    for i, c in enumerate(_get(source, "citations") or ()):
        if c is not None and ok(_get(c, "cited_as")):
            yield Anchor(sid, f"citations[{i}].cited_as", "citation", _get(c, "cited_as"))
    for i, item in enumerate(_get(source, "unclaimed") or ()):
        if ok(item):
            yield Anchor(sid, f"unclaimed[{i}]", "unclaimed", item)
    for study in _get(source, "studies") or ():
        if study is not None:
            yield from _study_anchors(str(_get(study, "id")), "", study)
    for c in _get(source, "claims") or ():
        if ok(c):
            cid = str(_get(c, "id"))
            yield Anchor(cid, "quote", "claim", c)
            if ok(_get(c, "date")):
                yield Anchor(cid, "date", "claim-date", _get(c, "date"))


def _study_anchors(study_id: str, path: str, node: Any) -> Iterator[Anchor]:
    """The study's own quote, then every anchored value below it, depth first in field order
    (arms, their administrations and doses...); the field is the path ('arms[0].size')."""
    if isinstance(_get(node, "quote"), str):
        yield Anchor(study_id, path or "quote", "study", node)
    items = node.items() if isinstance(node, dict) else (
        (f.name, getattr(node, f.name)) for f in fields(node)) if is_dataclass(node) else ()
    for name, value in items:
        where = f"{path}.{name}" if path else name
        if isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                if isinstance(item, dict) or is_dataclass(item):
                    yield from _study_anchors(study_id, f"{where}[{i}]", item)
        elif isinstance(value, dict) or is_dataclass(value):
            yield from _study_anchors(study_id, where, value)
