# Two commands do all set-up on a fresh machine (Python 3.11, make, git; npm for the search shim):
#   make manual   set up .venv, validate, build the site and the search index
#   make test     set up .venv if needed, install Chromium and poppler-utils if missing (as root, with
#                 apt-get; otherwise it says what to install) and run every test
#   make lint     ruff over the package, the tests and the benchmarks; mypy over the package
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# npm packages: the search shim and a font, published inside the site (scripts/tism/paths.py),
# and axe-core, which only the accessibility tests use.
VENDOR := build/vendor/.installed
NPM_PACKAGES := iframe-worker@1.0.4 @fontsource/baloo-da-2@5.3.0 axe-core@4.14.1

.PHONY: manual test lint system validate print bundle bench clean

manual: $(VENV)/.installed $(VENDOR)
	$(BIN)/tism build
	@echo
	@echo "Open the manual:  $(CURDIR)/site/index.html"
	@echo "Search it:        $(BIN)/tism search consent   (add --json, --chapter IV, --role investigator)"

# Test files run in parallel, one worker per core (pytest-xdist), each file whole in one worker so
# that the site, index and PDFs a file needs are built once.
test: system $(VENV)/.installed $(VENDOR)
	$(BIN)/python -m pytest -n auto --dist loadfile

lint: $(VENV)/.installed
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy

# Debian's chromium and poppler-utils, for the browser and PDF tests and `tism print`.
system:
	@scripts/system-packages.sh

validate: $(VENV)/.installed
	$(BIN)/tism validate

# For trainers: chapter PDFs (English and Bengali), pocket cards and forms into build/print/.
print: system manual
	$(BIN)/tism print

# For field laptops: one zip with both sites, the index and the PDFs.
bundle: print
	$(BIN)/tism bundle

# Search quality and speed figures (the speed benchmark compares lunr.py and tantivy too).
bench: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python scripts/bench/search_quality.py
	$(BIN)/python scripts/bench/search_speed.py

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENDOR): Makefile
	mkdir -p build/vendor
	npm install --silent --no-save --no-audit --no-fund --prefix build/vendor $(NPM_PACKAGES)
	touch $@

clean:
	rm -rf site build
