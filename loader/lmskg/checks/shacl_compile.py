"""Shapes to SPARQL: the patterns :mod:`.shacl_sparql` runs.

:class:`Compiler` turns each constraint of a shape into a group pattern that, with the
focus node bound, holds once per violation (binding the value node where the result names
one); a nested shape (``sh:or``, ``sh:xone``, ``sh:not``, ``sh:and``, ``sh:node``,
``sh:qualifiedValueShape``) becomes a ``NOT EXISTS`` over the union of its violations.
Counts are checked with pairwise-distinct values, so the same pattern serves at the top
level and inside a nested shape. The data are the asserted graphs of a
:class:`~lmskg.reasoning.scope.Scope`; literals are compared as Oxigraph stores them.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ..reasoning.scope import Scope, fresh, iri, term
from .shacl_shapes import SH, Path, Shape, read_shapes, unsupported

X = str(XSD)
INTEGERS = {"integer": (None, None), "nonNegativeInteger": (0, None),
            "positiveInteger": (1, None), "nonPositiveInteger": (None, 0),
            "negativeInteger": (None, -1), "long": (-2**63, 2**63 - 1),
            "int": (-2**31, 2**31 - 1), "short": (-2**15, 2**15 - 1), "byte": (-128, 127),
            "unsignedLong": (0, 2**64 - 1), "unsignedInt": (0, 2**32 - 1),
            "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 255)}
MAX_COUNT_PAIRS = 6  # counts up to this many values are checked by pairwise-distinct values


class Compiler:
    """Compiles shapes to SPARQL over the asserted graphs of a store."""

    def __init__(self, scope: Scope, shapes_graph: Graph):
        self.scope = scope
        self.sg = shapes_graph
        self.shapes = read_shapes(shapes_graph)
        self._subclasses = None
        self.top = False

    # -- classes
    def subclasses(self, cls: object) -> list:
        """cls and every class below it by rdfs:subClassOf* in the asserted graphs."""
        if self._subclasses is None:
            rows = self.scope.select(f"SELECT DISTINCT ?s ?o WHERE {{ "
                                     f"{self.scope.asserted('?s', iri(RDFS.subClassOf), '?o')} }}")
            below: dict = {}
            for row in rows:
                below.setdefault(row["o"], set()).add(row["s"])
            self._subclasses = below
        seen, todo = {cls}, [cls]
        while todo:
            for sub in self._subclasses.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return sorted((c for c in seen if isinstance(c, URIRef)), key=str)

    def typed(self, x: str, cls: object) -> str:
        t = fresh("t")
        return (f"VALUES {t} {{ {' '.join(iri(c) for c in self.subclasses(cls))} }} "
                f"{self.scope.asserted(x, iri(RDF.type), t)}")

    # -- focus nodes and value nodes
    def focus(self, shape: Shape, x: str) -> str:
        parts = []
        for kind, value in shape.targets:
            if kind == SH.targetNode:
                parts.append(f"VALUES {x} {{ {term(value)} }}")
            elif kind == SH.targetClass:
                parts.append(self.typed(x, value))
            elif kind == SH.targetSubjectsOf:
                parts.append(self.scope.asserted(x, iri(value), fresh("o")))
            elif kind == SH.targetObjectsOf:
                parts.append(self.scope.asserted(fresh("s"), iri(value), x))
        return " UNION ".join("{ " + p + " }" for p in parts)

    def values(self, path: Path, x: str, v: str) -> str:
        """A pattern binding v to each value of the path from x."""
        if path.kind == "iri":
            return self.scope.asserted(x, iri(path.iri), v)
        if path.kind == "inverse":
            return self.values(path.parts[0], v, x)
        if path.kind == "sequence":
            here, out = x, []
            for k, part in enumerate(path.parts):
                there = v if k == len(path.parts) - 1 else fresh("m")
                out.append(self.values(part, here, there))
                here = there
            return " ".join(out)
        steps = [p for p in path.parts]
        if all(p.kind == "iri" or (p.kind == "inverse" and p.parts[0].kind == "iri")
               for p in steps):
            alt = "|".join(iri(p.iri) if p.kind == "iri" else "^" + iri(p.parts[0].iri)
                           for p in steps)
            return self.scope.asserted(x, f"({alt})", v)
        return " UNION ".join("{ " + self.values(p, x, v) + " }" for p in steps)

    def value_pattern(self, shape: Shape, x: str, v: str) -> str:
        return self.values(shape.path, x, v) if shape.path else f"BIND ({x} AS {v})"

    # -- violations: (component, pattern with the focus bound, value variable or None)
    def violations(self, shape: Shape, x: str, top: bool = False) -> list:
        """``top``: the focus nodes are bound by the query itself, so an absent value can be
        a left join (``OPTIONAL ... !BOUND``), which Oxigraph runs with its indexes; inside
        a nested shape it stays ``NOT EXISTS``."""
        out = []
        vp = (lambda v: self.value_pattern(shape, x, v))
        outer, self.top = self.top, top
        try:
            for comp, params in sorted(shape.params.items()):
                out += getattr(self, "c_" + comp)(shape, params, x, vp)
        finally:
            self.top = outer
        return out

    def none(self, pattern: str, var: str) -> str:
        """Holds when ``pattern`` (which binds ``var``) has no solution."""
        if self.top:
            return f"OPTIONAL {{ {pattern} }} FILTER (!BOUND({var}))"
        return f"FILTER NOT EXISTS {{ {pattern} }}"

    def distinct_values(self, vp, n: int, extra=None) -> tuple[str, list]:
        if n > MAX_COUNT_PAIRS:
            raise unsupported(f"a count above {MAX_COUNT_PAIRS} (counts are checked by "
                              "pairwise-distinct values)")
        vs = [fresh("v") for _ in range(n)]
        parts = [vp(v) for v in vs] + ([extra(v) for v in vs] if extra else [])
        parts += [f"FILTER (!sameTerm({a}, {b}))" for i, a in enumerate(vs) for b in vs[i + 1:]]
        return " ".join(parts), vs

    def each(self, vp, condition) -> list:
        v = fresh("v")
        return [(f"{vp(v)} FILTER ({condition(v)})", v)]

    def c_class(self, shape, params, x, vp):
        out = []
        for cls in params[SH["class"]]:
            if self.top:
                v, t = fresh("v"), fresh("t")
                typed = (f"VALUES {t} {{ {' '.join(iri(c) for c in self.subclasses(cls))} }} "
                         f"{self.scope.asserted(v, iri(RDF.type), t)}")
                out.append(("class", f"{vp(v)} OPTIONAL {{ {typed} }} "
                                     f"FILTER (isLiteral({v}) || !BOUND({t}))", v))
                continue
            out += [("class", p, v) for p, v in self.each(vp, lambda v, c=cls: (
                f"isLiteral({v}) || NOT EXISTS {{ {self.typed(v, c)} }}"))]
        return out

    def c_datatype(self, shape, params, x, vp):
        (dt,) = params[SH.datatype]
        return [("datatype", p, v) for p, v in self.each(vp, lambda v: f"!({datatype_ok(v, dt)})")]

    def c_nodeKind(self, shape, params, x, vp):
        (kind,) = params[SH.nodeKind]
        tests = {SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
                 SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))",
                 SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
                 SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))"}
        if kind not in tests:
            raise unsupported(f"the node kind {kind}")
        return [("nodeKind", p, v) for p, v in self.each(vp, lambda v: "!" + tests[kind].format(v=v))]

    def c_minCount(self, shape, params, x, vp):
        (n,) = params[SH.minCount]
        if int(n) == 0:
            return []
        pattern, vs = self.distinct_values(vp, int(n))
        return [("minCount", self.none(pattern, vs[-1]), None)]

    def c_maxCount(self, shape, params, x, vp):
        (n,) = params[SH.maxCount]
        pattern, _ = self.distinct_values(vp, int(n) + 1)
        return [("maxCount", pattern, None)]

    def _compare(self, comp, params, vp, op):
        out = []
        for bound in params[SH[comp]]:
            out += [(comp, p, v) for p, v in self.each(
                vp, lambda v, b=bound: f"!COALESCE({v} {op} {term(b)}, false)")]
        return out

    def c_minInclusive(self, shape, params, x, vp):
        return self._compare("minInclusive", params, vp, ">=")

    def c_minExclusive(self, shape, params, x, vp):
        return self._compare("minExclusive", params, vp, ">")

    def c_maxInclusive(self, shape, params, x, vp):
        return self._compare("maxInclusive", params, vp, "<=")

    def c_maxExclusive(self, shape, params, x, vp):
        return self._compare("maxExclusive", params, vp, "<")

    def c_minLength(self, shape, params, x, vp):
        (n,) = params[SH.minLength]
        if int(n) == 0:
            return []
        return [("minLength", p, v) for p, v in self.each(
            vp, lambda v: f"isBlank({v}) || STRLEN(STR({v})) < {int(n)}")]

    def c_maxLength(self, shape, params, x, vp):
        (n,) = params[SH.maxLength]
        return [("maxLength", p, v) for p, v in self.each(
            vp, lambda v: f"isBlank({v}) || STRLEN(STR({v})) > {int(n)}")]

    def c_pattern(self, shape, params, x, vp):
        flags = "".join(f for f in str(params.get(SH.flags, [""])[0]).lower() if f in "im")
        out = []
        for pat in params[SH.pattern]:
            regex = term(Literal(python_regex(str(pat))))
            out += [("pattern", p, v) for p, v in self.each(
                vp, lambda v, r=regex: f"isBlank({v}) || !REGEX(STR({v}), {r}, \"{flags}\")")]
        return out

    def c_uniqueLang(self, shape, params, x, vp):
        (flag,) = params[SH.uniqueLang]
        if not (isinstance(flag, Literal) and flag.value is True):
            return []
        a, b = fresh("v"), fresh("v")
        return [("uniqueLang", f"{vp(a)} {vp(b)} FILTER (!sameTerm({a}, {b}) && LANG({a}) != \"\" "
                               f"&& LCASE(LANG({a})) = LCASE(LANG({b})))", None)]

    def c_equals(self, shape, params, x, vp):
        out = []
        for prop in params[SH.equals]:
            v, w = fresh("v"), fresh("w")
            other = (lambda z: self.scope.asserted(x, iri(prop), z))
            out.append(("equals", f"{{ {vp(v)} {self.none(other(w) + f' FILTER (sameTerm({w}, {v}))', w)} }} "
                                  f"UNION {{ {other(v)} {self.none(vp(w) + f' FILTER (sameTerm({w}, {v}))', w)} }}",
                        v))
        return out

    def c_disjoint(self, shape, params, x, vp):
        out = []
        for prop in params[SH.disjoint]:
            v = fresh("v")
            out.append(("disjoint", f"{vp(v)} {self.scope.asserted(x, iri(prop), v)}", v))
        return out

    def _pair(self, comp, params, x, vp, op):
        out = []
        for prop in params[SH[comp]]:
            v, w = fresh("v"), fresh("w")
            strs = (f"(isIRI({{0}}) || (isLiteral({{0}}) && DATATYPE({{0}}) IN "
                    f"({iri(XSD.string)}, {iri(RDF.langString)})))")
            sv, sw = strs.format(v), strs.format(w)
            ok = (f"({sv} && {sw} && STR({v}) {op} STR({w})) || "
                  f"(!{sv} && !{sw} && COALESCE({v} {op} {w}, false))")
            out.append((comp, f"{vp(v)} {self.scope.asserted(x, iri(prop), w)} FILTER (!({ok}))", v))
        return out

    def c_lessThan(self, shape, params, x, vp):
        return self._pair("lessThan", params, x, vp, "<")

    def c_lessThanOrEquals(self, shape, params, x, vp):
        return self._pair("lessThanOrEquals", params, x, vp, "<=")

    def c_hasValue(self, shape, params, x, vp):
        out = []
        for value in params[SH.hasValue]:
            v = fresh("v")
            out.append(("hasValue", self.none(f"{vp(v)} FILTER (sameTerm({v}, {term(value)}))", v),
                        None))
        return out

    def c_in(self, shape, params, x, vp):
        (head,) = params[SH["in"]]
        members = list(self.sg.items(head))
        return [("in", p, v) for p, v in self.each(vp, lambda v: "!(" + (" || ".join(
            f"sameTerm({v}, {term(m)})" for m in members) or "false") + ")")]

    def c_not(self, shape, params, x, vp):
        out = []
        for node in params[SH["not"]]:
            out += [("not", p, v) for p, v in self.each(vp, lambda v, n=node: self.conforms(shape.other(n), v))]
        return out

    def c_node(self, shape, params, x, vp):
        out = []
        for node in params[SH.node]:
            out += [("node", p, v) for p, v in self.each(
                vp, lambda v, n=node: "!" + self.conforms(shape.other(n), v))]
        return out

    def _members(self, shape, head) -> list:
        return [shape.other(n) for n in self.sg.items(head)]

    def c_and(self, shape, params, x, vp):
        return [("and", p, v) for head in params[SH["and"]] for p, v in self.each(
            vp, lambda v, h=head: "!(" + " && ".join(self.conforms(s, v) for s in self._members(shape, h)) + ")")]

    def c_or(self, shape, params, x, vp):
        return [("or", p, v) for head in params[SH["or"]] for p, v in self.each(
            vp, lambda v, h=head: "!(" + " || ".join(self.conforms(s, v) for s in self._members(shape, h)) + ")")]

    def c_xone(self, shape, params, x, vp):
        out = []
        for head in params[SH.xone]:
            v, n = fresh("v"), fresh("n")
            count = " + ".join(f"IF({self.conforms(s, v)}, 1, 0)" for s in self._members(shape, head))
            out.append(("xone", f"{vp(v)} BIND (({count}) AS {n}) FILTER ({n} != 1)", v))
        return out

    def c_qualifiedValueShape(self, shape, params, x, vp):
        (node,) = params[SH.qualifiedValueShape]
        inner = shape.other(node)
        ok = (lambda v: f"FILTER ({self.conforms(inner, v)})")
        out = []
        for key, comp in ((SH.qualifiedMaxCount, "qualifiedMaxCount"),
                          (SH.qualifiedMinCount, "qualifiedMinCount")):
            for n in params.get(key, []):
                if comp == "qualifiedMaxCount":
                    pattern, _ = self.distinct_values(vp, int(n) + 1, ok)
                    out.append((comp, pattern, None))
                elif int(n) > 0:
                    pattern, vs = self.distinct_values(vp, int(n), ok)
                    out.append((comp, self.none(pattern, vs[-1]), None))
        return out

    def c_property(self, shape, params, x, vp):
        return []  # property shapes are compiled as shapes of their own

    def c_sparql(self, shape, params, x, vp):
        return []  # SPARQL constraints run as queries of their own (top level only)

    def conforms(self, shape: Shape, x: str) -> str:
        """A SPARQL expression: x conforms to the shape (used in nested shapes)."""
        if shape.deactivated:
            return "true"
        if shape.sparql:
            raise unsupported("a SPARQL constraint in a shape used by sh:or, sh:xone, sh:and, "
                              "sh:not or sh:qualifiedValueShape")
        parts = [p for _, p, _ in self.violations(shape, x)]
        for prop in shape.properties:
            if not prop.deactivated:
                if prop.sparql:
                    raise unsupported("a SPARQL constraint in a nested property shape")
                parts += [p for _, p, _ in self.violations(prop, x)]
        if not parts:
            return "true"
        return "NOT EXISTS { " + " UNION ".join("{ " + p + " }" for p in parts) + " }"


def datatype_ok(v: str, dt: object) -> str:
    """v is a well-formed literal of the datatype (as Oxigraph stores literals)."""
    d = str(dt)
    name = d[len(X):] if d.startswith(X) else None
    if dt == RDFS.Literal:
        return f"isLiteral({v})"
    if dt == RDF.langString:
        return f"(isLiteral({v}) && LANG({v}) != \"\")"
    if name in INTEGERS:
        lo, hi = INTEGERS[name]
        conds = [f"DATATYPE({v}) IN ({iri(XSD.integer)}, {iri(dt)})", f"isNumeric({v})"]
        conds += [f"{v} >= {lo}"] if lo is not None else []
        conds += [f"{v} <= {hi}"] if hi is not None else []
        return f"(isLiteral({v}) && {' && '.join(conds)})"
    if name in ("decimal", "double", "float"):
        return f"(isLiteral({v}) && DATATYPE({v}) = {iri(dt)} && isNumeric({v}))"
    if name == "boolean":
        return f"(isLiteral({v}) && DATATYPE({v}) = {iri(dt)} && STR({v}) IN (\"true\", \"false\"))"
    if name in ("date", "dateTime"):
        return f"(isLiteral({v}) && DATATYPE({v}) = {iri(dt)} && COALESCE(YEAR({v}) = YEAR({v}), false))"
    if name == "dateTimeStamp":
        return (f"(isLiteral({v}) && DATATYPE({v}) = {iri(XSD.dateTime)} && "
                f"COALESCE(TZ({v}) != \"\", false))")
    if name == "time":
        return f"(isLiteral({v}) && DATATYPE({v}) = {iri(dt)} && COALESCE(HOURS({v}) = HOURS({v}), false))"
    return f"(isLiteral({v}) && DATATYPE({v}) = {iri(dt)})"


def python_regex(pattern: str) -> str:
    """The pattern as SPARQL REGEX reads it, matching as Python's re.search does: a final
    ``$`` also matches before a newline that ends the text."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + "(\\n)?$"
    return pattern
