# Two commands for a newcomer: `make run` and `make test`. Everything else builds on them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test bench lint install openapi

# The first Python >= 3.12 found; pyenv's shims honour .python-version (3.13).
FIND_PYTHON = for candidate in python3.13 python3.12 python3 python; do \
	  if command -v $$candidate >/dev/null 2>&1 \
	    && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    command -v $$candidate; exit 0; fi; \
	done; exit 1

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	@python=$$($(FIND_PYTHON)) || { \
	  echo "error: scope-intake needs Python 3.12 or newer and none was found on PATH." >&2; \
	  echo "       Install Python 3.13 (for example: pyenv install 3.13) and run make again." >&2; exit 1; }; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  echo "Creating $(VENV) with $$($$python --version)"; rm -rf $(VENV); $$python -m venv $(VENV); fi
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq -e '.[dev]'
	@touch $@

# `make run ADDRESS=127.0.0.1:8011` serves elsewhere; the demo login printed is for that address.
ADDRESS ?= 127.0.0.1:8000
run: $(INSTALLED)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py restamp_engine
	$(PY) manage.py seed_demo --site http://$(ADDRESS)
	exec $(PY) manage.py runserver $(ADDRESS)

# On SQLite by default; set DATABASE_URL to run on PostgreSQL. PYTEST_ARGS narrows the run.
# One worker per core (pytest-xdist), each with its own test database; PYTEST_WORKERS=0 runs in one.
# A worker that runs out of tests takes half of another's (worksteal): the tests' lengths differ a lot.
PYTEST_WORKERS ?= auto
test: $(INSTALLED)
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Every benchmark runs and prints its figures; the target fails at the end if any missed its target.
bench: $(INSTALLED)
	@failed=0; for bench in benchmarks/bench_*.py; do $(PY) -m benchmarks.$$(basename $$bench .py) || failed=1; done; exit $$failed

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The API's schema, kept in the repository: tests/rooms/api/test_openapi.py fails when it is not what the app serves.
openapi: $(INSTALLED)
	$(PY) manage.py openapi > docs/openapi.json
