"""The ontology as an HTML page: classes, properties and the named individuals.

The individuals matter to users as much as the classes: their notations are the values
query parameters and curated files take (measures, directions, lines of therapy,
qualifiers, flags, date kinds...). Written from the ontology graph alone, deterministic,
every value escaped (Jinja2 autoescaping). ``lmskg docs`` (``make docs``) writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ..ontology.namespaces import LMS, ONTOLOGY_IRI, shorten

TEMPLATES = Path(__file__).with_name("templates")
_MATCHES = {SKOS.exactMatch: "exact", SKOS.closeMatch: "close", SKOS.relatedMatch: "related"}


@dataclass
class Entry:
    """One term of the page."""

    iri: str
    curie: str
    label: str
    definition: str = ""
    notation: str = ""
    parents: list[str] = field(default_factory=list)  # superclasses, types or broader terms
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    traits: list[str] = field(default_factory=list)  # functional, symmetric, ...
    mappings: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The element id: an lms: term's local name (so that the page at the ontology's
        IRI opens at ``#Claim`` for lms:Claim), other terms' CURIE with a dash."""
        prefix, _, local = self.curie.partition(":")
        return local if prefix == "lms" and local else self.curie.replace(":", "-")


def _text(g: Graph, s: URIRef, p: URIRef) -> str:
    value = g.value(s, p)
    return str(value) if value is not None else ""


def _names(g: Graph, nodes: object) -> list[str]:
    return sorted(shorten(str(n), strict=False) or str(n) for n in nodes
                  if isinstance(n, URIRef))


def _entry(g: Graph, s: URIRef, parents: object = ()) -> Entry:
    curie = shorten(str(s), strict=False) or str(s)
    traits = [t for t, cls in (("functional", OWL.FunctionalProperty),
                               ("symmetric", OWL.SymmetricProperty),
                               ("transitive", OWL.TransitiveProperty)) if (s, RDF.type, cls) in g]
    return Entry(str(s), curie, _text(g, s, RDFS.label) or curie.split(":")[-1],
                 _text(g, s, SKOS.definition), _text(g, s, SKOS.notation),
                 _names(g, parents), _names(g, g.objects(s, RDFS.domain)),
                 _names(g, g.objects(s, RDFS.range)), traits,
                 sorted(f"{_MATCHES[p]}: {o}" for p in _MATCHES for o in g.objects(s, p)))


def _ours(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(LMS))


def sections(g: Graph) -> dict[str, list[Entry]]:
    """The page's sections, each sorted by label."""
    def of(kind: URIRef, parents=lambda s: ()) -> list[Entry]:
        return sorted((_entry(g, s, parents(s)) for s in set(g.subjects(RDF.type, kind))
                       if _ours(s)), key=lambda e: (e.label.lower(), e.curie))
    return {
        "Classes": of(OWL.Class, lambda s: [o for o in g.objects(s, RDFS.subClassOf)
                                            if not isinstance(o, BNode)]),
        "Object properties": of(OWL.ObjectProperty,
                                lambda s: list(g.objects(s, RDFS.subPropertyOf))),
        "Datatype properties": of(OWL.DatatypeProperty),
        "Annotation properties": of(OWL.AnnotationProperty),
        "Named individuals": of(OWL.NamedIndividual, lambda s: [
            o for o in g.objects(s, RDF.type) if o != OWL.NamedIndividual]),
    }


def ontology_html(g: Graph, site_root: str | None = None) -> str:
    """The page; ``site_root``: where the evidence site's home is, for a link back (the
    page inside ``lmskg site``)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    meta = {"title": _text(g, ONTOLOGY_IRI, DCTERMS.title),
            "description": _text(g, ONTOLOGY_IRI, DCTERMS.description),
            "version": _text(g, ONTOLOGY_IRI, OWL.versionInfo),
            "version_iri": _text(g, ONTOLOGY_IRI, OWL.versionIRI),
            "license": _text(g, ONTOLOGY_IRI, DCTERMS.license),
            "iri": str(ONTOLOGY_IRI), "namespace": str(LMS)}
    individuals = sections(g)["Named individuals"]
    by_class: dict[str, list[Entry]] = {}
    for e in individuals:
        for parent in e.parents or ["(untyped)"]:
            by_class.setdefault(parent, []).append(e)
    return env.get_template("ontology.html").render(
        meta=meta, sections=sections(g), individuals=dict(sorted(by_class.items())),
        site_root=site_root)
