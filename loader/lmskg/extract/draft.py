"""The draft source record: the public entry point :func:`extract`.

The draft has the shape of a curated file (``data/sources/<id>.yaml``, fields
of :mod:`lmskg.curated.records`) so that a curator edits it in place. What the
curated format has no field for (the extractor's name and version, the review
status of each candidate, confidence, the cue words that decided, every figure
of the quote with its role, CI, p-value and arm) sits under a ``draft`` key on
the source and on each claim; :func:`curated_view` drops those keys, and
:mod:`lmskg.curated.drafts` reads them when a draft is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .agent import EXTRACTOR, NAME, STATUS_UNREVIEWED, VERSION
from .citations import Marker, entry_title, find_markers, reference_entries, resolve
from .claims import Candidate, ClaimBuilder
from .dates import find_dates
from .document import Document, decode
from .figures import num
from .legal import DraftChecker
from .lexicon import Lexicon
from .metadata import read_metadata
from .proposals import Proposals
from .sentences import Sentence, split
from .vocabulary import Vocabulary, load

CONTEXT_KEYS = ("disease", "extent", "line", "timing", "intent", "biomarker", "site", "risk")
_CURATED_QUALIFIERS = ("approximate", "upper-bound", "lower-bound", "range", "median")
_CURATED_UNITS = ("%", "mo", "wk", "a", "d", "h", "min", "mg/m2", "g/m2", "mg/kg", "mg", "g", "Gy")
HEADER = (f"# Draft drafted by {EXTRACTOR}: every claim is unreviewed until a curator accepts "
          "it\n# (README: Adding a source). Place in <data>/drafts/ to build it as a draft.\n")
VOCABULARY_HEADER = f"# Vocabulary draft by {EXTRACTOR}: proposed terms, none in the graph.\n"
_OPEN_QUOTE = re.compile(r"^\W{0,3}[“\"]")


class _NoAliases(yaml.SafeDumper):
    """Every value written out: curated files refuse YAML aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@dataclass
class Draft:
    """The draft source record and the vocabulary draft."""

    source: dict[str, Any]
    vocabulary: list[dict[str, Any]]

    def to_yaml(self) -> str:
        """The draft source file: the curated format, plus the ``draft`` keys."""
        return HEADER + yaml.dump(self.source, Dumper=_NoAliases, sort_keys=False,
                                  allow_unicode=True, width=100)

    def vocabulary_yaml(self) -> str:
        """The vocabulary draft: terms the text names that the vocabulary lacks (surface
        form, proposed kind, every place), for a curator to add or drop; never identifiers
        of the graph."""
        return VOCABULARY_HEADER + yaml.dump(
            {"source": self.source["id"], "extractor": NAME, "version": VERSION,
             "proposals": self.vocabulary}, Dumper=_NoAliases, sort_keys=False,
            allow_unicode=True, width=100)

    @property
    def claims(self) -> list[dict[str, Any]]:
        return list(self.source.get("claims", []))


def extract(text: str | bytes | Document, source_id: str, vocabulary: Vocabulary | str | Path,
            file_name: str = "", checker: DraftChecker | None = None) -> Draft:
    """Draft candidate claims for a document.

    ``text`` is the document (bytes as read from the file, or a decoded str);
    ``vocabulary`` a loaded :class:`Vocabulary` or the vocabulary directory.
    Raises :class:`lmskg.extract.errors.ExtractInputError` for empty, binary or
    non-UTF-8 input. With a ``checker``, the draft passes the curated checks of its data
    directory, so that it builds as it is (:mod:`lmskg.extract.legal`).
    """
    doc = text if isinstance(text, Document) else decode(text, file_name)
    vocab = vocabulary if isinstance(vocabulary, Vocabulary) else load(vocabulary)
    draft = _draft(doc, source_id, vocab, file_name)
    if checker is not None:
        checker.legalise(draft.source, doc.text, doc.sha256)
    return draft


def _draft(doc: Document, source_id: str, vocab: Vocabulary, file_name: str) -> Draft:
    text = doc.text
    lexicon = Lexicon.from_vocabulary(vocab)
    sentences = split(text)
    md = read_metadata(text, sentences)
    entries = reference_entries(text, sentences)
    props = Proposals()
    builder = ClaimBuilder(text, lexicon, vocab, props)
    markers = _sentence_markers(text, sentences)
    statement_dates = _statement_dates(text, sentences, md.meta_sentences)
    candidates: list[Candidate] = []
    covered: set[int] = set()
    for idx, s in enumerate(sentences):
        if s.kind != "body" or idx in md.meta_sentences or idx in statement_dates["lines"]:
            continue
        heading_text, heading_disease = _heading(text, sentences, s, lexicon)
        cites = [m.text for m in markers.get(idx, [])]
        made = builder.sentence(s.start, s.end, s.paragraph, cites, heading_disease, heading_text)
        for c in made:
            if idx in statement_dates["of"]:
                c.stats["statement_date"] = statement_dates["of"][idx]
        if made:
            covered.add(idx)
        candidates.extend(made)
    source = _source_record(doc, source_id, file_name, md, sentences, covered, markers, entries,
                            candidates)
    return Draft(source, props.records(text))


