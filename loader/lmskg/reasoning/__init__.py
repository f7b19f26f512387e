"""Stage 4: OWL reasoning with HermiT (:mod:`.hermit`: consistency and classification
into the ``inferred`` graph) and explanations of an inconsistency (:mod:`.explain`)."""
