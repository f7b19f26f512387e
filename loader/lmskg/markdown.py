"""Text written into the Markdown reports (queries/README.md, coverage, make bench)."""

from __future__ import annotations


def table_cell(text: str) -> str:
    """``text`` safe inside a Markdown table cell: a ``|`` would end the cell."""
    return text.replace("|", "\\|")
