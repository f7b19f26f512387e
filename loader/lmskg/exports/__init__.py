"""Stage 6: the exports of ``build/``, each rendered from the one built dataset.

=====================  ===========================================================
``lmskg.ttl``          Turtle: ontology, vocabulary and every source merged
``lmskg.nt``           N-Triples of the same, one sorted line per triple
``lmskg.jsonld``       JSON-LD of the same, compacted with ``ontology/context.jsonld``
``lmskg.trig``         TriG: the same statements in named graphs (one per source, one
                       for the ontology, one for the vocabulary) plus ``inferred``
``lmskg-ontology.owl`` the ontology alone as RDF/XML (Protege, owlready2)
``evidence.csv``       the flat evidence table, one row per claim (a time point is
                       written into the measure: 'overall survival at 5 years')
``lmskg-kgx-*.tsv``    KGX nodes and edges for Biolink-model tools (:mod:`.kgx`), with
                       ``lmskg-kgx-prefixes.json``, the prefixes of our own node ids
``lmskg-nanopubs.trig`` one nanopublication per claim (:mod:`.nanopubs`)
=====================  ===========================================================

:mod:`.manifest` records their checksums and those of the inputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import json

from rdflib import Dataset, Graph

from .evidence_csv import evidence_csv
from .kgx import PREFIX_MAP, Kgx, kgx
from .nanopubs import nanopubs
from .owl_xml import ontology_rdfxml
from .rdf import jsonld, merged, ntriples, trig, turtle

# export file -> the format name of ``lmskg export --format``
EXPORTS = {"lmskg.ttl": "ttl", "lmskg.nt": "nt", "lmskg.jsonld": "jsonld",
           "lmskg.trig": "trig", "lmskg-ontology.owl": "owl", "evidence.csv": "csv",
           "lmskg-kgx-nodes.tsv": "kgx-nodes", "lmskg-kgx-edges.tsv": "kgx-edges",
           "lmskg-kgx-prefixes.json": "kgx-prefixes", "lmskg-nanopubs.trig": "nanopubs"}


def render(ds: Dataset, context_file: Path, names: tuple[str, ...] = tuple(EXPORTS)
           ) -> dict[str, str]:
    """The named exports as text, by file name (the merged graph is made once, and only
    when an export needs it)."""
    whole: list[Graph] = []
    biolink: list[Kgx] = []

    def merged_once() -> Graph:
        if not whole:
            whole.append(merged(ds))
        return whole[0]

    def kgx_once() -> Kgx:
        if not biolink:
            biolink.append(kgx(ds))
        return biolink[0]

    renderers: dict[str, Callable[[], str]] = {
        "lmskg.ttl": lambda: turtle(merged_once()),
        "lmskg.nt": lambda: ntriples(merged_once()),
        "lmskg.jsonld": lambda: jsonld(merged_once(), context_file),
        "lmskg.trig": lambda: trig(ds),
        "lmskg-ontology.owl": lambda: ontology_rdfxml(ds),
        "evidence.csv": lambda: evidence_csv(ds),
        "lmskg-kgx-nodes.tsv": lambda: kgx_once().nodes,
        "lmskg-kgx-edges.tsv": lambda: kgx_once().edges,
        "lmskg-kgx-prefixes.json": lambda: json.dumps(PREFIX_MAP, indent=1, sort_keys=True)
        + "\n",
        "lmskg-nanopubs.trig": lambda: nanopubs(ds),
    }
    return {name: renderers[name]() for name in names}
