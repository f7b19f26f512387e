"""What ``lmskg check`` found, grouped by source and claim, as text or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from rdflib import Graph

from ..ontology import terms as T
from ..ontology.namespaces import CLAIM, SOURCE, STUDY, show


@dataclass(frozen=True)
class Finding:
    kind: str  # owl | shacl | qc
    focus: str
    message: str
    rule: str
    source: str = ""
    claim: str = ""


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # e.g. owl: "at build"

    @property
    def ok(self) -> bool:
        return not self.findings


def locate(graph: Graph, node: object) -> tuple[str, str]:
    """(source id, claim id) a node belongs to, by its IRI and the claim's lms:source."""
    text = str(node)
    if text.startswith(str(CLAIM)):
        claim_id = text[len(CLAIM):].split("/")[0]
        src = graph.value(CLAIM[claim_id], T.source)
        sid = str(src)[len(SOURCE):] if src is not None and str(src).startswith(str(SOURCE)) \
            else ""
        return sid, claim_id
    if text.startswith(str(SOURCE)):
        return text[len(SOURCE):].split("/")[0], ""
    if text.startswith(str(STUDY)):  # a study and its parts: the source that describes it
        src = graph.value(STUDY[text[len(STUDY):].split("/")[0]], T.describedIn)
        if src is not None and str(src).startswith(str(SOURCE)):
            return str(src)[len(SOURCE):], ""
    return "", ""


def finding(graph: Graph, kind: str, focus: object, message: str, rule: str) -> Finding:
    """A finding about ``focus``, placed under its source and claim."""
    sid, cid = locate(graph, focus)
    return Finding(kind, show(focus), message, rule, sid, cid)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_text(report: Report) -> str:
    c, t = report.counts, report.timings
    owl = "OWL (HermiT) " + (report.notes.get("owl") or f"{t.get('owl', 0):.1f} s")
    if "owl: rules" in t:  # checks at scale (checks.at_scale): HermiT on the schema only
        owl = (f"OWL (HermiT on ontology and vocabulary "
               f"{t.get('owl: hermit (ontology, vocabulary)', 0):.1f} s, rules in Oxigraph "
               f"{t['owl: rules']:.1f} s)")
        if "owl and shacl core, side by side" in t:  # two threads: their times overlap
            owl += f" beside SHACL Core ({t['owl and shacl core, side by side']:.1f} s together)"
    head = (f"{owl}; SHACL {c.get('shapes', 0)} shapes "
            f"{t.get('shacl', 0):.1f} s; QC {c.get('qc queries', 0)} queries "
            f"{t.get('qc', 0):.1f} s; {_count(c.get('claims', 0), 'claim')}, "
            f"{_count(c.get('triples', 0), 'triple')}")
    if report.ok:
        return f"check passed: consistent, every shape conforms, no QC rows\n  {head}\n"
    lines = [f"check FAILED: {len(report.findings)} problem(s)", f"  {head}"]
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in report.findings:
        groups.setdefault((f.source, f.claim), []).append(f)
    for (sid, cid) in sorted(groups):
        if cid:
            lines.append(f"source {sid or '(none)'}, claim {cid}")
        else:
            lines.append(f"source {sid}" if sid else "vocabulary and ontology")
        for f in groups[(sid, cid)]:
            lines.append(f"  [{f.kind}] {f.focus}: {f.message}")
            lines.append(f"      rule: {f.rule}")
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    doc = {"ok": report.ok, "counts": report.counts,
           "timings_seconds": {k: round(v, 2) for k, v in report.timings.items()},
           "findings": [asdict(f) for f in report.findings]}
    return json.dumps(doc, indent=1, sort_keys=True) + "\n"
