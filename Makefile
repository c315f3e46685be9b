# Sistem Informasi TPPS — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 3

.PHONY: run test install install-test setup lint check-deploy clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Re-install only when the pinned dependencies change.
$(VENV)/.terpasang: pyproject.toml | $(PY)
	$(PIP) install --quiet .
	@touch $@

$(VENV)/.terpasang-uji: pyproject.toml | $(PY)
	$(PIP) install --quiet ".[test]"
	@touch $@ $(VENV)/.terpasang

install: $(VENV)/.terpasang
install-test: $(VENV)/.terpasang-uji

.env:
	$(PY) scripts/buat_env.py

## Set everything up (idempotent): database, reference data, demo account, static files.
setup: install .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_reference
	$(PY) manage.py buat_akun_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0

## Set up and serve on http://$(HOST):$(PORT)/ with gunicorn.
run: setup
	@echo "Sistem Informasi TPPS berjalan di http://$(HOST):$(PORT)/  (Ctrl+C untuk berhenti)"
	$(VENV)/bin/gunicorn tpps.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--access-logfile - --timeout 60

## The whole test suite; honours DATABASE_URL (SQLite without it).
test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) staticfiles *.egg-info build
