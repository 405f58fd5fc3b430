# Two commands for a fresh clone:  make run  (the pipeline on the shipped campaign)
#                                  make test (the test suite)
VENV   ?= .venv
PYTHON ?= python3
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
# Python 3.10, the oldest version pyproject.toml promises, in a venv of its own
VENV310   ?= .venv310
PYTHON310 ?= python3.10
STAMP310   = $(VENV310)/.installed

.PHONY: run test test310 fuzz bench languages lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	@$(BIN)/python -m compileall -q src  # bytecode ahead of time: quicker start-up
	$(BIN)/reclaim-i18n all

test: $(STAMP)
	$(BIN)/python -m pytest

$(STAMP310): pyproject.toml
	test -x $(VENV310)/bin/python || $(PYTHON310) -m venv $(VENV310)
	$(VENV310)/bin/python -m pip install --quiet --upgrade pip
	$(VENV310)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP310)

# The test suite on Python 3.10 (.ci/run finds an interpreter: make test310 PYTHON310=…)
test310: $(STAMP310)
	$(VENV310)/bin/python -m pytest

# The long variants of the property, fuzz and crash tests (minutes, not seconds).
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-20000} KILL_RUNS=$${KILL_RUNS:-60} EDIT_EXAMPLES=$${EDIT_EXAMPLES:-200} \
	  $(BIN)/python -m pytest -o addopts="" -q tests/test_fuzz.py tests/test_reliability.py \
	  tests/test_merge_properties.py -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/web.py

# babel's language data for every locale, ahead of time (after upgrading babel)
languages: $(STAMP)
	$(BIN)/python -c 'from reclaim_i18n.locales import write_language_table as w; w()'

lint: $(STAMP)
	$(BIN)/ruff check src tests

clean:
	rm -rf build .pytest_cache
