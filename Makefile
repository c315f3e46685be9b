# Sistem Informasi TPPS — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 3
# DEMO=0 for a real deployment: no demo children are generated on an empty database.
DEMO ?= 1
DEMO_ANAK ?= 1500
DEMO_BULAN ?= 24

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

## Set up and serve on http://$(HOST):$(PORT)/ with gunicorn, and the background worker
## (django-tasks db_worker: long e-PPGBM imports). An empty database gets demo data
## unless DEMO=0.
run: setup
	@if [ "$(DEMO)" != "0" ]; then \
		$(PY) manage.py demo_lengkap --jika-kosong --children $(DEMO_ANAK) --months $(DEMO_BULAN); fi
	@echo "Sistem Informasi TPPS berjalan di http://$(HOST):$(PORT)/  (Ctrl+C untuk berhenti)"
	@$(PY) manage.py db_worker --no-startup-delay & pekerja=$$!; \
	trap 'kill $$pekerja 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn tpps.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--access-logfile - --timeout 60

## The whole test suite; honours DATABASE_URL (SQLite without it).
test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) staticfiles *.egg-info build
