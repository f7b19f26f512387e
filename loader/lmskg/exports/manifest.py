"""``build/manifest.json``: checksums of the exports and of the inputs they came from.

A build is *fresh* when the manifest's input digest equals the digest of the inputs
now and the built TriG file is the one the manifest describes (a truncated or edited
file is not fresh); queries then read the built dataset instead of building again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..config import Config
from ..files import read_regular
from ..version import __version__

MANIFEST = "manifest.json"
TRIG = "lmskg.trig"


def input_digest(config: Config) -> str:
    """SHA-256 over every input of a build: data, ontology, corpus, shared vocab."""
    h = hashlib.sha256()
    files: list[tuple[str, Path]] = []
    files += [(f"data/{p.relative_to(config.data_dir).as_posix()}", p)
              for p in sorted(config.data_dir.rglob("*.yaml"))]
    files += [(f"ontology/{p.name}", p) for p in sorted(config.ontology_dir.glob("*"))
              if p.is_file()]
    files += [(f"vocab/{p.name}", p) for p in sorted(config.vocab_dir.glob("*.csv"))]
    files += [(f"corpus/{p.name}", p) for p in sorted(config.corpus_dir.glob("*.txt"))]
    for name, path in files:
        h.update(name.encode() + b"\0")
        h.update(read_regular(path, "input file", str(path)))
        h.update(b"\0")
    h.update(__version__.encode())
    return h.hexdigest()


def manifest_text(config: Config, files: dict[str, str], reasoned: bool) -> str:
    """The manifest of exports given as texts."""
    return digests_text(config, {name: text_sha256(text) for name, text in files.items()},
                        reasoned)


def digests_text(config: Config, digests: dict[str, str], reasoned: bool) -> str:
    """The manifest of exports given by their SHA-256."""
    manifest = {
        "generator": f"lmskg {__version__}",
        "inputs_sha256": input_digest(config),
        "reasoned": reasoned,
        "files": dict(sorted(digests.items())),
    }
    return json.dumps(manifest, indent=1, sort_keys=True) + "\n"


def text_sha256(text: str) -> str:
    """The SHA-256 of an export's text as written (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def built_trig_sha256(config: Config) -> str | None:
    """The SHA-256 the manifest records for the built TriG file, if any."""
    try:
        manifest = json.loads((config.build_dir / MANIFEST).read_text(encoding="utf-8"))
        digest = manifest.get("files", {}).get(TRIG)
    except (OSError, ValueError, AttributeError):
        return None
    return digest if isinstance(digest, str) else None


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def built_dataset_is_fresh(config: Config) -> bool:
    path, trig = config.build_dir / MANIFEST, config.build_dir / TRIG
    if not path.is_file() or not trig.is_file():
        return False
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        return (manifest.get("inputs_sha256") == input_digest(config)
                and manifest.get("files", {}).get(TRIG) == file_sha256(trig))
    except (OSError, ValueError, AttributeError):
        return False
