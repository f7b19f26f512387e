"""Reading input files safely: regular files only, bounded, and where they should be.

Every file lmskg reads as input goes through here, so that a curated record cannot make
the build read ``/etc/passwd`` (a ``file:`` that climbs out of the corpus, an absolute
path, a symbolic link leading out), block forever (a FIFO), or exhaust memory
(``/dev/zero``, a huge file). A refused file is named as the user gave it; nothing about
a file outside the allowed directory (its content, size or checksum) is ever shown.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError, Problem

MiB = 1 << 20
MAX_DOCUMENT = 64 * MiB  # a corpus document
MAX_DATA_FILE = 64 * MiB  # a curated YAML file, a query, a CSV of the shared vocabulary


def confined(root: Path, name: str, what: str, display: str) -> Path:
    """``root/name`` resolved (links followed) and checked to lie inside ``root``."""
    if not name or Path(name).is_absolute():
        raise InputError(Problem(display, "", "", f"{what} {name!r} must be a file name inside "
                                 f"the {what.split()[0]} directory, not an absolute path"))
    try:
        base = root.resolve(strict=True)
        path = (root / name).resolve(strict=True)
    except FileNotFoundError as exc:
        raise InputError(Problem(display, "", "", f"cannot read {what} {name!r}: no such file",
                                 "check --corpus / CORPUS")) from exc
    except (OSError, RuntimeError) as exc:  # a symbolic-link loop, a permission
        raise InputError(Problem(display, "", "", f"cannot read {what} {name!r}: "
                                 f"{getattr(exc, 'strerror', None) or exc}")) from exc
    if not path.is_relative_to(base):
        raise InputError(Problem(display, "", "", f"{what} {name!r} lies outside the "
                                 f"{what.split()[0]} directory; it is not read",
                                 "name a file of the directory itself"))
    return path


def read_regular(path: Path, what: str, display: str, limit: int = MAX_DATA_FILE) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; InputError otherwise.

    Opened without blocking (a FIFO would wait for a writer forever) and checked on the
    open descriptor, so the file tested is the file read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(Problem(display, "", "", f"cannot read {what}: "
                                 f"{exc.strerror or exc}")) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(Problem(display, "", "", f"{what} is not a regular file "
                                     "(a device, a pipe or a directory); it is not read"))
        if info.st_size > limit:
            raise InputError(Problem(display, "", "", f"{what} is larger than "
                                     f"{_size(limit)}; it is not read"))
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise InputError(Problem(display, "", "", f"{what} is larger than "
                                         f"{_size(limit)}; it is not read"))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(Problem(display, "", "", f"cannot read {what}: "
                                 f"{exc.strerror or exc}")) from exc
    finally:
        os.close(fd)


def _size(n: int) -> str:
    return f"{n // MiB} MiB" if n >= MiB else f"{n} bytes"


def read_text(path: Path, what: str, display: str, limit: int = MAX_DATA_FILE) -> str:
    """A regular file's text, which must be UTF-8."""
    raw = read_regular(path, what, display, limit)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Problem(display, "", "", f"{what} is not UTF-8 text (byte "
                                 f"{exc.start}: {exc.reason})")) from exc
