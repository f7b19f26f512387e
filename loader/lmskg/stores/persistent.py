"""The persistent Oxigraph store of a build: ``<build>/oxigraph/db``, written once.

The build loads ``lmskg.trig`` into a RocksDB directory with pyoxigraph right after
writing it; ``lmskg query``, ``sparql``, ``check`` and ``serve`` then open that
directory (read-only, in milliseconds) instead of parsing the TriG file again.
``source.json`` beside it records the SHA-256 of the TriG file the store holds, so a
store is used only for the TriG file it was loaded from (the manifest records the same
digest: no rehashing is needed to match them).

A new store is loaded and optimised beside the old one and moved into place only when
complete, so a failed or killed load leaves the previous store (or none), never half
of one. The store's files are not byte-identical between builds (RocksDB's own
layout); what it holds is, and the exports are.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ..atomic import STAGE_PREFIX, clean_stale_stages
from ..errors import LmskgError

DB_DIR = "oxigraph"  # under the build directory
STAMP = "source.json"


class StoreError(LmskgError):
    """The persistent store cannot be written or opened (exit code 2)."""


def stamp_text(trig_name: str, digest: str) -> str:
    """What ``source.json`` says: which TriG file the store holds."""
    return json.dumps({"trig": trig_name, "sha256": digest}, indent=1) + "\n"


def stamp_digest(root: Path) -> str | None:
    """The SHA-256 of the TriG file the store under ``root`` holds, if it is complete."""
    try:
        digest = json.loads((root / STAMP).read_text(encoding="utf-8")).get("sha256")
    except (OSError, ValueError, AttributeError):
        return None
    return digest if isinstance(digest, str) and (root / "db").is_dir() else None


def load_store(trig: Path, digest: str, root: Path) -> Path:
    """``root/db`` holding exactly ``trig`` (whose SHA-256 is ``digest``), loaded and
    optimised in a staging directory and then moved into place."""
    root.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_stages(root.parent)  # the stages of a load killed before it finished
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-{root.name}-",
                                  dir=root.parent))
    try:
        store = ox.Store(str(stage / "db"))
        try:
            store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
            store.optimize()
            store.flush()
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"loading {trig} into Oxigraph failed: {str(exc)[:300]}") from exc
        finally:
            del store  # closes the database before it is moved
        (stage / STAMP).write_text(stamp_text(trig.name, digest), encoding="utf-8")
        old = None
        if root.exists():
            old = root.with_name(f"{STAGE_PREFIX}{os.getpid()}-{root.name}-old")
            os.replace(root, old)
        os.replace(stage, root)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return root / "db"


def open_read_only(root: Path, digest: str) -> ox.Store | None:
    """The store under ``root`` if it holds the TriG file with SHA-256 ``digest``, opened
    read-only; None if there is none or it holds another file."""
    if stamp_digest(root) != digest:
        return None
    try:
        return ox.Store.read_only(str(root / "db"))
    except OSError:
        return None  # damaged or locked: the caller falls back to the TriG file
