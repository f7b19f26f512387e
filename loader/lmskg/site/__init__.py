"""Stage 7: the static evidence site of ``lmskg site`` (``build/site/``).

Read from the built dataset through SPARQL only (:mod:`.queries`, the one module that
knows the questions and their columns), turned into page models (:mod:`.model`),
drawn (:mod:`.pictures`, SVG that reads without JavaScript) and written as HTML
(:mod:`.pages`, Jinja2 with autoescaping): a home page with the sources and a filter
over the claims, a page per source (its text with every quote highlighted), per claim,
regimen, therapy, context and every other curated thing, at the path of its IRI
(``id/claim/s000-c26/``), the pictures, the ontology and the question catalogue.
:mod:`.build` runs it all and writes the tree atomically. Deterministic: the same
dataset gives the same bytes. See docs/decisions/0012-site-and-iris.md.
"""

SITE_DIR = "site"  # under the build directory
