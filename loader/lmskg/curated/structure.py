"""From parsed YAML to typed records, with every structural problem named.

The record classes of :mod:`lmskg.curated.records` are the schema: a dataclass field is
a field of the curated file, its type annotation says what it holds, its metadata
describes it (and lists its allowed values), and it is required when it has no default.
This module reads those classes to

- :func:`parse`: turn a mapping into a record, or report every unknown field, missing
  field, wrong type and value outside its choices (file, record id and field path);
- :func:`canonical`: the mapping with keys in the schema's order and empty values dropped
  (what ``lmskg fmt`` writes);
- :func:`json_schema`: a JSON Schema (draft 2020-12) of a record class, for editors.

Types a field may have: ``str``, ``int``, ``float`` (any number), ``bool``,
``tuple[str, ...]`` (a list of text), ``tuple[int, ...]`` (a list of whole numbers),
a record class ``| None`` (a sub-record),
``tuple[Record, ...]`` (a list of sub-records), and :class:`Context` (the context
kinds of :mod:`lmskg.curated.contexts`, written as fields of the parent record).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import MISSING, dataclass
from functools import lru_cache
from typing import Any, Iterator

from ..errors import Problem
from .contexts import context_kinds

RECORD = dict(frozen=True, kw_only=True)  # how every record class is declared
ID = r"[A-Za-z0-9][A-Za-z0-9._-]*"  # the pattern of every id: it becomes part of an IRI


def fld(description: str, *, choices: tuple[str, ...] = (), pattern: str = "",
        default: Any = MISSING) -> Any:
    """A field of a record: its description, its allowed values (or the pattern text must
    match), its default (none: the field is required)."""
    meta = {"description": description, "choices": choices, "pattern": pattern}
    if default is MISSING:
        return dataclasses.field(metadata=meta)
    if isinstance(default, (list, dict, set)):
        raise TypeError("use an immutable default (a tuple)")
    return dataclasses.field(default=default, metadata=meta)


@dataclass(frozen=True)
class Context:
    """The clinical context a claim states: context kind -> term ids (alternatives)."""

    items: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def values(self, kind: str) -> tuple[str, ...]:
        return dict(self.items).get(kind, ())

    def __iter__(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        return iter(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record class, as this module reads it."""

    name: str
    kind: str  # str | int | number | bool | list | int-list | record | list-of-records | context
    description: str
    required: bool
    choices: tuple[str, ...]
    pattern: str = ""  # a regular expression the whole text must match
    record: type | None = None  # the sub-record class (record, list-of-records)


_SCALARS = {str: "str", int: "int", float: "number", bool: "bool"}


