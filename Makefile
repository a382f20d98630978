# Everything runs from a local virtual environment installed from requirements.lock: every
# transitive dependency pinned with its hashes (`make lock` regenerates it from requirements*.txt).
# The package itself (pyproject.toml: the notesite plugin and console script) is installed
# editable on top, without dependencies, so the build uses the plugin from this checkout.
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

# Mermaid for ```mermaid diagrams, shipped in the package (committed: pip installs it with the
# plugin, and the site asks no other host). `make vendor-mermaid` fetches the pinned release from
# the npm registry again and checks it; a new version needs its new checksum here.
MERMAID_VERSION := 11.17.2
MERMAID_SHA256 := 581ed7d74bd9048d0e3a91363927d72ef22942d7722546b27f7cc29e35390eb8
VENDOR := hooks/notesite_mkdocs/assets/javascripts/vendor

.PHONY: setup lock serve build test test-fast lint clean vendor-mermaid

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

node_modules/.installed-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup: $(STAMP)

# After a change to requirements.txt or requirements-dev.txt: pin the new set, with hashes.
lock: setup
	$(BIN)/uv pip compile requirements-dev.txt --generate-hashes --python-version 3.11.7 \
		--python-platform x86_64-manylinux_2_28 --no-header --quiet -o requirements.lock

# Each edit rebuilds only the pages it changed, as with --dirty: the plugin makes plain `mkdocs
# serve` incremental (notesite_mkdocs/incremental.py keeps the navigation, search and deleted notes
# right, so MkDocs' warning about dirty builds is dropped).
serve: setup
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

build: setup
	$(BIN)/mkdocs build --strict

test: setup $(JS_STAMP)
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser"

# Style, types (pyproject.toml's [tool.mypy]) and the layers of the core ([tool.importlinter]).
lint: setup
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/ruff format --check hooks scripts tests
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

vendor-mermaid:
	rm -rf $(VENDOR)/.fetch && mkdir -p $(VENDOR)/.fetch
	cd $(VENDOR)/.fetch && npm pack --silent mermaid@$(MERMAID_VERSION) && tar xzf mermaid-$(MERMAID_VERSION).tgz
	echo "$(MERMAID_SHA256)  $(VENDOR)/.fetch/package/dist/mermaid.min.js" | sha256sum --check --quiet
	cp $(VENDOR)/.fetch/package/dist/mermaid.min.js $(VENDOR)/mermaid.min.js
	cp $(VENDOR)/.fetch/package/LICENSE $(VENDOR)/mermaid.LICENSE
	rm -rf $(VENDOR)/.fetch

clean:
	rm -rf site $(VENV) .pytest_cache .mypy_cache node_modules test-output
