"""Citation markers and reference-list entries.

Markers as sources write them: bracketed numbers ('[1]', '[2, 3]'),
superscript digits, numbers glued after a full stop ('survival.12'),
parenthesised numbers after a word, author-year ('(Smith et al., 2015)',
'Smith et al. (2015)'), and attributions ('According to X:', 'An article by
NAME'). Markers are recorded exactly as written; a numbered marker is mapped
to the list entry with the same number ('stated'), an author marker to the
entry with that surname ('inferred'); anything else stays 'unresolved'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .sentences import Sentence

_BRACKET = re.compile(r"\[\s*(\d{1,3}(?:\s*(?:,|-|\u2013)\s*\d{1,3})*)\s*\]")
_SUPER = re.compile(r"(?<![\dmM²³])[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?:[,\u207b-][¹²³⁴⁵⁶⁷⁸⁹⁰]+)*")
_GLUED = re.compile(r"(?<=[a-z\)][.,;])(\d{1,3}(?:[,\u2013-]\d{1,3})*)(?=\s|$)")
_PAREN_NUM = re.compile(r"(?<=[a-z])\s?\((\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*)\)(?=[\s.,;])")
_AUTHOR_YEAR = re.compile(
    r"\(([A-Z][\w'’-]+(?:\s+(?:et\s+al\.?|and\s+[A-Z][\w'’-]+|&\s+[A-Z][\w'’-]+))?,?\s+(?:19|20)\d{2}[a-z]?"
    r"(?:\s*;\s*[A-Z][\w'’-]+(?:\s+et\s+al\.?)?,?\s+(?:19|20)\d{2}[a-z]?)*)\)"
    r"|\b([A-Z][\w'’-]+\s+(?:et\s+al\.?|and\s+[A-Z][\w'’-]+)\s+\((?:19|20)\d{2}[a-z]?\))")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?P<m>(?:the\s+)?[^:,.;“\"]{3,90}?)\s*(?=[:,])")
_BY = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+(?:article|study|review|trial|report|paper|analysis|"
                 r"publication)\s+by\s+(?:(?:Dr\.?|Prof\.?)\s+)?(?:[A-Z][\w'’-]*\.?\s?){1,4}")
_SUPER_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰⁻", "1234567890-")


@dataclass(frozen=True)
class Marker:
    """A citation marker: as written, with its span."""

    start: int
    end: int
    text: str
    numbers: tuple[int, ...] = ()
    kind: str = "numeric"  # numeric | author-year | attribution


@dataclass
class Entry:
    """An entry of the reference list."""

    start: int
    end: int
    text: str
    number: int | None = None
    markers: list[str] = field(default_factory=list)


def _expand(spec: str) -> tuple[int, ...]:
    out: list[int] = []
    for part in re.split(r"\s*,\s*", spec):
        rng = re.split(r"\s*[-\u2013]\s*", part)
        if len(rng) == 2 and rng[0].isdigit() and rng[1].isdigit() and int(rng[0]) <= int(rng[1]):
            out.extend(range(int(rng[0]), int(rng[1]) + 1))
        elif part.strip().isdigit():
            out.append(int(part))
    return tuple(out)


def find_markers(text: str, start: int, end: int) -> list[Marker]:
    """Citation markers in ``text[start:end]`` (a sentence of running text)."""
    out: list[Marker] = []
    for m in _BRACKET.finditer(text, start, end):
        out.append(Marker(m.start(), m.end(), m.group(1).strip(), _expand(m.group(1))))
    for m in _SUPER.finditer(text, start, end):
        digits = m.group().translate(_SUPER_DIGITS)
        out.append(Marker(m.start(), m.end(), digits, _expand(digits)))
    for pat in (_GLUED, _PAREN_NUM):
        for m in pat.finditer(text, start, min(end + 12, len(text))):
            if m.start(1) >= end + 1:
                continue
            out.append(Marker(m.start(1), m.end(1), m.group(1), _expand(m.group(1))))
    for m in _AUTHOR_YEAR.finditer(text, start, end):
        g = m.group(1) or m.group(2)
        s = m.start(1) if m.group(1) else m.start(2)
        out.append(Marker(s, s + len(g), g, (), "author-year"))
    for m in _ACCORDING.finditer(text, start, end):
        out.append(Marker(m.start("m"), m.end("m"), m.group("m"), (), "attribution"))
    for m in _BY.finditer(text, start, end):
        t = m.group().rstrip()
        out.append(Marker(m.start(), m.start() + len(t), t, (), "attribution"))
    out.sort(key=lambda x: x.start)
    dedup: list[Marker] = []
    for mk in out:
        if dedup and mk.start < dedup[-1].end:
            continue
        dedup.append(mk)
    return dedup


_ENTRY_START = re.compile(r"^\s*(?:\[(?P<n1>\d{1,3})\]|(?P<n2>\d{1,3})\.\s)")


def reference_entries(text: str, sentences: list[Sentence]) -> list[Entry]:
    """The entries of the reference list (one per line of a reference block)."""
    out: list[Entry] = []
    for s in sentences:
        if s.kind != "reference":
            continue
        line = text[s.start:s.end]
        m = _ENTRY_START.match(line)
        number = int(m.group("n1") or m.group("n2")) if m else None
        if out and number is None and not _looks_like_entry_start(line) and \
                out[-1].end >= s.start - 2:
            out[-1] = Entry(out[-1].start, s.end, text[out[-1].start:s.end], out[-1].number)
            continue
        out.append(Entry(s.start, s.end, line, number))
    return out


def _looks_like_entry_start(line: str) -> bool:
    return bool(re.match(r"^\s*[A-Z][\w'’-]+(?:,\s*(?:[A-Z]\.\s?)+|\s+[A-Z]{1,3}[,.])", line)
                or re.match(r"^\s*[\w.-]+\.(?:org|com|gov|net)\b", line))


def entry_title(entry: Entry) -> str:
    """A short name for an entry no marker points to (its title, else its start)."""
    m = re.search(r"\((?:19|20)\d{2}[^)]*\)\.\s*(?P<t>[^.?]+[.?])", entry.text) or \
        re.search(r"\(n\.?d\.?\)\.\s*(?P<t>[^.?]+[.?])", entry.text)
    if m:
        return m.group("t").rstrip(".").strip()
    first = re.split(r"\.\s", entry.text, maxsplit=1)[0]
    return first.strip()


def surname_of(marker: Marker) -> str | None:
    m = re.search(r"\b([A-Z][\w'’-]+)(?=\s+(?:et\s+al|and|&|\(|,|\s*(?:19|20)\d{2}))", marker.text)
    if m:
        return m.group(1)
    m = re.search(r"\bby\s+(?:(?:Dr\.?|Prof\.?)\s+)?(?:[A-Z][\w'’-]*\.?\s)*([A-Z][\w'’-]+)\s*$",
                  marker.text)
    return m.group(1) if m else None


def resolve(marker: Marker, entries: list[Entry]) -> tuple[str, Entry | None, str]:
    """(mapping, entry, note) for one marker."""
    if marker.numbers:
        hits = [e for e in entries if e.number in marker.numbers]
        if hits and len(marker.numbers) == 1:
            return "stated", hits[0], "Numbered marker; the list entry has the same number."
        if hits:
            return "stated", hits[0], "Marker names several entries; the first is given."
        return "unresolved", None, "No list entry carries this number."
    name = surname_of(marker)
    if name:
        hits = [e for e in entries if re.search(rf"\b{re.escape(name)}\b", e.text)]
        if len(hits) == 1:
            return "inferred", hits[0], f"Matched by the surname '{name}' in the reference list."
    return "unresolved", None, "The marker names no list entry with certainty."
