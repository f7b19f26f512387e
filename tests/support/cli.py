"""Running ``lmskg`` from a test: in-process (fast, captured) or as a user would."""

from __future__ import annotations

import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from lmskg.cli import main
from lmskg.config import Config

REPO = Path(__file__).resolve().parents[2]
CORPUS = Config().corpus_dir.resolve()
PRACTICE = CORPUS.parent / "practice"  # the practice texts: never evidence sources


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> CliResult:
    """Run ``lmskg`` in-process and capture what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return CliResult(code, out.getvalue(), err.getvalue())


def run_subprocess(*args: str, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    """Run ``lmskg`` as a separate process (exit codes, stdout/stderr as a user sees them)."""
    exe = Path(sys.executable).with_name("lmskg")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd or REPO,
                          timeout=600, **kw)
