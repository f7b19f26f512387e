"""``lmskg extract``: draft candidate claims from a new document, for a curator."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Callable

from ..errors import EXIT_OK, InputError, Problem
from .options import config_from

Add = Callable[..., argparse.ArgumentParser]


def register(add: Add) -> None:
    p = add("extract", "draft candidate claims from a plain-text document (curator tool)",
            cmd_extract,
            "Read a UTF-8 plain-text document and write a draft source file in the curated "
            "format: its SHA-256, title and dates where the text states them, and candidate "
            "claims with type, direction, therapies or regimen, context, measure, figures and "
            "an anchored quote. Every candidate is unreviewed, attributed to the extractor and "
            "its version. With -o, terms the vocabulary lacks go to a vocabulary draft beside "
            "it (<id>.vocabulary-draft.yaml). Put the draft in <data>/drafts/ to build it as a "
            "draft; README 'Adding a source' says how to accept, fix or reject a candidate.")
    p.add_argument("file", type=Path, help="the document (UTF-8 plain text)")
    p.add_argument("--source-id", required=True, help="id of the new source, e.g. s005")
    p.add_argument("-o", "--output", type=Path,
                   help="write the draft here (and the vocabulary draft beside it) instead of "
                        "standard output")
    p.add_argument("--format", choices=("yaml", "csv"), default="yaml",
                   help="yaml: the curated format (default); csv: the columns of "
                        "build/evidence.csv")


def cmd_extract(args: argparse.Namespace) -> int:
    from ..curated.structure import ID
    from ..extract.document import read
    from ..extract.draft import extract
    from ..extract.legal import DraftChecker
    from ..ontology.index import load_ontology
    from ..extract.output import render, vocabulary_path, write_all
    from ..extract.vocabulary import load

    if not re.fullmatch(ID, args.source_id):
        raise InputError(Problem("--source-id", "", "", f"'{args.source_id}' is not an id",
                                 "letters, digits, '.', '_' and '-', e.g. s005"))
    cfg = config_from(args)
    doc = read(args.file)
    vocab = load(cfg.data_dir / "vocabulary")
    checker = DraftChecker.for_data(cfg.data_dir, cfg.vocab_dir,
                                    load_ontology(cfg.ontology_file).notations)
    draft = extract(doc, args.source_id, vocab, file_name=args.file.name, checker=checker)
    text = render(draft, args.format)
    if args.output is None:
        sys.stdout.write(text)
        if draft.vocabulary:
            print(f"lmskg extract: {len(draft.vocabulary)} term(s) the vocabulary lacks; "
                  "-o FILE writes them to a vocabulary draft", file=sys.stderr)
        return EXIT_OK
    files = {args.output: text}
    if draft.vocabulary:
        files[vocabulary_path(args.output)] = draft.vocabulary_yaml()
    write_all(files)
    for path in files:
        print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK
