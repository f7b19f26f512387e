"""Writing files so that a failure leaves the previous ones as they were."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import InputError, Problem


def write_atomically(files: dict[str, str], out_dir: Path) -> list[Path]:
    """Write every file, or none: stage in a temporary directory, then move in."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".stage-", dir=out_dir))
    except OSError as exc:
        raise InputError(Problem(str(out_dir), "", "", f"cannot write the build directory: "
                                 f"{exc.strerror}")) from exc
    try:
        for name, text in files.items():
            with open(stage / name, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        written = []
        for name in files:
            os.replace(stage / name, out_dir / name)
            written.append(out_dir / name)
        return written
    except OSError as exc:
        raise InputError(Problem(str(out_dir), "", "", f"cannot write exports: {exc}")) from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)
