# Two commands set up everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The dev server runs with DEBUG on; the test settings and `make serve` keep it off.
DEV := DEBUG=1

.PHONY: install lock audit backup restore run worker test serve serve-deps lint browser-deps html-deps screenshots messages clean bench-search

# Debian splits venv/ensurepip into python3-venv: install it when we may (root), else say so.
# A venv that failed half-way is removed, so the next run starts clean.
$(VENV)/.installed: pyproject.toml requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing python3-venv (apt-get) ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	  else \
	    echo "Python's venv module is missing: install it (Debian/Ubuntu: sudo apt-get install python3-venv)" >&2; \
	    exit 1; \
	  fi; }
	@test -x $(VENV)/bin/pip || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; }
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed .env

# The lock files (README "Dependencies"): every release pinned with the sha256 of each of its
# files, for every platform and every Python that pyproject.toml allows (--universal).
# requirements-dev.txt is resolved first and requirements.txt (what a deployment installs) takes
# its versions from it, so the two never disagree. The build backend (setuptools) is locked too:
# the project itself is installed with --no-build-isolation, so nothing unhashed is fetched.
# Pins already in a file are kept; LOCK_ARGS moves them: make lock LOCK_ARGS=--upgrade, or
# LOCK_ARGS='--upgrade-package django'.
LOCK_ARGS ?=
LOCK_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml - --universal --generate-hashes \
  --no-header --quiet $(LOCK_ARGS)
BUILD_REQUIRES = $(PY) -c 'import tomllib; \
  print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")'
LOCK_HEADER = \
  '\# Made from pyproject.toml by `make lock` (uv pip compile --universal --generate-hashes):' \
  '\# do not edit by hand. requirements.txt is what the site runs on, requirements-dev.txt adds' \
  '\# the dev extra; both pin every file by its sha256. Install (README "Dependencies"):' \
  '\#   pip install --require-hashes -r requirements.txt' \
  '\#   pip install --no-deps --no-build-isolation .'

lock:
	@test -x $(PY) || { $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; }
	@test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet 'uv>=0.5'
	$(BUILD_REQUIRES) | $(LOCK_COMPILE) --extra dev --output-file requirements-dev.txt
	$(BUILD_REQUIRES) | $(LOCK_COMPILE) --constraint requirements-dev.txt --output-file requirements.txt
	@for f in requirements-dev.txt requirements.txt; do \
	  { printf '%s\n' $(LOCK_HEADER); cat $$f; } > $$f.tmp && mv $$f.tmp $$f; done
	@echo "Locked. Run make test, then commit pyproject.toml and both requirements files."

# A development checkout: `.venv/bin/python manage.py …` works with DEBUG on (and its dev-only
# key) without typing DEBUG=1 each time. The tests never read it (settings_test switches .env
# off) and `make serve` sets DEBUG=0 over it. An existing .env is left alone.
.env:
	printf '# Made by make for a development checkout; production sets real variables.\nDEBUG=1\n' > $@

# SITE_URL follows PORT, so "View on site" and share links point at this server.
RUN_ENV := $(DEV) SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}

# The task worker (it sends the comment mails; README "Task worker") runs beside the dev server
# in the same terminal: Ctrl+C, or the server ending for any reason, stops both.
run: install
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py make_renditions
	$(RUN_ENV) $(PY) manage.py ensure_superuser
	$(RUN_ENV) sh -c '$(PY) manage.py db_worker & worker=$$!; \
	  trap "kill $$worker 2>/dev/null; wait $$worker 2>/dev/null" EXIT; trap "exit 130" INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)'

# The task worker alone, for a dev server started another way (`manage.py runserver`).
worker: install
	$(RUN_ENV) $(PY) manage.py db_worker

