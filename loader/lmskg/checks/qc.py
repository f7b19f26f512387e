"""QC queries: ``queries/qc/*-violation.rq``, each naming one problem, must return no rows."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ..files import read_text

from .report import Finding, finding


def qc_findings(merged: Graph, qc_dir: Path) -> tuple[list[Finding], int]:
    """(findings, number of QC queries) for the graph."""
    out = []
    files = sorted(qc_dir.glob("*-violation.rq"))
    for path in files:
        for row in merged.query(read_text(path, "query", str(path))):
            entity, problem = row[0], row[1] if len(row) > 1 else None
            out.append(finding(merged, "qc", entity, str(problem or "violation"),
                               f"query queries/qc/{path.name}"))
    return out, len(files)
