"""The draft written out: YAML in the curated format, or rows in the columns of
``build/evidence.csv``; files written atomically, all or none.

The CSV has exactly the columns of the evidence table (:data:`COLUMNS`, the same tuple as
:data:`lmskg.exports.evidence_csv.COLUMNS`; a test holds them equal), one row per candidate:
ids where the table has labels of terms the graph knows (the draft is not in the graph yet),
``;``-separated and sorted where a cell holds several values.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from .draft import CONTEXT_KEYS, Draft
from .errors import ExtractInputError

COLUMNS = ("claim_id", "source_id", "source_file", "source_type", "source_date",
           "source_date_kind", "statement_date", "claim_type", "direction", "therapies",
           "regimen", "disease", "setting", "measure", "value", "value_low", "value_high",
           "unit", "qualifier", "cited_reference", "quote", "start", "end")
FORMATS = ("yaml", "csv")
VOCABULARY_SUFFIX = ".vocabulary-draft.yaml"


def _number(x: Any) -> str:
    if x is None:
        return ""
    return format(float(x), "g") if float(x) != int(float(x)) else str(int(float(x)))


def _joined(values: Any) -> str:
    return ";".join(sorted(str(v) for v in values or ()))


def csv_text(draft: Draft) -> str:
    """The candidates as CSV rows with the header of the evidence table."""
    src = draft.source
    dates = src.get("dates") or []
    first = dates[0] if dates else {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in draft.claims:
        setting = sorted(f"{k}:{v}" for k in CONTEXT_KEYS if k != "disease"
                         for v in c.get(k) or ())
        row = {
            "claim_id": c["id"], "source_id": src["id"], "source_file": src["file"],
            "source_type": src.get("type", ""), "source_date": first.get("value", ""),
            "source_date_kind": first.get("kind", ""),
            "statement_date": (c.get("date") or {}).get("value", ""),
            "claim_type": c["type"], "direction": c["direction"],
            "therapies": _joined(c.get("therapies")), "regimen": c.get("regimen") or "",
            "disease": _joined(c.get("disease")), "setting": ";".join(setting),
            "measure": c.get("measure") or "", "value": _number(c.get("value")),
            "value_low": _number(c.get("low")), "value_high": _number(c.get("high")),
            "unit": c.get("unit") or "", "qualifier": _joined(c.get("qualifiers")),
            "cited_reference": _joined(c.get("cites")), "quote": c["quote"],
            "start": str(c["start"]), "end": str(c["end"]),
        }
        writer.writerow([row[k] for k in COLUMNS])
    return out.getvalue()


def render(draft: Draft, fmt: str) -> str:
    return csv_text(draft) if fmt == "csv" else draft.to_yaml()


def vocabulary_path(out: Path) -> Path:
    """Where the vocabulary draft goes beside a draft file: ``s005.yaml`` ->
    ``s005.vocabulary-draft.yaml``."""
    return out.with_name(out.name.split(".")[0] + VOCABULARY_SUFFIX)


def write_all(files: dict[Path, str]) -> None:
    """Write every file or none: each to a temporary file beside it, then renamed."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            staged.append((Path(tmp), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as exc:
        raise ExtractInputError(f"cannot write: {exc.strerror or exc}",
                                str(exc.filename or "")) from exc
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
