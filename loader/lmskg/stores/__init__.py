"""RDF stores: the dataset behind every stage (:mod:`.dataset`) and publishing to a
remote graph store (:mod:`.publish`). Nothing here knows lmskg's vocabulary."""
