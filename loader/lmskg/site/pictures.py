"""The pictures: the evidence map, the forest plot of trial results, the timeline.

Each is an SVG (:mod:`.svg`) whose marks link to the claim or source they show and carry
a tooltip with the quote; each also has a table on its page, so nothing is only in the
picture. A picture with nothing to show is not drawn (``None``): the page says so.

- **Evidence map**: every figure an outcome claim gives for a regimen or therapy, one
  panel per measure and unit, one row per claim grouped by treatment; a value is a dot,
  a range a bar, 'up to' and 'at least' a triangle pointing the open way; the colour is
  the source, and each row names its source and date (with the date's kind).
- **Forest plot**: trial results that give an estimate with its confidence interval
  (``lms:ciLow``/``lms:ciHigh`` on the quantity): a square and its interval per result,
  on a log scale with a line at 1 for ratios.
- **Timeline**: the claims of each source at the date they carry, one mark per date
  and kind of date (its size the number of claims); a bar shows the span a date of
  lower precision covers (a year, a month).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from matplotlib import dates as mdates

from .model import Site, key_of, number, page_of
from .queries import EstimateRow, OutcomeRow
from .svg import PALETTE, figure, to_svg

_KIND_MARKERS = {"statement": "o", "published": "s", "last-updated": "^",
                 "medically-reviewed": "D", "not-before": ">"}
_UNIT_WORDS = {"a": "years", "mo": "months", "wk": "weeks", "d": "days", "%": "%"}


@dataclass(frozen=True)
class Picture:
    name: str  # file name, e.g. evidence-map.svg
    svg: str


def _link(iri: str) -> str:
    """A page's path as seen from the pictures directory."""
    return "../" + (page_of(iri) or "index.html")


def _date_text(value: str, kind: str) -> str:
    return f"not before {value}" if kind == "not-before" else \
        f"{value} ({kind.replace('-', ' ')})" if kind else value


def source_colours(site: Site) -> dict[str, str]:
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sorted(site.sources))}


def evidence_map(site: Site) -> Picture | None:
    rows = [o for o in site.data.outcomes if o.treatment and o.measure
            and (o.value is not None or o.low is not None)]
    if not rows:
        return None
    panels: dict[tuple[str, str], list[OutcomeRow]] = defaultdict(list)
    for o in rows:
        panels[(site.label(o.measure), o.unit)].append(o)
    colours = source_colours(site)
    heights = [len(p) + 1.5 for p in panels.values()]
    titles: dict[str, str] = {}
    with figure("evidence-map", 9.0, 0.28 * sum(heights) + 0.8) as fig:
        grid = fig.add_gridspec(len(panels), 1, height_ratios=heights, hspace=0.9)
        for n, ((measure, unit), found) in enumerate(sorted(panels.items())):
            ax = fig.add_subplot(grid[n])
            found.sort(key=lambda o: (_treated(site, o).lower(), o.value or o.low, o.claim))
            top = 0.0
            for y, o in enumerate(found):
                url = _link(o.claim)
                claim = site.claims.get(o.claim)
                titles[url] = (f"{key_of(o.claim)}: {_treated(site, o)}, "
                               f"{claim.figure if claim else ''} - \u201c"
                               f"{claim.quote if claim else ''}\u201d "
                               f"({key_of(o.source)}, {_date_text(o.date, o.date_kind)})")
                colour = colours.get(o.source, PALETTE[0])
                top = max(top, float(o.high or o.value or o.low or 0))
                _mark(ax, y, o, colour, url)
                label = ax.text(1.02, y, f"{key_of(o.source)} \u00b7 "
                                f"{_date_text(o.date, o.date_kind)}",
                                transform=ax.get_yaxis_transform(), va="center",
                                fontsize=8, color=colour)
                label.set_url(url)
            ax.set_xlim(0, max(top * 1.1, 1.0))
            ax.set_ylim(len(found) - 0.5, -0.5)
            ax.set_yticks(range(len(found)))
            names = [_treated(site, o) for o in found]
            ax.set_yticklabels([nm if i == 0 or names[i - 1] != nm else ""
                                for i, nm in enumerate(names)])
            ax.set_title(f"{measure}", pad=4)
            ax.set_xlabel(_UNIT_WORDS.get(unit, unit), fontsize=8)
            ax.grid(axis="x", color="#dddddd", linewidth=0.6)
            ax.set_axisbelow(True)
        svg = to_svg(fig, titles, "Evidence map: the figures outcome claims give for each "
                     "regimen or therapy, by measure; each mark links to its claim.")
    return Picture("evidence-map.svg", svg)


def _treated(site: Site, o: OutcomeRow) -> str:
    """The treatment of an outcome row, by label."""
    claim = site.claims.get(o.claim)
    if claim is not None and claim.treatments:
        return ", ".join(site.label(t) for t in claim.treatments)
    return o.treatment


def _mark(ax: object, y: int, o: OutcomeRow, colour: str, url: str) -> None:
    if o.value is not None:
        marker = ("<" if "upper-bound" in o.qualifiers else
                  ">" if "lower-bound" in o.qualifiers else "o")
        dots = ax.scatter([float(o.value)], [y], s=42, marker=marker, color=colour, zorder=3)
        dots.set_urls([url])
    else:
        bar, = ax.plot([float(o.low), float(o.high)], [y, y], color=colour, linewidth=5,
                       solid_capstyle="butt", zorder=3)
        bar.set_url(url)


