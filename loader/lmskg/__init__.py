"""lmskg: a knowledge graph of leiomyosarcoma treatment evidence.

Curated records in ``data/`` say what each source document of the corpus says,
anchored to exact quotes; this package verifies them against the corpus, turns
them into RDF under the ontology in ``ontology/``, checks the result and
writes the exports.
"""

__version__ = "0.1.0"
