"""Writing files so that a failure leaves the previous ones as they were.

Files are written into a stage directory beside their destination and renamed into
place only when every one of them was written. A set of files that belongs together
(the exports of a build) names a *commit* file, its manifest: it is removed before the
first rename and written after the last, so a build killed between renames leaves no
manifest, and readers (which trust a build only through its manifest) see no build
rather than a mix of two. Stages left by a killed process are removed on the next write.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import InputError, Problem

STAGE_PREFIX = ".stage-"


def write_atomically(files: dict[str, str], out_dir: Path, commit: str | None = None
                     ) -> list[Path]:
    """Write every file, or none; ``commit`` (one of the names) is written last."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        clean_stale_stages(out_dir)
        stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=out_dir))
    except OSError as exc:
        raise InputError(Problem(str(out_dir), "", "", f"cannot write the build directory: "
                                 f"{exc.strerror}")) from exc
    order = [name for name in files if name != commit] + ([commit] if commit in files else [])
    try:
        for name, text in files.items():
            with open(stage / name, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        if commit is not None:
            (out_dir / commit).unlink(missing_ok=True)
        for name in order:
            os.replace(stage / name, out_dir / name)
        return [out_dir / name for name in files]
    except OSError as exc:
        raise InputError(Problem(str(out_dir), "", "", f"cannot write exports: {exc}")) from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def clean_stale_stages(out_dir: Path) -> list[Path]:
    """Remove the stage directories of processes that are gone; what was removed."""
    removed = []
    for stage in out_dir.glob(f"{STAGE_PREFIX}*"):
        pid = stage.name[len(STAGE_PREFIX):].split("-", 1)[0]
        if stage.is_dir() and not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(stage, ignore_errors=True)
            removed.append(stage)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def write_tree_atomically(files: dict[str, str], target: Path) -> Path:
    """Write a directory tree (``files`` by relative POSIX path) as ``target``, replacing
    a previous one only once every file is written: the tree is staged beside ``target``,
    the old one is renamed away, the new one renamed in, the old one removed. A process
    killed between the two renames leaves no ``target`` (and its stages, which the next
    write removes), never a mix of two trees."""
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        clean_stale_stages(parent)
        stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=parent))
    except OSError as exc:
        raise InputError(Problem(str(parent), "", "", f"cannot write the build directory: "
                                 f"{exc.strerror}")) from exc
    old = None
    try:
        tree = stage / "new"
        for name, text in sorted(files.items()):
            path = tree / name
            if ".." in Path(name).parts or Path(name).is_absolute():
                raise ValueError(f"{name!r} is not a path inside the tree")
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        if target.exists():
            old = stage / "old"
            os.replace(target, old)
        try:
            os.replace(tree, target)
        except OSError:
            if old is not None and not target.exists():
                os.replace(old, target)  # put the previous tree back
            raise
        return target
    except OSError as exc:
        raise InputError(Problem(str(target), "", "", f"cannot write: {exc}")) from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)
