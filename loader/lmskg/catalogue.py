"""The query catalogue: ``queries/*.rq`` files and their comment headers.

Each catalogue query starts with a header of ``#`` comment lines::

    # title: Which sources report a given outcome for a regimen?
    # description: Every outcome claim for the regimen (or a variant of it) ...
    # param: regimen (regimen) = gemcitabine-docetaxel -- the regimen id
    # param: measure (measure) = response-rate -- the outcome measure
    # tags: outcome, therapy
    # example: lmskg query outcomes-for-regimen --param regimen=doxorubicin-ifosfamide

A parameter has a name (the SPARQL variable it binds), a type (how its value is
turned into an RDF term, see :mod:`lmskg.params`) and an optional default
(``= none`` or no default: the variable stays unbound unless given).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import QueryError

_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>[\w-]+)\)\s*"
                    r"(?:=\s*(?P<default>[^\s]+))?\s*(?:--\s*(?P<doc>.*))?$")
_KEYS = ("title", "description", "param", "tags", "example")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    doc: str


@dataclass(frozen=True)
class CatalogueQuery:
    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    tags: tuple[str, ...]
    examples: tuple[str, ...]
    text: str = field(repr=False)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_header(path: Path, text: str) -> CatalogueQuery:
    """Read the comment header of one query file; raise QueryError if malformed."""
    values: dict[str, list[str]] = {k: [] for k in _KEYS}
    last: str | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        m = re.match(r"^(\w+):\s*(.*)$", body)
        if m and m.group(1) in _KEYS:
            last = m.group(1)
            values[last].append(m.group(2).strip())
        elif body and last in ("description", "title"):
            values[last][-1] += " " + body  # continuation line
    name = path.stem
    if not values["title"]:
        raise QueryError(f"{path}: header has no '# title:' line")
    params = []
    for raw in values["param"]:
        m = _PARAM.match(raw)
        if not m:
            raise QueryError(f"{path}: malformed parameter line {raw!r} "
                             "(expected: name (type) = default -- doc)")
        default = m.group("default")
        params.append(Param(m.group("name"), m.group("type"),
                            None if default in (None, "none") else default, m.group("doc") or ""))
    tags = tuple(t.strip() for raw in values["tags"] for t in raw.split(",") if t.strip())
    return CatalogueQuery(name, path, values["title"][0], " ".join(values["description"]),
                          tuple(params), tags, tuple(values["example"]), text)


def load_catalogue(queries_dir: Path) -> dict[str, CatalogueQuery]:
    """Every query of the catalogue, by name (the file stem)."""
    out = {}
    for path in sorted(queries_dir.glob("*.rq")):
        out[path.stem] = parse_header(path, path.read_text(encoding="utf-8"))
    return out


def resolve(name_or_file: str, queries_dir: Path) -> CatalogueQuery:
    """A catalogue query by name, or any .rq file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        text = path.read_text(encoding="utf-8")
        if text.startswith("#") and "# title:" in text:
            return parse_header(path, text)
        return CatalogueQuery(path.stem, path, path.stem, "", (), (), (), text)
    if name_or_file == "-":
        raise QueryError("use 'lmskg sparql -' to read a query from standard input")
    candidate = queries_dir / f"{name_or_file}.rq"
    if not candidate.is_file():
        known = ", ".join(sorted(p.stem for p in queries_dir.glob("*.rq")))
        raise QueryError(f"no query named {name_or_file!r} (and no such .rq file); "
                         f"catalogue: {known}")
    return parse_header(candidate, candidate.read_text(encoding="utf-8"))
