# The two commands of the quick start: `make chat` and `make test`.
# Each sets up its own virtual environment first, so both work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: chat test lint serve clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,slack,discord]'
	touch $(INSTALLED)

chat: $(INSTALLED)
	$(BIN)/studybot chat

serve: $(INSTALLED)
	$(BIN)/studybot serve

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