def forest_plot(site: Site) -> Picture | None:
    rows = sorted(site.data.estimates, key=lambda e: (_treatment(site, e), e.claim))
    if not rows:
        return None
    ratio = all(e.ci_low > 0 for e in rows) and all(
        "ratio" in site.label(e.measure).lower() or e.unit in ("", "1") for e in rows)
    colours = source_colours(site)
    titles: dict[str, str] = {}
    with figure("forest-plot", 9.0, 0.32 * len(rows) + 1.2) as fig:
        ax = fig.add_subplot()
        for y, e in enumerate(rows):
            url = _link(e.claim)
            claim = site.claims.get(e.claim)
            source = claim.source if claim else ""
            colour = colours.get(source, PALETTE[0])
            estimate = "" if e.estimate is None else number(e.estimate) + " "
            text = (f"{estimate}({number(e.ci_low)} to {number(e.ci_high)}) \u00b7 "
                    f"{key_of(source)} \u00b7 "
                    f"{_date_text(claim.date, claim.date_kind) if claim else ''}")
            titles[url] = (f"{key_of(e.claim)}: {site.label(e.measure)} {text} - "
                           f"\u201c{claim.quote if claim else ''}\u201d")
            line, = ax.plot([float(e.ci_low), float(e.ci_high)], [y, y], color=colour,
                            linewidth=1.6, zorder=2)
            line.set_url(url)
            if e.estimate is not None:
                dot = ax.scatter([float(e.estimate)], [y], marker="s", s=40, color=colour,
                                 zorder=3)
                dot.set_urls([url])
            label = ax.text(1.02, y, text, transform=ax.get_yaxis_transform(), va="center",
                            fontsize=8, color=colour)
            label.set_url(url)
        if ratio:
            ax.set_xscale("log")
            ax.axvline(1.0, color="#777777", linewidth=0.8, linestyle="--", zorder=1)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([f"{_treatment(site, e)} ({site.label(e.measure)})"
                            for e in rows])
        ax.set_title("Trial results: estimates with confidence intervals", pad=4)
        ax.set_xlabel("estimate (log scale; 1 = no difference)" if ratio else "estimate",
                      fontsize=8)
        svg = to_svg(fig, titles, "Forest plot: each trial result's estimate with its "
                     "confidence interval; each mark links to its claim.")
    return Picture("forest-plot.svg", svg)


def _treatment(site: Site, e: EstimateRow) -> str:
    claim = site.claims.get(e.claim)
    return ", ".join(site.label(t) for t in claim.treatments) if claim else ""


def parse_date(text: str) -> tuple[date, date] | None:
    """The first and last day a date of the graph covers (2015: the year; 2015-06: the
    month; 2015-06-02: the day); None if it is not a date."""
    try:
        if len(text) == 4:
            return date(int(text), 1, 1), date(int(text), 12, 31)
        if len(text) == 7:
            first = date(int(text[:4]), int(text[5:7]), 1)
            return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) \
                - timedelta(days=1)
        day = date.fromisoformat(text[:10])
        return day, day
    except ValueError:
        return None


def timeline(site: Site) -> Picture | None:
    groups: dict[tuple[str, str, str], int] = defaultdict(int)
    for c in site.claims.values():
        if c.date and parse_date(c.date):
            groups[(c.source, c.date, c.date_kind)] += 1
    if not groups:
        return None
    sources = sorted({s for s, _, _ in groups})
    colours = source_colours(site)
    titles: dict[str, str] = {}
    with figure("timeline", 9.0, 0.45 * len(sources) + 1.3) as fig:
        ax = fig.add_subplot()
        for (source, when, kind), count in sorted(groups.items()):
            y = sources.index(source)
            first, last = parse_date(when) or (date.min, date.min)
            colour = colours.get(source, PALETTE[0])
            url = _link(source)
            titles.setdefault(url, f"{key_of(source)}: {site.source_text_label(source)}")
            if last > first:
                span, = ax.plot([first, last], [y, y], color=colour, alpha=0.35,
                                linewidth=7, solid_capstyle="butt", zorder=2)
                span.set_url(url)
            middle = first + (last - first) / 2
            dot = ax.scatter([middle], [y], s=30 + 14 * count,
                             marker=_KIND_MARKERS.get(kind, "o"), color=colour, zorder=3,
                             edgecolors="white", linewidths=0.8)
            dot.set_urls([url])
            titles[url] += f"; {count} claim(s) dated {_date_text(when, kind)}"
            ax.annotate(str(count),
                        (mdates.date2num(middle), y), xytext=(0, 9),
                        textcoords="offset points", ha="center", fontsize=7, color=colour)
        ax.set_ylim(len(sources) - 0.4, -0.6)
        ax.set_yticks(range(len(sources)))
        ax.set_yticklabels([f"{key_of(s)} {_short(site.source_text_label(s))}"
                            for s in sources])
        ax.xaxis.set_major_locator(mdates.YearLocator(base=_year_step(groups)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.margins(x=0.08)
        ax.set_title("Claims by the date they carry, per source", pad=4)
        ax.set_xlabel("marks: statement \u25cf  published \u25a0  last updated \u25b2  "
                      "medically reviewed \u25c6  not before \u25b6 (a bound for an undated "
                      "source); size: number of claims", fontsize=7)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        svg = to_svg(fig, titles, "Timeline: the claims of each source at the date they "
                     "carry, with the kind of date; each mark links to its source.")
    return Picture("timeline.svg", svg)


def _year_step(groups: dict[tuple[str, str, str], int]) -> int:
    years = [int(when[:4]) for _, when, _ in groups]
    span = max(years) - min(years)
    return 1 if span <= 8 else 2 if span <= 16 else 5


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def pictures(site: Site) -> list[Picture]:
    """Every picture there is something to draw for."""
    return [p for p in (evidence_map(site), forest_plot(site), timeline(site)) if p]

