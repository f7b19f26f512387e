"""Blocks of the catalogue queries that are generated: the kinds of a claim's date.

The questions give each claim's date with its kind (statement, published, ...). The kinds
come from :data:`lmskg.derive.triples.DATE_KINDS`, so that part of the query text is
generated: a marker comment names the block, and the ``VALUES`` clause on the lines after
it is rewritten (its variables and indentation kept)::

    # generated: date-kinds
    VALUES (?date_kind_term ?date_kind) {
      (lms:StatementDateKind "statement") ... }

The table is joined to the claim's ``lms:claimDateKind`` inside one OPTIONAL with one
triple pattern, which Oxigraph evaluates per row by index, where a path or a second
pattern would make it evaluate the OPTIONAL for every claim of the graph first. (A
claim's contexts, once gathered by a generated table of the context kinds, are derived
by the build as ``lms:contextSummary`` in the kinds' order: :mod:`lmskg.derive.triples`.)
``lmskg catalogue --write`` rewrites the blocks; a test fails while a query is stale.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..derive.triples import DATE_KINDS
from ..errors import QueryError
from ..files import read_text

_MARKER = re.compile(r"^(?P<indent>[ \t]*)# generated: (?P<block>[\w-]+)[^\n]*\n", re.M)
_VALUES = re.compile(r"[ \t]*VALUES\s*(?P<vars>\([^)]*\)|\?\w+)\s*\{[^}]*\}")
WIDTH = 96


def _rows(block: str) -> list[str]:
    if block == "date-kinds":
        return [f'(lms:{str(term).rpartition("#")[2]} "{notation}")'
                for notation, term in DATE_KINDS.items()]
    raise QueryError(f"unknown generated block {block!r} (known: date-kinds)")


def _values(indent: str, variables: str, rows: list[str], where: str, block: str) -> str:
    if len(variables.split("?")) != 3:  # each row is a (term notation) pair
        raise QueryError(f"{where}: '# generated: {block}' needs a VALUES clause of two "
                         f"variables (the kind's term, its notation), not {variables}")
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
        out.append(_values(m.group("indent"), values.group("vars"), _rows(m.group("block")),
                           where, m.group("block")))
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
