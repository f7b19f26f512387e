"""Who drafted a candidate: the extractor's name and version, written on every draft and
carried into the graph as a ``prov:SoftwareAgent``."""

from __future__ import annotations

from ..version import __version__

NAME = "lmskg-extract"
VERSION = __version__
EXTRACTOR = f"{NAME} {VERSION}"
STATUS_UNREVIEWED = "unreviewed"
