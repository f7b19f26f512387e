"""The query runner: `lmskg query`, `lmskg sparql`, `lmskg catalogue`, parameters,
error paths and the SPARQL 1.1 result formats."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.query import Result

from tests.support.cli import run_cli, run_subprocess
from lmskg.sparql.catalogue import load_catalogue
from lmskg.sparql.readme import is_stale, render
from lmskg.errors import QueryError
from lmskg.sparql.params import bind
from lmskg.sparql.parse import parse_checked
from lmskg.sparql.local import run_local
from tests.sparql.query_fixtures import QUERIES, catalogue

LMS = "PREFIX lms: <https://w3id.org/lmskg/ontology#>\n"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


@pytest.fixture(scope="session")
def built(tmp_path_factory, config, reasoned_dataset) -> str:
    """A build directory with the real graph that is fresh for the current inputs, so
    that `lmskg query --build DIR` reads it instead of building and reasoning per call."""
    from lmskg.exports.manifest import MANIFEST, TRIG, manifest_text

    folder = tmp_path_factory.mktemp("build")
    trig = reasoned_dataset.serialize(format="trig")
    (folder / TRIG).write_text(trig, encoding="utf-8")
    (folder / MANIFEST).write_text(manifest_text(config, {TRIG: trig}, True), encoding="utf-8")
    return str(folder)


def query_file(tmp_path: Path, text: str, name: str = "ad-hoc.rq") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- parameters ----------------------------------------------------------------------------

def test_unknown_parameter_names_the_known_ones():
    res = run_cli("query", "outcomes-for-regimen", "--param", "drug=gemcitabine")
    assert res.code == 2
    assert "has no parameter 'drug' (parameters: regimen, measure)" in res.err


@pytest.mark.parametrize("name,given,message", [
    ("outcomes-for-regimen", "measure=bogus", "unknown measure 'bogus'; one of: "),
    ("outcomes-for-regimen", "regimen=gem doc", "'gem doc' is not a valid regimen id"),
    ("outcomes-for-regimen", "regimen=<http://x>", "is not a valid regimen id"),
    ("claims-older-than", "as_of=2024-13-01", "'2024-13-01' is not a date (YYYY-MM-DD)"),
    ("claims-older-than", "as_of=2024", "'2024' is not a date"),
    ("claims-older-than", "years=five", "'five' is not an integer"),
    ("conflicts", "same_context=maybe", "'maybe' is not a boolean (true or false)"),
    ("outcome-table", "sort=size", "'size' is not one of: treatment, measure, value"),
    ("options-for-line", "line=third-line", "unknown line 'third-line'; one of: first-line"),
    ("outcomes-for-regimen", "regimen", "--param 'regimen': expected key=value"),
])
def test_invalid_parameter_values_are_clear_errors(name, given, message):
    res = run_cli("query", name, "--param", given)
    assert res.code == 2, res.out
    assert message in res.err
    assert "Traceback" not in res.err


def test_a_parameter_given_twice_is_refused():
    res = run_cli("query", "conflicts", "-p", "same_context=true", "-p", "same_context=false")
    assert res.code == 2 and "--param 'same_context' given twice" in res.err


def test_an_id_that_is_not_in_the_graph_suggests_the_close_ones(built):
    res = run_cli("query", "outcomes-for-regimen", "--build", built,
                  "--param", "regimen=gemcitabine-docetaxl")
    assert res.code == 2
    assert ("parameter 'regimen': no regimen 'gemcitabine-docetaxl' in the graph; did you "
            "mean: gemcitabine-docetaxel") in res.err


@pytest.mark.parametrize("query,param,message", [
    ("options-for-biomarker", "biomarker=leiomyosarcoma", "'leiomyosarcoma' is not a biomarker"),
    ("options-for-disease", "disease=metastatic", "'metastatic' is not a disease-or-site"),
    ("options-for-extent", "extent=lung", "'lung' is not an extent term"),
])
def test_a_context_term_of_the_wrong_kind_is_refused(built, query, param, message):
    res = run_cli("query", query, "--build", built, "--param", param)
    assert res.code == 2 and message in res.err, res.err


def test_an_empty_parameter_leaves_it_unbound(built):
    res = run_cli("query", "outcomes-for-regimen", "--build", built, "--format", "csv",
                  "--param", "regimen=doxorubicin-dacarbazine", "--param", "measure=")
    assert res.code == 0, res.err
    measures = {row["measure"] for row in csv.DictReader(io.StringIO(res.out))}
    assert {"https://w3id.org/lmskg/ontology#ResponseRate",
            "https://w3id.org/lmskg/ontology#Survival"} <= measures


def test_values_are_bound_as_terms_never_pasted_into_the_text():
    hostile = 'x" } SERVICE <http://example.org/sparql> { ?a ?b ?c } # \n "'
    text = bind("SELECT ?value WHERE { }", {"value": Literal(hostile)})
    parse_checked(text, "bound")  # still one query, with no SERVICE in it
    res = run_local(Dataset(default_union=True), text)
    assert res.rows == ((Literal(hostile),),)


def test_binding_names_a_variable_the_query_lacks():
    with pytest.raises(QueryError, match="parameter 'other' is not a variable"):
        bind("SELECT ?x WHERE { ?x ?p ?o }", {"other": URIRef("http://example.org/x")})


# -- errors: names, parse errors, SERVICE ----------------------------------------------------

def test_unknown_query_name_suggests_close_names():
    res = run_cli("query", "outcome-for-regimen")
    assert res.code == 2
    assert "no query named 'outcome-for-regimen'" in res.err
    assert "did you mean: outcomes-for-regimen" in res.err


def test_a_query_that_does_not_parse_gives_the_line_and_exit_2(tmp_path):
    text = "# a comment\n" + LMS + "SELECT ?c WHERE {\n  ?c lms:source ?s .\n  FILTER(?c = )\n}\n"
    proc = run_subprocess("sparql", query_file(tmp_path, text))
    assert proc.returncode == 2
    assert "the query does not parse at line 5" in proc.stderr
    assert "FILTER(?c = )" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_catalogue_style_file_that_does_not_parse_is_reported_with_its_line(tmp_path):
    text = "# title: broken\nSELECT ?x WHERE { ?x ?p ?o }\nLIMT 3\n"
    res = run_cli("query", query_file(tmp_path, text))
    assert res.code == 2 and "does not parse at line 3" in res.err and "LIMT 3" in res.err


def test_an_undeclared_prefix_is_reported_with_its_line(tmp_path):
    res = run_cli("sparql", query_file(tmp_path, "SELECT ?x WHERE {\n  ?x lmz:source ?s }\n"))
    assert res.code == 2
    assert "at line 2: Unknown namespace prefix : lmz (declare it with PREFIX)" in res.err


@pytest.mark.parametrize("pattern", [
    "SERVICE <http://example.org/sparql> { ?x ?p ?o }",
    "SERVICE SILENT <http://example.org/sparql> { ?x ?p ?o }",
    "?x ?p ?o OPTIONAL { SERVICE <http://example.org/sparql> { ?x ?p ?o } }",
    "?x ?p ?o FILTER EXISTS { SERVICE <http://example.org/sparql> { ?x ?p ?o } }",
    "?x ?p ?o FILTER NOT EXISTS { ?x ?p [] SERVICE <http://example.org/s> { ?x ?p ?o } }",
    "?x ?p ?o MINUS { SERVICE <http://example.org/sparql> { ?x ?p ?o } }",
    "{ SELECT ?x WHERE { SERVICE <http://example.org/sparql> { ?x ?p ?o } } }",
    "BIND(EXISTS { SERVICE <http://example.org/sparql> { ?x ?p ?o } } AS ?y)",
])
def test_service_is_refused_locally_wherever_it_is(tmp_path, pattern):
    res = run_cli("sparql", query_file(tmp_path, f"SELECT ?x WHERE {{ {pattern} }}"))
    assert res.code == 2
    assert "SERVICE is refused on the local store" in res.err


@pytest.mark.parametrize("text,may", [
    ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", True),
    ("select * where { sErViCe <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { \\U00000053ERVICE <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { \u017fervice <http://x/> { ?s ?p ?o } }", True),  # long s folds to s
    ('SELECT * WHERE { ?s ?p "customer service" }', True),  # says nothing: parse to know
    ("SELECT * WHERE { ?s ?p ?o } # serv ice", False),
    ("PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:servic ?o }", False),
])
def test_the_service_screen_lets_nothing_through_that_could_be_service(text, may):
    """The server's cheap screen: a text it passes unparsed cannot hold SERVICE."""
    from lmskg.sparql.parse import may_name_service

    assert may_name_service(text) is may


