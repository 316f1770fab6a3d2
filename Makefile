# Two commands set up everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The dev server runs with DEBUG on; the test settings and `make serve` keep it off.
DEV := DEBUG=1

.PHONY: install run worker test serve lint browser-deps messages clean bench-search

# Debian splits venv/ensurepip into python3-venv: install it when we may (root), else say so.
# A venv that failed half-way is removed, so the next run starts clean.
$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing python3-venv (apt-get) ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	  else \
	    echo "Python's venv module is missing: install it (Debian/Ubuntu: sudo apt-get install python3-venv)" >&2; \
	    exit 1; \
	  fi; }
	@test -x $(VENV)/bin/pip || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed .env

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
	$(RUN_ENV) $(PY) manage.py ensure_superuser
	$(RUN_ENV) sh -c '$(PY) manage.py db_worker & worker=$$!; \
	  trap "kill $$worker 2>/dev/null; wait $$worker 2>/dev/null" EXIT; trap "exit 130" INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)'

# The task worker alone, for a dev server started another way (`manage.py runserver`).
worker: install
	$(RUN_ENV) $(PY) manage.py db_worker

# PYTEST_ARGS passes options on, e.g. make test PYTEST_ARGS='-m "not browser"' (CI runs the
# browser tests once, on PostgreSQL).
test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The site as production runs it (gunicorn, DEBUG off, WhiteNoise), over plain HTTP on
# loopback. Needs SECRET_KEY; uses the same SQLite file as `make run` unless DATABASE_URL is set.
serve: install
	DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	  SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} SECURE_SSL_REDIRECT=0 \
	  SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0 SERVE_MEDIA=1 \
	  sh -c '$(PY) manage.py migrate --noinput && $(PY) manage.py collectstatic --noinput -v 0 && \
	  $(VENV)/bin/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-3}'

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

# No source locations in the catalogues: moving code around changes nothing in them.
MAKEMESSAGES_ARGS := -l de -l nl --no-location --ignore=.venv --ignore=tests --ignore=staticfiles

messages: install
	$(DEV) $(PY) manage.py makemessages $(MAKEMESSAGES_ARGS)
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv

# The search benchmark (README "Benchmarks"): 10,000 articles in a PostgreSQL database of its
# own, DATABASE_URL (default postgres://postgres@127.0.0.1:5432/cms_bench, created if missing).
bench-search: install
	$(PY) bench/search.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
