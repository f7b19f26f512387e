"""The site's files (``build/site``), served read-only, never anything outside it.

A path is percent-decoded once and must then consist of plain segments (no ``.`` or
``..``, no backslash, no NUL); the file it names, with links followed, must lie inside the
site's directory and be a regular file. A directory is answered by its ``index.html``
(and a directory path without its final slash is sent to the one with it, so that the
page's relative links work).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml",
         ".png": "image/png", ".rq": "application/sparql-query; charset=utf-8",
         ".ttl": "text/turtle; charset=utf-8", ".json": "application/json",
         ".txt": "text/plain; charset=utf-8"}
MAX_FILE = 64 << 20


@dataclass(frozen=True)
class Found:
    path: Path | None = None  # the file to send
    redirect: str | None = None  # or where to send the client instead

    @property
    def media_type(self) -> str:
        assert self.path is not None
        return TYPES.get(self.path.suffix.lower(), "application/octet-stream")


def find(root: Path, url_path: str) -> Found | None:
    """The file a request path names inside ``root``, a redirect, or None (not found)."""
    try:
        decoded = unquote(url_path, errors="strict") if "%" in url_path else url_path
    except UnicodeDecodeError:
        return None
    if "\\" in decoded or "\0" in decoded or not decoded.startswith("/"):
        return None
    segments = decoded.split("/")[1:]
    if any(s in (".", "..") for s in segments) or any(s == "" for s in segments[:-1]):
        return None
    base = os.path.realpath(root)
    target = os.path.realpath(os.path.join(base, *[s for s in segments if s]))
    if target != base and not target.startswith(base + os.sep):
        return None  # a link leading out of the site
    if os.path.isdir(target):
        if not url_path.endswith("/"):
            return Found(redirect=url_path + "/")
        target = os.path.join(target, "index.html")
        if os.path.realpath(target) != target and not os.path.realpath(target).startswith(
                base + os.sep):
            return None
    if not os.path.isfile(target) or os.path.getsize(target) > MAX_FILE:
        return None
    return Found(path=Path(target))
