"""How long each stage of a run took, for ``lmskg build --timings`` and ``make bench``.

A stage is timed by ``with STAGES.stage("name"):``; the times go to a JSON file only
when asked, so a build without ``--timings`` writes nothing more.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class Stages:
    """Wall-clock seconds per named stage, in the order the stages ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def write(self, path: Path) -> None:
        path.write_text(json.dumps({k: round(v, 3) for k, v in self.seconds.items()},
                                   indent=1) + "\n", encoding="utf-8")


STAGES = Stages()
