"""SHACL validation compiled to SPARQL, run in an Oxigraph store.

pySHACL validates one focus node at a time in Python; at 100,000 claims it takes minutes.
Here each constraint of ``ontology/shapes.ttl`` becomes one SELECT that returns its
violations for every focus node at once, and the rows become the same findings, in the
same order, as :func:`lmskg.checks.shacl.shacl_findings`:

- targets: ``sh:targetClass`` (instances of the class and of its subclasses, through
  ``rdfs:subClassOf*`` as SHACL requires), ``sh:targetNode``, ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf``; paths: IRIs, inverse, sequence and alternative paths;
- the SHACL Core components the shapes use (and a few more, :data:`.shacl_shapes.COMPONENTS`);
  nested shapes (``sh:or``, ``sh:xone``, ``sh:not``, ``sh:and``, ``sh:node``,
  ``sh:qualifiedValueShape``) become ``NOT EXISTS`` conditions;
- SPARQL-based constraints (``sh:sparql``) run as written, joined with the focus nodes;
- ``sh:message`` (with ``{?var}`` filled in), else pySHACL's own wording of the default
  message (its formatter runs on the failure path only); ``sh:severity`` is read and,
  as in ``shacl_findings``, every result is a finding whatever its severity.

Two things differ from pySHACL by construction, both about literals as Oxigraph stores
them: values are compared as stored (``"30.0"`` and ``"30"`` are one decimal; every
integer type is ``xsd:integer``, so ``sh:datatype xsd:nonNegativeInteger`` accepts a
stored integer in that type's range), and messages quote decimals in the form the build
writes them (``130.0``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path as FilePath

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF

from ..ontology.namespaces import show
from ..reasoning.scope import WORK_GRAPHS, Scope, as_written, fresh, iri, solutions
from .located import claim_sources
from .report import Finding, finding
from .shacl_compile import Compiler
from .shacl_shapes import SH, Shape, UnsupportedShape, unsupported

# -- running ----------------------------------------------------------------------------------

# The two kinds of constraint, which :func:`shacl_sparql_findings` can run apart: the SHACL
# Core ones read the asserted graphs only (every pattern filters its graph), the
# SPARQL-based ones (``sh:sparql``) run as written, over every graph of the store.
CORE, SPARQL = "core", "sparql"
KINDS = (CORE, SPARQL)


def shacl_sparql_findings(store: ox.Store, shapes_file: FilePath,
                          exclude: frozenset | None = None,
                          kinds: tuple[str, ...] = KINDS) -> tuple[list[Finding], int]:
    """(findings, number of node shapes), as :func:`~.shacl.shacl_findings` returns them
    for the asserted graphs of the store (every named graph but ``exclude``: by default
    the derived and inferred graphs). ``kinds``: which constraints to run, of
    :data:`KINDS`; the Core ones never read a work graph of the rules, so they can run
    while the rules write to the same store (:func:`.at_scale.rule_checks`)."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"constraint kinds {sorted(unknown)}: of {', '.join(KINDS)}")
    shapes_graph = Graph().parse(shapes_file, format="turtle")
    scope = Scope(store) if exclude is None else Scope(store, frozenset(exclude))
    results = validate(scope, shapes_graph, kinds)
    n_shapes = len(set(shapes_graph.subjects(RDF.type, SH.NodeShape)))
    return to_findings(scope, shapes_graph, results), n_shapes


def validate(scope: Scope, shapes_graph: Graph, kinds: tuple[str, ...] = KINDS) -> list[dict]:
    """Every validation result of the constraints of ``kinds``: focus, path, value,
    messages, source shape, component."""
    c = Compiler(scope, shapes_graph)
    results: list[dict] = []
    for shape in sorted(c.shapes.values(), key=lambda s: str(s.node)):
        if shape.targets and not shape.deactivated:
            _results(c, shape, lambda x, sh=shape: c.focus(sh, x), results, 0, kinds)
    return results


