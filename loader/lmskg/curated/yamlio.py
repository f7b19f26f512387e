"""Reading and writing curated YAML in one canonical form.

Dates stay strings (no implicit timestamp conversion), so that a year stays a
year. The canonical form is what :func:`dump` writes; a test checks that every
file under ``data/`` is in it, and ``lmskg fmt`` rewrites files into it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem


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


def display(path: Path) -> str:
    """How error messages name a file: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def load(path: Path, display: str | None = None) -> Any:
    """Parse one YAML file; a syntax error becomes an :class:`InputError`."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(Problem(name, "", "", f"cannot read file: {exc.strerror}")) from exc
    except UnicodeDecodeError as exc:
        raise InputError(Problem(name, "", "", f"not UTF-8: {exc.reason}")) from exc
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        what = getattr(exc, "problem", None) or str(exc)
        raise InputError(Problem(name, "", "", f"malformed YAML: {where}{what}")) from exc


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
