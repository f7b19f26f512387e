"""Answers a researcher can trust, on the real graph: nothing missed, independence shown,
dates and references beside every figure (one test per point; the fixtures of
tests/sparql/questions hold the small-graph cases, tests/derive the derivations)."""

from __future__ import annotations

import csv
import io

import pytest

from lmskg.errors import EngineError
from lmskg.ontology.namespaces import CLAIM, REGIMEN, SOURCE
from lmskg.sparql.engines import OxigraphEngine
from lmskg.sparql.local import run_local
from lmskg.sparql.params import bind, bindings_for
from lmskg.sparql.results import canonical, to_table
from lmskg.stores.oxigraph import from_dataset
from tests.sparql.query_fixtures import catalogue, ontology
from tests.support.cli import run_cli


@pytest.fixture(scope="module")
def engine(reasoned_dataset):
    return OxigraphEngine(from_dataset(reasoned_dataset))


def ask(engine, name: str, **given: str) -> list[dict[str, str]]:
    q = catalogue()[name]
    return run_local(engine, bind(q.text, bindings_for(q, given, ontology())), name).as_dicts()


def rows_of(rows, **want):
    return [r for r in rows if all(r.get(k) == v for k, v in want.items())]


# 1. regimen questions follow variants and the classes a regimen belongs to

def test_a_caution_on_the_class_reaches_the_regimen(engine):
    rows = ask(engine, "newest-statement-on-regimen", regimen="doxorubicin-ifosfamide")
    caution = rows_of(rows, claim=str(CLAIM["s002-c10"]))
    assert caution and caution[0]["relation"] == "a class it belongs to"
    assert caution[0]["stated_regimen"] == str(REGIMEN["anthracycline-ifosfamide"])
    assert rows_of(rows, claim=str(CLAIM["s002-c07b"]), relation="the regimen itself")


def test_outcomes_of_a_regimen_include_its_classes_marked(engine):
    rows = ask(engine, "outcomes-for-regimen", regimen="gemcitabine-docetaxel", measure="")
    assert rows_of(rows, claim=str(CLAIM["s000-c26"]), relation="the regimen itself")
    assert rows_of(rows, claim=str(CLAIM["s002-c20b"]), relation="a class it belongs to")


# 2. copies are not corroboration

def test_near_copies_are_marked_as_one_origin(engine):
    rows = ask(engine, "corroborations")
    pair = rows_of(rows, claim_a=str(CLAIM["s002-c20a"]), claim_b=str(CLAIM["s003-c12a"]))
    assert pair and pair[0]["independent"].startswith("no: likely one origin: near-identical")
    assert pair[0]["independent_sources"] == "1"


# 3. every date with its kind; undated sources bounded

def test_dates_carry_their_kind(engine):
    rows = ask(engine, "outcomes-for-regimen", regimen="anthracycline-based", measure="")
    kinds = {(r["source"], r["date_kind"]) for r in rows}
    assert (str(SOURCE["s002"]), "last-updated") in kinds
    assert (str(SOURCE["s003"]), "statement") in kinds


def test_sources_overview_lists_statement_dates_and_the_bound(engine):
    rows = {r["source"]: r for r in ask(engine, "sources-overview")}
    assert rows[str(SOURCE["s003"])]["statement_dates"] == \
        "2016-10-12; 2022-01-24; 2023-03-08; 2023-04-27"
    s000 = rows[str(SOURCE["s000"])]
    assert s000["not_before"] == "2003-09-03" and "retriev" in s000["not_before_basis"]


def test_undated_sources_take_part_in_time_questions_marked_as_bound(engine):
    rows = ask(engine, "claims-older-than", years="5", as_of="2026-11-29")
    row = rows_of(rows, claim=str(CLAIM["s000-c26"]))[0]
    assert (row["date"], row["date_kind"]) == ("2003-09-03", "not-before")
    newest = ask(engine, "newest-statement-on-regimen", regimen="gemcitabine-docetaxel")
    assert newest  # s000's claims have a bound now, so they are no longer ignored


# 4. a class against one of its members is not a contradiction; contexts that differ named

def test_conflicts_say_what_kind_of_disagreement(engine):
    rows = ask(engine, "conflicts")
    class_pairs = [r for r in rows if r["standing"].startswith("class and member")]
    assert len(class_pairs) >= 4
    fdr = rows_of(rows, claim_a=str(CLAIM["s002-c26"]), claim_b=str(CLAIM["s002-c11"]))[0]
    assert fdr["standing"] == "contexts differ" and fdr["relation"] == "a variant"
    assert "leiomyosarcoma is narrower than soft-tissue-sarcoma" in fdr["context_difference"]
    assert "disseminated is narrower than advanced" in fdr["context_difference"]
    assert not rows_of(rows, standing="contradiction")


# 5. references beside figures, candidate mappings shown as such

