"""``lmskg anchor``, ``fmt``, ``schema`` and ``terms``: the curator's tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from ..errors import EXIT_CHECK_FAILED, EXIT_OK
from .options import config_from

Add = Callable[..., argparse.ArgumentParser]


def register(add: Add) -> None:
    p = add("anchor", "fill in missing quote offsets in source files (curator tool)", cmd_anchor,
            "For every quote in the given source files that lacks start/end, find it in the "
            "corpus and write the offsets. Existing offsets are kept; the build checks them.")
    p.add_argument("files", nargs="+", help="data/sources/*.yaml files")

    p = add("fmt", "rewrite the curated files in canonical form", cmd_fmt)
    p.add_argument("--check", action="store_true",
                   help="only list files that are not canonical (exit 1 if any)")

    p = add("schema", "print, write (--write) or check (--check) the JSON Schemas of the "
            "curated files (data/schema/)", cmd_schema,
            "Generate the JSON Schema of each kind of curated file from the record classes, "
            "for editors that complete and check YAML as you type.")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--write", action="store_true", help="write data/schema/*.schema.json")
    g.add_argument("--check", action="store_true", help="exit 1 if a schema file is stale")

    p = add("terms", "print (or --write) loader/lmskg/ontology/terms.py generated from the "
            "ontology", cmd_terms)
    p.add_argument("--write", action="store_true", help="overwrite terms.py")


def cmd_anchor(args: argparse.Namespace) -> int:
    from ..curate.anchor import fill_offsets

    cfg = config_from(args)
    for path in args.files:
        for line in fill_offsets(Path(path), cfg.corpus_dir):
            print(f"{path}: {line}")
    return EXIT_OK


def cmd_fmt(args: argparse.Namespace) -> int:
    from ..curate.fmt import format_files

    cfg = config_from(args)
    changed = format_files(cfg.data_dir, write=not args.check)
    for name in changed:
        print(("not canonical: " if args.check else "reformatted: ") + name)
    return EXIT_CHECK_FAILED if (args.check and changed) else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from ..atomic import write_atomically
    from ..curate.schema_files import SCHEMA_DIR, schema_texts, stale_schemas

    cfg = config_from(args)
    out = cfg.data_dir / SCHEMA_DIR
    if args.check:
        stale = stale_schemas(cfg.data_dir)
        for name in stale:
            print(f"stale: {out / name} (run: lmskg schema --write)")
        return EXIT_CHECK_FAILED if stale else EXIT_OK
    texts = schema_texts()
    if args.write:
        for path in write_atomically(texts, out):
            print(f"wrote {path}")
    else:
        sys.stdout.write(texts["source.schema.json"])
    return EXIT_OK


def cmd_terms(args: argparse.Namespace) -> int:
    from ..curate.termgen import generate, terms_module_path

    cfg = config_from(args)
    text = generate(cfg.ontology_file)
    if args.write:
        terms_module_path().write_text(text, encoding="utf-8")
        print(f"wrote {terms_module_path()}")
    else:
        sys.stdout.write(text)
    return EXIT_OK
