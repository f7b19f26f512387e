"""The verified identifiers of ``../shared/vocab``: crosswalk and references.

Nothing gets an identifier that is not in these files (or in a source); the
loader refuses a mapping or a PMID/DOI that they do not hold.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem


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


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError as exc:
        raise InputError(Problem(str(path), "", "", f"cannot read: {exc.strerror}",
                                 "the verified identifiers live in ../shared/vocab")) from exc


def load_shared_vocab(vocab_dir: Path) -> SharedVocab:
    rows = _read_csv(vocab_dir / "crosswalk.csv")
    crosswalk = {}
    for r in rows:
        row = CrosswalkRow(r["kind"], r["key"], r["scheme"], r["id"], r["label"], r["note"])
        crosswalk[(row.scheme, row.id)] = row
    references = {r["key"]: r for r in _read_csv(vocab_dir / "references.csv")}
    return SharedVocab(crosswalk, references)