def test_service_is_refused_in_a_query_file_run_by_name(tmp_path):
    text = "# title: reaches out\nSELECT ?x WHERE { SERVICE <http://example.org/s> { ?x ?p ?o } }\n"
    res = run_cli("query", query_file(tmp_path, text))
    assert res.code == 2 and "SERVICE is refused" in res.err


CONSTRUCT = ("PREFIX lms: <https://w3id.org/lmskg/ontology#>\n"
             "CONSTRUCT { ?c lms:measure ?m } WHERE { ?c lms:measure lms:ResponseRate ; "
             "lms:measure ?m }")


def test_construct_gives_turtle_by_default(tmp_path, built):
    res = run_cli("sparql", "--build", built, query_file(tmp_path, CONSTRUCT))
    assert res.code == 0, res.err
    g = Graph().parse(data=res.out, format="turtle")
    assert (URIRef("https://w3id.org/lmskg/id/claim/s000-c26"),
            URIRef("https://w3id.org/lmskg/ontology#measure"),
            URIRef("https://w3id.org/lmskg/ontology#ResponseRate")) in g


def test_describe_gives_json_ld(tmp_path, built):
    res = run_cli("sparql", "--build", built, "--format", "jsonld", query_file(
        tmp_path, "DESCRIBE <https://w3id.org/lmskg/id/claim/s000-c26>"))
    assert res.code == 0, res.err
    g = Graph().parse(data=res.out, format="json-ld")
    assert len(g) > 5


