"""Stage 7: serving the built graph over HTTP, read-only and confined.

:mod:`.oxigraph` runs an Oxigraph SPARQL server on a database loaded from
``build/lmskg.trig``; :mod:`.endpoint` puts it on an internal loopback port behind
:mod:`.front`, a small HTTP server that passes on only what :mod:`.protocol` finds
safe (no SERVICE, no update) and bounds every answer and request (:mod:`.limits`).
See docs/decisions/0009-server-confinement.md.
"""
