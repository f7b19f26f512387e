"""``lmskg check``: OWL reasoning, SHACL shapes and QC queries, with one report.

Three kinds of check run on the asserted graphs (ontology, vocabulary, sources):

- ``owl``: HermiT consistency (owlready2); when inconsistent, the explanation
  from :mod:`lmskg.owlcheck` names the individual, its claim and source, and the
  axiom involved.
- ``shacl``: the shapes of ``ontology/shapes.ttl`` (pySHACL), closed-world.
- ``qc``: the ``queries/qc/*-violation.rq`` queries; each must return no rows.

Findings are grouped by source and claim. Any finding fails the check (exit 1).
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from . import terms as T
from .config import Config
from .errors import InputError, Problem
from .namespaces import CLAIM, INFERRED_GRAPH, ONTOLOGY_GRAPH, SOURCE
from .owlcheck import explain, show
from .reasoning import Inconsistent, classify
from .store import asserted

SH = "http://www.w3.org/ns/shacl#"


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

    @property
    def ok(self) -> bool:
        return not self.findings


def _locate(graph: Graph, node: object) -> tuple[str, str]:
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
    return "", ""


def _finding(graph: Graph, kind: str, focus: object, message: str, rule: str) -> Finding:
    sid, cid = _locate(graph, focus)
    return Finding(kind, show(focus), message, rule, sid, cid)


def owl_findings(data: Graph, onto: Graph) -> list[Finding]:
    merged = Graph()
    merged += onto
    merged += data
    try:
        classify(merged)
        return []
    except Inconsistent:
        pass
    return [_finding(merged, "owl", e.subject, f"inconsistent: {e.message}", e.axiom)
            for e in explain(data, onto)]


def shacl_findings(merged: Graph, shapes_file: Path) -> tuple[list[Finding], int]:
    from pyshacl import validate

    shapes = Graph().parse(shapes_file, format="turtle")
    n_shapes = len(set(shapes.subjects(RDF.type, URIRef(SH + "NodeShape"))))
    conforms, results, _ = validate(merged, shacl_graph=shapes, inference="none",
                                    abort_on_first=False, allow_warnings=False)
    if conforms:
        return [], n_shapes
    sh = {k: URIRef(SH + k) for k in ("focusNode", "resultMessage", "sourceShape",
                                      "resultPath", "value", "ValidationResult")}
    out = []
    for r in results.subjects(RDF.type, sh["ValidationResult"]):
        focus = results.value(r, sh["focusNode"])
        message = str(results.value(r, sh["resultMessage"]) or "violation")
        shape = results.value(r, sh["sourceShape"])
        if not isinstance(shape, URIRef):  # a property shape: name its node shape
            parent = shapes.value(None, URIRef(SH + "property"), shape)
            shape = parent if parent is not None else shape
        path = results.value(r, sh["resultPath"])
        value = results.value(r, sh["value"])
        detail = f" (path {show(path)}" + (f", value {show(value)}" if value is not None else "") \
            + ")" if isinstance(path, URIRef) else ""
        out.append(_finding(merged, "shacl", focus, message + detail,
                            f"shape {show(shape)}" if isinstance(shape, URIRef) else "shape"))
    return sorted(set(out), key=lambda f: (f.source, f.claim, f.focus, f.message)), n_shapes


def qc_findings(merged: Graph, qc_dir: Path) -> tuple[list[Finding], int]:
    out = []
    files = sorted(qc_dir.glob("*-violation.rq"))
    for path in files:
        for row in merged.query(path.read_text(encoding="utf-8")):
            entity, problem = row[0], row[1] if len(row) > 1 else None
            out.append(_finding(merged, "qc", entity, str(problem or "violation"),
                                f"query queries/qc/{path.name}"))
    return out, len(files)


def run_checks(data: Graph, onto: Graph, config: Config) -> Report:
    report = Report()
    merged = Graph()
    merged += onto
    merged += data
    t = time.perf_counter()
    report.findings += owl_findings(data, onto)
    report.timings["owl"] = time.perf_counter() - t
    t = time.perf_counter()
    found, report.counts["shapes"] = shacl_findings(merged, config.ontology_dir / "shapes.ttl")
    report.findings += found
    report.timings["shacl"] = time.perf_counter() - t
    t = time.perf_counter()
    found, report.counts["qc queries"] = qc_findings(merged, config.queries_dir / "qc")
    report.findings += found
    report.timings["qc"] = time.perf_counter() - t
    report.counts["triples"] = len(merged)
    report.counts["claims"] = len(set(merged.subjects(T.source, None)))
    return report


def split_dataset(ds: Dataset) -> tuple[Graph, Graph]:
    """(data, ontology) from a built dataset: every asserted graph but the ontology's."""
    onto = Graph()
    onto += ds.graph(ONTOLOGY_GRAPH)
    whole = asserted(ds)
    data = Graph()
    for triple in whole:
        if triple not in onto:
            data.add(triple)
    return data, onto


def load_graph_file(path: Path, config: Config) -> tuple[Graph, Graph]:
    """(data, ontology) from an RDF file to check; the ontology is added if absent."""
    fmt = {".trig": "trig", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld",
           ".owl": "xml", ".rdf": "xml"}.get(path.suffix)
    if fmt is None:
        raise InputError(Problem(str(path), "", "", "unknown RDF format",
                                 "use .trig, .ttl, .nt, .jsonld or .owl"))
    try:
        if fmt == "trig":
            ds = Dataset()
            ds.parse(path, format="trig")
            whole = Graph()
            for g in ds.graphs():
                if g.identifier == INFERRED_GRAPH:
                    continue
                whole += g
        else:
            whole = Graph().parse(path, format=fmt)
    except OSError as exc:
        raise InputError(Problem(str(path), "", "", f"cannot read: {exc.strerror}")) from exc
    except Exception as exc:  # parser errors come in many types
        reason = " ".join(str(getattr(exc, "message", None) or exc).split())
        reason = reason.split(" at ^ in:")[0]  # rdflib appends the text as bytes reprs
        raise InputError(Problem(str(path), "", "", f"does not parse as {fmt}: "
                                 f"{reason[:300]}")) from exc
    onto = Graph().parse(config.ontology_file, format="turtle")
    data = Graph()
    for triple in whole:
        if triple not in onto:
            data.add(triple)
    return data, onto


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_text(report: Report) -> str:
    c, t = report.counts, report.timings
    head = (f"OWL (HermiT) {t.get('owl', 0):.1f} s; SHACL {c.get('shapes', 0)} shapes "
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

