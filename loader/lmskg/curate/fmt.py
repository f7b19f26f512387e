"""``lmskg fmt``: keep every curated file in one canonical form.

Keys in schema order, empty values dropped, block style; the file opens with the
modeline that points editors to its JSON Schema, then its own leading comment block.
A test checks that every file of ``data/`` is canonical and prints the command that
fixes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..curated import yamlio
from ..curated.layout import curated_files, record_class_for
from ..curated.structure import canonical
from ..files import read_text
from .schema_files import MODELINE, modeline


def header_of(text: str) -> str:
    """The leading comment block of a file, without its schema modeline."""
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        if not line.startswith(MODELINE):
            lines.append(line)
    return "".join(lines)


def canonical_text(rel: str, text: str, data: Any) -> str:
    """What the file at data/<rel> should contain, given its current text and data."""
    cls, is_list = record_class_for(rel)
    body = [canonical(cls, r) for r in data] if is_list and isinstance(data, list) \
        else canonical(cls, data)
    return modeline(rel) + header_of(text) + yamlio.dump(body)


def format_files(data_dir: Path, write: bool) -> list[str]:
    """Files under data_dir that are not canonical (rewritten when ``write``)."""
    changed = []
    for path in curated_files(data_dir):
        rel = path.relative_to(data_dir).as_posix()
        display = yamlio.display(path)
        text = read_text(path, "file", display)
        want = canonical_text(rel, text, yamlio.load(path, display))
        if want != text:
            changed.append(yamlio.display(path))
            if write:
                path.write_text(want, encoding="utf-8")
    return changed
