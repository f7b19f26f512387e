"""A build stopped half-way never leaves a build that looks complete, nor a reasoner
running; a Java that cannot run is the machine's problem (exit 2), not a finding."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import lmskg.atomic
from lmskg.atomic import STAGE_PREFIX, write_atomically
from lmskg.exports.manifest import MANIFEST
from tests.support import tiny
from tests.support.cli import REPO, run_cli


def test_a_write_stopped_between_renames_leaves_no_manifest(tmp_path, monkeypatch):
    out = tmp_path / "build"
    write_atomically({"a.ttl": "old a", "b.ttl": "old b", MANIFEST: "old"}, out, MANIFEST)
    calls = []
    real_replace = os.replace

    def replace_then_die(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt  # as a SIGTERM would, between two renames
        real_replace(src, dst)

    monkeypatch.setattr(lmskg.atomic.os, "replace", replace_then_die)
    with pytest.raises(KeyboardInterrupt):
        write_atomically({"a.ttl": "new a", "b.ttl": "new b", MANIFEST: "new"}, out, MANIFEST)
    assert (out / "a.ttl").read_text() == "new a" and (out / "b.ttl").read_text() == "old b"
    assert not (out / MANIFEST).exists(), "a mixed build must not carry a manifest"
    assert not list(out.glob(f"{STAGE_PREFIX}*"))


def test_stages_left_by_a_killed_process_are_removed(tmp_path):
    out = tmp_path / "build"
    dead = out / f"{STAGE_PREFIX}999999999-abc"
    dead.mkdir(parents=True)
    (dead / "lmskg.ttl").write_text("half", encoding="utf-8")
    write_atomically({"x": "y"}, out)
    assert not dead.exists()


def test_the_manifest_is_written_last(tmp_path, monkeypatch):
    order = []
    real_replace = os.replace
    monkeypatch.setattr(lmskg.atomic.os, "replace",
                        lambda src, dst: (order.append(Path(dst).name), real_replace(src, dst)))
    write_atomically({MANIFEST: "m", "a": "1", "b": "2"}, tmp_path, MANIFEST)
    assert order == ["a", "b", MANIFEST]


def _children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of every descendant process of ``pid`` (Linux /proc)."""
    parents: dict[int, int] = {}
    cmdlines: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            cmdlines[int(entry.name)] = (entry / "cmdline").read_text().replace("\0", " ")
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier}
        found += [(p, cmdlines.get(p, "")) for p in frontier]
    return found


@pytest.mark.slow
def test_sigterm_during_reasoning_stops_the_reasoner_too(tmp_path):
    config = tiny.write_tiny(tmp_path)
    env = {**os.environ, "LMSKG_VOCAB": str(config.vocab_dir)}
    exe = Path(sys.executable).with_name("lmskg")
    proc = subprocess.Popen([str(exe), "build", "--data", str(config.data_dir), "--corpus",
                             str(config.corpus_dir), "--build", str(config.build_dir)],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 60
    java = []
    while time.monotonic() < deadline and not java and proc.poll() is None:
        java = [p for p, cmd in _children(proc.pid) if "java" in cmd]
        time.sleep(0.02)
    assert java, "the reasoner never started (or the build finished first)"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "interrupted" in err
    time.sleep(0.5)
    assert not [p for p in java if Path(f"/proc/{p}").exists()], "HermiT's Java still runs"
    assert not (config.build_dir / MANIFEST).exists()


@pytest.mark.slow
def test_a_java_that_cannot_run_is_exit_2(tmp_path, monkeypatch):
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/bin/false")
    config = tiny.write_tiny(tmp_path)
    monkeypatch.setenv("LMSKG_VOCAB", str(config.vocab_dir))
    res = run_cli("build", "--data", str(config.data_dir), "--corpus", str(config.corpus_dir),
                  "--build", str(config.build_dir))
    assert res.code == 2, res.err
    assert "the HermiT reasoner could not run (/bin/false)" in res.err
    assert "check FAILED" not in res.out
