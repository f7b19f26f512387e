"""Content negotiation: which of the media types we offer a request's ``Accept`` prefers.

Follows RFC 9110 (section 12.5.1): each media range may carry a weight ``q`` (0 to 1,
default 1); an offered type takes the weight of the most specific range that matches it
(``text/turtle`` before ``text/*`` before ``*/*``); weight 0 means "not acceptable". The
highest weight wins, ties going to the server's order. No ``Accept`` header accepts
anything. A header we cannot read at all is treated as no header, as the RFC allows.
"""

from __future__ import annotations

HTML = "text/html"
TURTLE = "text/turtle"
JSONLD = "application/ld+json"
NTRIPLES = "application/n-triples"
OFFERED = (HTML, TURTLE, JSONLD, NTRIPLES)  # in the server's order of preference
ALIASES = {"application/xhtml+xml": HTML, "application/x-turtle": TURTLE,
           "application/json": JSONLD, "text/plain": NTRIPLES}


def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for item in accept.split(","):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if not media:
            continue
        weight = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    weight = 0.0
        out.append((ALIASES.get(media, media), weight))
    return out


def _weight(offered: str, ranges: list[tuple[str, float]]) -> float | None:
    kind = offered.split("/")[0]
    best: tuple[int, float] | None = None
    for media, weight in ranges:
        specificity = (2 if media == offered else 1 if media == f"{kind}/*"
                       else 0 if media == "*/*" else -1)
        if specificity >= 0 and (best is None or specificity > best[0]):
            best = (specificity, weight)
    return None if best is None else best[1]


def choose(accept: str | None, offered: tuple[str, ...] = OFFERED) -> str | None:
    """The offered type the client prefers, or None when it accepts none of them."""
    if accept is None or not accept.strip():
        return offered[0]
    ranges = _ranges(accept)
    if not ranges:
        return offered[0]
    scored = [(w, -i, media) for i, media in enumerate(offered)
              if (w := _weight(media, ranges)) is not None and w > 0]
    return max(scored)[2] if scored else None
