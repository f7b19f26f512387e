"""The rdflib dataset a build assembles, and reading a built TriG file back into one.

The build assembles its named graphs in rdflib's in-memory store (its serialisers write
the exports, HermiT and pySHACL read rdflib graphs); questions are answered by Oxigraph
by default (:mod:`lmskg.stores.oxigraph`, docs/decisions/0003-stores.md). This module
knows nothing of lmskg's vocabulary.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from ..errors import InputError, Problem


def new_dataset() -> Dataset:
    """An empty in-memory dataset whose default graph, for queries, is the union of its
    named graphs."""
    return Dataset(default_union=True)


def load_trig(path: Path) -> Dataset:
    """A dataset holding a TriG file; InputError if it does not parse (the message says
    where, without the file's text)."""
    ds = new_dataset()
    try:
        ds.parse(path, format="trig")
    except OSError as exc:
        raise InputError(Problem(str(path), "", "", f"cannot read: {exc.strerror}")) from exc
    except Exception as exc:  # parsers raise many types, with the text in their message
        reason = " ".join(str(getattr(exc, "msg", None) or exc).split())
        raise InputError(Problem(str(path), "", "", f"does not parse as TriG: "
                                 f"{reason[:200]}", "rebuild it with 'lmskg build'")) from exc
    return ds
