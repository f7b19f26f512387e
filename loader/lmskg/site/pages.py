"""The site's HTML pages, rendered with Jinja2 (autoescaped: every value is text).

:func:`render_pages` returns every file of the site by its path from the site's root.
Links are relative (``../../../id/claim/s000-c26/index.html``), so the same files work
from the file system, from any static host and from ``lmskg serve``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from rdflib import Literal, URIRef

from ..ontology.namespaces import LMS, shorten
from ..sparql.catalogue import CatalogueQuery
from .highlight import Marker, Segment, Span, Target, pieces
from .model import Claim, Site, key_of, owner_page, page_of
from .pictures import Picture
from .svg import inline

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
CONTEXT_CHARS = 320  # characters of text shown on each side of a quote on a claim page
# kinds of date as their notation, in words
DATE_KINDS = {"statement": "statement", "published": "published",
              "last-updated": "last updated", "medically-reviewed": "medically reviewed",
              "not-before": "not before (a bound for an undated source)"}


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
        ["html"], default_for_string=True, default=True), undefined=StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(Segment=Segment, Target=Target, Marker=Marker, date_kinds=DATE_KINDS)
    env.tests["segment"] = lambda p: isinstance(p, Segment)
    env.tests["target"] = lambda p: isinstance(p, Target)
    env.tests["marker"] = lambda p: isinstance(p, Marker)
    env.tests["iri"] = lambda v: isinstance(v, URIRef)
    env.filters["inline_svg"] = inline
    return env


def href(iri: str | None) -> str | None:
    """Where a term links to, from the site's root: its page, its owner's page at the
    part's fragment, the ontology page at the term; None for anything else."""
    if not iri:
        return None
    page = page_of(iri)
    if page:
        return page
    owned = owner_page(iri)
    if owned:
        return f"{owned[0]}#{owned[1]}"
    if iri.startswith(str(LMS)):
        return f"ontology/index.html#{iri[len(str(LMS)):]}"
    return None


