# The two commands of README.md. Each sets up what is missing first.
PYTHON ?= python3

.PHONY: run test deps pg lint

run: deps
	@$(PYTHON) tools/devctl.py run

test: deps
	@$(PYTHON) tools/devctl.py test

deps:
	@$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt

pg:
	@$(PYTHON) tools/devctl.py pg

lint:
	@$(PYTHON) -m ruff check addons tests tools
