"""Parsing a query before it runs: refuse updates and SERVICE, and say where it breaks.

The same check runs before every local query (rdflib's translated query is returned,
so rdflib need not parse it again), in front of ``lmskg serve``'s engine (which must not
reach the network either) and, without the SERVICE refusal, before a query goes to a
remote endpoint (which decides about federation itself).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql import parser as sparql_parser
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from ..errors import QueryError

_PROLOGUE = re.compile(r"(?is)^\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s+)<[^>]*>\s*)*")
_UPDATE = re.compile(r"(?i)^\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b")


LOCAL_SERVICE_REFUSAL = ("SERVICE is refused on the local store (it would reach the network); "
                         "query a remote endpoint with --endpoint instead")


def parse_checked(text: str, where: str, refuse_service: bool = True,
                  service_refusal: str = LOCAL_SERVICE_REFUSAL) -> Query:
    """Parse and translate a SELECT/ASK/CONSTRUCT/DESCRIBE query; refuse SERVICE anywhere in
    it, however deeply nested (unless told not to, for a remote endpoint, which decides for
    itself), saying ``service_refusal``. Raise QueryError.

    Returns rdflib's translated query, which rdflib can evaluate without parsing again.
    """
    if is_update(text):
        raise QueryError(f"{where}: this is a SPARQL Update; lmskg only reads (the graph is "
                         "built from data/, and a served graph is read-only)")
    try:
        query, service = _translate(text)
    except ParseException as exc:
        raise QueryError(f"{where}: the query does not parse at line {exc.lineno}, column "
                         f"{exc.col}: {exc.msg}\n  {exc.line}") from exc
    except Exception as exc:  # rdflib raises plain Exceptions for some algebra errors
        m = re.search(r"Unknown namespace prefix : (\S*)", str(exc))
        at = _line_of(text, f"{m.group(1)}:") if m else None
        place = f" at line {at[0]}" if at else ""
        detail = f"\n  {at[1]}" if at else ""
        raise QueryError(f"{where}: the query is not valid SPARQL{place}: {exc}"
                         f"{' (declare it with PREFIX)' if m else ''}{detail}") from exc
    if refuse_service and service:
        raise QueryError(f"{where}: {service_refusal}")
    return query


def is_update(text: str) -> bool:
    """Whether the text starts (after its prologue) like a SPARQL Update."""
    bare = re.sub(r"(?m)#.*$", " ", re.sub(r"<[^<>\s]*>", "<>", text))  # IRIs may hold '#'
    return bool(_UPDATE.match(_PROLOGUE.sub(" ", bare)))


def may_name_service(text: str) -> bool:
    """False only if no parser could find a SERVICE keyword in the text: the letters
    'service' appear nowhere in it, in any case (Unicode case folding, so that a
    look-alike letter counts too), and it has no \\u or \\U escape, which SPARQL
    expands before parsing. A cheap screen: True says nothing, parse to know."""
    folded = text.casefold()
    return "service" in folded or "\\u" in folded


@lru_cache(maxsize=64)
def _translate(text: str) -> tuple[Query, bool]:
    """rdflib's translated query and whether it uses SERVICE (cached: parsing is slow)."""
    parsed = sparql_parser.parseQuery(text)
    service = _has_service(parsed)  # before translating: that moves FILTERs around
    query = translateQuery(parsed)
    return query, _has_service(query.algebra) or service


def _line_of(text: str, needle: str) -> tuple[int, str] | None:
    """The first line (number, text) that uses ``needle`` outside a comment."""
    for number, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
        if re.search(rf"(?<![\w:<]){re.escape(needle)}", code):
            return number, line.strip()
    return None


def _has_service(node: object) -> bool:
    """Whether a parsed query (pyparsing results and rdflib CompValues) uses SERVICE."""
    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            return True
        return any(_has_service(v) for v in dict.values(node))  # raw: no value resolution
    if isinstance(node, (list, tuple, ParseResults)):
        return any(_has_service(v) for v in node)
    if isinstance(node, dict):
        return any(_has_service(v) for v in node.values())
    return False


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|"
                   r"ADD|MOVE|COPY|WITH)\b", re.I)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE.

    SPARQLWrapper guesses the form with a regular expression that skips only
    every other line of a block of comments, so a header line such as "# asking
    for later lines..." reads as an ASK query. This parses the query with
    rdflib; for syntax rdflib does not know (an endpoint's extensions), it looks
    for the first keyword outside comment lines, strings and IRIs.
    """
    try:
        parsed = sparql_parser.parseQuery(text)
        return parsed[1].name.removesuffix("Query").upper()
    except Exception:  # not standard SPARQL 1.1 query syntax: guess below
        pass
    body = re.sub(r"(?m)^\s*#.*$", " ", text)
    body = re.sub(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", " ", body)
    m = _FORM.search(body)
    if m is None:
        return "SELECT"  # let the endpoint say what is wrong with it
    word = m.group(1).upper()
    return word if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") else "UPDATE"
