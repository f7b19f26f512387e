"""The verified identifiers of ``../shared/vocab``: crosswalks and references.

Nothing gets an identifier that is not in these files (or in a source); the
loader refuses a mapping or a PMID/DOI that they do not hold.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..files import read_text

CROSSWALK_COLUMNS = ("kind", "key", "scheme", "id", "label", "note")
REFERENCE_COLUMNS = ("key", "pmid", "doi")  # the columns lmskg reads; others may be there


@dataclass(frozen=True)
class CrosswalkRow:
    kind: str
    key: str
    scheme: str
    id: str
    label: str
    note: str


@dataclass(frozen=True)
class SharedVocab:
    crosswalk: dict[tuple[str, str], CrosswalkRow]  # (scheme, id) -> row
    references: dict[str, dict[str, str]]  # key -> row of references.csv


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a CSV file whose header has ``columns``; InputError naming what is wrong."""
    if not path.is_file():
        raise InputError(Problem(str(path), "", "", "cannot read: no such file",
                                 "the verified identifiers live in ../shared/vocab"))
    text = read_text(path, "CSV file", str(path))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(Problem(str(path), "", "header", f"missing column(s) "
                                     f"{', '.join(missing)}", f"the header must name: "
                                     f"{', '.join(columns)}"))
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(Problem(str(path), "", "", f"malformed CSV: {exc}")) from exc
    for i, row in enumerate(rows, start=2):
        if None in row or any(row.get(c) is None for c in columns):
            raise InputError(Problem(str(path), f"line {i}", "", "the row does not have the "
                                     "header's columns"))
    return rows


# crosswalk.csv: the entities of the corpus; crosswalk-trials.csv (optional): statistics,
# designs, endpoints, adverse events, grades, routes and registries of trial reports
CROSSWALKS = ("crosswalk.csv", "crosswalk-trials.csv")


def load_shared_vocab(vocab_dir: Path) -> SharedVocab:
    rows = _read_csv(vocab_dir / CROSSWALKS[0], CROSSWALK_COLUMNS)
    for name in CROSSWALKS[1:]:
        if (vocab_dir / name).exists():
            rows += _read_csv(vocab_dir / name, CROSSWALK_COLUMNS)
    crosswalk = {}
    for r in rows:
        row = CrosswalkRow(r["kind"], r["key"], r["scheme"], r["id"], r["label"], r["note"])
        crosswalk[(row.scheme, row.id)] = row
    references = {r["key"]: r for r in _read_csv(vocab_dir / "references.csv",
                                                   REFERENCE_COLUMNS)}
    return SharedVocab(crosswalk, references)