# --- pieces of the record ----------------------------------------------------

def _heading(text: str, sentences: list[Sentence], s: Sentence,
             lexicon: Lexicon) -> tuple[str, list[str]]:
    if s.heading is None or s.heading == 0:
        return "", []
    h = sentences[s.heading]
    diseases = [m.term_id for m in lexicon.find(text, h.start, h.end, {"disease"})]
    return f"the section heading '{text[h.start:h.end]}'", diseases


def _sentence_markers(text: str, sentences: list[Sentence]) -> dict[int, list[Marker]]:
    """Markers of each body sentence, with an attribution that introduces a
    quotation ('According to X: “...”') carried to the quoted sentences."""
    out: dict[int, list[Marker]] = {}
    carry: Marker | None = None
    quoting = False
    for idx, s in enumerate(sentences):
        if s.kind != "body":
            carry, quoting = None, False
            continue
        found = find_markers(text, s.start, s.end)
        body = text[s.start:s.end]
        if carry is not None and (quoting or _OPEN_QUOTE.match(body)):
            found = [carry] + found
            quoting = "”" not in body and '"' not in body[1:]
            if not quoting:
                carry = None
        else:
            carry, quoting = None, False
        attribution = [m for m in found if m.kind == "attribution"]
        if attribution and body.rstrip().endswith(":"):
            carry, quoting = attribution[0], False
        if found:
            out[idx] = found
    return out


def _statement_dates(text: str, sentences: list[Sentence],
                     meta: set[int]) -> dict[str, dict[int, Any]]:
    """Date lines after the head ('Mar 8, 2023' above an answer) date the
    sentences that follow them, up to the next date line."""
    lines: dict[int, Any] = {}
    of: dict[int, Any] = {}
    current: dict[str, Any] | None = None
    seen_body = False
    for idx, s in enumerate(sentences):
        line = text[s.start:s.end]
        dates = find_dates(text, s.start, s.end, bare_years=False)
        is_date_line = bool(dates) and len(line) < 60 and not re.search(
            r"\b(?:was|were|is|are|has|have|ran|enrol\w*|from)\b", line, re.I)
        if is_date_line and seen_body and idx not in meta:
            d = dates[0]
            current = {"value": d.value, "quote": d.text, "start": d.start, "end": d.end}
            lines[idx] = current
            continue
        if s.kind == "body" and idx not in meta:
            seen_body = True
            if current is not None:
                of[idx] = current
    return {"lines": lines, "of": of}


