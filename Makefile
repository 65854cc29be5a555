# Quick start: `make site`, then `make test`. Everything runs from a local virtual environment (.venv)
# with the pinned versions in requirements.txt.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
# The builder: mkdocs (MkDocs 1.6 + Material, the default) or zensical (`make site BUILDER=zensical`).
BUILDER ?= mkdocs
# Reproducible output: dates in generated files come from here, not from the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: bench site offline check schema generate serve test browser-deps clean audit links messages

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

check: $(VENV)/.installed
	$(PY) -m build_scripts check

schema: $(VENV)/.installed
	$(PY) -m build_scripts schema

# The interface's strings: extract them from the templates and the code into locale/messages.pot and merge
# them into each language's catalog (locale/<lang>/LC_MESSAGES/messages.po), where new ones wait for a
# translation (tests/test_i18n.py fails until every one has one).
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k gettext -k ngettext:1,2 --no-location --omit-header \
	  --sort-output -o locale/messages.pot .
	$(VENV)/bin/pybabel update -i locale/messages.pot -d locale -D messages --no-fuzzy-matching --ignore-obsolete

# The record is translated whole: a text without Chinese stops the build (make check only warns about it).
generate: $(VENV)/.installed
	$(PY) -m build_scripts build --require zh

# Build into site.new and swap it in only when the build succeeded: a failure leaves site/ as it was.
# No --quiet: it hides warnings from the counter that --strict checks, so a broken link would pass (MkDocs 1.6.1).
site: generate
	rm -rf site.new
	$(PY) tools/build_site.py $(BUILDER) mkdocs.yml site.new
	rm -rf site.old
	if [ -d site ]; then mv site site.old; fi
	mv site.new site
	rm -rf site.old
	@echo "site/ is ready: open site/index.html"

# The offline copy, opened from file:// with working search and no request leaving the folder.
offline: generate node_modules/.installed
	for edition in docs docs/zh; do \
	  mkdir -p $$edition/assets/iframe-worker && cp node_modules/iframe-worker/shim/index.js $$edition/assets/iframe-worker/shim.js; \
	done
	rm -rf site-offline.new
	$(PY) tools/build_site.py $(BUILDER) mkdocs.offline.yml site-offline.new
	rm -rf site-offline && mv site-offline.new site-offline
	rm -f site-offline.zip && $(PY) -c "import shutil; shutil.make_archive('site-offline', 'zip', '.', 'site-offline')"
	@echo "site-offline/ and site-offline.zip are ready"

# Live preview: the watcher regenerates docs/ when a YAML file or template changes; mkdocs serve reloads.
# --dirty rebuilds only the pages the watcher rewrote: a full rebuild of thousands of pages takes far longer.
# tools/serve.py is `mkdocs serve` told of changes by the system instead of polling docs/; where the system
# cannot tell (some network or container mounts): `make serve SERVER="$(VENV)/bin/mkdocs serve"`.
SERVER ?= $(PY) tools/serve.py
serve: generate
	$(PY) -m build_scripts watch & watcher=$$!; \
	trap "kill $$watcher" EXIT INT TERM; \
	NO_MKDOCS_2_WARNING=1 $(SERVER) --dirty --dev-addr 127.0.0.1:8000

# What the browser and validity tests need: Debian's Chromium and Java 17+ for vnu.jar (installed when running
# as root) and the npm packages.
browser-deps: node_modules/.installed
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install -y chromium'"; exit 1; fi; fi
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "Java is missing: run 'sudo apt-get install -y default-jre-headless'"; exit 1; fi; fi
	@if [ ! -d /usr/share/fonts/opentype/noto ] || ! ls /usr/share/fonts/opentype/noto | grep -q CJK; then \
	  if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	  else echo "Chinese fonts are missing: run 'sudo apt-get install -y fonts-noto-cjk'"; exit 1; fi; fi

# Lighthouse on the built site served over loopback (home, timeline, one claim): the four category
# scores, failing audits and top opportunities; reports in test-artifacts/lighthouse/ (git-ignored).
# AUDIT_ARGS="--compress --runs 3": gzip and cache headers as a static host sends, median of 3 runs.
audit: site node_modules/.installed
	$(PY) tools/audit.py $(AUDIT_ARGS)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Link health: every source's url and archive_url (tools/links.py); LINKS_ARGS="--strict --archive" as needed.
links: $(VENV)/.installed
	$(PY) tools/links.py $(LINKS_ARGS)

# Synthetic corpora of 1,000 and 10,000 events; results in benchmarks/results/ (git-ignored).
bench: $(VENV)/.installed
	$(PY) benchmarks/bench.py

test: $(VENV)/.installed browser-deps
	$(PY) -m pytest -q

clean:
	rm -rf site site.new site.old site-offline site-offline.zip .pytest_cache
	$(PY) -c "from build_scripts.writer import write; from pathlib import Path; write({}, Path('docs'))" 2>/dev/null || true
