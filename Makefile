# Two commands do everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

BENCH_STAMP := $(VENV)/.installed-bench
PROPERDOCS_STAMP := $(VENV)/.installed-properdocs

.PHONY: site test serve markdown clean screenshots bench properdocs

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

$(PROPERDOCS_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[properdocs]'
	touch $(PROPERDOCS_STAMP)

site: $(STAMP)
	$(PY) build.py $(BUILD_ARGS)

# The same site and bundle built with ProperDocs, the maintained fork of MkDocs (README:
# "The engine").
properdocs: $(PROPERDOCS_STAMP)
	$(PY) build.py --engine properdocs $(BUILD_ARGS)

markdown: $(STAMP)
	$(PY) build.py --markdown-only

# One worker per core; a worker that runs out of tests takes some of the other's (worksteal:
# 226 s against 263 s with a file per worker, one run each on 2 cores). The builds the tests
# share (session fixtures) are made once per worker that needs them. TEST_WORKERS=0 runs in
# one process.
TEST_WORKERS ?= 2
test: $(STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# The Material end-of-life notice is for maintainers (see README), not for every preview.
# --dirty: a rebuild renders only the pages whose Markdown changed (the hook keeps the search
# index whole), so an edit shows in seconds in an archive of thousands of briefings.
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve --dirty

# Scale: synthetic archives of 100, 400 and 1,000 stories x 4 languages, against
# mkdocs-static-i18n; the report goes to bench/ (about 25 minutes on 2 cores).
bench: $(BENCH_STAMP)
	$(PY) -m briefings.bench $(BENCH_ARGS)

screenshots: $(STAMP)
	$(PY) screenshots/take.py

clean:
	rm -rf site_src site dist .build