def test_outcomes_show_what_each_claim_cites(engine):
    rows = ask(engine, "outcomes-for-regimen", regimen="anthracycline-based", measure="")
    row = rows_of(rows, claim=str(CLAIM["s002-c21a"]))[0]
    assert "[2] candidate: frontiers2023 PMID 36969049 DOI 10.3389/fonc.2023.1149106" \
        in row["references"]


# 6. doses with their setting

def test_doses_show_their_context(engine):
    rows = ask(engine, "doses-for-drug", therapy="ifosfamide")
    dose = rows_of(rows, claim=str(CLAIM["s002-c12b"]))[0]
    assert "second-line" in dose["context"]


# 7. class ids as parameters, values listed, labels beside ids, pooled claims marked

def test_a_kind_of_therapy_is_a_parameter_for_all_its_members(engine):
    res = run_cli("query", "claims-about-therapy", "--param", "therapy=hormonal-therapy",
                  "--format", "csv")
    assert res.code == 0, res.err
    assert "s002-c28" in res.out


def test_values_of_a_parameter_are_listed_with_labels():
    res = run_cli("query", "claims-about-therapy", "--values", "therapy")
    assert res.code == 0, res.err
    assert "gemcitabine" in res.out and "hormonal-therapy" in res.out
    assert "(a kind: all its members)" in res.out
    res = run_cli("query", "options-for-line", "--values", "line")
    assert "second-line" in res.out and "later-line" in res.out


def test_values_of_an_unknown_parameter_is_an_error():
    res = run_cli("query", "options-for-line", "--values", "colour")
    assert res.code == 2 and "has no parameter 'colour' (parameters: line)" in res.err


def test_tables_show_labels_beside_ids(engine):
    q = catalogue()["outcomes-for-regimen"]
    res = run_local(engine, bind(q.text, bindings_for(q, {}, ontology())))
    from lmskg.sparql.answer import LocalAnswerer

    labels = LocalAnswerer(engine, 0).labels(t for row in res.rows for t in row if t)
    table = to_table(res, 0, labels)
    assert "regimen:gemcitabine-docetaxel (gemcitabine plus docetaxel)" in table
    assert "claim:s000-c26 " in table and "(claim s000-c26)" not in table


def test_pooled_claims_are_marked(engine):
    rows = ask(engine, "outcomes-for-regimen", regimen="anthracycline-based", measure="")
    assert rows_of(rows, claim=str(CLAIM["s002-c20a"]))[0]["pooled_with"] == "s002-c20b"


# 8. one way of writing numbers; one source type

@pytest.mark.parametrize("lexical, canonical_form", [("14.0", "14"), ("2.50", "2.5"),
                                                     ("0.000", "0"), ("100", "100")])
def test_decimals_are_canonical(lexical, canonical_form):
    from rdflib import Literal
    from rdflib.namespace import XSD

    assert str(canonical(Literal(lexical, datatype=XSD.decimal))) == canonical_form


def test_the_evidence_table_names_one_most_specific_type(reasoned_dataset):
    from lmskg.exports.evidence_csv import evidence_csv

    rows = list(csv.DictReader(io.StringIO(evidence_csv(reasoned_dataset))))
    assert {r["source_type"] for r in rows} == {
        "general article", "patient information page", "ai-generated answer",
        "question-and-answer compilation"}


# 9. the default engine answers what rdflib could not; an engine failure is a bug (exit 3)

def test_ordering_by_a_sometimes_unbound_date_answers(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("PREFIX lms: <https://w3id.org/lmskg/ontology#>\n"
                    "SELECT ?c ?date WHERE { ?c lms:source ?s OPTIONAL { ?c lms:statementDate "
                    "?date } } ORDER BY DESC(STR(?date)) LIMIT 3", encoding="utf-8")
    res = run_cli("sparql", str(path))
    assert res.code == 0, res.err


def test_an_engine_failure_is_exit_3_with_a_way_around(monkeypatch, engine):
    def broken(self, text, prepared):
        raise TypeError("'<' not supported")

    monkeypatch.setattr(OxigraphEngine, "select_or_ask", broken)
    with pytest.raises(EngineError, match="the oxigraph query engine failed on this query: "
                                          "TypeError") as err:
        run_local(engine, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", timeout=0)
    assert err.value.exit_code == 3 and "try --store memory" in str(err.value)


# 10. the vocabulary documented, individuals included

def test_docs_document_the_named_individuals(tmp_path):
    res = run_cli("docs", "--build", str(tmp_path))
    assert res.code == 0, res.err
    html = (tmp_path / "docs" / "ontology.html").read_text(encoding="utf-8")
    for key in ("response-rate", "first-line", "approximate", "not-before", "candidate",
                "ai-generated"):
        assert f"<code>{key}</code>" in html, key
    assert "The date the text gives for the statement itself" in html