@lru_cache(maxsize=None)
def specs(cls: type) -> tuple[FieldSpec, ...]:
    """The fields of a record class, in order."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        kind, sub = _kind_of(hints[f.name], cls.__name__, f.name)
        required = f.default is MISSING and f.default_factory is MISSING
        out.append(FieldSpec(f.name, kind, f.metadata.get("description", ""), required,
                             tuple(f.metadata.get("choices", ())),
                             f.metadata.get("pattern", ""), sub))
    return tuple(out)


def _kind_of(hint: Any, owner: str, name: str) -> tuple[str, type | None]:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):  # X | None
        if len(args) != 1:
            raise TypeError(f"{owner}.{name}: only 'X | None' unions are supported")
        return _kind_of(args[0], owner, name)
    if hint in _SCALARS:
        return _SCALARS[hint], None
    if hint is Context:
        return "context", None
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] is str:
            return "list", None
        if args[0] is int:
            return "int-list", None
        if dataclasses.is_dataclass(args[0]):
            return "list-of-records", args[0]
    if dataclasses.is_dataclass(hint):
        return "record", hint
    raise TypeError(f"{owner}.{name}: unsupported field type {hint!r}")


def known_keys(cls: type) -> list[str]:
    """The keys a mapping of this record may have (context kinds in place of a Context)."""
    keys = []
    for s in specs(cls):
        keys += [k.key for k in context_kinds()] if s.kind == "context" else [s.name]
    return keys


# -- parsing -------------------------------------------------------------------------------

def parse(cls: type, value: Any, file: str, record: str,
          path: str = "") -> tuple[Any | None, list[Problem]]:
    """A record of ``cls`` from ``value``, or None, with every structural problem.

    An item of a list of records that has an ``id`` is a record of its own: its problems
    name it, and a malformed item is left out while its parent stays usable (a claim with
    a typo does not hide the other claims of its source).
    """
    where = path or cls.__name__
    if not isinstance(value, dict):
        return None, [Problem(file, record, where, f"expected a mapping, found {_kind(value)}")]
    problems: list[Problem] = []
    keys = known_keys(cls)
    for key in value:
        if key not in keys:
            problems.append(Problem(file, record, _join(path, str(key)), "unknown field",
                                    f"known fields: {', '.join(keys)}"))
    fatal = bool(problems)
    kwargs: dict[str, Any] = {}
    for spec in specs(cls):
        name = _join(path, spec.name)
        if spec.kind == "context":
            ctx, found = _context(value, file, record, path)
            problems += found
            fatal |= bool(found)
            kwargs[spec.name] = ctx
            continue
        raw = value.get(spec.name)
        if raw is None:
            if spec.required:
                problems.append(Problem(file, record, name, "required field is missing"))
                fatal = True
            continue
        parsed, found, item_fatal = _field(spec, raw, file, record, name)
        problems += found
        fatal |= item_fatal
        kwargs[spec.name] = parsed
    if fatal:
        return None, problems
    return cls(**kwargs), problems


def _context(value: dict, file: str, record: str, path: str) -> tuple[Context, list[Problem]]:
    items, problems = [], []
    for kind in context_kinds():
        raw = value.get(kind.key)
        if raw is None:
            continue
        found = _list_problems(raw, file, record, _join(path, kind.key))
        problems += found
        if not found and raw:
            items.append((kind.key, tuple(raw)))
    return Context(tuple(items)), problems


def _field(spec: FieldSpec, raw: Any, file: str, record: str,
           name: str) -> tuple[Any, list[Problem], bool]:
    """(value, problems, whether they make the parent unusable)."""
    if spec.kind == "record":
        assert spec.record is not None
        sub, found = parse(spec.record, raw, file, record, name)
        return sub, found, bool(found)
    if spec.kind == "list-of-records":
        assert spec.record is not None
        if not isinstance(raw, list):
            return None, [Problem(file, record, name, f"expected a list, found {_kind(raw)}")], True
        items, problems, fatal = [], [], False
        for i, item in enumerate(raw):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                sub, found = parse(spec.record, item, file, item["id"], "")
            else:
                sub, found = parse(spec.record, item, file, record, f"{name}[{i}]")
                fatal |= bool(found)
            problems += found
            if sub is not None:
                items.append(sub)
        return tuple(items), problems, fatal
    if spec.kind in ("list", "int-list"):
        found = _list_problems(raw, file, record, name, int if spec.kind == "int-list" else str)
        return (tuple(raw) if not found else None), found, bool(found)
    ok = {
        "str": isinstance(raw, str) and raw != "",
        "int": isinstance(raw, int) and not isinstance(raw, bool),
        "number": isinstance(raw, (int, float)) and not isinstance(raw, bool),
        "bool": isinstance(raw, bool),
    }[spec.kind]
    if not ok:
        expected = {"str": "non-empty text", "int": "an integer", "number": "a number",
                    "bool": "true or false"}[spec.kind]
        return None, [Problem(file, record, name, f"expected {expected}, found {raw!r}")], True
    if spec.choices and raw not in spec.choices:
        return None, [Problem(file, record, name, f"unknown value {raw!r}",
                              f"allowed: {', '.join(spec.choices)}")], True
    if spec.pattern and not re.fullmatch(spec.pattern, raw):
        return None, [Problem(file, record, name, f"{raw!r} is not a valid id",
                              "ids are letters, digits, '.', '_' and '-', starting with a "
                              "letter or digit (they become parts of IRIs)")], True
    return raw, [], False


def _list_problems(raw: Any, file: str, record: str, name: str,
                   item: type = str) -> list[Problem]:
    if not isinstance(raw, list):
        return [Problem(file, record, name, f"expected a list, found {_kind(raw)}")]
    bad = [v for v in raw if not isinstance(v, item) or isinstance(v, bool)]
    if bad:
        what = "text" if item is str else "whole numbers"
        return [Problem(file, record, name, f"list items must be {what}, found {bad[0]!r}")]
    if len(set(raw)) != len(raw):
        return [Problem(file, record, name, "list has a repeated item")]
    return []


# -- canonical form ---------------------------------------------------------------------------

def canonical(cls: type, value: Any) -> Any:
    """The mapping with keys in schema order and empty values dropped; unknown keys are
    kept at the end (and reported by :func:`parse`)."""
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for spec in specs(cls):
        names = [k.key for k in context_kinds()] if spec.kind == "context" else [spec.name]
        for name in names:
            v = value.get(name)
            if v is None or v == [] or v == {}:
                continue
            if spec.kind == "record" and spec.record is not None:
                v = canonical(spec.record, v)
            elif spec.kind == "list-of-records" and spec.record is not None and \
                    isinstance(v, list):
                v = [canonical(spec.record, item) for item in v]
            out[name] = v
    for key in value:
        if key not in out and key not in known_keys(cls):
            out[key] = value[key]
    return out


# -- JSON Schema --------------------------------------------------------------------------------

def json_schema(cls: type, title: str, as_list: bool = False) -> dict[str, Any]:
    """A JSON Schema (2020-12) of a record class (or of a list of them)."""
    defs: dict[str, Any] = {}
    root = _schema_ref(cls, defs)
    body: dict[str, Any] = ({"type": "array", "items": root} if as_list else root)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title,
            **body, "$defs": dict(sorted(defs.items()))}


def _schema_ref(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # placeholder: records may refer to each other
        props: dict[str, Any] = {}
        required = []
        for s in specs(cls):
            if s.kind == "context":
                for k in context_kinds():
                    props[k.key] = {"type": "array", "items": {"type": "string"},
                                    "uniqueItems": True, "description": k.description}
                continue
            props[s.name] = _schema_of(s, defs)
            if s.required:
                required.append(s.name)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        defs[name] = {"type": "object", "description": " ".join(doc.split()),
                      "properties": props, "required": required,
                      "additionalProperties": False}
    return {"$ref": f"#/$defs/{name}"}


def _schema_of(s: FieldSpec, defs: dict[str, Any]) -> dict[str, Any]:
    if s.kind == "record":
        assert s.record is not None
        out = {**_schema_ref(s.record, defs)}
    elif s.kind == "list-of-records":
        assert s.record is not None
        out = {"type": "array", "items": _schema_ref(s.record, defs)}
    elif s.kind in ("list", "int-list"):
        item = {"type": "string"} if s.kind == "list" else {"type": "integer"}
        out = {"type": "array", "items": item, "uniqueItems": True}
    else:
        out = {"str": {"type": "string", "minLength": 1}, "int": {"type": "integer"},
               "number": {"type": "number"}, "bool": {"type": "boolean"}}[s.kind]
        if s.choices:
            out = {**out, "enum": list(s.choices)}
        if s.pattern:
            out = {**out, "pattern": f"^{s.pattern}$"}
    return {**out, "description": s.description}


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text"}.get(type(value), repr(value))
