# The two commands: `make run` (the whole portal with demo data) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: run test lint format install messages bench backup restore services-up services-down clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(BIN)/python manage.py compilemessages --verbosity 0

run: messages
	$(BIN)/python scripts/devstack.py run

test: messages
	$(BIN)/python scripts/devstack.py test $(ARGS)

# The load run on ten years of data (its own database; see bench/run.py): make bench ARGS="--scale 0.1"
bench: messages
	$(BIN)/python scripts/devstack.py bench $(ARGS)

# One file with the database and the attachments, in var/backups/ (README: Backup and restore).
backup: install
	$(BIN)/python scripts/devstack.py backup $(ARGS)

# Overwrites the database's content and the attachment folder with those of the backup: make restore FILE=...
restore: install
	$(BIN)/python scripts/devstack.py restore $(FILE)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

services-up: install
	$(BIN)/python scripts/devstack.py up

services-down: install
	$(BIN)/python scripts/devstack.py down

clean: services-down
	rm -rf var
