"""The extractor's bad-input error: a :class:`lmskg.errors.InputError` naming the file.

Empty, whitespace-only, binary (NUL or many control characters), non-UTF-8, too large or
unreadable input is refused with the reason and what would fix it; the command line maps it
to exit code 2, like every other bad input.
"""

from __future__ import annotations

from ..errors import InputError, Problem


class ExtractInputError(InputError):
    """The input cannot be drafted; ``where`` names the file (or field) concerned."""

    def __init__(self, message: str, where: str = "", hint: str = "") -> None:
        self.where = where
        super().__init__(Problem(where or "<input>", "", "", message, hint))
