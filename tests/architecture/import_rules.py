"""The import rules of the package, read from its source with ``ast``.

The layout follows the pipeline, and dependencies run one way: a stage imports only
the stages before it. Every ``import`` counts, at module level or inside a function.
:func:`violations` returns one line per broken rule, naming the offending import.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

# Stages in pipeline order; a module may import its own stage and the ones before it.
STAGES: tuple[tuple[str, ...], ...] = (
    ("version", "errors", "config", "atomic", "files", "timing", "markdown"),
    ("curated", "net"),
    ("ontology",),
    ("extract",),
    ("transform",),
    ("derive",),
    ("stores",),
    ("reasoning",),
    ("checks", "exports", "sparql"),
    ("serve", "pipeline", "site"),
    ("curate", "bench"),
    ("cli", "__main__"),
)
RDF_LIBRARIES = ("rdflib", "pyoxigraph", "oxrdflib", "owlready2", "pyshacl", "SPARQLWrapper")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. lmskg.curated.load
    target: str  # what it imports, e.g. lmskg.curated.validate or rdflib
    line: int


def module_name(root: Path, path: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(root: Path) -> list[Import]:
    """Every import of every module under ``root`` (the package directory)."""
    modules = {module_name(root, p): p for p in root.rglob("*.py")}
    out = []
    for name, path in sorted(modules.items()):
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                out += [Import(name, a.name, node.lineno) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, is_package, node.module, node.level)
                for a in node.names:
                    candidate = f"{base}.{a.name}"
                    out.append(Import(name, candidate if candidate in modules else base,
                                      node.lineno))
    return out


def _resolve(module: str, is_package: bool, target: str | None, level: int) -> str:
    if level == 0:
        return target or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    parts = parts[:len(parts) - (level - 1)]
    return ".".join(parts + ([target] if target else []))


def stage_of(module: str) -> int | None:
    """The stage index of an lmskg module (by its first package), else None."""
    parts = module.split(".")
    if parts[0] != "lmskg" or len(parts) < 2:
        return None
    return next((i for i, group in enumerate(STAGES) if parts[1] in group), None)


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def violations(root: Path) -> list[str]:
    """Every broken import rule, one line each."""
    found = []
    imports = imports_of(root)
    for imp in imports:
        where = f"{imp.module} (line {imp.line}) imports {imp.target}"
        own = stage_of(imp.module)
        if imp.target == "lmskg":
            found.append(f"{where}: import the module you need (lmskg.version, ...), not the "
                         "package, whose __init__ imports every stage")
        if _within(imp.target, "lmskg.cli") and not (_within(imp.module, "lmskg.cli")
                                                     or imp.module == "lmskg.__main__"):
            found.append(f"{where}: nothing imports the command line; it is a leaf")
        if _within(imp.module, "lmskg.curated"):
            if imp.target.split(".")[0] in RDF_LIBRARIES:
                found.append(f"{where}: the curated stage reads YAML into records, no RDF")
            if _within(imp.target, "lmskg.transform"):
                found.append(f"{where}: records come before triples")
        if _within(imp.module, "lmskg.transform") and (
                imp.target.startswith("lmskg.curated.validate")  # validate, validate_studies, ...
                or _within(imp.target, "lmskg.curated.load")):
            found.append(f"{where}: transforms take checked records; they never validate")
        if _within(imp.module, "lmskg.stores") and any(
                _within(imp.target, f"lmskg.{p}") for p in ("curated", "ontology", "transform")):
            found.append(f"{where}: a store knows no domain terms")
        target_stage = stage_of(imp.target)
        if own is not None and target_stage is not None and target_stage > own:
            found.append(f"{where}: {imp.target.split('.')[1]} comes after "
                         f"{imp.module.split('.')[1]} in the pipeline")
    found += [f"import cycle between: {', '.join(c)}" for c in cycles(imports)]
    return sorted(set(found))


def cycles(imports: list[Import]) -> list[list[str]]:
    """Groups of lmskg modules that import each other, directly or not (the strongly
    connected components of the import graph, by Tarjan's algorithm)."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        if imp.target.startswith("lmskg.") and imp.target != imp.module:
            graph.setdefault(imp.module, set()).add(imp.target)
            graph.setdefault(imp.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found
