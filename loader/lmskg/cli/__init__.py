"""The ``lmskg`` command line: a leaf that nothing else imports.

:mod:`.main` (the parser and exit codes), one module per family of commands:
:mod:`.build` (build, export, check, coverage), :mod:`.query` (query, sparql,
catalogue), :mod:`.remote` (serve, publish), :mod:`.curate` (anchor, fmt, schema,
terms), and :mod:`.options` (what every command takes).
"""

from .main import main

__all__ = ["main"]
