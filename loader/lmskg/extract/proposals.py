"""Terms the vocabulary lacks, proposed for the curator (a vocabulary draft).

The extractor never turns an unknown word into an identifier. It proposes:
- drug-like words (by the endings of international non-proprietary names,
  e.g. -mab, -nib, -platin, -taxel, -rubicin) the lexicon does not know;
- brand or other names given in parentheses right after a known drug
  ('trabectedin (Yondelis)'), as alternative labels of that drug;
- adverse effects from a general list that the effects vocabulary lacks;
- combinations whose components are known but which no regimen has;
- context words the ontology has no notation for ('maintenance').
Each proposal keeps the surface form and every offset where it occurs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Mention

# Endings of international non-proprietary names of anticancer drugs (WHO stems).
_INN = re.compile(r"\b[a-z][a-z-]{3,}(?:mab|nib|lib|parib|ciclib|platin|taxel|rubicin|mycin|"
                  r"fosfamide|mustine|stine|zomib|limus|tecan|trexate|citabine|bazine|"
                  r"rafenib|tinib|cept|leukin|lisib|degib|sidenib|mide|tabine|poside|"
                  r"bicin|plat|rrelbine|ectedin|ibulin|gliptin|tide)\b", re.I)
_NOT_DRUG = {"peptide", "polypeptide", "nucleotide", "amide", "side", "tide", "wide", "guide",
             "bromide", "chloride", "fluoride", "oxide", "iodide", "provide", "divide", "decide",
             "override", "coincide", "reside", "beside", "inside", "outside", "alongside", "worldwide",
             "nationwide", "genome-wide", "hydroxide", "sulfide", "glucoside", "nucleoside"}

# Adverse effects in general clinical language (not taken from any evaluation text).
ADVERSE_EFFECTS = (
    "nausea", "vomiting", "fatigue", "asthenia", "diarrhoea", "diarrhea", "constipation",
    "alopecia", "hair loss", "mucositis", "stomatitis", "neutropenia", "febrile neutropenia",
    "neutropenic sepsis", "neutropenic fever", "thrombocytopenia", "anaemia", "anemia",
    "leukopenia", "leucopenia", "lymphopenia", "myelosuppression", "pancytopenia",
    "cardiotoxicity", "cardiomyopathy", "heart failure", "hepatotoxicity", "nephrotoxicity",
    "neurotoxicity", "encephalopathy", "peripheral neuropathy", "neuropathy", "hypertension",
    "proteinuria", "hand-foot syndrome", "palmar-plantar erythrodysesthesia", "rash",
    "pruritus", "dyspnoea", "dyspnea", "cough", "pneumonitis", "oedema", "edema",
    "peripheral oedema", "peripheral edema", "headache", "weight loss", "decreased appetite",
    "anorexia", "infection", "sepsis", "fever", "haemorrhage", "hemorrhage", "bleeding",
    "thrombosis", "pneumothorax", "rhabdomyolysis", "extravasation", "tissue necrosis",
    "anaphylaxis", "hypersensitivity", "infertility", "secondary cancer", "secondary malignancy",
    "lymphoedema", "lymphedema", "fibrosis", "wound complications", "raised liver enzymes",
    "elevated liver enzymes", "hair discolouration", "hypothyroidism", "pain", "myalgia",
    "arthralgia", "dysgeusia", "haematuria", "hematuria", "haemorrhagic cystitis",
    "hemorrhagic cystitis", "fetal harm",
)
ADVERSE = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"[\s\u00a0]+").replace(r"\-", r"[\s-]")
                                          for w in sorted(ADVERSE_EFFECTS, key=len, reverse=True))
                     + r")\b", re.I)
_BRAND = re.compile(r"^[\s\u00a0]*\((?:also\s+known\s+as\s+|brand\s+name\s+|trade\s+name\s+)?"
                    r"(?P<b>[A-Z][A-Za-z0-9-]{2,}(?:\s[A-Z][A-Za-z0-9-]+)?)\s*(?:[,;)®™])")
_NOT_BRAND = re.compile(r"^(?:HR|CI|OS|PFS|ORR|RR|DFS|NCT\d+|[A-Z]{1,3}|Phase|Grade|Table|Figure|US|EU|UK)$")


@dataclass
class Proposal:
    """A term the vocabulary lacks: what it looks like and where it occurs."""

    surface: str
    kind: str  # drug | alt-label | adverse-effect | regimen | context
    occurrences: list[tuple[int, int]] = field(default_factory=list)
    for_term: str | None = None  # the existing term an alt label is for
    components: tuple[str, ...] = ()
    reason: str = ""

    def record(self, text: str) -> dict[str, object]:
        rec: dict[str, object] = {"surface": self.surface, "kind": self.kind}
        if self.for_term:
            rec["alt_label_for"] = self.for_term
        if self.components:
            rec["components"] = list(self.components)
        rec["reason"] = self.reason
        rec["occurrences"] = [{"quote": text[a:b], "start": a, "end": b} for a, b in self.occurrences]
        return rec


class Proposals:
    """Collects proposals across a document, one per surface form and kind."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], Proposal] = {}

    def add(self, surface: str, kind: str, start: int, end: int, reason: str,
            for_term: str | None = None, components: tuple[str, ...] = ()) -> None:
        key = (re.sub(r"[\s\u00a0]+", " ", surface.lower()), kind)
        prop = self._by_key.setdefault(key, Proposal(surface, kind, [], for_term, components, reason))
        if (start, end) not in prop.occurrences:
            prop.occurrences.append((start, end))

    def records(self, text: str) -> list[dict[str, object]]:
        props = sorted(self._by_key.values(), key=lambda p: p.occurrences[0])
        return [p.record(text) for p in props]


def scan_unknown(text: str, start: int, end: int, mentions: list[Mention],
                 known_labels: set[str], props: Proposals) -> list[tuple[int, int, str]]:
    """Propose drug-like words, brand names and adverse effects in a span;
    returns the adverse-effect mentions found (span and surface)."""
    covered = [(m.start, m.end) for m in mentions]

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in covered)

    for m in _INN.finditer(text, start, end):
        w = m.group()
        if w.lower() in _NOT_DRUG or w.lower() in known_labels or not free(m.start(), m.end()):
            continue
        props.add(w, "drug", m.start(), m.end(), "drug-like name (INN ending) not in the vocabulary")
    for mn in mentions:
        if mn.category != "therapy" or mn.kind != "drug":
            continue
        bm = _BRAND.match(text[mn.end:min(end, mn.end + 60)])
        if bm and not _NOT_BRAND.match(bm.group("b")) and bm.group("b").lower() not in known_labels:
            a = mn.end + bm.start("b")
            props.add(bm.group("b"), "alt-label", a, a + len(bm.group("b")),
                      "name in parentheses after a known drug", for_term=mn.term_id)
    effects: list[tuple[int, int, str]] = []
    for m in ADVERSE.finditer(text, start, end):
        if not free(m.start(), m.end()):
            continue
        effects.append((m.start(), m.end(), m.group()))
        if m.group().lower() not in known_labels:
            props.add(m.group(), "adverse-effect", m.start(), m.end(),
                      "adverse effect not in the effects vocabulary")
    return effects
