"""The shapes of a SHACL shapes graph, read into the terms :mod:`.shacl_sparql` compiles.

Shapes are found as pySHACL finds them: nodes typed ``sh:NodeShape`` or
``sh:PropertyShape``, nodes with a target, ``sh:property`` or ``sh:node``, and the values
of shape-expecting parameters (``sh:property``, ``sh:node``, ``sh:not``,
``sh:qualifiedValueShape``, the lists of ``sh:and``, ``sh:or``, ``sh:xone``).

Every ``sh:`` predicate of a shape must be one the compiler knows; anything else (a
constraint component, a path form, SHACL-AF rules and targets) raises
:class:`UnsupportedShape` naming it and the shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF

from ..errors import LmskgError
from ..ontology.namespaces import show

SH = Namespace("http://www.w3.org/ns/shacl#")


class UnsupportedShape(LmskgError):
    """A SHACL construct the SPARQL compiler does not support."""


# Parameters of the constraint components the compiler supports, by component.
COMPONENTS = {
    "class": [SH["class"]], "datatype": [SH.datatype], "nodeKind": [SH.nodeKind],
    "minCount": [SH.minCount], "maxCount": [SH.maxCount],
    "minExclusive": [SH.minExclusive], "minInclusive": [SH.minInclusive],
    "maxExclusive": [SH.maxExclusive], "maxInclusive": [SH.maxInclusive],
    "minLength": [SH.minLength], "maxLength": [SH.maxLength],
    "pattern": [SH.pattern, SH.flags], "uniqueLang": [SH.uniqueLang],
    "equals": [SH.equals], "disjoint": [SH.disjoint], "lessThan": [SH.lessThan],
    "lessThanOrEquals": [SH.lessThanOrEquals],
    "not": [SH["not"]], "and": [SH["and"]], "or": [SH["or"]], "xone": [SH.xone],
    "node": [SH.node], "property": [SH.property],
    "qualifiedValueShape": [SH.qualifiedValueShape, SH.qualifiedMinCount,
                            SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint],
    "hasValue": [SH.hasValue], "in": [SH["in"]], "sparql": [SH.sparql],
}
PARAMETER = {p: name for name, params in COMPONENTS.items() for p in params}
NON_VALIDATING = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                  SH.path, SH.message, SH.severity, SH.deactivated, SH.name, SH.description,
                  SH.order, SH.group, SH.defaultValue}
UNSUPPORTED = {SH.languageIn: "sh:languageIn", SH.closed: "sh:closed (closed shapes)",
               SH.ignoredProperties: "sh:closed (closed shapes)",
               SH.target: "SHACL-AF targets (sh:target)", SH.rule: "SHACL-AF rules (sh:rule)",
               SH.expression: "SHACL-AF node expressions", SH.js: "SHACL-JS constraints"}


@dataclass(frozen=True)
class Path:
    """A property path: an IRI, ``inverse``, a ``sequence`` or ``alternative`` of paths."""
    kind: str  # "iri" | "inverse" | "sequence" | "alternative"
    iri: URIRef | None = None
    parts: tuple = ()


@dataclass
class SparqlConstraint:
    node: object
    select: str
    prefixes: dict
    messages: list
    deactivated: bool


@dataclass
class Shape:
    node: object
    path: Path | None
    path_node: object  # the sh:path value as written (for results)
    targets: list = field(default_factory=list)  # (kind, value)
    messages: list = field(default_factory=list)
    severity: URIRef = SH.Violation
    deactivated: bool = False
    params: dict = field(default_factory=dict)  # component name -> {parameter: [values]}
    properties: list = field(default_factory=list)  # property shapes (Shape)
    sparql: list = field(default_factory=list)  # SparqlConstraint
    shapes: dict = field(default_factory=dict, repr=False)  # lookup of every shape

    def param(self, component: str, predicate: URIRef) -> list:
        return self.params.get(component, {}).get(predicate, [])

    def other(self, node: object) -> "Shape":
        return self.shapes[node]


def read_shapes(graph: Graph) -> dict:
    """Every shape of the shapes graph, by its node."""
    g = graph
    nodes = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
              SH.property, SH.node):
        nodes |= set(g.subjects(p, None))
    for p in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape):
        nodes |= set(g.objects(None, p))
    for p in (SH["and"], SH["or"], SH.xone):
        for head in g.objects(None, p):
            nodes |= set(g.items(head))
    shapes: dict = {}
    for node in nodes:
        shapes[node] = _shape(g, node, shapes)
    for shape in shapes.values():
        shape.properties = [shapes[n] for n in g.objects(shape.node, SH.property)]
    return shapes


def name(term: object) -> str:
    """A SHACL term as sh:local, any other as lmskg shows it."""
    text = str(term)
    return "sh:" + text[len(str(SH)):] if text.startswith(str(SH)) else show(term)


def unsupported(what: str) -> UnsupportedShape:
    return UnsupportedShape(f"the SHACL-to-SPARQL compiler does not support {what}")


def _fail(what: str, node: object) -> None:
    raise UnsupportedShape(f"the SHACL-to-SPARQL compiler does not support {what} "
                           f"(shape {show(node) if isinstance(node, URIRef) else 'a blank node'})")


def _shape(g: Graph, node: object, shapes: dict) -> Shape:
    paths = list(g.objects(node, SH.path))
    if len(paths) > 1:
        _fail("a shape with several sh:path values", node)
    shape = Shape(node, _path(g, paths[0], node) if paths else None, paths[0] if paths else None,
                  shapes=shapes)
    for p, o in g.predicate_objects(node):
        if p in UNSUPPORTED:
            _fail(UNSUPPORTED[p], node)
        if p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
            shape.targets.append((p, o))
        elif p == SH.message:
            shape.messages.append(o)
        elif p == SH.severity:
            shape.severity = o
        elif p == SH.deactivated:
            shape.deactivated = isinstance(o, Literal) and o.value is True
        elif p == SH.sparql:
            shape.sparql.append(_sparql(g, o, node))
        elif p in PARAMETER:
            shape.params.setdefault(PARAMETER[p], {}).setdefault(p, []).append(o)
        elif p in NON_VALIDATING or p == RDF.type:
            continue
        elif str(p).startswith(str(SH)):
            _fail(f"the parameter {name(p)}", node)
    if "qualifiedValueShape" in shape.params:
        disjoint = shape.param("qualifiedValueShape", SH.qualifiedValueShapesDisjoint)
        if any(isinstance(d, Literal) and d.value is True for d in disjoint):
            _fail("sh:qualifiedValueShapesDisjoint true", node)
    return shape


def _path(g: Graph, node: object, shape: object) -> Path:
    if isinstance(node, URIRef):
        return Path("iri", node)
    if (node, RDF.first, None) in g:
        return Path("sequence", parts=tuple(_path(g, x, shape) for x in g.items(node)))
    inverse = g.value(node, SH.inversePath)
    if inverse is not None:
        return Path("inverse", parts=(_path(g, inverse, shape),))
    alternative = g.value(node, SH.alternativePath)
    if alternative is not None:
        return Path("alternative", parts=tuple(_path(g, x, shape) for x in g.items(alternative)))
    for p in (SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
        if g.value(node, p) is not None:
            _fail(f"the path form {name(p)}", shape)
    _fail("a path of this form", shape)
    raise AssertionError  # unreachable


def _sparql(g: Graph, node: object, shape: object) -> SparqlConstraint:
    selects = list(g.objects(node, SH.select))
    if len(selects) != 1:
        _fail("a SPARQL constraint without exactly one sh:select (sh:ask validators included)",
              shape)
    for p in g.predicates(node, None):
        if p not in (SH.select, SH.message, SH.prefixes, SH.deactivated, RDF.type) and \
                str(p).startswith(str(SH)):
            _fail(f"{name(p)} on a SPARQL constraint", shape)
    prefixes: dict = {}
    ontologies = set(g.subjects(RDF.type, OWL.Ontology))
    for holder in g.objects(node, SH.prefixes):
        declares = set(g.objects(holder, SH.declare))
        if not (declares and holder in ontologies):
            for o in ontologies:
                declares |= set(g.objects(o, SH.declare))
        for dec in declares:
            prefixes[str(g.value(dec, SH.prefix))] = str(g.value(dec, SH.namespace))
    deactivated = any(isinstance(d, Literal) and d.value is True
                      for d in g.objects(node, SH.deactivated))
    return SparqlConstraint(node, str(selects[0]), prefixes, list(g.objects(node, SH.message)),
                            deactivated)


def is_blank(node: object) -> bool:
    return isinstance(node, BNode)
