# Two commands do all set-up on a fresh machine (Python 3.11, make, git; npm for the search shim):
#   make manual   set up .venv, validate, build the site and the search index
#   make test     set up .venv if needed and run every test
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SHIM := build/vendor/node_modules/iframe-worker/shim/index.js
IFRAME_WORKER := iframe-worker@1.0.4

.PHONY: manual test validate clean

manual: $(VENV)/.installed $(SHIM)
	$(BIN)/tism build
	@echo
	@echo "Open the manual:  $(CURDIR)/site/index.html"
	@echo "Search it:        $(BIN)/tism search consent   (add --json, --chapter IV, --role investigator)"

test: $(VENV)/.installed $(SHIM)
	$(BIN)/python -m pytest

validate: $(VENV)/.installed
	$(BIN)/tism validate

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The Web Worker shim the offline site needs for search under file:// (MIT, from the npm registry).
$(SHIM):
	mkdir -p build/vendor
	npm install --silent --no-save --no-audit --no-fund --prefix build/vendor $(IFRAME_WORKER)
	test -f $@

clean:
	rm -rf site build
