"""The graph's own IRIs, resolved at their paths: what a resource is, and where its page is.

``https://w3id.org/lmskg/id/claim/s000-c26`` is served at ``/id/claim/s000-c26``, and so is
every IRI under ``id/``, ``graph/`` and ``ontology`` (see docs/decisions/0012). A request
for RDF gets the resource's description from the engine: its own statements, in every
graph, with those of its parts (the IRIs below it: a claim's anchor, selectors, quantity
and time point; a source's metadata anchors and citations). A named graph's IRI gives the
graph, the ontology's IRI the ontology. A request for HTML is sent (303 See Other) to the
page about the resource in the site, or for a part to its owner's page at the part.

Only paths of letters, digits and ``. _ ~ -`` between slashes are resolved, so the IRI
placed in a query can hold nothing but a plain IRI.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rdflib import Graph

from ..exports.rdf import jsonld, ntriples
from ..ontology.namespaces import BASE, ONTOLOGY_GRAPH, bind_prefixes
from .negotiate import JSONLD, NTRIPLES, TURTLE

_SEGMENT = r"[A-Za-z0-9._~-]+"
_RESOURCE = re.compile(rf"^/(?:(?:id|graph)(?:/{_SEGMENT})+|ontology)$")
PAGE_KINDS = ("source", "claim", "regimen", "therapy", "context", "reference", "effect",
              "tool", "factor", "agent", "pair", "activity")
TYPES = {TURTLE: "text/turtle; charset=utf-8", JSONLD: "application/ld+json",
         NTRIPLES: "application/n-triples; charset=utf-8"}


def is_resource_path(path: str) -> bool:
    """Whether a path is where one of the graph's IRIs would be (checked or not)."""
    return path == "/ontology" or path.startswith(("/id/", "/graph/"))


def resource_iri(path: str) -> str | None:
    """The IRI a path resolves, or None for a path no IRI of ours can have."""
    if not _RESOURCE.match(path) or any(s in (".", "..") for s in path.split("/")):
        return None
    return BASE + path[1:]


def describe_query(iri: str) -> str:
    """The CONSTRUCT query for a resource's description (``iri`` from resource_iri)."""
    if iri == BASE + "ontology":
        return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
    if iri.startswith(BASE + "graph/"):
        return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    return (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{\n"
            f"  {{ BIND(<{iri}> AS ?s) ?s ?p ?o }}\n"
            f"  UNION {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), {json.dumps(iri + '/')})) }}\n}}")


def page_location(iri: str, site: Path | None) -> str | None:
    """Where the HTML about a resource is, as a path of the server (with a fragment for a
    part), when the site has it; None otherwise."""
    if site is None:
        return None
    rel = iri[len(BASE):]
    if rel == "ontology" or rel == "graph/ontology":
        return "/ontology/" if (site / "ontology" / "index.html").is_file() else None
    parts = rel.split("/")
    if parts[:2] == ["graph", "source"] and len(parts) == 3:
        parts = ["id", "source", parts[2]]
    elif parts[0] == "graph":
        return "/index.html" if (site / "index.html").is_file() else None
    if len(parts) < 3 or parts[1] not in PAGE_KINDS:
        return None
    page = site.joinpath(*parts[:3], "index.html")
    if not page.is_file():
        return None
    where = "/" + "/".join(parts[:3]) + "/"
    rest = parts[3:]
    return where + (f"#{_fragment(page, rest)}" if rest else "")


def _fragment(page: Path, rest: list[str]) -> str:
    """The longest fragment the page has an element for ('anchor-quote', else 'anchor'),
    else the whole one."""
    html = page.read_text(encoding="utf-8", errors="replace")
    for n in range(len(rest), 0, -1):
        candidate = "-".join(rest[:n])
        if f'id="{candidate}"' in html:
            return candidate
    return "-".join(rest)


def represent(nt: bytes, media: str, context_file: Path | None) -> bytes:
    """A description (N-Triples from the engine) in the media type asked for."""
    graph = bind_prefixes(Graph())
    graph.parse(data=nt.decode("utf-8"), format="nt")
    if media == TURTLE:
        return graph.serialize(format="turtle").encode("utf-8")
    if media == JSONLD:
        if context_file is not None and context_file.is_file():
            return jsonld(graph, context_file).encode("utf-8")
        return graph.serialize(format="json-ld", indent=1).encode("utf-8")
    return ntriples(graph).encode("utf-8")
