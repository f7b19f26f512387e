"""Turning parameter values into RDF terms, and binding them into a query.

Values are never pasted into query text as given: each is converted to an RDF
term of the parameter's type (an IRI under our namespaces, a typed literal),
checked, serialised in N-Triples syntax, and bound through a ``VALUES`` block
placed at the start of the query's WHERE clause. The same bound text runs on
the embedded store and on a remote endpoint, so both give the same answers.
"""

from __future__ import annotations

import re
from datetime import date

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import XSD

from ..curated.contexts import context_kinds
from ..errors import QueryError
from ..ontology import terms as T
from ..ontology.index import OntologyIndex
from ..ontology.namespaces import (CLAIM, CONTEXT, EFFECT, FACTOR, LMS, REFERENCE, REGIMEN,
                                   SOURCE, STUDY, THERAPY, TOOL)
from .catalogue import CatalogueQuery

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# parameter types whose values are ids of curated records, and their namespaces
_RECORD_TYPES = {"therapy": THERAPY, "regimen": REGIMEN, "context": CONTEXT,
                 "source": SOURCE, "reference": REFERENCE, "claim": CLAIM, "effect": EFFECT,
                 "tool": TOOL, "factor": FACTOR, "disease-or-site": CONTEXT, "study": STUDY}
# parameter types whose values are notations of the ontology (see lmskg.ontology.index)
_ENUM_TYPES = ("measure", "direction", "qualifier", "mapping", "flag", "review-status",
               "document-type", "claim-type", "phase")


def _namespace_of() -> dict[str, Namespace]:
    """Every id type: record types, and one per context kind of the vocabulary."""
    return {**_RECORD_TYPES, **{k.key: CONTEXT for k in context_kinds()
                                if k.values_from == "vocabulary"}}


def enum_types() -> tuple[str, ...]:
    """Enumeration types: the ontology's, and one per context kind of the ontology."""
    return (*_ENUM_TYPES, *(k.key for k in context_kinds() if k.values_from == "ontology"))


def kind_classes() -> dict[str, tuple[URIRef, ...]]:
    """Id types whose term must also be of one of these classes (checked on the graph)."""
    out = {k.key: (LMS[k.cls],) for k in context_kinds() if k.values_from == "vocabulary"}
    out["disease-or-site"] = (T.Disease, T.AnatomicSite)
    out["study"] = (T.Study,)  # arms and subgroups share the study namespace and notations
    return out


def types() -> list[str]:
    return sorted([*_namespace_of(), *enum_types(), "date", "integer", "boolean", "string",
                   "choice", "iri"])


def type_docs() -> dict[str, str]:
    """What a value of each type is, for the catalogue's README and error messages."""
    return {**_TYPE_DOCS, **{k.key: k.param_doc for k in context_kinds()}}


_TYPE_DOCS: dict[str, str] = {
    "therapy": "a therapy, drug, drug class or procedure id (data/vocabulary/therapies.yaml)",
    "regimen": "a regimen id (data/vocabulary/regimens.yaml)",
    "context": "a clinical-context id: disease, extent, site, biomarker or risk group "
               "(data/vocabulary/contexts.yaml)",
    "disease-or-site": "a disease or anatomical-site id (data/vocabulary/contexts.yaml)",
    "source": "a source id (s000, s001, ...)",
    "reference": "a reference id (data/references.yaml)",
    "claim": "a claim id (s000-c26)",
    "study": "a study id: the source id and a slug (p003-palette)",
    "effect": "an adverse-effect id (data/vocabulary/effects.yaml)",
    "tool": "a prognostic-tool id (data/vocabulary/tools.yaml)",
    "factor": "a factor id (data/vocabulary/factors.yaml)",
    "measure": "an outcome measure of the ontology (response-rate, progression-free-survival, "
               "overall-survival, ...)",
    "direction": "a direction of the ontology (for, against, neutral)",
    "qualifier": "a qualifier of the ontology (approximate, upper-bound, lower-bound, range, "
                 "median)",
    "mapping": "a citation mapping status of the ontology (stated, inferred, unresolved)",
    "flag": "a source flag of the ontology (ai-generated, truncated, ...)",
    "review-status": "a review status of the ontology (pending-human-review, "
                     "medically-reviewed)",
    "document-type": "a document type of the ontology (guideline, review-article, ...)",
    "claim-type": "a claim type of the ontology (outcome, recommendation, ...)",
    "phase": "a trial phase of the ontology (phase-1, phase-2, phase-3, phase-4)",
    "date": "a date, YYYY-MM-DD",
    "integer": "a whole number",
    "boolean": "true or false",
    "string": "any text",
    "choice": "one of the values the parameter lists",
    "iri": "an absolute IRI",
}
_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


def id_namespace(ptype: str) -> Namespace | None:
    """The namespace of an id-typed parameter (regimen, source, ...), else None."""
    return _namespace_of().get(ptype)


