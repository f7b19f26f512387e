"""The hand-written ``graph:derived`` blocks of the question fixtures say what the build
would derive from the fixture's own statements: a fixture cannot pass with a summary the
build would never write. Checked for every fixture of a question that reads the property."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from lmskg.curated.contexts import in_display_order
from lmskg.derive.triples import UNNAMED
from lmskg.ontology import terms as T
from lmskg.ontology.namespaces import BIBO, LMS
from tests.support.cli import REPO

QUESTIONS = REPO / "tests" / "sparql" / "questions"
ONTOLOGY = Graph().parse(REPO / "ontology" / "lmskg.ttl")


def _above(c: URIRef) -> set:
    return set(ONTOLOGY.transitive_objects(c, RDFS.subClassOf)) - {c}


DOCUMENT_CLASSES = {c for c in ONTOLOGY.subjects(SKOS.notation, None) if BIBO.Document in _above(c)}


def _notation(ds: Dataset, term) -> str | None:
    n = ds.value(term, SKOS.notation)
    n = n if n is not None else ONTOLOGY.value(term, SKOS.notation)
    return None if n is None else str(n)


def context_summary(ds: Dataset, claim) -> str:
    ordered = sorted((k.display_rank, _notation(ds, v)) for k in in_display_order()
                     for v in ds.objects(claim, LMS[k.prop]) if _notation(ds, v) is not None)
    return "; ".join(dict.fromkeys(n for _, n in ordered))


def treatment_summary(ds: Dataset, claim) -> str:
    regimens = [_notation(ds, r) for r in ds.objects(claim, T.regimen)]
    if regimens:
        return regimens[0]
    return "; ".join(sorted({_notation(ds, t) or UNNAMED for t in ds.objects(claim, T.therapy)}))


def document_type(ds: Dataset, doc) -> str:
    classes = set(ds.objects(doc, RDF.type)) & DOCUMENT_CLASSES
    most = [c for c in classes if not any(c in _above(d) for d in classes)]
    return str(most[0]) if len(most) == 1 else ""


SUMMARIES = {  # property -> (whose, what the build derives)
    T.contextSummary: (lambda ds: set(ds.subjects(T.source, None)), context_summary),
    T.treatmentSummary: (lambda ds: set(ds.subjects(T.source, None)), treatment_summary),
    T.documentType: (lambda ds: set(ds.subjects(RDF.type, T.Source)) |
                     set(ds.subjects(RDF.type, T.Reference)), document_type),
}


def _cases() -> list:
    out = []
    for query in sorted((REPO / "queries").glob("*.rq")):
        text = query.read_text(encoding="utf-8")
        for prop in SUMMARIES:
            if f"lms:{str(prop).rpartition('#')[2]}" in text:
                out += [pytest.param(path, prop, id=f"{query.stem}/{path.name}/"
                                     f"{str(prop).rpartition('#')[2]}")
                        for path in sorted((QUESTIONS / query.stem).glob("*.trig"))]
    return out


@pytest.mark.parametrize("path, prop", _cases())
def test_a_fixtures_derived_summary_is_what_the_build_derives(path: Path, prop):
    ds = Dataset(default_union=True)
    ds.parse(path, format="trig")
    whose, derive = SUMMARIES[prop]
    for node in sorted(whose(ds)):
        expected = derive(ds, node)
        got = [str(x) for x in ds.objects(node, prop)]
        assert got == ([expected] if expected else []), f"{path.name}: {node} {prop}"


def test_every_question_reading_a_summary_has_a_fixture_checked():
    assert len({c.values[0] for c in _cases()}) >= 24
