# Two commands do all set-up on a fresh machine:
#   make run    creates .venv, installs, compiles translations, migrates the database, serves the site
#   make test   creates .venv, installs, compiles translations, runs ruff, the import contracts and the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 5000

# Bytecode caches are written even where the environment asks not to (PYTHONDONTWRITEBYTECODE=1, as on some CI
# machines): without them every test process, gunicorn worker and CLI run compiles the app again, and pytest
# rewrites every test module's asserts again, about 5 s of CPU per process.
unexport PYTHONDONTWRITEBYTECODE

# The suite runs in three steps after the code checks: the unit and web tests (anything not marked e2e, slow or
# serial) in parallel, WORKERS pytest-xdist processes, each on its own SQLite file and PostgreSQL database; the
# browser tests (e2e) in parallel too, a test file per worker at a time, each worker with its own live server and
# Chromium; then the load (slow) and worker-process (serial) tests, one at a time. PYTEST_ARGS narrows every
# step, e.g. PYTEST_ARGS=tests/unit: a step that it leaves without a test (pytest's exit code 5) then passes;
# any failure still fails.
WORKERS ?= auto
PYTEST = $(BIN)/python -m pytest
# Each step ends with its slowest tests, to see where the time goes.
SLOWEST = --durations=15
PARALLEL_STEP = $(PYTEST) -n $(WORKERS) --dist worksteal $(SLOWEST) -m "not e2e and not slow and not serial"
BROWSER_STEP = $(PYTEST) -n $(WORKERS) --dist loadfile $(SLOWEST) -m "e2e and not slow and not serial"
SERIAL_STEP = $(PYTEST) $(SLOWEST) -m "slow or serial"
NOTHING_SELECTED_IS_FINE = $(if $(strip $(PYTEST_ARGS)),|| [ $$? -eq 5 ])

.PHONY: run test test-unit test-web test-e2e test-load check-code lint format translations \
	messages bench screenshots report-images deliverable-screenshots clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

translations: $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d translations

run: translations
	$(BIN)/flask --app app db upgrade
	$(BIN)/flask --app app run --host $(HOST) --port $(PORT)

test: check-code
	$(PARALLEL_STEP) $(PYTEST_ARGS) $(NOTHING_SELECTED_IS_FINE)
	$(BROWSER_STEP) $(PYTEST_ARGS) $(NOTHING_SELECTED_IS_FINE)
	$(SERIAL_STEP) $(PYTEST_ARGS) $(NOTHING_SELECTED_IS_FINE)

check-code: translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

test-unit: translations  ## one layer at a time, without ruff: tests/unit, in parallel
	$(PYTEST) -n $(WORKERS) tests/unit $(PYTEST_ARGS)

test-web: translations  ## tests/web (SQLite, and PostgreSQL with TEST_DATABASE_URL), in parallel
	$(PYTEST) -n $(WORKERS) tests/web $(PYTEST_ARGS)

test-e2e: translations  ## tests/e2e, in Chromium, a test file per worker
	$(PYTEST) -n $(WORKERS) --dist loadfile tests/e2e $(PYTEST_ARGS)

test-load: translations  ## tests/load, real gunicorn servers, serially
	$(PYTEST) tests/load $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/lint-imports --no-cache

format: lint

bench: translations  ## BENCH_ARGS="--duration 10" or "--only report": see bench/README.md
	$(BIN)/python -m bench $(BENCH_ARGS)

screenshots: translations  ## docs/screenshots/<page>-<lang>-<desktop|mobile>.png, in Chromium
	$(BIN)/python -m tests.e2e.screenshots

report-images: translations  ## docs/report-*.png and PDF pages of three realistic respondents, in Chromium
	$(BIN)/python -m tests.e2e.report_images

deliverable-screenshots: translations  ## docs/deliverables/: the deck's slides and the workbook's sheets, via LibreOffice
	$(BIN)/python -m tests.e2e.deliverable_screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

messages: $(STAMP)  ## re-extract UI strings and merge them into the catalogs
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching
