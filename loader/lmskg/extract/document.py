"""Reading the input: bytes to text, with the checks a curator needs.

Offsets in the curated data are code points of the file decoded as UTF-8, so
the text is decoded exactly once and never normalised: no stripping, no
Unicode normalisation, no newline translation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import ExtractInputError

_BOM = "\ufeff"
MAX_BYTES = 4 * 1024 * 1024  # about 2,000 pages of text; a larger file is split first


@dataclass(frozen=True)
class Document:
    """A decoded document and the checksum of its bytes."""

    text: str
    sha256: str
    name: str = ""


def decode(data: bytes | str, name: str = "") -> Document:
    """Decode ``data`` as UTF-8 and check that it is a text worth drafting.

    A ``str`` is accepted as already decoded (its SHA-256 is then the one of
    its UTF-8 encoding, which is the file's if the file was UTF-8).
    """
    if isinstance(data, str):
        text = data
        raw = data.encode("utf-8", errors="surrogatepass")
    else:
        raw = bytes(data)
        if len(raw) > MAX_BYTES:
            raise ExtractInputError(f"the document is {len(raw):,} bytes, more than the "
                                    f"{MAX_BYTES:,} the extractor reads", name,
                                    "split it into parts and draft each")
        if not raw:
            raise ExtractInputError("the document is empty (0 bytes)", name)
        if b"\x00" in raw:
            raise ExtractInputError("the document holds NUL bytes: it looks binary, "
                                    "not plain text", name)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ExtractInputError(
                f"the document is not valid UTF-8 (byte {exc.start}: {exc.reason}); "
                "convert it to UTF-8 first", name) from exc
    if not text.strip():
        raise ExtractInputError("the document has no text (only whitespace)", name)
    if "\x00" in text:
        raise ExtractInputError("the document holds NUL characters: it looks binary", name)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text) // 100):
        raise ExtractInputError(f"the document holds {controls} control characters: "
                                "it looks binary, not plain text", name)
    return Document(text=text, sha256=hashlib.sha256(raw).hexdigest(), name=name)


def read(path: str | Path) -> Document:
    """Read and decode a file (the BOM, if any, is kept: offsets count it)."""
    p = Path(path)
    try:
        if not p.is_file():
            raise ExtractInputError("not a regular file (or not found)", str(p))
        if p.stat().st_size > MAX_BYTES:
            raise ExtractInputError(f"the document is {p.stat().st_size:,} bytes, more than "
                                    f"the {MAX_BYTES:,} the extractor reads", str(p),
                                    "split it into parts and draft each")
        data = p.read_bytes()
    except OSError as exc:
        raise ExtractInputError(f"cannot read: {exc.strerror or exc}", str(p)) from exc
    return decode(data, str(p))