@pytest.mark.parametrize("text, fmt, message", [
    (CONSTRUCT, "csv", "a CONSTRUCT or DESCRIBE query gives a graph: use --format turtle"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "turtle",
     "a SELECT or ASK query gives results: use --format table"),
])
def test_a_format_that_does_not_fit_the_answer_is_refused(tmp_path, built, text, fmt, message):
    res = run_cli("sparql", "--build", built, "--format", fmt, query_file(tmp_path, text))
    assert res.code == 2 and message in res.err


# -- result formats ------------------------------------------------------------------------

def _answer(built: str, fmt: str, *extra: str) -> str:
    res = run_cli("query", "outcomes-for-regimen", "--build", built, "--format", fmt, *extra)
    assert res.code == 0, res.err
    return res.out


def test_json_follows_the_sparql_results_json_format(built):
    doc = json.loads(_answer(built, "json"))
    assert set(doc) == {"head", "results"}
    variables = doc["head"]["vars"]
    assert variables[:3] == ["claim", "source", "date"] and "quote" in variables
    for binding in doc["results"]["bindings"]:
        assert set(binding) <= set(variables)
        for term in binding.values():
            assert term["type"] in ("uri", "literal", "bnode")
            assert set(term) <= {"type", "value", "datatype", "xml:lang"}
    row = next(b for b in doc["results"]["bindings"]
               if b["claim"]["value"].endswith("/s000-c26"))
    assert row["claim"]["type"] == "uri"
    assert row["value"] == {"type": "literal", "value": "50", "datatype": XSD_DECIMAL}
    assert row["unit"] == {"type": "literal", "value": "%"}
    parsed = Result.parse(io.StringIO(json.dumps(doc)), format="json")  # rdflib reads it back
    assert [str(v) for v in parsed.vars] == variables


def test_csv_follows_the_sparql_results_csv_format(built):
    out = _answer(built, "csv")
    assert out.endswith("\r\n") and "\r\n" in out.split("\n", 1)[0] + "\n"
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0][:3] == ["claim", "source", "date"]  # names without '?'
    row = next(r for r in rows[1:] if r[0].endswith("/s000-c26"))
    assert row[1] == "https://w3id.org/lmskg/id/source/s000" and row[2] == "2003-09-03"
    assert rows[0][8:10] == ["low", "high"] and row[8:10] == ["", ""]  # unbound: empty
    parsed = Result.parse(io.StringIO(out), format="csv")
    assert len(list(parsed)) == len(rows) - 1


