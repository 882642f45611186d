# weakties — a newcomer needs two commands:  `make demo`  and  `make test`.
# Everything installs from PyPI (pinned by requirements.lock) and Debian.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/weakties
export WEAKTIES_HOME ?= $(CURDIR)/var

.PHONY: install system-deps demo test test-sqlite test-postgres lint bench lock clean

$(STAMP): pyproject.toml requirements.lock package.json package-lock.json
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON)"; exit 1; }
	@scripts/system-deps.sh
	@scripts/vendor-assets.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the test suite needs as well: Chromium for the browser tests.
system-deps:
	@scripts/system-deps.sh --test

# `make demo PORT=8111` (or WEAKTIES_PORT=8111) picks the port; HOST=0.0.0.0 listens on the network.
demo: install
	$(BIN)/weakties demo $(if $(PORT),--port $(PORT)) $(if $(HOST),--host $(HOST))

# The two halves run at the same time (TEST_JOBS=1: one after the other); each prints its
# output when it is done. Measured on this 2-core machine: together 16 min, one after the other
# 13 + 13 min (each process waits much of the time: on a browser, a server, PostgreSQL).
TEST_JOBS ?= 2
test: install system-deps
	$(MAKE) -j$(TEST_JOBS) --output-sync=target test-sqlite test-postgres

# The suite runs on PYTEST_WORKERS processes (pytest-xdist; `make test PYTEST_WORKERS=0` runs it
# in one), each with a home of its own under var/test and, on PostgreSQL, a database of its own.
PYTEST_WORKERS ?= 2
test-sqlite: export WEAKTIES_HOME := $(CURDIR)/var/test/sqlite
test-postgres: export WEAKTIES_HOME := $(CURDIR)/var/test/postgres

test-sqlite: install
	$(BIN)/pytest -q -n $(PYTEST_WORKERS)

test-postgres: install
	@scripts/start-postgres.sh
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n $(PYTEST_WORKERS)

# ruff's rules include C901 (complexity at most 12); the format check keeps one style.
lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/import.py

# Re-pin every dependency after changing pyproject.toml.
lock:
	$(BIN)/pip freeze --exclude-editable | grep -v '^weakties' > requirements.lock

clean:
	rm -rf $(VENV) var .pytest_cache node_modules src/weakties/web/static/weakties/vendor
