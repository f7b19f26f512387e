"""Where things are: data, corpus, ontology, build directory, store.

Defaults follow the repository layout (``data/``, ``ontology/``, ``build/``,
and the corpus in ``../shared/corpus`` beside the clone, or beside the
repository it was cloned from); each can be
overridden on the command line or by the environment variables
``LMSKG_DATA``, ``LMSKG_CORPUS``, ``LMSKG_BUILD`` and ``LMSKG_STORE``.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


def repo_root() -> Path:
    """The checkout this package was installed from (editable install)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "ontology" / "lmskg.ttl").is_file():
            return parent
    return Path.cwd()


@dataclass(frozen=True)
class Config:
    """Paths and choices for one run."""

    data_dir: Path = field(default_factory=lambda: _env_path("LMSKG_DATA", "data"))
    corpus_dir: Path = field(default_factory=lambda: default_corpus())
    build_dir: Path = field(default_factory=lambda: _env_path("LMSKG_BUILD", "build"))
    ontology_dir: Path = field(default_factory=lambda: repo_root() / "ontology")
    queries_dir: Path = field(default_factory=lambda: repo_root() / "queries")
    shared_vocab_dir: Path | None = None
    store: str = field(default_factory=lambda: os.environ.get("LMSKG_STORE", "oxigraph"))

    @property
    def ontology_file(self) -> Path:
        return self.ontology_dir / "lmskg.ttl"

    @property
    def vocab_dir(self) -> Path:
        """The verified identifiers: $LMSKG_VOCAB, else ``vocab/`` beside the corpus if
        there is one, else ``vocab/`` beside the default corpus."""
        if self.shared_vocab_dir:
            return self.shared_vocab_dir
        if os.environ.get("LMSKG_VOCAB"):
            return Path(os.environ["LMSKG_VOCAB"])
        beside = self.corpus_dir.parent / "vocab"
        return beside if beside.is_dir() else default_corpus().parent / "vocab"


def _origin_dir() -> Path | None:
    """The local repository this checkout was cloned from, if it was cloned from a path."""
    try:
        url = subprocess.run(["git", "-C", str(repo_root()), "config", "--get",
                              "remote.origin.url"], capture_output=True, text=True,
                             timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if url.startswith("file://"):
        url = url[len("file://"):]
    path = Path(url) if url and "://" not in url and not re.match(r"^[\w.-]+@", url) else None
    return path if path is not None and path.is_dir() else None


def default_corpus() -> Path:
    """$LMSKG_CORPUS; else ``../shared/corpus`` beside this checkout; else beside the
    repository it was cloned from (so that a clone in /tmp still finds the corpus)."""
    if os.environ.get("LMSKG_CORPUS"):
        return Path(os.environ["LMSKG_CORPUS"])
    beside = repo_root() / ".." / "shared" / "corpus"
    if beside.is_dir():
        return beside.resolve()
    origin = _origin_dir()
    if origin is not None and (origin / ".." / "shared" / "corpus").is_dir():
        return (origin / ".." / "shared" / "corpus").resolve()
    return beside


def _env_path(var: str, default: str) -> Path:
    value = os.environ.get(var)
    if value:
        return Path(value)
    return repo_root() / default
