"""Stage 3 (beside the transform): statements the build computes from the checked records.

Never mixed with what sources say: everything here goes into the ``graph/derived`` named
graph, with its provenance (the lmskg activity that made it). :mod:`.hierarchy` reads the
broader/narrower links of regimens and contexts; :mod:`.dating` places each claim in time
(with the kind of date) and bounds undated sources; :mod:`.origin` finds claims of
different sources that likely repeat one origin; :mod:`.pairs` finds the pairs of claims
the agreement questions compare, by index rather than by pairing every claim with every
other; :mod:`.triples` writes it all as RDF.
"""