# PYTEST_ARGS passes options on, e.g. make test PYTEST_ARGS='-m "not browser"' (CI runs the
# browser tests once, on PostgreSQL).
# The Nu HTML Checker is fetched when it can be (Java and npm, or root to install them): the
# whole suite then runs; where it cannot, its test skips with the reason (and fails under CI).
test: install
	@$(MAKE) --no-print-directory html-deps || echo "make test: no Nu HTML Checker here; its test will skip (see above)" >&2
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The site as production runs it (README "The production stack"): nginx on 127.0.0.1:$(PORT)
# in front of gunicorn, DEBUG off, in the foreground until Ctrl+C; nothing outlives it
# (config/serve.sh). Plain HTTP on loopback, so the HTTPS-only settings are off. Needs
# SECRET_KEY; uses the same SQLite file as `make run` unless DATABASE_URL is set.
serve: serve-deps install
	exec env DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	  SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} SECURE_SSL_REDIRECT=0 \
	  SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0 \
	  PORT=$(PORT) PY=$(PY) GUNICORN=$(VENV)/bin/gunicorn bash config/serve.sh

# nginx for `make serve`, with the module that removes its Server header: installed from the
# distribution (Debian/Ubuntu) when missing and we are root, else the command to run is shown.
NGINX_PACKAGES := nginx libnginx-mod-http-headers-more-filter
serve-deps:
	@if bash config/serve.sh --check 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing $(NGINX_PACKAGES) (apt-get) ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(NGINX_PACKAGES) >/dev/null && bash config/serve.sh --check; \
	else \
	  bash config/serve.sh --check || { \
	    echo "Install it with: sudo apt-get install $(NGINX_PACKAGES)" >&2; exit 1; }; \
	fi

# makemigrations uses the test settings: config.settings refuses to load with DEBUG off and no
# SECRET_KEY, and the test settings supply both (they still read DATABASE_URL).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings_test $(PY) manage.py makemigrations --check --dry-run
	@# Every text in the code is in the de/nl catalogues (tests/test_i18n.py checks each one
	@# is translated): extract again and compare with what is committed.
	@command -v xgettext >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	$(DEV) $(PY) manage.py makemessages $(MAKEMESSAGES_ARGS) -v 0
	@git diff -I '^"POT-Creation-Date' --exit-code --stat -- locale || { \
	  echo "The translation catalogues miss texts from the code: run make messages, translate" \
	    "the new entries in locale/de and locale/nl, and commit them." >&2; exit 1; }

# Debian's Chromium for the browser tests (CI runs this; on a laptop they skip without it).
# Idempotent: does nothing when chromium is already on PATH. Needs root (CI and these machines are).
browser-deps:
	@if command -v chromium >/dev/null 2>&1; then \
	  echo "chromium is installed: $$(command -v chromium)"; \
	else \
	  echo "Installing Debian's chromium (apt-get) ..."; \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && \
	  echo "chromium installed: $$(command -v chromium)"; \
	fi

# $(call apt_need,COMMAND,PACKAGE): when COMMAND is not on PATH, PACKAGE from the distribution
# (apt-get) if we are root, else the command to run is shown and make stops.
apt_need = command -v $(1) >/dev/null 2>&1 || { \
  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
    echo "Installing $(2) (apt-get) ..."; \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends $(2) >/dev/null && command -v $(1) >/dev/null; \
  else \
    echo "$(1) is missing: install it with: sudo apt-get install $(2)" >&2; exit 1; \
  fi; }

# The Nu HTML Checker for tests/test_valid_html.py (CI runs this; on a laptop the test skips
# without it): Java from the distribution, vnu.jar from npm at the version pinned in
# tests/vnu/package-lock.json. Idempotent: installs only what is missing, and runs npm ci again
# only when the jar is missing or the lock file changed. --ignore-scripts: vnu-jar's postinstall
# would download a Java runtime from GitHub when none is on PATH; the tests use the system's.
VNU_DIR := tests/vnu
NPM_VNU_JAR := $(VNU_DIR)/node_modules/vnu-jar/build/dist/vnu.jar

