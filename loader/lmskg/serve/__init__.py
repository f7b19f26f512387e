"""Stage 7: serving the built graph over HTTP (:mod:`.oxigraph`: a read-only Oxigraph
SPARQL server on a database loaded from ``build/lmskg.trig``)."""
