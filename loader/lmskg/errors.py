"""One error hierarchy for the whole package.

Every problem names the file, the record id and the field it concerns, says
what is wrong and, where possible, what would fix it. The CLI maps the error
classes to exit codes: :class:`CheckFailed` is 1, every other error of this
hierarchy is 2, and an exception outside it (a bug) is 3.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3  # a bug: an exception no error class foresaw


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    record: str
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.record:
            where += f": record {self.record}"
        if self.field:
            where += f": field {self.field}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class LmskgError(Exception):
    """Base class of every error this package raises on purpose."""

    exit_code = EXIT_BAD_INPUT


class InputError(LmskgError):
    """The curated data, the corpus or a command-line argument is wrong.

    Carries every problem found in a run, not only the first.
    """

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("", "", "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = sorted(set(problems))
        super().__init__(self.render())

    def render(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the input:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


class QueryError(LmskgError):
    """A query does not parse, uses a forbidden feature, or has a bad parameter."""


class RemoteError(LmskgError):
    """A remote SPARQL endpoint or graph store failed or answered nonsense."""


class EngineError(LmskgError):
    """A query engine failed on a query it accepted: not bad input but a fault of the
    engine (or of lmskg), reported as an internal error with a way around it."""

    exit_code = EXIT_INTERNAL


class CheckFailed(LmskgError):
    """The graph was built but a consistency or quality check failed."""

    exit_code = EXIT_CHECK_FAILED
