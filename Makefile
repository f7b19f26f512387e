# lmskg: a knowledge graph of leiomyosarcoma treatment evidence.
#
# Builds the RDF dataset in build/ from the curated records in data/, checked
# against the source documents in $(CORPUS). Needs Python 3.11+ and Java 17
# (for the HermiT reasoner); everything else is installed into .venv from the
# pinned requirements.lock on first use.
#
#   make run       set up, build, check, report coverage, answer showcase questions
#   make test      set up, run the test suite (the browser tests need Chromium)
#   make site      the evidence site in build/site/ (open build/site/index.html)
#   make practice  build and check the practice graph (examples/practice, never the main graph)
#   make eval-extract  draft the seed and practice texts, compare with their curation: build/eval-extract.md
#   make test-virtuoso  publish to a private Virtuoso on loopback and compare every question
#                  (needs Debian's virtuoso-opensource; not part of make test)
#   make bench     the benchmark (BENCH_SIZES, BENCH_FULL=1): build/bench/results.md and a plot
#   make help   list every target

PYTHON   ?= python3
VENV     ?= .venv
BUILD    ?= build
PORT     ?= 7878
SHOWCASE ?= sources-overview outcomes-for-regimen outcomes-for-line outcome-table conflicts corroborations
# the practice texts (not evidence sources) and their curation, built apart from the main graph
PRACTICE_DATA   ?= examples/practice/data
PRACTICE_CORPUS ?= ../shared/practice

BIN      := $(VENV)/bin
LMSKG    := $(BIN)/lmskg
STAMP    := $(VENV)/.installed-stamp
# CORPUS=DIR overrides where the corpus is; by default lmskg looks in ../shared/corpus beside
# this checkout, then beside the repository it was cloned from.
ifdef CORPUS
export LMSKG_CORPUS := $(CORPUS)
endif
export LMSKG_BUILD := $(BUILD)

.DEFAULT_GOAL := help
.PHONY: help setup run build check docs site coverage queries serve test test-virtuoso practice eval-extract bench fmt fmt-check catalogue schema terms lock clean distclean

help: ## list every target with what it does
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml requirements.lock
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

setup: $(STAMP) ## create .venv and install the pinned dependencies and the package

run: $(STAMP) ## the main job: build, check, coverage report (one pass), showcase questions
	$(LMSKG) build --check
	@for q in $(SHOWCASE); do echo; echo "== lmskg query $$q"; $(LMSKG) query $$q || exit $$?; done

build: $(STAMP) ## check the curated data and write every export to build/
	$(LMSKG) build

check: $(STAMP) ## OWL reasoning (HermiT), SHACL shapes and QC queries on the graph
	$(LMSKG) check

docs: $(STAMP) ## write build/docs/ontology.html: classes, properties and named individuals
	$(LMSKG) docs

site: $(STAMP) ## write the evidence site to build/site/ (static HTML and SVG; builds first if needed)
	@test -f $(BUILD)/manifest.json || $(LMSKG) build
	$(LMSKG) site

coverage: $(STAMP) ## write build/coverage.md: every sentence with the claims anchored in it
	$(LMSKG) coverage

queries: $(STAMP) ## list the competency-question catalogue
	$(LMSKG) query --list

serve: $(STAMP) ## serve build/ read-only over SPARQL (Oxigraph), the site and the IRIs on 127.0.0.1, PORT=7878 (builds first if needed)
	@test -f $(BUILD)/lmskg.trig || $(LMSKG) build
	@test -f $(BUILD)/site/index.html || $(LMSKG) site
	$(LMSKG) serve --port $(PORT)

test: $(STAMP) ## run the test suite (not the Virtuoso tests: see test-virtuoso)
	$(BIN)/python -m pytest -q -n auto --dist loadfile

test-virtuoso: $(STAMP) ## publish to a private Virtuoso on loopback, compare every question (needs virtuoso-opensource)
	@command -v virtuoso-t >/dev/null 2>&1 || { echo "make test-virtuoso: virtuoso-t is not on PATH;" \
	  "install it: apt-get install -y virtuoso-opensource" >&2; exit 1; }
	$(BIN)/python -m pytest -q -m virtuoso tests/virtuoso

practice: $(STAMP) ## build and check the practice graph (examples/practice, ../shared/practice) into build/practice
	$(LMSKG) build --check --data $(PRACTICE_DATA) --corpus $(PRACTICE_CORPUS) --build $(BUILD)/practice
	$(LMSKG) query comparative-results-for-regimen --data $(PRACTICE_DATA) --corpus $(PRACTICE_CORPUS) --build $(BUILD)/practice

eval-extract: $(STAMP) ## draft the seed and practice texts with lmskg extract, compare with their curation: build/eval-extract.md
	$(BIN)/python -m lmskg.extract.report --out $(BUILD)/eval-extract.md \
	    --set seed data '' \
	    --set practice $(PRACTICE_DATA) $(PRACTICE_CORPUS)

bench: $(STAMP) ## benchmark: synth, build, check, every question on each engine (BENCH_SIZES=1000,10000,100000; BENCH_FULL=1 adds 1M) -> build/bench/
	BENCH_SIZES="$(BENCH_SIZES)" BENCH_FULL="$(BENCH_FULL)" $(BIN)/python -m lmskg.bench

fmt: $(STAMP) ## rewrite data/ and the practice data in canonical form
	$(LMSKG) fmt
	$(LMSKG) fmt --data $(PRACTICE_DATA)

fmt-check: $(STAMP) ## list curated files that are not in canonical form
	$(LMSKG) fmt --check
	$(LMSKG) fmt --check --data $(PRACTICE_DATA)

catalogue: $(STAMP) ## regenerate queries/README.md and the generated blocks of the queries
	$(LMSKG) catalogue --write

schema: $(STAMP) ## regenerate data/schema/*.schema.json (JSON Schemas for editors) from the records
	$(LMSKG) schema --write
	$(LMSKG) schema --write --data $(PRACTICE_DATA)

terms: $(STAMP) ## regenerate loader/lmskg/ontology/terms.py from the ontology
	$(LMSKG) terms --write

lock: $(STAMP) ## rewrite requirements.lock from what .venv holds
	@{ echo "# Exact versions of every package installed into .venv (direct and transitive)."; \
	   echo "# Regenerate with: make lock   (after changing pyproject.toml)"; \
	   $(BIN)/python -m pip freeze --exclude-editable | grep -iv '^lmskg'; } > requirements.lock

clean: ## remove build/
	rm -rf $(BUILD)

distclean: clean ## remove build/ and .venv
	rm -rf $(VENV)
