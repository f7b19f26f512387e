"""The flat evidence table: one row per claim, for spreadsheets and pandas.

Columns are fixed (:data:`COLUMNS`); multi-valued cells are ``;``-separated and
sorted; labels are the lower-case preferred labels of the terms.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ..curated.contexts import context_kinds
from ..ontology import terms as T
from ..ontology.namespaces import LMS, OA

COLUMNS = ("claim_id", "source_id", "source_file", "source_type", "source_date",
           "source_date_kind", "statement_date", "claim_type", "direction", "therapies",
           "regimen", "disease", "setting", "measure", "value", "value_low", "value_high",
           "unit", "qualifier", "cited_reference", "quote", "start", "end")

SOURCE_DATES = ((DCTERMS.issued, "published"), (T.medicallyReviewedOn, "medically reviewed"),
                (DCTERMS.modified, "last updated"), (T.literatureCurrentTo, "literature cut-off"))
UNNAMED = "(unnamed)"


def _label(ds: Dataset, iri: URIRef) -> str:
    label = ds.value(iri, SKOS.prefLabel) or ds.value(iri, RDFS.label)
    return str(label).lower() if label is not None else str(iri)


def _number(lit: Literal | None) -> str:
    if lit is None:
        return ""
    return format(Decimal(str(lit)).normalize(), "f")


def _joined(values: set[str]) -> str:
    return ";".join(sorted(values))


def _notation(ds: Dataset, iri: URIRef | None) -> str:
    if iri is None:
        return ""
    n = ds.value(iri, SKOS.notation)
    return str(n) if n is not None else ""


_TIME_WORDS = {"a": "years", "mo": "months", "wk": "weeks", "d": "days"}


def _measure(ds: Dataset, claim: URIRef) -> str:
    """The measure's label, with its time point where the claim gives one
    ('overall survival at 5 years'), and for a comparison its effect measure ('hazard ratio
    of overall survival'): the table has no column of its own for them."""
    measure = ds.value(claim, T.measure)
    if measure is None:
        return ""
    text = _label(ds, measure)
    effect = ds.value(claim, T.effectMeasure)
    if effect is not None:
        text = f"{_label(ds, effect)} of {text}"
    tp = ds.value(claim, T.timePoint)
    if tp is not None:
        value = _number(ds.value(tp, T.value)) or \
            f"{_number(ds.value(tp, T.lowValue))}-{_number(ds.value(tp, T.highValue))}"
        unit = str(ds.value(tp, T.unit))
        text += f" at {value} {_TIME_WORDS.get(unit, unit)}"
    return text


def _context_properties(column: str) -> list[URIRef]:
    """The properties of the context kinds that fill a column (disease, setting)."""
    return [LMS[k.prop] for k in context_kinds() if k.csv_column == column]


def _most_specific_type(ds: Dataset, source: URIRef) -> str:
    """The label of the source's document type: the most specific of its types that has a
    notation (a dataset with the reasoner's graph also holds every superclass type)."""
    typed = [t for t in ds.objects(source, RDF.type) if ds.value(t, SKOS.notation) is not None]
    specific = [t for t in typed if not any(
        o != t and t in set(ds.transitive_objects(o, RDFS.subClassOf)) for o in typed)]
    return ";".join(sorted({_label(ds, t) for t in specific}))


def claim_rows(ds: Dataset) -> list[dict[str, str]]:
    """One dict per claim, keyed by :data:`COLUMNS`."""
    disease, setting = _context_properties("disease"), _context_properties("setting")
    rows = []
    for claim in sorted(set(ds.subjects(T.source, None))):
        source = ds.value(claim, T.source)
        types = [t for t in ds.objects(claim, RDF.type) if t != OWL.NamedIndividual]
        ctype = next((_notation(ds, t) for t in sorted(types) if _notation(ds, t)), "")
        stype = _most_specific_type(ds, source)
        dates = [(str(ds.value(source, p)), kind) for p, kind in SOURCE_DATES
                 if ds.value(source, p) is not None]
        sdate, skind = max(dates) if dates else ("", "")
        regimen = ds.value(claim, T.regimen)
        therapies = {_label(ds, t) if (t, RDF.type, T.UnnamedTherapy) not in ds else UNNAMED
                     for t in ds.objects(claim, T.therapy)}
        if regimen is not None:
            therapies |= {_label(ds, t) for t in ds.objects(regimen, T.hasComponent)}
        q = ds.value(claim, T.quantity)
        anchor = ds.value(claim, T.anchor)
        quote = position = None
        for sel in ds.objects(anchor, OA.hasSelector):
            if (sel, RDF.type, OA.TextQuoteSelector) in ds:
                quote = sel
            else:
                position = sel
        cited = set()
        for citation in ds.objects(claim, T.citation):
            ref = ds.value(citation, T.refersTo)
            if ref is None:
                cited.add(f"unresolved:{ds.value(citation, T.marker)}")
            elif ds.value(citation, T.mappingStatus) in (T.InferredMapping, T.CandidateMapping):
                status = _notation(ds, ds.value(citation, T.mappingStatus))
                cited.add(f"{status}:{_notation(ds, ref)}")
            else:
                cited.add(_notation(ds, ref))
        rows.append({
            "claim_id": _notation(ds, claim),
            "source_id": _notation(ds, source),
            "source_file": str(ds.value(source, T.corpusFile)),
            "source_type": stype,
            "source_date": sdate,
            "source_date_kind": skind,
            "statement_date": str(ds.value(claim, T.statementDate) or ""),
            "claim_type": ctype,
            "direction": _notation(ds, ds.value(claim, T.direction)),
            "therapies": _joined(therapies),
            "regimen": _label(ds, regimen) if regimen is not None else "",
            "disease": _joined({_label(ds, v) for p in disease for v in ds.objects(claim, p)}),
            "setting": _joined({_label(ds, v) for p in setting for v in ds.objects(claim, p)}),
            "measure": _measure(ds, claim),
            "value": _number(ds.value(q, T.value)) if q else "",
            "value_low": _number(ds.value(q, T.lowValue)) if q else "",
            "value_high": _number(ds.value(q, T.highValue)) if q else "",
            "unit": str(ds.value(q, T.unit) or "") if q else "",
            "qualifier": _joined({_notation(ds, x) for x in ds.objects(q, T.qualifier)})
            if q else "",
            "cited_reference": _joined(cited),
            "quote": str(ds.value(quote, OA.exact)),
            "start": str(ds.value(position, OA.start)),
            "end": str(ds.value(position, OA.end)),
        })
    return sorted(rows, key=lambda r: (r["source_id"], r["claim_id"]))


def evidence_csv(ds: Dataset) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(claim_rows(ds))
    return buf.getvalue()
