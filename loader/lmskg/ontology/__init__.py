"""The ontology as code: IRIs (:mod:`.namespaces`), the generated term constants
(:mod:`.terms`) and the index of notations curated data refers to (:mod:`.index`)."""
