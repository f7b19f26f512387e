"""Matplotlib figures as SVG that is the same on every run and escapes every text.

Text stays text (``svg.fonttype: none``, so it can be read, searched and copied), is never
read as mathtext (a ``$`` in a title is a dollar sign), and is written escaped by
matplotlib's XML writer (a ``<script>`` in a quote is text). Ids are salted with a fixed
string and the date is left out, so the same figure gives the same bytes. Links made with
``set_url`` open in the same tab, and each carries a ``<title>`` (the tooltip browsers
show), added here because matplotlib has no way to give one.
"""

from __future__ import annotations

import io
import re
from typing import Iterator
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("svg")  # no display, no GUI toolkit

import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)
from contextlib import contextmanager  # noqa: E402

STYLE = {
    "svg.hashsalt": "lmskg",
    "svg.fonttype": "none",
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
}
# colours that stay apart for the common kinds of colour blindness (Okabe and Ito)
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
           "#F0E442")


@contextmanager
def figure(svg_id: str, width: float, height: float) -> Iterator[plt.Figure]:
    """A figure drawn in the house style; closed afterwards."""
    with matplotlib.rc_context({**STYLE, "svg.id": svg_id}):
        fig = plt.figure(figsize=(width, height))
        try:
            yield fig
        finally:
            plt.close(fig)


def to_svg(fig: plt.Figure, titles: dict[str, str], description: str) -> str:
    """The figure as SVG text: deterministic, links in the same tab, a <title> in every
    link (``titles``: link target -> tooltip) and a <desc> for the whole picture."""
    with matplotlib.rc_context({"svg.hashsalt": "lmskg", "svg.fonttype": "none"}):
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    svg = buf.getvalue().replace(' target="_blank"', "")

    def with_title(m: re.Match[str]) -> str:
        title = titles.get(_unescape(m.group(1)))
        return m.group(0) + (f"<title>{escape(title)}</title>" if title else "")

    svg = re.sub(r'<a xlink:href="([^"]*)">', with_title, svg)
    svg = re.sub(r"(<svg [^>]*>)", lambda m: m.group(1) + f"\n <desc>{escape(description)}"
                 "</desc>", svg, count=1)
    return svg


def inline(svg: str, prefix: str) -> str:
    """The SVG without its XML declaration and DOCTYPE, to place inside an HTML page, its
    ids prefixed (two pictures on one page would otherwise share matplotlib's ids)."""
    body = svg[svg.index("<svg"):]
    body = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{prefix}-{m.group(1)})", body)
    return re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{prefix}-{m.group(1)}"',
                  body)


def _unescape(text: str) -> str:
    return (text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&"))