def _results(c: Compiler, shape: Shape, focus, results: list, depth: int,
             kinds: tuple[str, ...]) -> None:
    """The results of a shape for the focus nodes ``focus(var)`` binds, with those of its
    property shapes and, as pySHACL nests them under an sh:node result (sh:detail, which
    shacl_findings reads too), those of the shapes its sh:node names."""
    if depth > 8:
        raise unsupported("sh:node nested more than 8 deep (recursive shapes)")
    head = f"{{ SELECT DISTINCT ?this WHERE {{ {focus('?this')} }} }}"
    for target in [shape] + [p for p in shape.properties if not p.deactivated]:
        for comp, pattern, value in (c.violations(target, "?this", top=True)
                                     if CORE in kinds else ()):
            query = f"SELECT DISTINCT ?this {value or ''} WHERE {{ {head} {pattern} }}"
            for row in c.scope.select(query):
                results.append({"focus": row["this"], "shape": target, "component": comp,
                                "value": row.get(value[1:]) if value else None,
                                "path": target.path_node, "bound": None})
        for constraint in target.sparql if SPARQL in kinds else ():
            if not constraint.deactivated:
                results += _sparql(c.scope, c, target, constraint, head)
        for node in target.param("node", SH.node):
            inner = target.other(node)
            if not inner.deactivated:
                def values(x: str, t: Shape = target) -> str:
                    o = fresh("o")
                    return f"{focus(o)} {c.value_pattern(t, o, x)}"
                _results(c, inner, values, results, depth + 1, kinds)


def _sparql(scope: Scope, c: Compiler, shape: Shape, constraint, focus: str) -> list[dict]:
    text = constraint.select
    if not re.search(r"[?$]this\b", text):
        raise unsupported("a SPARQL constraint whose query does not use $this")
    if not re.match(r"(?is)\s*SELECT\b[^{]*\bWHERE\s*\{\s*\$this\s", text):
        raise unsupported("a SPARQL constraint whose query does not start from $this "
                               "(the compiler joins it with the focus nodes)")
    _check_reads(scope, constraint)
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(constraint.prefixes.items()))
    query = f"{prefixes}SELECT * WHERE {{ {focus} {{ {text.replace('$this', '?this')} }} }}"
    from ..stores.oxigraph import from_ox
    names, rows = solutions(scope.store.query(query, use_default_graph_as_union=True))
    out = []
    for row in rows:
        bound = {n: as_written(from_ox(row[n])) for n in names if row[n] is not None}
        this = bound.pop("this")
        path = bound.pop("path", None)
        value = bound.pop("value", None)
        if value is None and shape.path is None:
            value = this
        out.append({"focus": this, "shape": shape, "component": "sparql", "value": value,
                    "path": path if path is not None else shape.path_node,
                    "bound": (this, path, value, bound), "constraint": constraint})
    return out


def _check_reads(scope: Scope, constraint) -> None:
    """The query reads the union of every graph (SPARQL-based constraints are run as
    written); it must not read a predicate that a graph outside the asserted ones holds,
    or it would see statements pySHACL never sees."""
    from rdflib.plugins.sparql import prepareQuery

    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in constraint.prefixes.items())
    algebra = prepareQuery(prefixes + constraint.select).algebra
    predicates = set()
    _walk(algebra, predicates)
    others = sorted(scope.exclude | WORK_GRAPHS)
    if "variable" in predicates:
        raise unsupported("a SPARQL constraint with a variable predicate")
    for p in sorted(predicates, key=str):
        for g in others:
            if scope.ask(f"ASK {{ GRAPH {iri(g)} {{ ?s {iri(p)} ?o }} }}"):
                raise unsupported(f"a SPARQL constraint reading {show(p)} here: the graph {g} "
                                  "holds it too, and the query reads every graph")


def _walk(node: object, out: set) -> None:
    from rdflib.paths import Path as RPath

    if isinstance(node, dict):
        if "triples" in node and isinstance(node["triples"], list):
            for triple in node["triples"]:
                _predicate(triple[1], out)
        for value in node.values():
            _walk(value, out)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _walk(item, out)
    elif isinstance(node, RPath):
        _predicate(node, out)


