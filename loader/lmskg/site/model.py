"""The site's things, assembled from the answers of :mod:`.queries` (pure, no I/O).

:class:`Site` indexes the answers and builds what pages show: claims with their
fields, sources, and every curated thing with the claims that name it. Paths are
relative to the site's root and end in ``index.html`` (so that the site also works
from the file system, where a directory does not open its index).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..curated.contexts import in_display_order
from ..ontology import terms as T
from ..ontology.namespaces import ID, LMS, OA
from .queries import AgreementRow, AnchorRow, OutcomeRow, SiteData

PAGE_KINDS = ("source", "claim", "regimen", "therapy", "context", "reference", "effect",
              "tool", "factor", "agent", "pair", "activity")
CONTEXT_PROPS = tuple((k.key, str(LMS[k.prop])) for k in in_display_order())
_TIME_WORDS = {"a": "years", "mo": "months", "wk": "weeks", "d": "days"}
_FIGURE_WORDS = {"median": "median", "approximate": "about", "upper-bound": "up to",
                 "lower-bound": "at least"}


def page_of(iri: str) -> str | None:
    """The page of a thing (``id/<kind>/<key>/index.html``), None for parts and others."""
    if not iri.startswith(str(ID)):
        return None
    parts = iri[len(str(ID)):].split("/")
    if len(parts) == 2 and parts[0] in PAGE_KINDS and parts[1]:
        return f"id/{parts[0]}/{parts[1]}/index.html"
    return None


def owner_page(iri: str) -> tuple[str, str] | None:
    """For a part (``id/claim/x/anchor/quote``): its owner's page and the fragment."""
    if not iri.startswith(str(ID)):
        return None
    parts = iri[len(str(ID)):].split("/")
    if len(parts) > 2 and page_of(str(ID) + "/".join(parts[:2])):
        return page_of(str(ID) + "/".join(parts[:2])) or "", "-".join(parts[2:])
    return None


