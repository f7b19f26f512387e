"""Every input of a build, read once: the ontology and the checked curated data."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Config
from ..curated.load import Curated, load_curated
from ..ontology.index import OntologyIndex, load_ontology


@dataclass(frozen=True)
class Inputs:
    ontology: OntologyIndex
    curated: Curated


def load_inputs(config: Config) -> Inputs:
    """Read and check everything a build needs; InputError lists every problem."""
    ontology = load_ontology(config.ontology_file)
    curated = load_curated(config.data_dir, config.corpus_dir, config.vocab_dir,
                           ontology.notations)
    return Inputs(ontology, curated)
