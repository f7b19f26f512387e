"""Finding vocabulary terms in text: case-insensitive, whole words, longest match.

Every label and alternative label of the vocabulary becomes a sequence of
normalised tokens in a trie; the text is tokenised the same way and scanned
left to right, taking the longest term that starts at each word. Short
all-capital labels (LMS, DTIC, SBRT) match only in capitals, so that ordinary
words are not mistaken for abbreviations.

Why a token trie and not pyahocorasick or one big regex: the vocabulary has a
few hundred labels, so speed is no issue, and matching on normalised tokens
gives word boundaries, British/American spelling, plurals and hyphen/space
variants ('soft-tissue sarcoma' / 'soft tissue sarcomas') in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .tokens import Token, joined, normalise, tokenize
from .vocabulary import Vocabulary

# Standard synonyms of general clinical language, added only for ids the
# vocabulary has. They are not taken from any evaluation text; a curator can
# move them into the vocabulary as alt_labels.
GENERIC_SYNONYMS: dict[str, tuple[str, ...]] = {
    "surgery": ("operation", "surgical treatment", "surgical intervention"),
    "surgical-resection": ("resection", "excision", "surgical removal", "tumour removal",
                           "removal of the tumour", "surgical resection of the tumour",
                           "complete resection", "remove the tumour", "remove the entire tumour",
                           "excise the tumour", "excise the entire tumour", "resect the tumour"),
    "limb-sparing-surgery": ("limb-sparing procedure", "limb-sparing resection",
                             "limb-salvage surgery", "limb salvage surgery"),
    "discussion-with-doctor": ("ask your doctor", "talk to your doctor", "talk with your doctor",
                               "discuss with your doctor", "speak with your doctor"),
    "symptom-treatment": ("supportive care", "treatment of side effects"),
    "radiation-therapy": ("irradiation", "radiation treatment", "external beam radiation",
                          "external beam radiotherapy", "radiotherapy"),
    "chemotherapy": ("chemotherapeutic treatment", "cytotoxic chemotherapy",
                     "systemic chemotherapy", "chemotherapy drugs", "anti-cancer drugs"),
    "targeted-therapy": ("targeted agents", "targeted drugs", "molecularly targeted therapy"),
    "immunotherapy": ("immune checkpoint inhibitors", "checkpoint inhibitors"),
    "hysterectomy": ("removal of the uterus",),
    "lymphadenectomy": ("lymph node dissection", "removal of lymph nodes"),
    "metastasectomy": ("resection of metastases",),
    "combination-chemotherapy": ("combination chemotherapy", "multi-agent chemotherapy",
                                 "multiagent chemotherapy"),
    "unresectable": ("inoperable", "non-resectable", "not resectable"),
    "metastatic": ("metastasized", "metastasised", "distant metastases", "metastatic disease"),
    "advanced": ("locally advanced",),
    "recurrent": ("relapsed", "recurrent disease"),
    "localized": ("localised disease", "localized disease"),
    "soft-tissue-sarcoma": ("soft-tissue sarcoma",),
    "side-effects-unspecified": ("side effects", "adverse effects", "adverse events",
                                 "adverse reactions"),
}


@dataclass(frozen=True)
class Mention:
    """A vocabulary term found in the text."""

    start: int
    end: int
    surface: str
    term_id: str
    category: str
    kind: str


@dataclass
class _Node:
    children: dict[str, "_Node"] = field(default_factory=dict)
    terms: list[tuple[str, bool]] = field(default_factory=list)  # (term id, case-sensitive)


def _label_tokens(label: str) -> tuple[list[Token], bool]:
    toks = tokenize(label)
    case_sensitive = len(toks) == 1 and label.isupper() and len(label) <= 5
    if case_sensitive:
        toks = [Token(t.start, t.end, t.text, t.text) for t in toks]
    return toks, case_sensitive


class Lexicon:
    """Longest-match finder over a set of (label, term) pairs."""

    def __init__(self) -> None:
        self._root = _Node()
        self._meta: dict[str, tuple[str, str]] = {}  # term id -> (category, kind)
        self.labels: dict[str, list[str]] = {}

    def add(self, label: str, term_id: str, category: str, kind: str) -> None:
        toks, case_sensitive = _label_tokens(label)
        if not toks:
            return
        node = self._root
        for tok in toks:
            node = node.children.setdefault(tok.norm, _Node())
        if (term_id, case_sensitive) not in node.terms:
            node.terms.append((term_id, case_sensitive))
        self._meta[term_id] = (category, kind)
        self.labels.setdefault(term_id, []).append(label)

    @classmethod
    def from_vocabulary(cls, vocab: Vocabulary, generic: bool = True) -> "Lexicon":
        lex = cls()
        for term in vocab.terms.values():
            for label in term.labels:
                lex.add(label, term.id, term.category, term.kind)
            if term.category == "regimen" and term.kind == "family":
                for comp in term.components:
                    comp_term = vocab.get(comp)
                    if comp_term is None:
                        continue
                    base = normalise(comp_term.label)
                    for suffix in ("based", "containing"):
                        lex.add(f"{base}-{suffix}", term.id, "regimen", "family")
                        lex.add(f"{base}-{suffix} regimen", term.id, "regimen", "family")
                        lex.add(f"{base}-{suffix} chemotherapy", term.id, "regimen", "family")
        if generic:
            for term_id, labels in GENERIC_SYNONYMS.items():
                known = vocab.get(term_id)
                if known is not None:
                    for label in labels:
                        lex.add(label, known.id, known.category, known.kind)
        return lex

    def _lookup(self, node: _Node, tok: Token) -> _Node | None:
        return node.children.get(tok.norm) or node.children.get(tok.text)

    def find(self, text: str, start: int = 0, end: int | None = None,
             categories: set[str] | None = None) -> list[Mention]:
        """Leftmost-longest, non-overlapping mentions in ``text[start:end]``."""
        toks = tokenize(text, start, end)
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            best: tuple[int, str] | None = None
            node: _Node | None = self._root
            j = i
            while j < len(toks) and node is not None:
                if j > i and not joined(text, toks[j - 1], toks[j]):
                    break
                node = self._lookup(node, toks[j])
                if node is None:
                    break
                for term_id, case_sensitive in node.terms:
                    if case_sensitive and toks[j].text != text[toks[i].start:toks[j].end]:
                        continue
                    if case_sensitive and not toks[i].text.isupper():
                        continue
                    cat = self._meta[term_id][0]
                    if categories is None or cat in categories:
                        best = (j, term_id)
                        break
                j += 1
            if best is None:
                i += 1
                continue
            j, term_id = best
            cat, kind = self._meta[term_id]
            s, e = toks[i].start, toks[j].end
            out.append(Mention(s, e, text[s:e], term_id, cat, kind))
            i = j + 1
        return out
