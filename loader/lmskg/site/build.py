"""``lmskg site``: ask the graph, draw, render, and write ``build/site/`` atomically.

The texts of the sources come from the corpus (the graph holds their checksums, not their
text): each is read confined to the corpus directory and must have the checksum the graph
records, or the highlights would sit at the wrong offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_tree_atomically
from ..curated.corpus import read_document
from ..errors import InputError, Problem
from ..exports.ontology_docs import ontology_html
from ..ontology import terms as T
from ..ontology.index import OntologyIndex
from ..sparql.catalogue import CatalogueQuery
from ..sparql.deadline import DEFAULT_TIMEOUT
from ..sparql.engines import Engine
from ..sparql.local import run_local
from ..sparql.results import Results
from .model import Site
from .pages import render_pages, static_files
from .pictures import pictures
from .queries import read_site_data


@dataclass(frozen=True)
class SiteSummary:
    path: Path
    files: int
    pages: int
    claims: int
    sources: int
    pictures: tuple[str, ...]


def source_texts(site: Site, corpus_dir: Path) -> dict[str, str]:
    """Every source's text from the corpus, checked against the checksum in the graph."""
    texts, problems = {}, []
    for iri in sorted(site.sources):
        file = site.value(iri, str(T.corpusFile))
        sha = site.value(iri, str(T.sha256))
        if file is None:
            problems.append(Problem(iri, "", "corpusFile", "the graph names no corpus file"))
            continue
        doc = read_document(corpus_dir, str(file))
        if sha is not None and doc.sha256 != str(sha):
            problems.append(Problem(str(corpus_dir / str(file)), iri.rsplit("/", 1)[-1],
                                    "sha256", f"the file's SHA-256 is {doc.sha256}, the graph "
                                    f"records {sha}", "rebuild the graph ('lmskg build') from "
                                    "this corpus, or give the corpus it was built from"))
            continue
        texts[iri] = doc.text
    if problems:
        raise InputError(problems)
    return texts


def site_files(engine: Engine, ontology: OntologyIndex,
               catalogue: dict[str, CatalogueQuery], corpus_dir: Path,
               timeout: float = DEFAULT_TIMEOUT) -> tuple[dict[str, str], Site]:
    """Every file of the site by its path, and the site they were made from."""
    def ask(text: str, where: str) -> Results:
        return run_local(engine, text, where, timeout=timeout)

    data = read_site_data(ask, catalogue, ontology)
    claim_types = {iri: notation for notation, iri
                   in ontology.notations.categories.get("claim-type", {}).items()}
    site = Site(data, claim_types)
    found = pictures(site)
    files = render_pages(site, source_texts(site, corpus_dir), found, catalogue)
    files.update({f"pictures/{p.name}": p.svg for p in found})
    files["ontology/index.html"] = ontology_html(ontology.graph, site_root="../")
    files.update({f"questions/{name}.rq": q.text for name, q in sorted(catalogue.items())})
    files.update(static_files())
    return files, site


def build_site(engine: Engine, ontology: OntologyIndex, catalogue: dict[str, CatalogueQuery],
               corpus_dir: Path, target: Path) -> SiteSummary:
    files, site = site_files(engine, ontology, catalogue, corpus_dir)
    write_tree_atomically(files, target)
    return SiteSummary(target, len(files), sum(p.endswith(".html") for p in files),
                       len(site.claims), len(site.sources),
                       tuple(sorted(p for p in files if p.endswith(".svg"))))

