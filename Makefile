# The commands of README.md. Each sets up what is missing first, in a virtual environment under .local/
# (or the one make runs in): see tools/devctl.py.
PYTHON ?= python3

.PHONY: run test deps pg lint backup restore

run:
	@$(PYTHON) tools/devctl.py run

test:
	@$(PYTHON) tools/devctl.py test

deps:
	@$(PYTHON) tools/devctl.py deps

pg:
	@$(PYTHON) tools/devctl.py pg

backup:
	@$(PYTHON) tools/devctl.py backup

restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=.local/backups/<name>.zip [REPLACE=1]"; exit 2; }
	@$(PYTHON) tools/devctl.py restore "$(FILE)" $(if $(REPLACE),--replace)

lint:
	@$(PYTHON) tools/devctl.py deps && .local/venv/bin/python -m ruff check addons tests tools
