"""Blocks of the catalogue queries that are generated from the context-kind registry and
the kinds of a claim's date.

Several questions list a claim's contexts in a fixed order of kinds, or compare two
claims kind by kind. The kinds come from :mod:`lmskg.curated.contexts`, so those parts
of the query text are generated: a marker comment names the block, and the ``VALUES``
clause on the lines after it is rewritten (its variables and indentation kept)::

    # generated: context-order
    VALUES (?context_kind ?context_order) {
      (lms:disease 1) (lms:site 2) ... }

Blocks: ``context-order`` (every kind with its display rank), ``linked-context-kinds``
(kinds whose values are linked by skos:broader, so claims can be compared on them),
``unlinked-context-kinds`` (the others) and ``date-kinds`` (each kind of a claim's date
with its notation: joined to the claim's ``lms:claimDateKind`` inside one OPTIONAL with one
triple pattern, which Oxigraph evaluates per row by index, where a path or a second
pattern would make it evaluate the OPTIONAL for every claim of the graph first). ``lmskg catalogue --write`` rewrites them; a
test fails while a query is stale.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..curated.contexts import ContextKind, in_display_order
from ..derive.triples import DATE_KINDS
from ..errors import QueryError
from ..files import read_text

_MARKER = re.compile(r"^(?P<indent>[ \t]*)# generated: (?P<block>[\w-]+)[^\n]*\n", re.M)
_VALUES = re.compile(r"[ \t]*VALUES\s*(?P<vars>\([^)]*\)|\?\w+)\s*\{[^}]*\}")
WIDTH = 96


def _term(kind: ContextKind) -> str:
    return f"lms:{kind.prop}"


def _rows(block: str) -> list[str]:
    kinds = in_display_order()
    if block == "context-order":
        return [f"({_term(k)} {k.display_rank})" for k in kinds]
    if block == "linked-context-kinds":
        return [_term(k) for k in kinds if k.linked]
    if block == "unlinked-context-kinds":
        return [_term(k) for k in kinds if not k.linked]
    if block == "date-kinds":
        return [f'(lms:{str(term).rpartition("#")[2]} "{notation}")'
                for notation, term in DATE_KINDS.items()]
    raise QueryError(f"unknown generated block {block!r} (known: context-order, "
                     "linked-context-kinds, unlinked-context-kinds, date-kinds)")


def _values(indent: str, variables: str, rows: list[str]) -> str:
    if not variables.startswith("("):  # one variable: one line
        return f"{indent}VALUES {variables} {{ {' '.join(rows)} }}"
    lines, current = [f"{indent}VALUES {variables} {{"], ""
    for row in rows:
        if current and len(indent) + 2 + len(current) + 1 + len(row) > WIDTH:
            lines.append(f"{indent}  {current}")
            current = row
        else:
            current = f"{current} {row}" if current else row
    lines.append(f"{indent}  {current} }}")
    return "\n".join(lines)


def regenerate(text: str, where: str = "query") -> str:
    """The query text with every generated block rewritten from the registry."""
    out, pos = [], 0
    for m in _MARKER.finditer(text):
        values = _VALUES.match(text, m.end())
        if values is None:
            raise QueryError(f"{where}: '# generated: {m.group('block')}' must be followed by "
                             "a VALUES clause")
        out.append(text[pos:m.end()])
        out.append(_values(m.group("indent"), values.group("vars"), _rows(m.group("block"))))
        pos = values.end()
    out.append(text[pos:])
    return "".join(out)


def stale_queries(queries_dir: Path) -> list[Path]:
    """Catalogue files whose generated blocks differ from what the registry gives."""
    stale = []
    for path in sorted(queries_dir.glob("*.rq")):
        text = read_text(path, "query", str(path))
        if regenerate(text, str(path)) != text:
            stale.append(path)
    return stale
