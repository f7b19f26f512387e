"""lmskg: a knowledge graph of leiomyosarcoma treatment evidence.

Curated records in ``data/`` say what each source document of the corpus says,
anchored to exact quotes. The package is laid out as the pipeline runs, each stage
importing only the ones before it (a test enforces it):

==============  ============================================================
``curated``     read and check the YAML into typed records (no RDF)
``net``         credentials, their redaction, redirects, HTTP error messages
``ontology``    the ontology as code: IRIs, term constants, notations
``extract``     ``lmskg extract``: draft claims from a new document
``transform``   records to triples (pure)
``derive``      what the build computes: claim dates, pairs compared, same origin
``stores``      the RDF store behind a dataset; the build's persistent store;
                publishing to remote stores
``reasoning``   HermiT: consistency, classification, explanations; OWL as rules
``checks``      ``lmskg check`` (SHACL, QC, OWL, at any size) and the coverage report
``exports``     Turtle, N-Triples, JSON-LD, TriG, RDF/XML, evidence.csv, KGX,
                nanopublications, manifest
``sparql``      the question catalogue, parameters, local and remote queries
``serve``       the read-only SPARQL server, the site beside it, the graph's IRIs
``site``        ``lmskg site``: the static evidence site (HTML and SVG)
``pipeline``    the jobs: read inputs once, build (in memory or streaming), the store
                to query
``curate``      curator tools: anchor, fmt, JSON Schemas, term constants
``bench``       ``make bench``
``cli``         the command line (nothing imports it)
==============  ============================================================

The public API is what this module exports.
"""

from .config import Config
from .curated import Curated, load_curated
from .errors import (CheckFailed, InputError, LmskgError, Problem, QueryError,
                     RemoteError)
from .pipeline.build import Built, build
from .pipeline.dataset import build_dataset
from .pipeline.inputs import Inputs, load_inputs
from .pipeline.queryable import engine_for_queries
from .sparql.local import run_local
from .sparql.results import Results
from .version import __version__

__all__ = ["Built", "CheckFailed", "Config", "Curated", "InputError", "Inputs", "LmskgError",
           "Problem", "QueryError", "RemoteError", "Results", "__version__", "build",
           "build_dataset", "engine_for_queries", "load_curated", "load_inputs", "run_local"]
