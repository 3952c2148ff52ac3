# Two commands on a fresh machine: `make demo` (set up, run on the bundled corpus) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench lint clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/vnplan extract corpora/seeds corpora/rendered --out out/
	$(BIN)/vnplan eval out/documents.jsonl --gold corpora/gold

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/throughput.py --baselines --ocr --workers

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf out/ build/ *.egg-info
