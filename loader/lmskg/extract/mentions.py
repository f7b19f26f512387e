"""The figures and drug mentions of a text, as the extractor finds them: what a curator
should not miss (``lmskg coverage`` lists the ones no claim covers)."""

from __future__ import annotations

from dataclasses import dataclass

from .figures import find_figures
from .lexicon import Lexicon
from .vocabulary import Vocabulary

# figures that are not findings: markers, identifiers and dates are metadata
NOT_FINDINGS = ("citation", "identifier", "date")
DRUG_KINDS = ("drug", "drug-class")


@dataclass(frozen=True)
class Found:
    """A figure or a drug named in the text: its span, what it is, its numbers or term."""

    start: int
    end: int
    text: str
    what: str  # the figure's role, or 'drug'
    numbers: tuple[float, ...] = ()
    term: str | None = None


def figures_of(text: str) -> list[Found]:
    return [Found(f.start, f.end, f.text, f.role, tuple(f.numbers()))
            for f in find_figures(text) if f.role not in NOT_FINDINGS]


def drugs_of(text: str, vocab: Vocabulary) -> list[Found]:
    lexicon = Lexicon.from_vocabulary(vocab, generic=False)
    return [Found(m.start, m.end, m.surface, "drug", term=m.term_id)
            for m in lexicon.find(text, categories={"therapy"}) if m.kind in DRUG_KINDS]