def test_tsv_follows_the_sparql_results_tsv_format(tmp_path, built):
    text = LMS + "SELECT ?citation ?cited_as WHERE { ?citation lms:citedAs ?cited_as } ORDER BY ?citation"
    res = run_cli("sparql", "--build", built, "--format", "tsv", query_file(tmp_path, text))
    assert res.code == 0, res.err
    lines = res.out.rstrip("\n").split("\n")
    assert lines[0] == "?citation\t?cited_as"
    assert all(line.count("\t") == 1 for line in lines)  # line breaks in values are escaped
    assert any("\\n" in line for line in lines[1:]), "expected a multi-line reference entry"
    assert all(line.startswith("<https://") for line in lines[1:])
    parsed = list(Result.parse(io.StringIO(res.out), format="tsv"))
    assert any("\n" in str(row[1]) for row in parsed)  # rdflib reads the escapes back


def test_the_table_is_for_people(built):
    out = _answer(built, "table")
    assert "claim:s000-c26" in out and "source:s000" in out  # compact IRIs
    line = next(line for line in out.splitlines() if "claim:s000-c26" in line)
    assert " 50 " in line and "50.0" not in line  # decimals as people write them
    assert "\u2026" in line  # long quotes cut at 60 characters
    whole = _answer(built, "table", "--max-width", "0")
    assert "using a combination of gemcitabine and docetaxel." in whole


def test_ask_queries_in_every_format(tmp_path, built):
    path = query_file(tmp_path, LMS + "ASK { ?c a lms:OutcomeClaim }")
    table = run_cli("sparql", "--build", built, path)
    assert (table.code, table.out) == (0, "yes\n")
    js = run_cli("sparql", "--build", built, "--format", "json", path)
    assert json.loads(js.out) == {"head": {}, "boolean": True}


# -- ad-hoc queries and the list -----------------------------------------------------------

def test_sparql_reads_standard_input(built):
    proc = run_subprocess("sparql", "-", "--build", built, "--format", "csv",
                          input=LMS + "SELECT ?s WHERE { ?s a lms:Source } ORDER BY ?s")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[:2] == ["s", "https://w3id.org/lmskg/id/source/s000"]


def test_list_shows_every_question_with_its_header():
    res = run_cli("query", "--list")
    assert res.code == 0
    for name, q in catalogue().items():
        assert f"{name}: {q.title}" in res.out
    assert "--param regimen=<regimen>  default gemcitabine-docetaxel" in res.out
    assert "--param sort=<choice: treatment|measure|value|source|date|newest>" in res.out
    assert "e.g. lmskg query conflicts --param same_context=true --format csv" in res.out


def test_list_with_a_name_shows_only_that_question():
    res = run_cli("query", "conflicts", "--list")
    assert res.code == 0 and res.out.startswith("conflicts: Which claims conflict?")
    assert "outcomes-for-regimen" not in res.out


def test_query_without_a_name_says_how_to_list():
    res = run_cli("query")
    assert res.code == 2 and "lmskg query --list" in res.err


# -- the generated README ------------------------------------------------------------------

def test_catalogue_check_passes_and_prints_the_readme():
    assert run_cli("catalogue", "--check").code == 0
    res = run_cli("catalogue")
    assert res.code == 0
    assert res.out == (QUERIES / "README.md").read_text(encoding="utf-8")


def test_a_stale_readme_is_detected(tmp_path):
    copy = tmp_path / "queries"
    shutil.copytree(QUERIES, copy, ignore=shutil.ignore_patterns("qc"))
    assert not is_stale(copy)
    rq = copy / "conflicts.rq"
    rq.write_text(rq.read_text(encoding="utf-8").replace("# title: Which claims conflict?",
                                                         "# title: Which claims clash?"),
                  encoding="utf-8")
    assert is_stale(copy)
    assert "Which claims clash?" in render(load_catalogue(copy))


def test_an_update_is_refused_as_such():
    proc = run_subprocess("sparql", "-", input="PREFIX ex: <urn:x:>\n# add one\n"
                                               "INSERT DATA { ex:a ex:b ex:c }")
    assert proc.returncode == 2
    assert "this is a SPARQL Update; lmskg only reads" in proc.stderr
