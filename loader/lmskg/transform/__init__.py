"""Stage 2: typed records to RDF triples, pure functions with no I/O.

:mod:`.source` (a source and its claims), :mod:`.vocabulary` (terms, regimens,
references), :mod:`.nodes` (literals, anchors, quantities) and :mod:`.graphs` (which
named graph holds what).
"""
