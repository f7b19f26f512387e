"""Curator tools, beside the pipeline: fill quote offsets (:mod:`.anchor`), canonical
formatting (:mod:`.fmt`), the editors' JSON Schemas (:mod:`.schema_files`) and the
generated term constants (:mod:`.termgen`)."""
