"""Reading and writing curated YAML in one canonical form.

Dates stay strings (no implicit timestamp conversion), so that a year stays a
year. The canonical form is what :func:`dump` writes; a test checks that every
file under ``data/`` is in it, and ``lmskg fmt`` rewrites files into it.

Curated files are plain data, so the reader refuses what plain data never needs and
an attacker would use: aliases (a few hundred bytes of nested aliases expand to
gigabytes), nesting deeper than :data:`MAX_DEPTH`, and text that is not Unicode
(lone surrogates from ``\\udc80`` escapes, which no file can be written with).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem
from ..files import read_text

MAX_DEPTH = 64  # curated records nest a few levels; nothing legitimate comes near this


class _Loader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver: '2024-02-21' stays a str."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _no_duplicate_keys(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_keys)


def _plain_compose_node(loader: _Loader, parent: Any, index: Any) -> Any:
    """Compose a node, refusing aliases and deep nesting."""
    event = loader.peek_event()
    if isinstance(event, yaml.AliasEvent):
        raise yaml.composer.ComposerError(
            None, None, f"alias *{event.anchor} found: aliases are not allowed in curated "
            "files (write the value out)", event.start_mark)
    loader._depth = getattr(loader, "_depth", 0) + 1
    try:
        if loader._depth > MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        return yaml.composer.Composer.compose_node(loader, parent, index)
    finally:
        loader._depth -= 1


_Loader.compose_node = _plain_compose_node  # type: ignore[method-assign]


# The fast path: libyaml's parser and composer (about ten times faster, which matters for
# a corpus of a million claims), used only for text that cannot hold what the checks
# above refuse: no anchor (so no alias), no deep nesting. Anything else goes to the
# careful loader, which also says where the problem is.
_FAST = getattr(yaml, "CSafeLoader", None)
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]")
_DEEP_FLOW = re.compile(r"[\[{](?:\s*[\[{]){%d}" % (MAX_DEPTH - 1))
_DEEP_BLOCK = re.compile(r"(?m)^ {%d}" % (2 * MAX_DEPTH))
# libyaml rejects a surrogate escape with a bare "invalid escape"; the careful loader
# reads it, so that the error below can name the record and field.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")

if _FAST is not None:
    class _FastLoader(_FAST):  # type: ignore[misc, valid-type]
        """libyaml's loader with the same resolvers and constructors as :class:`_Loader`."""

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                                _no_duplicate_keys)


def _loader_for(text: str) -> type:
    careful = (_ANCHOR, _DEEP_FLOW, _DEEP_BLOCK, _SURROGATE_ESCAPE)
    if _FAST is None or any(pattern.search(text) for pattern in careful):
        return _Loader
    return _FastLoader


def display(path: Path) -> str:
    """How error messages name a file: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the directory, or a link loop
        return str(path)


def load(path: Path, display: str | None = None) -> Any:
    """Parse one YAML file; anything wrong with it becomes an :class:`InputError`."""
    name = display or str(path)
    text = read_text(path, "file", name)
    try:
        data = yaml.load(text, Loader=_loader_for(text))  # noqa: S506 - safe loaders only
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        what = getattr(exc, "problem", None) or str(exc)
        raise InputError(Problem(name, "", "", f"malformed YAML: {where}{what}")) from exc
    bad = _not_unicode(data)
    if bad is not None:
        record, field = bad
        raise InputError(Problem(name, record, field, "text with a lone surrogate (an "
                                 "escape such as \\udc80 that is not a character)",
                                 "write the character itself, or its \\U escape"))
    return data


def _not_unicode(value: Any, record: str = "", path: str = "") -> tuple[str, str] | None:
    """(record id, field path) of the first text holding a lone surrogate, else None."""
    if isinstance(value, str):
        return (record, path) if any("\ud800" <= ch <= "\udfff" for ch in value) else None
    if isinstance(value, dict):
        if isinstance(value.get("id"), str) and not _not_unicode(value["id"]):
            record, path = value["id"], ""
        for key, item in value.items():
            found = _not_unicode(key, record, path) or _not_unicode(
                item, record, f"{path}.{key}" if path else str(key))
            if found:
                return found
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = _not_unicode(item, record, f"{path}[{i}]")
            if found:
                return found
    return None


class _Dumper(yaml.SafeDumper):
    """Block style, no aliases, multi-line strings as literal blocks."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    literal_block = "\n" in data and not data.endswith((" ", "\n")) and "\u00a0" not in data
    style = "|" if literal_block else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_representer)


def dump(data: Any) -> str:
    """The canonical text of a curated document."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100, indent=2)
