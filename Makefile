# Everything runs from a local virtual environment with the pinned requirements.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000
# Material prints a notice about its successor on every build; it is known (see design.md).
export NO_MKDOCS_2_WARNING := 1

# axe-core for the browser tests' accessibility checks, pinned in package-lock.json. Installed only
# where npm is available; without it those checks skip and say so (CI fails instead).
NPM := $(shell command -v npm 2>/dev/null)
JS_STAMP := $(if $(NPM),node_modules/.installed-stamp)

.PHONY: setup serve build test test-fast lint clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

node_modules/.installed-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup: $(STAMP)

serve: setup
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

build: setup
	$(BIN)/mkdocs build --strict

test: setup $(JS_STAMP)
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser"

lint: setup
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/ruff format --check hooks scripts tests

clean:
	rm -rf site $(VENV) .pytest_cache node_modules test-output
