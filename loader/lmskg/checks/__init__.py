"""Stage 5: checks of the built graph (``lmskg check``: :mod:`.owl`, :mod:`.shacl`,
:mod:`.qc`, gathered by :mod:`.run` into a :mod:`.report`) and of the curation's
completeness (:mod:`.coverage`: every sentence of every source)."""