html-deps:
	@$(call apt_need,java,default-jre-headless)
	@$(MAKE) --no-print-directory $(NPM_VNU_JAR)
	@echo "Nu HTML Checker $$(java -jar $(NPM_VNU_JAR) --version) on $$(java -version 2>&1 | head -n 1)"

$(NPM_VNU_JAR): $(VNU_DIR)/package.json $(VNU_DIR)/package-lock.json
	@$(call apt_need,npm,npm)
	npm ci --prefix $(VNU_DIR) --ignore-scripts --no-audit --no-fund
	@touch $@

# Full-page screenshots of the main pages of the demo site, 375 and 1280 px wide, light and
# dark, for reviewing the design by eye (README "Design"): into SCREENSHOTS_DIR, git-ignored.
SCREENSHOTS_DIR ?= screenshots
screenshots: install browser-deps
	$(VENV)/bin/pytest tests/browser/test_screenshots.py --screenshots=$(SCREENSHOTS_DIR) -q

# No source locations in the catalogues: moving code around changes nothing in them.
MAKEMESSAGES_ARGS := -l de -l nl --no-location --ignore=.venv --ignore=tests --ignore=staticfiles

messages: install
	$(DEV) $(PY) manage.py makemessages $(MAKEMESSAGES_ARGS)
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv

# The search benchmark (README "Benchmarks"): 10,000 articles in a PostgreSQL database of its
# own, DATABASE_URL (default postgres://postgres@127.0.0.1:5432/cms_bench, created if missing).
bench-search: install
	$(PY) bench/search.py

# The dependency audit (README "Dependencies"): pip-audit checks requirements.txt, the pins a
# deployment installs, against a vulnerability service (AUDIT_SERVICE: pypi, PyPI's JSON API,
# or osv). --strict makes a package it could not look up an error; without it pip-audit would
# say "No known vulnerabilities found" having checked nothing. Needs that service's network:
# CI does not run it.
AUDIT_SERVICE ?= pypi
AUDIT_URL_pypi := https://pypi.org/pypi/<package>/<version>/json
AUDIT_URL_osv := https://api.osv.dev/v1/query
audit: install
	@log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	$(VENV)/bin/pip-audit --requirement requirements.txt --require-hashes --disable-pip \
	  --strict --vulnerability-service $(AUDIT_SERVICE) --progress-spinner off >"$$log" 2>&1; \
	status=$$?; \
	if [ $$status = 0 ]; then cat "$$log"; \
	elif grep -Eq '^Found [0-9]+ known vulnerabilit' "$$log"; then cat "$$log"; \
	  echo "make audit: known vulnerabilities above: raise the floor in pyproject.toml," \
	    "make lock LOCK_ARGS='--upgrade-package NAME', make test, commit." >&2; exit 1; \
	else tail -n 3 "$$log" >&2; \
	  echo "make audit: FAILED: could not get vulnerability data from the $(AUDIT_SERVICE)" \
	    "service ($(AUDIT_URL_$(AUDIT_SERVICE))). Nothing was audited: this is not a clean" \
	    "result. Run it where that service is reachable (AUDIT_SERVICE=pypi or osv)." >&2; \
	  exit 1; fi

# Backups (README "Backups"): BACKUP_DIR/<UTC timestamp>/ with the database dump, the media
# files and a manifest of checksums; consistent while the site runs.
backup: install
	$(PY) manage.py backup

# make restore BACKUP=backups/<stamp> checks the backup and says what it would replace;
# YES=1 replaces the database and MEDIA_ROOT with it.
restore: install
	@test -n "$(BACKUP)" || { echo "Name the backup: make restore BACKUP=backups/<stamp>" >&2; exit 1; }
	$(PY) manage.py restore "$(BACKUP)" $(if $(filter 1,$(YES)),--yes)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache $(VNU_DIR)/node_modules screenshots