def key_of(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def number(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class Citation:
    iri: str
    marker: str
    mapping: str  # the mapping status's notation
    reference: str | None


@dataclass
class Claim:
    iri: str
    id: str
    source: str
    type: str = ""  # the claim type's notation
    type_label: str = ""
    direction: str = ""
    quote: str = ""
    start: int = 0
    end: int = 0
    therapies: list[str] = field(default_factory=list)
    regimen: str | None = None
    measure: str | None = None
    contexts: list[tuple[str, str]] = field(default_factory=list)  # (kind key, value IRI)
    figure: str = ""
    time_point: str = ""
    date: str = ""
    date_kind: str = ""
    citations: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    same_origin: list[str] = field(default_factory=list)
    pooled_with: list[str] = field(default_factory=list)
    mentions: set[str] = field(default_factory=set)  # every IRI its details name
    facts: list[tuple[str, str, URIRef | Literal]] = field(default_factory=list)

    @property
    def treatments(self) -> list[str]:
        return [self.regimen] if self.regimen else list(self.therapies)


class Site:
    """The answers, indexed, and the things pages are made of."""

    def __init__(self, data: SiteData, claim_types: dict[str, str]):
        self.data = data
        self.claim_types = claim_types  # class IRI -> notation
        self.facts: dict[str, list[tuple[str, URIRef | Literal]]] = defaultdict(list)
        for f in data.facts:
            self.facts[f.subject].append((f.property, f.value))
        self.sources = {s.iri: s for s in data.sources}
        self.claims = self._claims()
        self.anchors_in: dict[str, list[AnchorRow]] = defaultdict(list)
        for a in data.anchors:
            self.anchors_in[a.document].append(a)

    # -- names --------------------------------------------------------------------------------

    def label(self, iri: str | None) -> str:
        if not iri:
            return ""
        iri = str(iri)  # a URIRef hashes apart from the same text as a str
        found = self.data.labels.get(iri)
        if found is not None:
            return found.preferred or found.label or found.notation or key_of(iri)
        return key_of(iri)

    def notation(self, iri: str | None) -> str:
        found = self.data.labels.get(str(iri or ""))
        return (found.notation if found is not None else None) or key_of(iri or "")

    def value(self, subject: str, prop: str) -> URIRef | Literal | None:
        found = self.values(subject, prop)
        return found[0] if found else None

    def values(self, subject: str, prop: str) -> list[URIRef | Literal]:
        return sorted((v for p, v in self.facts.get(str(subject), ()) if p == prop), key=str)

    # -- claims -------------------------------------------------------------------------------

    def _claims(self) -> dict[str, Claim]:
        rows: dict[str, list] = defaultdict(list)
        for f in self.data.claim_facts:
            rows[f.claim].append((f.via, f.property, f.value))
        claims = {}
        for iri in sorted(rows):
            claims[iri] = self._claim(iri, sorted(rows[iri], key=lambda r: (r[0], r[1],
                                                                          str(r[2]))))
        return claims

    def _claim(self, iri: str, facts: list) -> Claim:
        c = Claim(iri, key_of(iri), "", facts=facts)
        quantity: dict[str, list] = defaultdict(list)
        time_point: dict[str, list] = defaultdict(list)
        citations: dict[str, dict[str, object]] = defaultdict(dict)
        kinds = {prop: key for key, prop in CONTEXT_PROPS}
        for via, prop, value in facts:
            if isinstance(value, URIRef):
                c.mentions.add(str(value))
            if via == "" and prop == str(RDF.type) and str(value) in self.claim_types:
                c.type = self.claim_types[str(value)]
                c.type_label = self.label(str(value))
            elif via == "":
                self._claim_field(c, prop, value, kinds)
            elif via == "anchor":
                if prop == str(OA.exact):
                    c.quote = str(value)
                elif prop == str(OA.start):
                    c.start = int(str(value))
                elif prop == str(OA.end):
                    c.end = int(str(value))
            elif via == "quantity":
                quantity[prop].append(value)
            elif via == "time point":
                time_point[prop].append(value)
            elif via.startswith("citation "):
                citations[via[len("citation "):]][prop] = value
        c.contexts.sort(key=lambda kv: ([k for k, _ in CONTEXT_PROPS].index(kv[0]), kv[1]))
        c.figure = self.figure(quantity)
        if time_point:
            c.time_point = "at " + self.figure(time_point)
        for slug, props in sorted(citations.items()):
            ref = props.get(str(T.refersTo))
            c.citations.append(Citation(
                f"{c.source}/citation/{slug}", str(props.get(str(T.marker), slug)),
                self.notation(str(props.get(str(T.mappingStatus), ""))),
                str(ref) if ref is not None else None))
        return c

    def _claim_field(self, c: Claim, prop: str, value: URIRef | Literal,
                     kinds: dict[str, str]) -> None:
        if prop == str(T.source):
            c.source = str(value)
        elif prop == str(T.direction):
            c.direction = self.notation(str(value))
        elif prop == str(T.therapy):
            c.therapies.append(str(value))
        elif prop == str(T.regimen):
            c.regimen = str(value)
        elif prop == str(T.measure):
            c.measure = str(value)
        elif prop in kinds:
            c.contexts.append((kinds[prop], str(value)))
        elif prop == str(T.claimDate):
            c.date = str(value)
        elif prop == str(T.claimDateKind):
            c.date_kind = self.notation(str(value))
        elif prop == str(SKOS.note):
            c.notes.append(str(value))
        elif prop == str(T.likelySameOriginAs):
            c.same_origin.append(str(value))
        elif prop == str(T.pooledWith):
            c.pooled_with.append(str(value))

    def figure(self, props: dict[str, list]) -> str:
        """'about 50 %', 'median about 5 mo', '9-12 mo', 'up to 70 %', 'at 5 years'."""
        def num(prop: URIRef) -> str:
            found = props.get(str(prop))
            return number(Decimal(str(found[0]))) if found else ""
        qualifiers = sorted(self.notation(str(q)) for q in props.get(str(T.qualifier), []))
        words = [_FIGURE_WORDS[q] for q in ("median", "approximate", "upper-bound",
                                            "lower-bound") if q in qualifiers]
        value = num(T.value) or (f"{num(T.lowValue)}-{num(T.highValue)}"
                                 if num(T.lowValue) else "")
        if not value:
            return ""
        unit = str(props.get(str(T.unit), [""])[0])
        unit = _TIME_WORDS.get(unit, unit)
        return " ".join([*words, value, unit]).strip()

    def claims_of_source(self, source: str) -> list[Claim]:
        return sorted((c for c in self.claims.values() if c.source == source),
                      key=lambda c: (c.start, c.end, c.id))

    # -- things -------------------------------------------------------------------------------

    def things(self) -> list[str]:
        """Every curated thing with a page of its own, sorted."""
        return sorted(s for s in self.facts if page_of(s))

    def kind_of(self, iri: str) -> str:
        return iri[len(str(ID)):].split("/")[0]

    def types_of(self, iri: str) -> list[str]:
        return sorted({self.label(str(v)) for v in self.values(iri, str(RDF.type))
                       if isinstance(v, URIRef) and str(v).startswith(str(LMS))
                       and self.data.labels.get(str(v))})

    def components(self, regimen: str) -> list[str]:
        return [str(v) for v in self.values(regimen, str(T.hasComponent))]

    def claims_naming(self, iri: str) -> list[Claim]:
        """Claims whose details name the thing (as therapy, regimen, context, measure,
        cited work, effect, ...)."""
        return sorted((c for c in self.claims.values() if iri in c.mentions),
                      key=lambda c: c.id)

    def claims_through_regimens(self, therapy: str) -> list[Claim]:
        """Claims about regimens of which the therapy is a component."""
        regimens = {r for r in self.facts if therapy in self.components(r)}
        return sorted((c for c in self.claims.values() if c.regimen in regimens
                       and therapy not in c.mentions), key=lambda c: c.id)

    def outcomes_of(self, claims: list[Claim]) -> list[OutcomeRow]:
        ids = {c.iri for c in claims}
        return [o for o in self.data.outcomes if o.claim in ids]

    def agreements_of(self, claims: list[Claim]) -> list[AgreementRow]:
        ids = {c.iri for c in claims}
        return [a for a in self.data.agreements if a.claim_a in ids or a.claim_b in ids]

    def source_text_label(self, source: str) -> str:
        row = self.sources.get(source)
        return row.title if row is not None and row.title else self.label(source)

    def fact_rows(self, subject: str) -> list[tuple[str, URIRef | Literal]]:
        """A thing's statements, labels first, types and the rest by property label."""
        skip = {str(RDFS.label)}
        return sorted(((p, v) for p, v in self.facts.get(str(subject), ()) if p not in skip),
                      key=lambda pv: (pv[0] != str(RDF.type), self.label(pv[0]).lower(),
                                      str(pv[1])))
