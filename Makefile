# Battlemap — `make help` lists the targets.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# the Python the venv is made from (`make install PYTHON=/usr/bin/python3`: a service user must be able to run it)
PYTHON ?= python3
BM := $(VENV)/bin/battlemap
APT_RUN := gettext fonts-wqy-zenhei fonts-noto-cjk fonts-dejavu-core fonts-noto-core fonts-symbola poppler-utils
APT_TEST := chromium postgresql libreoffice-impress
PYTEST_ARGS ?=
# Test processes (pytest-xdist). The browser tests run in one process beside the others, at the same time
# (scripts/beside-browser-tests.sh): on 2 cores they and the command-line tests spend much of their time waiting on
# Chromium and on child processes, and several browser processes at once were slower (xdist alone: 2 processes
# 17 min 41 s, 3 14 min 17 s, 4 from 10 min 38 s to over 17 min as the browser tests fell). The other SQLite tests take
# SQLITE_WORKERS processes, then the PostgreSQL run PG_WORKERS (it is CPU-bound: 3 were slower than 2) with work
# stealing (4 min 55 s → 4 min 32 s), while the browser tests go on.
SQLITE_WORKERS ?= 4
PG_WORKERS ?= 2
# Python's default: write bytecode. Some machines set PYTHONDONTWRITEBYTECODE; then every test process compiles and
# assertion-rewrites every test module and pytest plugin package again (about 10 s of CPU a process, seven processes).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help install install-dev system-deps system-deps-test run test test-sqlite test-sqlite-rest test-pg test-e2e check bench messages clean

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

system-deps: ## install missing Debian packages the app needs (gettext, CJK and fallback fonts, poppler)
	@missing=$$(for p in $(APT_RUN); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "apt-get install $$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

system-deps-test: system-deps ## install missing Debian packages the tests need (Chromium, PostgreSQL, LibreOffice Impress)
	@missing=$$(for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "apt-get install $$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

node_modules/.installed: package.json
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
	touch $@

install: system-deps $(VENV)/.installed ## create .venv, install the package, its npm packages, compile translations
	@if [ -f package.json ]; then $(MAKE) --no-print-directory node_modules/.installed && npm run --silent vendor; fi
	cd battlemap && ../$(BM) compilemessages --ignore=node_modules -v0

install-dev: install $(VENV)/.installed-dev system-deps-test ## install + test tools and test system packages

run: install ## set up and serve the demo on 127.0.0.1:$(PORT) (log in as demo / demo)
	$(BM) migrate -v0
	$(BM) demo
	$(BM) collectstatic --noinput -v0
	PORT=$(PORT) $(BM) serve

test: install-dev ## set up and run the whole suite: SQLite with browser tests, and the database tests on PostgreSQL
	scripts/beside-browser-tests.sh $(PY) '$(MAKE) -k --no-print-directory test-sqlite-rest test-pg' $(PYTEST_ARGS)

# Tests never touch ./var: each run gets a temporary directory for the secret key and static files.
TEST_ENV = BATTLEMAP_VAR_DIR=$$(mktemp -d /tmp/battlemap-test.XXXXXX)

test-sqlite: ## the suite on SQLite, browser tests included
	scripts/beside-browser-tests.sh $(PY) '$(MAKE) --no-print-directory test-sqlite-rest' $(PYTEST_ARGS)

test-sqlite-rest: ## the suite on SQLite but the browser tests (the API fuzz without its coverage phase, which test-pg runs)
	$(TEST_ENV) API_FUZZ_COVERAGE=0 $(PY) -m pytest -q -n $(SQLITE_WORKERS) --durations=15 --ignore=tests/e2e $(PYTEST_ARGS)

test-pg: ## the tests that use the database (not the browser or page tests: tests/conftest.py PAGE_TESTS, nor `sqlite_run` ones) on a throwaway PostgreSQL server
	$(TEST_ENV) scripts/with-postgres.sh $(PY) -m pytest -q -m "not e2e" -n $(PG_WORKERS) --dist worksteal --durations=15 $(PYTEST_ARGS)

test-e2e: install-dev ## only the browser tests (Playwright + Debian's Chromium)
	$(TEST_ENV) $(PY) -m pytest -q -m e2e -n 2 tests/e2e $(PYTEST_ARGS)

check: install-dev ## lint, format check, types of the pure packages (analysis, inference, io/paste, and what they import)
	$(VENV)/bin/ruff check battlemap tests bench
	$(VENV)/bin/ruff format --check battlemap tests bench
	$(VENV)/bin/mypy battlemap/analysis battlemap/inference battlemap/io/paste

BENCHES := startup export portfolio analysis import import_cells import_map pages api enron hostile_text

bench: install-dev ## run every benchmark in bench/ and print the figures (each builds its own temporary database)
	@for b in $(BENCHES); do echo "== bench/$$b.py"; $(PY) bench/$$b.py || exit 1; done

messages: ## refresh the translation catalogs of every app after changing strings
	@for app in battlemap/*/locale; do (cd $$(dirname $$app) && PYTHONPATH=$(CURDIR) $(CURDIR)/$(PY) -P -m battlemap makemessages -l zh_Hans -l en -v0 --no-obsolete); done

clean: ## remove .venv, node_modules and built files (keeps ./var, your data)
	rm -rf $(VENV) node_modules battlemap/core/static/vendor test-artifacts
