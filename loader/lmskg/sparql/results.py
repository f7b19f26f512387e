"""Query results in one shape, and their output formats.

A :class:`Results` holds variables and rows of rdflib terms (``None`` where
unbound), whether it came from the embedded store or a remote endpoint.
``csv``, ``tsv`` and ``json`` follow the W3C SPARQL 1.1 Query Results CSV/TSV
and JSON formats; ``table`` is for people: compact names, aligned columns.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ..ontology.namespaces import shorten

Term = URIRef | Literal | BNode | None
FORMATS = ("table", "csv", "tsv", "json")  # for SELECT and ASK
GRAPH_FORMATS = ("turtle", "jsonld", "ntriples")  # for CONSTRUCT and DESCRIBE


@dataclass(frozen=True)
class Results:
    """Variables and rows of terms, whichever engine or endpoint answered; numbers are in
    their canonical form (:func:`canonical`), so the same answer prints the same."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term, ...], ...]
    boolean: bool | None = None  # for ASK queries

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(tuple(canonical(t) for t in row)
                                               for row in self.rows))

    def as_dicts(self) -> list[dict[str, str]]:
        """Rows as {var: plain text} (unbound vars omitted), for tests and callers."""
        return [{v: str(t) for v, t in zip(self.variables, row) if t is not None}
                for row in self.rows]


_INTEGERS = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
             XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger,
             XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}


def canonical(term: Term) -> Term:
    """A decimal or integer literal in its XSD 1.1 canonical form ('14.0' and '14.00' are
    '14', '2.50' is '2.5', '+7' is '7'), as Oxigraph and most endpoints write them; any
    other term as it is. A lexical form that is not a number is left alone."""
    if not isinstance(term, Literal) or term.datatype not in _INTEGERS | {XSD.decimal}:
        return term
    try:
        value = Decimal(str(term))
    except InvalidOperation:
        return term
    if not value.is_finite():
        return term
    if term.datatype != XSD.decimal and value != value.to_integral_value():
        return term
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return term if text == str(term) else Literal(text, datatype=term.datatype)


def _plain(term: Term) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_json(res: Results) -> str:
    if res.boolean is not None:
        return json.dumps({"head": {}, "boolean": res.boolean}, indent=1) + "\n"
    bindings = []
    for row in res.rows:
        b = {}
        for var, term in zip(res.variables, row):
            if term is None:
                continue
            if isinstance(term, URIRef):
                b[var] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                b[var] = {"type": "bnode", "value": str(term)}
            else:
                d = {"type": "literal", "value": str(term)}
                if term.language:
                    d["xml:lang"] = term.language
                elif term.datatype and term.datatype != XSD.string:
                    d["datatype"] = str(term.datatype)
                b[var] = d
        bindings.append(b)
    doc = {"head": {"vars": list(res.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def to_csv(res: Results) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if res.boolean is not None:
        w.writerow(["boolean"])
        w.writerow(["true" if res.boolean else "false"])
        return buf.getvalue()
    w.writerow(res.variables)
    for row in res.rows:
        w.writerow([_plain(t) for t in row])
    return buf.getvalue()


def to_tsv(res: Results) -> str:
    """SPARQL 1.1 TSV: terms in SPARQL syntax, tabs and line breaks escaped."""
    if res.boolean is not None:
        return "?boolean\n" + ("true" if res.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in res.variables)]
    for row in res.rows:
        lines.append("\t".join(_tsv_term(t) for t in row))
    return "\n".join(lines) + "\n"


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv_term(term: Term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = '"' + str(term).translate(_TSV_ESCAPES) + '"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype and term.datatype != XSD.string:
        return f"{text}^^<{term.datatype}>"
    return text


def to_table(res: Results, width: int = 60, labels: dict[URIRef, str] | None = None) -> str:
    """Aligned columns for people: compact IRIs with their labels beside them
    ('regimen:fdr-gemcitabine-docetaxel (fixed-dose-rate gemcitabine plus docetaxel)'),
    one line per row, cells cut at ``width`` characters (0: never cut)."""
    if res.boolean is not None:
        return ("yes" if res.boolean else "no") + "\n"
    if not res.variables:
        return "(no columns)\n"
    cells = [[_cell(t, width, labels or {}) for t in row] for row in res.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(res.variables)]
    line = "  ".join(v.ljust(w) for v, w in zip(res.variables, widths)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    n = len(res.rows)
    out.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(out) + "\n"


def _cell(term: Term, width: int, labels: dict[URIRef, str]) -> str:
    if term is None:
        text = ""
    elif isinstance(term, URIRef):
        text = shorten(str(term)) or str(term)
        label = labels.get(term)
        if label and _says_more(label, text):
            text = f"{text} ({label})"
    elif isinstance(term, Literal) and term.datatype == XSD.decimal and "." in str(term):
        text = str(term).rstrip("0").rstrip(".")  # 50.0 -> 50, 2.50 -> 2.5
    else:
        text = _plain(term)
    text = " ".join(text.split())  # one line per row
    return text if not width or len(text) <= width else text[:width - 1] + "\u2026"


def _says_more(label: str, shown: str) -> bool:
    """Whether a label tells more than the id already shown ('claim s000-c26' does not)."""
    local = shown.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    squash = lambda t: "".join(ch for ch in t.lower() if ch.isalnum())  # noqa: E731
    return squash(label) not in (squash(local), squash(f"claim {local}"))


def render(res: Results, fmt: str, width: int = 60,
           labels: dict[URIRef, str] | None = None) -> str:
    """The results in one of FORMATS; ``width`` cuts table cells (0: never); ``labels``
    are shown beside the ids in a table."""
    if fmt == "table":
        return to_table(res, width, labels)
    return {"csv": to_csv, "tsv": to_tsv, "json": to_json}[fmt](res)


def render_graph(graph: Graph, fmt: str, jsonld_context: Path) -> str:
    """A CONSTRUCT or DESCRIBE answer as Turtle, compact JSON-LD or sorted N-Triples."""
    from ..exports.rdf import canonical, jsonld, ntriples, turtle

    g = canonical(graph)
    if fmt == "jsonld":
        return jsonld(g, jsonld_context)
    return ntriples(g) if fmt == "ntriples" else turtle(g)
