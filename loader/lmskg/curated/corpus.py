"""The source documents: text, checksum, and quote anchoring.

Offsets are Unicode code-point offsets into the file decoded as UTF-8 (Python
``str`` indices), as in the W3C Web Annotation TextPositionSelector:
``text[start:end] == quote``. The text is never normalised.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..files import MAX_DOCUMENT, confined, read_regular
from .records import Source

PREFIX_LEN = 32  # characters of context kept in a TextQuoteSelector's prefix and suffix


@dataclass(frozen=True)
class Document:
    """One corpus file, read as it is."""

    file: str
    text: str
    sha256: str

    def occurrences(self, quote: str) -> list[int]:
        """Every start offset at which ``quote`` occurs."""
        found, i = [], self.text.find(quote)
        while i >= 0 and quote:
            found.append(i)
            i = self.text.find(quote, i + 1)
        return found

    def context(self, start: int, end: int) -> tuple[str, str]:
        """The prefix and suffix around a span (for the TextQuoteSelector)."""
        return self.text[max(0, start - PREFIX_LEN):start], self.text[end:end + PREFIX_LEN]


@dataclass(frozen=True)
class SourceFile:
    """A curated source file: where it was read, its record and its corpus document."""

    display: str
    record: Source
    document: Document | None


def read_document(corpus_dir: Path, file: str) -> Document:
    """A corpus document, read only if it is a regular file inside the corpus directory
    (links followed) and not too large: a curated ``file:`` cannot reach anything else."""
    display = str(corpus_dir / file)
    path = confined(corpus_dir, file, "corpus file", display)
    raw = read_regular(path, "corpus file", display, MAX_DOCUMENT)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Problem(display, "", "", f"corpus file is not UTF-8: {exc.reason}"))
    return Document(file, text, hashlib.sha256(raw).hexdigest())


def anchor_problem(doc: Document, quote: str, start: int, end: int,
                   file: str, record: str, field: str) -> Problem | None:
    """A problem if ``quote`` is not exactly at ``start:end`` of ``doc``, else None."""
    if start > end:
        return Problem(file, record, field, f"start {start} is after end {end}",
                       _where(doc, quote))
    if not (0 <= start <= end <= len(doc.text)):
        return Problem(file, record, field,
                       f"offsets {start}-{end} are outside {doc.file} (length {len(doc.text)})")
    if end - start != len(quote):
        hint = _where(doc, quote)
        return Problem(file, record, field,
                       f"offsets {start}-{end} span {end - start} characters but the quote has "
                       f"{len(quote)}", hint)
    found = doc.text[start:end]
    if found != quote:
        return Problem(file, record, field,
                       f"quote is not at {start}-{end} of {doc.file}: the text there is "
                       f"{_show(found)}{_first_difference(quote, found)}", _where(doc, quote))
    return None


def _first_difference(quote: str, found: str) -> str:
    """Where two texts of the same length first differ, each character by code point
    (a no-break space and a space look the same on screen)."""
    for i, (q, t) in enumerate(zip(quote, found)):
        if q != t:
            return (f"; they first differ at character {i + 1}: the quote has {_char(q)}, "
                    f"the text {_char(t)}")
    return ""


def _char(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def _where(doc: Document, quote: str) -> str:
    places = doc.occurrences(quote)
    if not places:
        return "the quote does not occur in the document at all; copy it exactly"
    spans = ", ".join(f"{p}-{p + len(quote)}" for p in places[:5])
    return f"the quote occurs at {spans}"


def _show(text: str, limit: int = 60) -> str:
    shown = text if len(text) <= limit else text[:limit] + "..."
    return repr(shown)
