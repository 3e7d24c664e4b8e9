# Two commands for a new user: `make run` (set up and start the app) and `make test` (set up and
# run the whole suite). Both create the virtual environment in .venv on first use.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test check lint unit browser bench clean lock

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Installs come from the lock files: every package the app and the tests use, pinned with hashes
# (requirements*.txt name the direct ones; `make lock` turns them into the lock files).
$(VENV)/.app: requirements.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# Refresh the lock files after editing requirements*.txt (pip-tools in a throwaway environment).
lock:
	python3 -m venv .lock-venv && .lock-venv/bin/pip install --quiet pip-tools
	for f in requirements requirements-dev; do \
	  .lock-venv/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	    --no-emit-index-url --no-emit-find-links -o $$f.lock $$f.txt || exit 1; done
	rm -rf .lock-venv

run: $(VENV)/.app
	$(PY) -m guide check
	$(PY) -m streamlit run app.py --server.port $(PORT) --browser.gatherUsageStats false

check: $(VENV)/.app
	$(PY) -m guide check

lint: $(VENV)/.dev
	$(PY) -m ruff check .

# axe-core for the accessibility browser tests (pinned in package-lock.json; skipped without npm).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility browser tests will skip (sudo apt-get install npm)"; fi

test: $(VENV)/.dev node_modules/.installed
	$(PY) -m guide check
	$(PY) -m ruff check .
	$(PY) -m pytest -q

unit: $(VENV)/.dev
	$(PY) -m pytest -q -m "not browser"

browser: $(VENV)/.dev node_modules/.installed
	$(PY) -m pytest -q -m browser

bench: $(VENV)/.dev
	$(PY) bench/pages.py
	$(PY) bench/load_ws.py
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/screenshots
