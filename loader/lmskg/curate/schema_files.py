"""``lmskg schema``: the JSON Schema of every kind of curated file, for editors.

Generated from the record classes (:mod:`lmskg.curated.records`) into
``data/schema/``; each curated file names its schema in a ``yaml-language-server``
modeline, so an editor with YAML support completes and checks it as a curator types.
A test fails while the files are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..curated.layout import record_class_for
from ..curated.records import Reference, Regimen, Source, Term
from ..curated.structure import json_schema

SCHEMA_DIR = "schema"
# file name -> (record class, title, whether the curated file is a list of records)
SCHEMAS: dict[str, tuple[type, str, bool]] = {
    "source.schema.json": (Source, "lmskg curated source (data/sources/<id>.yaml)", False),
    "terms.schema.json": (Term, "lmskg vocabulary terms (data/vocabulary/*.yaml)", True),
    "regimens.schema.json": (Regimen, "lmskg regimens (data/vocabulary/regimens.yaml)", True),
    "references.schema.json": (Reference, "lmskg references (data/references.yaml)", True),
}


MODELINE = "# yaml-language-server: $schema="


def schema_file_for(rel: str) -> str:
    """The schema file of the curated file at data/<rel>."""
    cls, _ = record_class_for(rel)
    return next(name for name, (c, _, _) in SCHEMAS.items() if c is cls)


def modeline(rel: str) -> str:
    """The editor modeline that points the curated file at data/<rel> to its schema."""
    up = "../" * rel.count("/")
    return f"{MODELINE}{up}{SCHEMA_DIR}/{schema_file_for(rel)}\n"


def schema_texts() -> dict[str, str]:
    """Every schema file's text, by file name."""
    return {name: json.dumps(json_schema(cls, title, as_list), indent=1,
                             ensure_ascii=False) + "\n"
            for name, (cls, title, as_list) in SCHEMAS.items()}


def stale_schemas(data_dir: Path) -> list[str]:
    """Schema files under data/schema/ that differ from what the records give."""
    out = []
    for name, text in schema_texts().items():
        path = data_dir / SCHEMA_DIR / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out.append(name)
    return out