def to_term(ptype: str, value: str, ontology: OntologyIndex, name: str = "",
            choices: tuple[str, ...] = ()) -> URIRef | Literal:
    """The RDF term for a parameter value; QueryError if it is not a valid value."""
    what = f"parameter {name!r}" if name else "value"
    if ptype == "choice":
        if value not in choices:
            raise QueryError(f"{what}: {value!r} is not one of: {', '.join(choices)}")
        return Literal(value)
    if ptype == "boolean":
        if value.lower() not in _TRUE + _FALSE:
            raise QueryError(f"{what}: {value!r} is not a boolean (true or false)")
        return Literal(value.lower() in _TRUE)
    namespace = _namespace_of().get(ptype)
    if namespace is not None:
        if not _KEY.match(value):
            raise QueryError(f"{what}: {value!r} is not a valid {ptype} id")
        return namespace[value]
    if ptype in enum_types():
        iri = ontology.lookup(ptype, value)
        if iri is None:
            raise QueryError(f"{what}: unknown {ptype} {value!r}; "
                             f"one of: {ontology.allowed(ptype)}")
        return iri
    if ptype == "date":
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(value)
            date.fromisoformat(value)
        except ValueError as exc:
            raise QueryError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from exc
        return Literal(value, datatype=XSD.date)
    if ptype == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise QueryError(f"{what}: {value!r} is not an integer")
        return Literal(int(value), datatype=XSD.integer)
    if ptype == "string":
        return Literal(value)
    if ptype == "iri":
        if not re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+", value):
            raise QueryError(f"{what}: {value!r} is not an absolute IRI")
        return URIRef(value)
    raise QueryError(f"{what}: unknown parameter type {ptype!r}; known: {', '.join(types())}")


def parse_given(pairs: list[str]) -> dict[str, str]:
    """``['key=value', ...]`` from the command line to a dict."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"--param {pair!r}: expected key=value")
        if key in out:
            raise QueryError(f"--param {key!r} given twice")
        out[key] = value
    return out


def bindings_for(query: CatalogueQuery, given: dict[str, str],
                 ontology: OntologyIndex) -> dict[str, URIRef | Literal]:
    """The variable bindings for a catalogue query: given values over defaults."""
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r} "
                         f"(parameters: {known})")
    out = {}
    for p in query.params:
        value = given.get(p.name, p.default)
        if value is not None and value != "":
            out[p.name] = to_term(p.type, value, ontology, p.name, p.choices)
    return out


def bind(text: str, bindings: dict[str, URIRef | Literal]) -> str:
    """The query text with a VALUES block for ``bindings`` opening its WHERE clause, and
    opening each sub-query that hands a bound variable up unchanged (:func:`_subqueries`).

    A sub-query is evaluated on its own by Oxigraph: without the VALUES inside, one that
    groups by the parameter computes every group of the graph and keeps one (a probe of
    one such sub-query on make bench's 100,000-claim store: 66 s instead of 0.1 s).
    Binding it inside gives the same answers."""
    if not bindings:
        return text
    names = sorted(bindings)
    for name in names:
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise QueryError(f"parameter {name!r} is not a variable of the query")
    code = _code_only(text)
    at = code.find("{")
    if at < 0:
        raise QueryError("the query has no WHERE clause to bind parameters in")
    inserts = [(at + 1, names)] + _subqueries(code, names)
    for offset, bound in sorted(inserts, reverse=True):
        values = ("VALUES (" + " ".join(f"?{n}" for n in bound) + ") { ("
                  + " ".join(bindings[n].n3() for n in bound) + ") }")
        text = text[:offset] + "\n  " + values + text[offset:]
    return text


def _subqueries(code: str, names: list[str]) -> list[tuple[int, list[str]]]:
    """(offset just inside its WHERE brace, the names to bind there) of each sub-query that
    hands a parameter's variable up unchanged: it projects the variable itself (or ``*``),
    not an expression ``AS`` it, and has no LIMIT or OFFSET, and so does every sub-query
    around it. Its rows then meet the outer VALUES on that variable, so binding it inside
    first keeps the same rows. (A sub-query that groups by a parameter is assumed to bind
    it in every row: a row leaving it unbound would join the bound group.)"""
    found = []
    for m in re.finditer(r"\{\s*SELECT\b", code, re.IGNORECASE):
        close = _matching(code, m.start())
        where = code.find("{", m.end(), close)
        if where < 0:
            raise QueryError("a sub-query of the query has no WHERE clause")
        body_close = _matching(code, where)
        projection = code[m.end():where]
        while re.search(r"\([^()]*\)", projection):  # expressions: (... AS ?x)
            projection = re.sub(r"\([^()]*\)", " ", projection)
        modifiers = code[body_close + 1:close]
        handed_up = set() if re.search(r"\b(LIMIT|OFFSET)\b", modifiers, re.IGNORECASE) \
            else {n for n in names if "*" in projection
                  or re.search(rf"[?$]{re.escape(n)}\b", projection)}
        found.append((m.start(), close, where + 1, handed_up))
    out = []
    for start, close, inside, handed_up in found:
        around = [h for s, c, _, h in found if s < start and close < c]
        bound = [n for n in names if n in handed_up and all(n in h for h in around)]
        if bound:
            out.append((inside, bound))
    return out


def _matching(code: str, opening: int) -> int:
    """Offset of the '}' that closes the '{' at ``opening``."""
    depth = 0
    for i in range(opening, len(code)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    raise QueryError("the query has a '{' that is never closed")


def _code_only(text: str) -> str:
    """``text`` with its comments, strings and IRIs blanked out (offsets kept), so that
    braces and keywords are found in the query's code only."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        start = i
        if ch == "#":
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif ch in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and text[j:j + len(quote)] != quote:
                j += 2 if text[j] == "\\" else 1
            i = min(j + len(quote), n)
        elif ch == "<" and (m := re.match(r"<[^\s<>\"{}|^`\\]*>", text[i:])):
            i += m.end()
        else:
            i += 1
            continue
        out[start:i] = [c if c == "\n" else " " for c in text[start:i]]
    return "".join(out)
