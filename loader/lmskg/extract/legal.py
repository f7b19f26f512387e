"""Make a draft build as it is: each candidate checked by the curated validator, and what
the curated format cannot say kept aside.

The extractor knows less than the curated rules require (an outcome figure whose measure
it did not recognise, an adverse effect the vocabulary lacks). :class:`DraftChecker` runs
the same checks a build runs on the draft (:class:`lmskg.curated.validate.Validator`, with
the same vocabulary and ontology notations) and, for a candidate that fails, steps back
until it passes: first its figure moves into its ``draft`` block (``draft.figure_unsaid``),
then its type becomes ``therapy-description`` (neutral) with the proposed type kept as
``draft.proposed_type`` and what was missing as ``draft.missing``; a candidate that still
fails is dropped and listed under the source's ``draft.dropped``. A source field that fails
(a date, a flag, a citation) is dropped the same way. The curator sees every step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..curated.corpus import Document, SourceFile
from ..curated.crosswalk import SharedVocab, load_shared_vocab
from ..curated.notations import Notations
from ..curated.records import Source
from ..curated.structure import parse
from ..curated.validate import Validator
from ..curated.vocabulary import Vocabulary, load_vocabulary
from ..errors import InputError, Problem

FIGURE_KEYS = ("value", "low", "high", "unit", "qualifiers", "time_point")
FALLBACK_TYPE = "therapy-description"
SOURCE_FIELDS = ("dates", "flags", "citations", "reviewer", "review_status", "title",
                 "unclaimed")


def _strip_draft(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_draft(v) for k, v in value.items() if k != "draft"}
    if isinstance(value, list):
        return [_strip_draft(v) for v in value]
    return value


@dataclass
class DraftChecker:
    """The curated checks of one data directory, applied to drafts."""

    notations: Notations
    vocab: Vocabulary
    shared: SharedVocab

    @classmethod
    def for_data(cls, data_dir: Path, vocab_dir: Path, notations: Notations
                 ) -> "DraftChecker":
        problems: list[Problem] = []
        vocab = load_vocabulary(data_dir, notations, problems)
        if problems:
            raise InputError(problems)
        return cls(notations, vocab, load_shared_vocab(vocab_dir))

    def problems(self, record: dict[str, Any], text: str, sha256: str) -> list[Problem]:
        """Every problem a build would report on the draft ``record``."""
        display = f"{record['id']}.yaml"
        source, found = parse(Source, _strip_draft(record), display, record["id"])
        if source is None or found:
            return found
        validator = Validator(self.notations, self.vocab, self.shared)
        doc = Document(record["file"], text, sha256)
        validator.check_source(SourceFile(display, source, doc), {})
        return validator.problems

    def legalise(self, record: dict[str, Any], text: str, sha256: str) -> dict[str, Any]:
        """``record`` (changed in place) such that :meth:`problems` finds none."""
        for _ in range(4):  # each round can only take away; four suffice
            problems = self.problems(record, text, sha256)
            if not problems:
                return record
            by_claim = {c["id"]: c for c in record.get("claims", [])}
            for p in problems:
                claim = by_claim.get(p.record)
                if claim is not None:
                    _step_back(claim, p)
                else:
                    _drop_source_field(record, p)
        record["draft"].setdefault("dropped", [])
        for p in self.problems(record, text, sha256):
            bad = p.record
            record["claims"] = [c for c in record["claims"] if c["id"] != bad]
            record["draft"]["dropped"].append(f"{bad}: {p.message}")
        return record


def _step_back(claim: dict[str, Any], p: Problem) -> None:
    mark = claim.setdefault("draft", {})
    field = p.field.split(".")[0].split("[")[0]
    about_type = p.message.startswith(f"a {claim['type']} claim")
    if field in FIGURE_KEYS or (about_type and field not in ("direction", "therapies")):
        figure = {k: claim.pop(k) for k in FIGURE_KEYS if k in claim}
        if figure:
            mark["figure_unsaid"] = figure
            mark.setdefault("missing", []).append(f"{p.field}: {p.message}")
            return
    if not about_type and field in claim:
        mark.setdefault("missing", []).append(f"{p.field}: {p.message}")
        del claim[field]
        return
    if claim["type"] != FALLBACK_TYPE:
        mark["proposed_type"] = claim["type"]
        mark.setdefault("missing", []).append(f"{p.field}: {p.message}")
        claim["type"] = FALLBACK_TYPE
        claim["direction"] = "neutral"
        for key in ("measure", "side_effects", "tool"):
            claim.pop(key, None)
        return
    claim.pop(p.field.split(".")[0].split("[")[0], None)


def _drop_source_field(record: dict[str, Any], p: Problem) -> None:
    name = p.field.split(".")[0].split("[")[0]
    if name in SOURCE_FIELDS and name in record:
        record["draft"].setdefault("dropped", []).append(f"{p.field}: {p.message}")
        del record[name]
