# Two commands do all set-up on a fresh machine:
#   make run    creates .venv, installs, compiles translations, migrates the database, serves the site
#   make test   creates .venv, installs, compiles translations, runs ruff, the import contracts and the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint format translations messages bench screenshots report-images deliverable-screenshots clean

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

test: translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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