def _predicate(p: object, out: set) -> None:
    from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath

    if isinstance(p, URIRef):
        out.add(p)
    elif isinstance(p, Variable):
        out.add("variable")
    elif isinstance(p, (AlternativePath, SequencePath)):
        for x in p.args:
            _predicate(x, out)
    elif isinstance(p, (InvPath, MulPath)):
        _predicate(p.path, out)
    elif isinstance(p, NegatedPath):
        out.add("variable")


# -- results to findings ----------------------------------------------------------------------

def to_findings(scope: Scope, shapes_graph: Graph, results: list[dict]) -> list[Finding]:
    claims = claim_sources(scope, {r["focus"] for r in results})
    out = []
    for r in results:
        shape: Shape = r["shape"]
        messages = _messages(shapes_graph, r)
        message = str(messages[0]) if messages else "violation"  # the one shacl_findings reads
        path, value = r["path"], r["value"]
        if isinstance(value, Literal):
            value = as_written(value)
        detail = f" (path {show(path)}" + (f", value {show(value)}" if value is not None else "") \
            + ")" if isinstance(path, URIRef) else ""
        node = shape.node
        if not isinstance(node, URIRef):
            parent = shapes_graph.value(None, SH.property, node)
            node = parent if parent is not None else node
        out.append(finding(claims, "shacl", r["focus"], message + detail,
                           f"shape {show(node)}" if isinstance(node, URIRef) else "shape"))
    return in_order(out)


def in_order(findings: list[Finding]) -> list[Finding]:
    """Findings without repeats, in the order :func:`~.shacl.shacl_findings` gives them
    (also for the findings of two runs over different ``kinds``, joined)."""
    return sorted(set(findings), key=lambda f: (f.source, f.claim, f.focus, f.message, f.rule))


def _messages(shapes_graph: Graph, r: dict) -> list:
    """The result messages pySHACL gives: the shape's sh:message (and the SPARQL
    constraint's), {?var} filled in; else its default wording."""
    shape: Shape = r["shape"]
    bound = r.get("bound")
    msgs = [m for m in shape.messages]
    if r["component"] == "sparql":  # pySHACL writes the constraint's own messages first
        msgs = [m for m in r["constraint"].messages if m not in msgs] + msgs
    if bound is not None:
        return [_fill(str(m), bound) for m in msgs]
    if msgs:
        return [str(m) for m in msgs]
    return _generic(shapes_graph, shape.node, r["component"], r["focus"], r["value"])


def _fill(message: str, bound: tuple) -> str:
    this, path, value, extra = bound
    values = dict(extra)
    for key, val in (("this", this), ("path", path), ("value", value)):
        if val is not None:
            values[key] = val
    for var, val in values.items():
        message = re.sub("{{[?$]{}}}".format(var), str(val), message)
    return message


def _generic(shapes_graph: Graph, node: object, component: str, focus: object,
             value: object) -> list:
    """pySHACL's default message for a result (its own formatter, on the failure path)."""
    from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP

    parameter = {"qualifiedMaxCount": SH.qualifiedValueShape,
                 "qualifiedMinCount": SH.qualifiedValueShape}.get(component, SH[component])
    shape = _pyshacl_shapes(shapes_graph).lookup_shape_from_node(node)
    data = Graph()
    messages = CONSTRAINT_PARAMETERS_MAP[parameter](shape).make_generic_messages(data, focus, value)
    return [str(m) for m in messages]


@lru_cache(maxsize=4)
def _pyshacl_shapes(shapes_graph: Graph):
    from pyshacl.shapes_graph import ShapesGraph

    sg = ShapesGraph(shapes_graph)
    sg.shapes  # builds the cache of shapes
    return sg


__all__ = ["shacl_sparql_findings", "validate", "in_order", "KINDS", "CORE", "SPARQL", "Compiler",
           "UnsupportedShape"]
