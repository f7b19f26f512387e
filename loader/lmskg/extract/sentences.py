"""Sentences and clauses with exact offsets into the untouched text.

Lines are first grouped into headings and paragraphs (a short line without
final punctuation is a heading; a paragraph broken by a blank line in mid-
sentence is joined again); pysbd then splits each paragraph into sentences.
pysbd is used because it is rule-based (no model to download), handles
abbreviations, decimals and 'et al.' well, and reports character spans; its
spans are checked against the text and trimmed, never trusted blindly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

_TERMINAL = tuple(".!?:;…”\")]")
_REF_HEADING = re.compile(r"^\s*(references|bibliography|sources|citations|works cited|"
                          r"literature cited|notes)\s*:?\s*$", re.I)
_AUTHOR_LIST = re.compile(r"^\s*(\[\d+\]\s*|\d+\.\s+)?[A-Z][\w'’\-]+,?\s+(?:[A-Z]\.\s?){1,3},")
_AUTHOR_VANCOUVER = re.compile(r"^\s*(\[\d+\]|\d+\.)\s*[A-Z][\w'’\-]+\s+[A-Z]{1,3}[,.]")
_JOURNAL_REF = re.compile(r"\b(19|20)\d{2}\s*;\s*\d+\s*(\(\d+\))?\s*:\s*\d+|Retrieved\b.*\bfrom\b"
                          r"|\bdoi:\s*10\.|\(n\.?d\.?\)")
_ABBREV = re.compile(r"(\b(?:[A-Z]|et al|vs|Dr|Drs|Prof|Fig|Figs|No|Vol|approx|e\.g|i\.e|cf|"
                     r"St|Mr|Mrs|Ms|Jr|Sr|Inc|Ltd|Co|mg|ca)\.)$")
_INNER_SPLIT = re.compile(r"(?<=[.!?])[”\"’]?\s+(?=[“\"‘]?[A-Z])")


@dataclass(frozen=True)
class Sentence:
    """A sentence (or heading line) of the document.

    kind: 'body' (running text), 'heading' (a title or section line),
    'reference' (an entry of a reference list).
    """

    start: int
    end: int
    kind: str
    paragraph: int
    heading: int | None = None  # index of the governing heading sentence


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # without the newline


def _lines(text: str) -> list[Line]:
    out, pos = [], 0
    for part in text.split("\n"):
        out.append(Line(pos, pos + len(part)))
        pos += len(part) + 1
    return out


def _words(s: str) -> int:
    return len(s.split())


def is_heading_line(line: str) -> bool:
    """A short line without final punctuation: a title or section heading."""
    s = line.strip().strip("\ufeff").strip("*#").strip()
    if not s or _words(s) > 14 or re.search(r"[.!?]\s+[A-Z]", s):
        return False
    if s.endswith(("?",)) and _words(s) <= 14 and s[0].isupper():
        return True  # a question used as a title
    return not s.endswith(_TERMINAL) and not s.endswith(",") and (s[0].isupper() or s[0].isdigit())


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _blank(ch: str) -> bool:
    return ch.isspace() or ch in "\ufeff\u200b"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _blank(text[start]):
        start += 1
    while end > start and _blank(text[end - 1]):
        end -= 1
    return start, end


def _split_inner(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a segment pysbd left whole because of quotation marks."""
    seg = text[start:end]
    if not any(q in seg for q in "“\"‘"):
        return [(start, end)]
    out, pos = [], start
    for m in _INNER_SPLIT.finditer(seg):
        cut = start + m.start()
        before = text[pos:cut].rstrip("”\"’")
        if _ABBREV.search(before[-12:]):
            continue
        # keep a closing quote with the sentence it closes
        close = cut
        while close < start + m.end() and text[close] in "”\"’":
            close += 1
        out.append((pos, close))
        pos = start + m.end()
    out.append((pos, end))
    # an introduction ending with a colon before a quotation is its own unit
    final: list[tuple[int, int]] = []
    for s, e in out:
        colon = re.search(r":\s+(?=[“\"])", text[s:e])
        if colon:
            final.append((s, s + colon.start() + 1))
            final.append((s + colon.end(), e))
        else:
            final.append((s, e))
    return final


def _paragraph_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for seg in _segmenter().segment(chunk):
        s, e = seg.start, seg.end
        if chunk[s:e] != seg.sent:  # never trust a span that does not match
            found = chunk.find(seg.sent.strip(), cursor)
            if found < 0:
                continue
            s, e = found, found + len(seg.sent.strip())
        cursor = e
        for a, b in _split_inner(text, start + s, start + e):
            a, b = _trim(text, a, b)
            if b <= a:
                continue
            if spans and _continues(text, spans[-1], a):
                spans[-1] = (spans[-1][0], b)  # a sentence broken by a line break
            else:
                spans.append((a, b))
    return spans


def _continues(text: str, previous: tuple[int, int], start: int) -> bool:
    """Whether the text at ``start`` goes on with the sentence ``previous``."""
    prev = text[previous[0]:previous[1]].rstrip()
    return bool(prev) and not prev.endswith(_TERMINAL) and text[start:start + 1].islower()


