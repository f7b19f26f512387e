"""The curation rule for context: what a claim's own sentence says of its setting is recorded.

A context term (its label or a synonym: 'second-line', 'metastatic', 'uterine LMS') named
in the sentence that holds a claim's quote must be

- recorded on the claim (the term itself, or a broader or narrower one), or
- outside the claim's quote and inside the quote of another claim of the sentence (the
  clause is that claim's), or
- named in the claim's note, which says why it does not apply (a selection factor, another
  clause's subject, a description of the whole disease).

:func:`unrecorded_mentions` lists every mention that is none of these; the data tests
require none. Headings are not read here: a context taken from a heading is the
curator's reading, recorded with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from ..curated.contexts import context_kinds
from ..curated.load import Curated
from ..curated.records import Claim
from ..derive.hierarchy import Hierarchy, hierarchy
from ..ontology.index import OntologyIndex
from .coverage import sentences


@dataclass(frozen=True)
class Mention:
    claim: str
    kind: str
    term: str
    words: str  # as the sentence has them
    start: int  # code-point offset in the document


def term_labels(ontology: OntologyIndex, curated: Curated) -> dict[tuple[str, str], list[str]]:
    """(kind, term) -> the words that name it: label, synonyms, notation."""
    out: dict[tuple[str, str], list[str]] = {}
    for kind in context_kinds():
        if kind.values_from == "vocabulary":
            for key, term in curated.vocab.table("contexts").items():
                if term.kind == kind.key:
                    out[(kind.key, key)] = [term.label, *term.alt_labels]
        else:
            for key, iri in ontology.notations.categories.get(kind.key, {}).items():
                names = [str(x) for p in (RDFS.label, SKOS.altLabel)
                         for x in ontology.graph.objects(URIRef(iri), p)]
                out[(kind.key, key)] = [*names, key]
    return out


def _recorded(claim: Claim, kind: str, term: str, h: Hierarchy) -> bool:
    return any(v == term or term in h.context_up(kind, v) or v in h.context_up(kind, term)
               for v in claim.context.values(kind))


def unrecorded_mentions(ontology: OntologyIndex, curated: Curated) -> list[Mention]:
    labels = term_labels(ontology, curated)
    patterns = {key: re.compile("|".join(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])"
                                         for w in sorted(set(words), key=len, reverse=True)),
                                re.IGNORECASE)
                for key, words in labels.items() if words}
    h = hierarchy(ontology, curated.vocab)
    found = []
    for src in curated.sources:
        if src.document is None:
            continue
        text = src.document.text
        claims = src.record.claims
        for sentence in sentences(text):
            inside = [c for c in claims if c.start < sentence.end and c.end > sentence.start]
            for (kind, term), pattern in patterns.items():
                for m in pattern.finditer(text, sentence.start, sentence.end):
                    for c in inside:
                        own = c.start <= m.start() and m.end() <= c.end
                        elsewhere = not own and any(
                            o.start <= m.start() and m.end() <= o.end for o in inside
                            if (o.start, o.end) != (c.start, c.end))
                        if _recorded(c, kind, term, h) or elsewhere or \
                                m.group().lower() in (c.note or "").lower():
                            continue
                        found.append(Mention(c.id, kind, term, m.group(), m.start()))
    return sorted(set(found), key=lambda x: (x.claim, x.start, x.kind, x.term))