def _citations(markers: dict[int, list[Marker]], entries: list[Any],
               text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    used_entries: set[int] = set()
    for idx in sorted(markers):
        for m in markers[idx]:
            if m.text in seen:
                continue
            seen.add(m.text)
            mapping, entry, note = resolve(m, entries)
            # a draft names no reference of data/references.yaml: every mapping is
            # unresolved until the curator maps it (the extractor's reading is in the note)
            rec: dict[str, Any] = {"marker": m.text, "mapping": "unresolved"}
            note = f"{note} (the extractor read the mapping as {mapping})."
            if entry is not None:
                used_entries.add(entry.start)
                rec["cited_as"] = {"quote": entry.text, "start": entry.start, "end": entry.end}
            rec["note"] = note + " Map to data/references.yaml by hand."
            rec["draft"] = {"first_at": {"start": m.start, "end": m.end}}
            out.append(rec)
    for e in entries:
        if e.start in used_entries:
            continue
        out.append({"marker": entry_title(e), "mapping": "unresolved",
                    "cited_as": {"quote": e.text, "start": e.start, "end": e.end},
                    "note": "A reference-list entry no in-text marker points to."})
    return out


def _source_record(doc: Document, source_id: str, file_name: str, md: Any,
                   sentences: list[Sentence], covered: set[int],
                   markers: dict[int, list[Marker]], entries: list[Any],
                   candidates: list[Candidate]) -> dict[str, Any]:
    text = doc.text
    rec: dict[str, Any] = {"id": source_id, "file": file_name or doc.name or f"{source_id}.txt",
                           "sha256": doc.sha256, "type": md.type}
    if md.title:
        rec["title"] = md.title
    if md.dates:
        rec["dates"] = md.dates
    for key in ("reviewer", "review_status"):
        if getattr(md, key):
            rec[key] = getattr(md, key)
    if md.flags:
        rec["flags"] = md.flags
    rec["note"] = (f"Drafted by {EXTRACTOR}; every claim is unreviewed. Document type guessed "
                   f"({md.type_basis}).")
    citations = _citations(markers, entries, text)
    if citations:
        rec["citations"] = citations
    unclaimed = [{"quote": text[s.start:s.end], "start": s.start, "end": s.end,
                  "reason": _unclaimed_reason(i, s, md.meta_sentences)}
                 for i, s in enumerate(sentences)
                 if i not in covered and s.kind != "reference" and not (i == 0 and md.title)]
    if unclaimed:
        rec["unclaimed"] = unclaimed
    rec["claims"] = _claim_records(text, source_id, candidates)
    rec["draft"] = {"status": STATUS_UNREVIEWED, "extractor": NAME, "version": VERSION,
                    "sentences": len(sentences), "candidates": len(candidates)}
    return rec


def _unclaimed_reason(i: int, s: Sentence, meta: set[int]) -> str:
    if i in meta:
        return "document metadata (date, reviewer or page furniture)"
    if s.kind == "heading":
        return "heading" if i else "title"
    return "no candidate drafted (no therapy, figure or treatment cue found): check"


def _claim_records(text: str, source_id: str, cands: list[Candidate]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    n = 0
    prev_span: tuple[int, int] | None = None
    letter = 0
    for c in cands:
        span = (c.start, c.end)
        if span != prev_span:
            n += 1
            letter = 0
        else:
            letter += 1
        prev_span = span
        out.append(_claim(text, f"{source_id}-c{n:02d}", c))
    # a letter suffix only where several claims share a quote
    ids = [r["id"] for r in out]
    counts = {i: ids.count(i) for i in ids}
    seen: dict[str, int] = {}
    for r in out:
        base = r["id"]
        if counts[base] > 1:
            r["id"] = base + "abcdefghijklmnopqrstuvwxyz"[seen.get(base, 0) % 26]
            seen[base] = seen.get(base, 0) + 1
    return out


def _claim(text: str, cid: str, c: Candidate) -> dict[str, Any]:
    r: dict[str, Any] = {"id": cid, "type": c.type, "quote": text[c.start:c.end],
                         "start": c.start, "end": c.end, "direction": c.direction}
    if c.stats.get("statement_date"):
        r["date"] = dict(c.stats["statement_date"])
    if c.cites:
        r["cites"] = list(dict.fromkeys(c.cites))
    if c.therapies:
        r["therapies"] = list(dict.fromkeys(c.therapies))
    if c.unnamed_therapy and not c.therapies and not c.regimen:
        r["unnamed_therapy"] = c.unnamed_therapy
    if c.regimen:
        r["regimen"] = c.regimen
    for key in CONTEXT_KEYS:
        if c.context.get(key):
            r[key] = list(c.context[key])
    if c.measure:
        r["measure"] = c.measure
    fig = c.figure
    if fig is not None:
        for key in ("value", "low", "high"):
            v = getattr(fig, key)
            if v is not None:
                r[key] = num(v)
        if fig.unit in _CURATED_UNITS:
            r["unit"] = fig.unit
        quals = [q for q in fig.qualifiers if q in _CURATED_QUALIFIERS]
        if quals:
            r["qualifiers"] = quals
    if c.time_point and fig is not None and fig.role != "time-point":
        r["time_point"] = dict(c.time_point)
    if c.side_effects:
        r["side_effects"] = list(dict.fromkeys(c.side_effects))
    if c.tool:
        r["tool"] = c.tool
    if c.factors:
        r["factors"] = list(dict.fromkeys(c.factors))
    if c.notes:
        r["note"] = " ".join(dict.fromkeys(c.notes))
    r["draft"] = _draft_block(c)
    return r


def _draft_block(c: Candidate) -> dict[str, Any]:
    d: dict[str, Any] = {"status": STATUS_UNREVIEWED, "extractor": NAME, "version": VERSION,
                         "confidence": round(c.confidence, 2), "cues": list(c.cues)}
    if c.figure is not None:
        d["figure"] = {"role": c.figure.role, "text": c.figure.text,
                       "start": c.figure.start, "end": c.figure.end}
    stats = {k: v for k, v in c.stats.items() if k != "statement_date"}
    if stats:
        d["stats"] = stats
    if c.unmapped:
        d["unmapped_terms"] = list(c.unmapped)
    if c.figures:
        d["figures"] = [f.as_record() for f in c.figures]
    return d


def curated_view(record: dict[str, Any]) -> dict[str, Any]:
    """The source record without the draft-only keys (what the schema checks)."""
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "draft"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return strip(record)