class Renderer:
    """Renders each page with the site's helpers."""

    def __init__(self, site: Site, texts: dict[str, str]):
        self.site, self.texts = site, texts
        self.env = environment()
        self.env.globals.update(label=site.label, href=href, key=key_of, curie=_curie,
                                external=_external, site=site,
                                fragment=_fragment)

    def page(self, template: str, path: str, **values: object) -> tuple[str, str]:
        root = "../" * path.count("/")
        return path, self.env.get_template(template).render(root=root, path=path, **values)

    # -- pages ---------------------------------------------------------------------------------

    def home(self) -> tuple[str, str]:
        site = self.site
        claims = sorted(site.claims.values(), key=lambda c: c.id)
        facets = {"therapy": defaultdict(int), "measure": defaultdict(int),
                  "context": defaultdict(int), "source": defaultdict(int)}
        rows = []
        for c in claims:
            values = {"therapy": sorted(set(self.therapy_keys(c))),
                      "measure": [c.measure] if c.measure else [],
                      "context": sorted({v for _, v in c.contexts}),
                      "source": [c.source]}
            for facet, found in values.items():
                for v in found:
                    facets[facet][v] += 1
            rows.append((c, {f: " ".join(sorted(key_of(v) for v in vs))
                             for f, vs in values.items()}))
        options = {f: sorted(((key_of(v), site.label(v), n) for v, n in counts.items()),
                             key=lambda o: (o[1].lower(), o[0]))
                   for f, counts in facets.items()}
        return self.page("home.html", "index.html", sources=list(site.data.sources),
                         rows=rows, options=options)

    def therapy_keys(self, c: Claim) -> list[str]:
        """A claim's therapies, its regimen and the regimen's components (so that filtering
        by a drug finds the regimens that contain it)."""
        found = list(c.therapies)
        if c.regimen:
            found += [c.regimen, *self.site.components(c.regimen)]
        return found

    def source(self, iri: str) -> tuple[str, str]:
        site = self.site
        row = site.sources.get(iri)
        claims = site.claims_of_source(iri)
        spans = [Span("claim", c.id, c.start, c.end) for c in claims]
        meta = sorted((a for a in site.anchors_in.get(iri, []) if a.owner == iri),
                      key=lambda a: (a.start, a.anchor))
        spans += [Span("meta", _fragment(a.anchor), a.start, a.end) for a in meta]
        text = self.texts.get(iri, "")
        citations = sorted((s for s in site.facts if s.startswith(iri + "/citation/")
                            and "/" not in s[len(iri + "/citation/"):]))
        unnamed = sorted(s for s in site.facts if s.startswith(iri + "/unnamed-therapy/"))
        return self.page("source.html", page_of(iri) or "", iri=iri, row=row, claims=claims,
                         meta=meta, pieces=pieces(text, spans), citations=citations,
                         unnamed=unnamed,
                         text_length=len(text), facts=site.fact_rows(iri))

    def claim(self, c: Claim) -> tuple[str, str]:
        text = self.texts.get(c.source, "")
        before = text[max(0, c.start - CONTEXT_CHARS):c.start]
        after = text[c.end:c.end + CONTEXT_CHARS]
        related = self.site.agreements_of([c])
        meta = sorted((a for a in self.site.data.anchors
                       if a.owner == c.iri and a.anchor != f"{c.iri}/anchor"),
                      key=lambda a: (a.start, a.anchor))
        return self.page("claim.html", page_of(c.iri) or "", c=c, before=before, meta=meta,
                         after=after, related=related, quantity=_part(self.site, c, "quantity"),
                         time_point=_part(self.site, c, "time-point"))

    def thing(self, iri: str) -> tuple[str, str]:
        site = self.site
        direct = site.claims_naming(iri)
        through = site.claims_through_regimens(iri) if site.kind_of(iri) == "therapy" else []
        groups: dict[str, list[Claim]] = defaultdict(list)
        for c in direct:
            groups[c.type_label or "claim"].append(c)
        everything = direct + through
        pair = None
        if site.kind_of(iri) == "pair":
            first = site.value(iri, str(LMS.firstClaim))
            second = site.value(iri, str(LMS.secondClaim))
            pair = (site.claims.get(str(first)), site.claims.get(str(second)))
        parts = [(p, site.fact_rows(p)) for p in sorted(site.facts) if p.startswith(iri + "/")]
        return self.page("thing.html", page_of(iri) or "", iri=iri, kind=site.kind_of(iri),
                         parts=parts,
                         types=site.types_of(iri), facts=site.fact_rows(iri),
                         groups=sorted(groups.items()), through=through,
                         outcomes=site.outcomes_of(everything),
                         agreements=site.agreements_of(everything), pair=pair,
                         components=site.components(iri))

    def pictures(self, found: list[Picture]) -> tuple[str, str]:
        by_name = {p.name: p for p in found}
        return self.page("pictures.html", "pictures/index.html", pictures=by_name,
                         outcomes=[o for o in self.site.data.outcomes
                                   if o.treatment and o.measure],
                         estimates=list(self.site.data.estimates))

    def questions(self, catalogue: dict[str, CatalogueQuery]) -> tuple[str, str]:
        return self.page("questions.html", "questions/index.html",
                         queries=[catalogue[n] for n in sorted(catalogue)])


def _fragment(iri: str) -> str:
    owned = owner_page(iri)
    return owned[1] if owned else key_of(iri)


def _part(site: Site, c: Claim, name: str) -> list[tuple[str, URIRef | Literal]]:
    return site.fact_rows(f"{c.iri}/{name}")


def _curie(iri: str) -> str:
    return shorten(iri, strict=False) or iri


def _external(iri: str) -> bool:
    return iri.startswith(("http://", "https://")) and href(iri) is None \
        and not iri.startswith("https://w3id.org/lmskg/")


def render_pages(site: Site, texts: dict[str, str], found: list[Picture],
                 catalogue: dict[str, CatalogueQuery]) -> dict[str, str]:
    """Every HTML page of the site, by path."""
    r = Renderer(site, texts)
    out = dict([r.home(), r.pictures(found), r.questions(catalogue)])
    for iri in sorted(site.sources):
        out.update([r.source(iri)])
    for c in site.claims.values():
        out.update([r.claim(c)])
    for iri in site.things():
        if site.kind_of(iri) not in ("source", "claim"):
            out.update([r.thing(iri)])
    return out


def static_files() -> dict[str, str]:
    return {f"static/{p.name}": p.read_text(encoding="utf-8")
            for p in sorted(STATIC.iterdir()) if p.is_file()}
