"""The query catalogue: ``queries/*.rq`` files and their comment headers.

Each catalogue query starts with a header of ``#`` comment lines::

    # title: Which sources report a given outcome for a regimen?
    # description: Every outcome claim for the regimen (or a variant of it) ...
    #   (lines that continue the previous field are indented)
    # param: regimen (regimen) = gemcitabine-docetaxel -- the regimen id
    # param: measure (measure) = response-rate -- the outcome measure
    # param: sort (choice: regimen, value, date) = regimen -- the order of the rows
    # tags: outcome, therapy
    # example: lmskg query outcomes-for-regimen --param regimen=doxorubicin-ifosfamide

A parameter has a name (the SPARQL variable it binds), a type (how its value is
turned into an RDF term, see :mod:`lmskg.params`; ``choice`` lists its allowed
values after a colon) and an optional default (``= none`` or no default: the
variable stays unbound unless given). The header ends at the first line that
is not a comment.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import QueryError
from ..files import read_text

_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*"
                    r"\((?P<type>[\w-]+)(?::\s*(?P<choices>[^)]*))?\)\s*"
                    r"(?:=\s*(?P<default>\S+))?\s*(?:--\s*(?P<doc>.*))?$")
_KEYS = ("title", "description", "param", "tags", "example")
_FIELD = re.compile(r"^# ?(" + "|".join(_KEYS) + r"):\s*(.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    doc: str
    choices: tuple[str, ...] = ()


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


def _header_fields(text: str) -> dict[str, list[str]]:
    """The values of each header key.

    A field starts with ``# key:``; an indented comment line (``#   more``)
    continues the field before it, and an empty comment line ends it.
    """
    values: dict[str, list[str]] = {k: [] for k in _KEYS}
    last: str | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _FIELD.match(line)
        body = line[1:].strip()
        if m:
            last = m.group(1)
            values[last].append(m.group(2).strip())
        elif body and last is not None:
            values[last][-1] += " " + body
        elif not body:
            last = None
    return values


def parse_header(path: Path, text: str) -> CatalogueQuery:
    """Read the comment header of one query file; raise QueryError if malformed."""
    values = _header_fields(text)
    if not values["title"]:
        raise QueryError(f"{path}: header has no '# title:' line")
    params: list[Param] = []
    for raw in values["param"]:
        m = _PARAM.match(raw)
        if not m:
            raise QueryError(f"{path}: malformed parameter line {raw!r} "
                             "(expected: name (type) = default -- doc)")
        if any(p.name == m.group("name") for p in params):
            raise QueryError(f"{path}: parameter {m.group('name')!r} is declared twice")
        choices = tuple(c.strip() for c in (m.group("choices") or "").split(",") if c.strip())
        if m.group("type") == "choice" and not choices:
            raise QueryError(f"{path}: parameter {m.group('name')!r}: a choice lists its "
                             "values, e.g. (choice: regimen, value, date)")
        default = m.group("default")
        params.append(Param(m.group("name"), m.group("type"),
                            None if default in (None, "none") else default,
                            (m.group("doc") or "").strip(), choices))
    tags = tuple(t.strip() for raw in values["tags"] for t in raw.split(",") if t.strip())
    return CatalogueQuery(path.stem, path, values["title"][0], " ".join(values["description"]),
                          tuple(params), tags, tuple(values["example"]), text)


def load_catalogue(queries_dir: Path) -> dict[str, CatalogueQuery]:
    """Every query of the catalogue, by name (the file stem)."""
    out = {}
    for path in sorted(queries_dir.glob("*.rq")):
        out[path.stem] = parse_header(path, read_text(path, "query", str(path)))
    return out


def resolve(name_or_file: str, queries_dir: Path) -> CatalogueQuery:
    """A catalogue query by name, or any .rq file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        text = read_text(path, "query", str(path))
        if text.startswith("#") and "# title:" in text:
            return parse_header(path, text)
        return CatalogueQuery(path.stem, path, path.stem, "", (), (), (), text)
    if name_or_file == "-":
        raise QueryError("use 'lmskg sparql -' to read a query from standard input")
    if path.suffix == ".rq":
        raise QueryError(f"cannot read {name_or_file}: no such file")
    candidate = queries_dir / f"{name_or_file}.rq"
    if not candidate.is_file():
        names = sorted(p.stem for p in queries_dir.glob("*.rq"))
        close = difflib.get_close_matches(name_or_file, names, n=3, cutoff=0.6)
        close += [n for n in names if name_or_file in n and n not in close]
        hint = (f"did you mean: {', '.join(close[:5])}? " if close else "")
        raise QueryError(f"no query named {name_or_file!r} in {queries_dir}; {hint}"
                         "'lmskg query --list' shows the catalogue")
    return parse_header(candidate, read_text(candidate, "query", str(candidate)))
