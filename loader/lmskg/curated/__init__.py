"""Stage 1: the curated data, read and checked, as typed records (no RDF here).

``data/`` holds YAML files (:mod:`.layout`) whose schema is the record classes of
:mod:`.records`; :func:`load_curated` reads them with the corpus documents
(:mod:`.corpus`) and the verified identifiers (:mod:`.crosswalk`), checks everything
(:mod:`.structure`, :mod:`.validate`) and returns a :class:`Curated`.
"""

from .contexts import CONTEXT_KINDS, ContextKind, context_kinds
from .load import Curated, load_curated
from .notations import Notations
from .records import Claim, Source
from .corpus import SourceFile

__all__ = ["CONTEXT_KINDS", "Claim", "ContextKind", "Curated", "Notations", "Source",
           "SourceFile", "context_kinds", "load_curated"]
