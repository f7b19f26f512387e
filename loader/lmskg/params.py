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

from pyparsing import ParseException
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import parser as sparql_parser
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parserutils import CompValue

from .catalogue import CatalogueQuery
from .errors import QueryError
from .namespaces import (CLAIM, CONTEXT, EFFECT, FACTOR, REFERENCE, REGIMEN, SOURCE, THERAPY,
                         TOOL)
from .vocabulary import OntologyIndex

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_NAMESPACE_OF = {"therapy": THERAPY, "regimen": REGIMEN, "context": CONTEXT, "source": SOURCE,
                 "reference": REFERENCE, "claim": CLAIM, "effect": EFFECT, "tool": TOOL,
                 "factor": FACTOR}
# parameter types whose values are notations of the ontology (see vocabulary._CATEGORIES)
ENUM_TYPES = ("measure", "line", "timing", "intent", "direction", "qualifier", "mapping",
              "flag", "review-status", "document-type", "claim-type")
TYPES = sorted([*_NAMESPACE_OF, *ENUM_TYPES, "date", "integer", "string", "iri"])


def to_term(ptype: str, value: str, ontology: OntologyIndex,
            name: str = "") -> URIRef | Literal:
    """The RDF term for a parameter value; QueryError if it is not a valid value."""
    what = f"parameter {name!r}" if name else "value"
    if ptype in _NAMESPACE_OF:
        if not _KEY.match(value):
            raise QueryError(f"{what}: {value!r} is not a valid {ptype} id")
        return _NAMESPACE_OF[ptype][value]
    if ptype in ENUM_TYPES:
        iri = ontology.lookup(ptype, value)
        if iri is None:
            raise QueryError(f"{what}: unknown {ptype} {value!r}; "
                             f"one of: {ontology.allowed(ptype)}")
        return iri
    if ptype == "date":
        try:
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
    raise QueryError(f"{what}: unknown parameter type {ptype!r}; known: {', '.join(TYPES)}")


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
            out[p.name] = to_term(p.type, value, ontology, p.name)
    return out


def parse_checked(text: str, where: str) -> CompValue:
    """Parse a SELECT/ASK/CONSTRUCT/DESCRIBE query; refuse SERVICE. Raise QueryError."""
    try:
        parsed = sparql_parser.parseQuery(text)
        translateQuery(parsed)
    except ParseException as exc:
        raise QueryError(f"{where}: the query does not parse at line {exc.lineno}, column "
                         f"{exc.col}: {exc.msg}\n  {exc.line}") from exc
    except Exception as exc:  # rdflib raises plain Exceptions for some algebra errors
        raise QueryError(f"{where}: the query is not valid SPARQL: {exc}") from exc
    if _has_service(parsed):
        raise QueryError(f"{where}: SERVICE is refused on the local store (it would reach "
                         "the network); query a remote endpoint with --endpoint instead")
    return parsed


def _has_service(node: object) -> bool:
    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            return True
        return any(_has_service(v) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_has_service(v) for v in node)
    if isinstance(node, dict):
        return any(_has_service(v) for v in node.values())
    return False


def bind(text: str, bindings: dict[str, URIRef | Literal]) -> str:
    """The query text with a VALUES block for ``bindings`` opening its WHERE clause."""
    if not bindings:
        return text
    names = sorted(bindings)
    for name in names:
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise QueryError(f"parameter {name!r} is not a variable of the query")
    values = ("VALUES (" + " ".join(f"?{n}" for n in names) + ") { ("
              + " ".join(bindings[n].n3() for n in names) + ") }")
    at = _where_brace(text)
    return text[:at + 1] + "\n  " + values + text[at + 1:]


def _where_brace(text: str) -> int:
    """Offset of the '{' that opens the WHERE clause (skipping comments, strings, IRIs)."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif ch in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and text[j:j + len(quote)] != quote:
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        elif ch == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", text[i:]):
            i += re.match(r"<[^\s<>\"{}|^`\\]*>", text[i:]).end()
            continue
        elif ch == "{":
            return i
        i += 1
    raise QueryError("the query has no WHERE clause to bind parameters in")

