# Concord: `make run` (app + worker + beat with demo content), `make test` (whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test test-fast lint messages
.DEFAULT_GOAL := run

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

run: setup
	@export CONCORD_DEMO=1 DEBUG=$${DEBUG:-0}; \
	$(MANAGE) migrate --noinput && \
	$(MANAGE) load_demo --url http://$(HOST):$(PORT) && \
	$(MANAGE) rebuild_index && \
	echo "Concord is starting at http://$(HOST):$(PORT)/  (Ctrl-C stops the web server, workers and beat)" && \
	trap 'kill 0' INT TERM EXIT; \
	$(VENV)/bin/celery -A config worker -Q index --concurrency=1 -n index@%h --loglevel=warning & \
	$(VENV)/bin/celery -A config worker -Q celery --concurrency=2 -n default@%h --beat --loglevel=warning & \
	$(MANAGE) runserver --noreload $(HOST):$(PORT) & \
	wait

# Tests keep their state (test database file, broker queue, index) apart from `make run`'s.
test: setup
	CONCORD_DATA_DIR=$${CONCORD_DATA_DIR:-var/test} $(PY) -m pytest

test-fast: setup
	CONCORD_DATA_DIR=$${CONCORD_DATA_DIR:-var/test} $(PY) -m pytest -m "not browser and not worker"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy config kb agents search

messages: setup
	$(MANAGE) makemessages -l zh_Hans --ignore=.venv --ignore=var
	$(MANAGE) makemessages -d djangojs -l zh_Hans --ignore=.venv --ignore=var --ignore=static/vendor
	$(MANAGE) compilemessages --ignore=.venv
