"""Every link of a static site, and whether it resolves: the file it names exists inside
the site and, when it has a fragment, that file has an element with that id."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("href", "src", "xlink:href"):
            if found.get(name):
                self.links.append(found[name] or "")
        if found.get("id"):
            self.ids.append(found["id"] or "")


def read_page(path: Path) -> _Page:
    page = _Page()
    text = path.read_text(encoding="utf-8")
    page.feed(text)
    if path.suffix == ".svg":  # matplotlib writes links as xlink:href attributes
        page.links += re.findall(r'xlink:href="([^"#][^"]*)"', text)
    return page


def broken_links(root: Path) -> tuple[list[str], list[str], int]:
    """(links that do not resolve, pages with duplicate ids, links checked), for every
    HTML and SVG file under ``root``; links to other sites are not followed."""
    root = root.resolve()
    pages = {p: read_page(p) for p in sorted(root.rglob("*")) if p.suffix in (".html", ".svg")}
    ids = {p: set(page.ids) for p, page in pages.items()}
    broken, checked = [], 0
    duplicates = [str(p.relative_to(root)) for p, page in pages.items()
                  if len(page.ids) != len(set(page.ids))]
    for path, page in pages.items():
        for link in page.links:
            parsed = urlparse(link)
            if parsed.scheme in ("http", "https", "mailto") or link.startswith("data:"):
                continue
            checked += 1
            target, fragment = urldefrag(link)
            file = (path.parent / unquote(target)).resolve() if target else path
            if file.is_dir():
                file = file / "index.html"
            where = f"{path.relative_to(root)}: {link}"
            if root not in file.parents or not file.is_file():
                broken.append(where)
            elif fragment and file.suffix == ".html":
                known = ids.get(file) if file in ids else set(read_page(file).ids)
                if unquote(fragment) not in known:
                    broken.append(where + " (no such id)")
    return broken, duplicates, checked
