"""The store behind the dataset is a choice of configuration; answers do not depend on it."""

from __future__ import annotations

import pytest

from lmskg.pipeline.dataset import build_dataset
from lmskg.errors import InputError
from lmskg.stores.dataset import new_dataset

QUERY = """
PREFIX lms: <https://w3id.org/lmskg/ontology#>
SELECT ?claim ?value WHERE { ?claim lms:quantity/lms:value ?value } ORDER BY ?claim ?value
"""


def test_oxigraph_store_gives_the_same_answers(inputs, dataset):
    ox = build_dataset(inputs, store="oxigraph")
    def rows(ds):  # Oxigraph writes decimals in their shortest form ('60', not '60.0')
        return [(c, v.toPython()) for c, v in ds.query(QUERY)]

    assert rows(ox) == rows(dataset)
    assert sorted(g.identifier for g in ox.graphs() if len(g)) == \
        sorted(g.identifier for g in dataset.graphs() if len(g))


def test_unknown_store_is_bad_input():
    with pytest.raises(InputError, match="unknown store 'postgres'"):
        new_dataset("postgres")
