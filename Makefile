# Two commands for a newcomer: `make run` (set up and serve) and `make test` (set up and test).
PYTHON ?= python3.12
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test setup venv dev js system messages db lint lock clean

run: setup ## Set everything up and serve the app at http://$(HOST), with a background worker
	DEBUG=true $(PY) manage.py db_worker --queue-name '*' & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	DEBUG=true $(PY) manage.py runserver $(HOST)

test: dev js system messages ## Set up and run the whole test suite, browser tests included
	$(PY) -m ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

# The browser tests need Chromium; running the app does not.
test: WITH_BROWSER := 1

setup: venv system messages db

system: ## Install the Debian packages the app (and with `make test`, its tests) needs, when missing and run as root
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	fc-list 2>/dev/null | grep -qi nanum || missing="$$missing fonts-nanum"; \
	if [ -n "$(WITH_BROWSER)" ]; then command -v chromium >/dev/null || missing="$$missing chromium"; fi; \
	if [ -n "$(WITH_BROWSER)" ]; then command -v npm >/dev/null || missing="$$missing npm"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages:$$missing. Run: sudo apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi

venv: $(VENV)/.installed ## What runs the app (requirements.txt)

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

dev: $(VENV)/.dev-installed ## Plus the test tools (requirements-dev.txt)

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

js: node_modules/.package-lock.json ## The JavaScript the browser tests inject (axe-core), pinned by package-lock.json

node_modules/.package-lock.json: package.json package-lock.json | system
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

messages: locale/ko/LC_MESSAGES/django.mo

locale/ko/LC_MESSAGES/django.mo: locale/ko/LC_MESSAGES/django.po $(VENV)/.installed
	$(PY) manage.py compilemessages -l ko --ignore=.venv --ignore=node_modules -v0

db: venv messages
	# migrate also creates the cache table CACHE_BACKEND=database needs (studyapp/apps.py)
	DEBUG=true $(PY) manage.py migrate --no-input -v0
	DEBUG=true $(PY) manage.py load_content
	DEBUG=true $(PY) manage.py seed_demo

lint: dev
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

lock: venv ## Re-resolve pinned dependencies (needs network access to PyPI)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes -q -o requirements.txt --python-version 3.12
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes -q -o requirements-dev.txt --python-version 3.12

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles test-results locale/ko/LC_MESSAGES/django.mo
