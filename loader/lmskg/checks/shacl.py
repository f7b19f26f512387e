"""SHACL shapes (``ontology/shapes.ttl``) validated closed-world with pySHACL."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..ontology.namespaces import show
from .report import Finding, finding

SH = "http://www.w3.org/ns/shacl#"


def shacl_findings(merged: Graph, shapes_file: Path) -> tuple[list[Finding], int]:
    """(findings, number of node shapes) for the graph."""
    from pyshacl import validate  # slow to import: only when checking

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
        out.append(finding(merged, "shacl", focus, message + detail,
                           f"shape {show(shape)}" if isinstance(shape, URIRef) else "shape"))
    return sorted(set(out), key=lambda f: (f.source, f.claim, f.focus, f.message)), n_shapes