def _is_title_line(text: str, lines: list[Line], i: int) -> bool:
    """The first line of a document, without final full stop, is its title even
    when long (journal titles often are)."""
    if any(text[ln.start:ln.end].strip() for ln in lines[:i]):
        return False
    body = text[lines[i].start:lines[i].end].strip()
    return 0 < _words(body) <= 40 and not body.endswith((".", ";", ","))


def _followed(text: str, lines: list[Line], i: int) -> bool:
    """A heading has text after it, and that text does not go on in lower case:
    a last line without a full stop is a broken sentence (a truncated
    document), and a line continued in lower case is a broken sentence too."""
    rest = [text[ln.start:ln.end].strip() for ln in lines[i + 1:]]
    rest = [r for r in rest if r]
    if rest and rest[0][:1].islower():
        return False
    return i == 0 or bool(rest)


def _group(text: str) -> list[tuple[str, int, int]]:
    """Lines to units: ('heading', s, e) or ('paragraph', s, e)."""
    lines = [ln for ln in _lines(text)]
    units: list[tuple[str, int, int]] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        body = text[ln.start:ln.end]
        if not body.strip():
            i += 1
            continue
        if (is_heading_line(body) or _is_title_line(text, lines, i)) and _followed(text, lines, i):
            units.append(("heading", *_trim(text, ln.start, ln.end)))
            i += 1
            continue
        s, e = ln.start, ln.end
        i += 1
        while i < len(lines):
            nxt = text[lines[i].start:lines[i].end]
            if nxt.strip() and not (is_heading_line(nxt) and _followed(text, lines, i)):
                if text[s:e].rstrip().endswith(_TERMINAL) and nxt.lstrip()[:1].isupper():
                    break  # a new line after a full sentence starts a new paragraph
                e = lines[i].end
                i += 1
                continue
            if not nxt.strip():
                # a sentence broken by blank lines continues in lower case
                j = i
                while j < len(lines) and not text[lines[j].start:lines[j].end].strip():
                    j += 1
                if (j < len(lines) and not text[s:e].rstrip().endswith(_TERMINAL)
                        and text[lines[j].start:lines[j].end].lstrip()[:1].islower()):
                    e = lines[j].end
                    i = j + 1
                    continue
            break
        units.append(("paragraph", *_trim(text, s, e)))
    return units


def _is_reference(block: str) -> bool:
    return bool(_AUTHOR_LIST.match(block) or _AUTHOR_VANCOUVER.match(block)
                or _JOURNAL_REF.search(block))


def split(text: str) -> list[Sentence]:
    """Every sentence and heading of ``text``, in order, with exact offsets."""
    out: list[Sentence] = []
    heading: int | None = None
    in_references = False
    for para, (kind, s, e) in enumerate(_group(text)):
        block = text[s:e]
        if kind == "heading":
            in_references = bool(_REF_HEADING.match(block))
            out.append(Sentence(s, e, "heading", para, None))
            heading = len(out) - 1
            continue
        if in_references or _is_reference(block):
            for line in _lines(text[s:e]):  # one reference entry per line
                a, b = _trim(text, s + line.start, s + line.end)
                if b > a:
                    out.append(Sentence(a, b, "reference", para, heading))
            continue
        for a, b in _paragraph_sentences(text, s, e):
            out.append(Sentence(a, b, "body", para, heading))
    return out


_CLAUSE_CUT = re.compile(r";\s+|,\s+(?=(?:but|whereas|although|though|while)\b)"
                         r"|\s+(?=whereas\b)|,\s+(?=with (?:survival|response|median)\b)")
_LEADING_SUBORDINATE = re.compile(r"^\W*(although|though|while|whereas)\b", re.I)


def _depth_map(text: str, start: int, end: int) -> list[int]:
    depth, out = 0, []
    for ch in text[start:end]:
        if ch in "([{":
            depth += 1
        out.append(depth)
        if ch in ")]}" and depth:
            depth -= 1
    return out


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a sentence into clauses at top-level ';' and contrastive links.

    Brackets are respected ('(HR 0.55; 95% CI ...)' stays whole), and a leading
    'Although ..., ' clause is cut at its comma.
    """
    depth = _depth_map(text, start, end)
    cuts: list[tuple[int, int]] = []
    for m in _CLAUSE_CUT.finditer(text, start, end):
        if depth[m.start() - start] == 0:
            cuts.append((m.start(), m.end()))
    if _LEADING_SUBORDINATE.match(text[start:end]):
        for m in re.finditer(r",\s+", text[start:end]):
            if depth[m.start()] == 0:
                cuts.append((start + m.start(), start + m.end()))
                break
    cuts.sort()
    spans, pos = [], start
    for a, b in cuts:
        if a > pos:
            spans.append(_trim(text, pos, a))
        pos = max(pos, b)
    spans.append(_trim(text, pos, end))
    spans = [(a, b) for a, b in spans if b - a >= 3]
    merged: list[tuple[int, int]] = []
    for a, b in spans:  # a fragment of fewer than four words is no clause
        if merged and len(text[a:b].split()) < 4:
            merged[-1] = (merged[-1][0], b)
        elif merged and len(text[merged[-1][0]:merged[-1][1]].split()) < 4:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged
