# The two commands of the README:
#   make run    install into .venv, execute every notebook headless into build/, print a table
#   make test   ruff, unit tests for helpers, the site in Chromium, nbval over the notebooks (on
#               TensorFlow), and every student copy under another seed on JAX
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The Keras backend of make run, execute and robustness: tensorflow (default) or jax. Each has
# its Jupyter kernel: rnn-topologies (TensorFlow) and rnn-topologies-jax.
BACKEND ?= tensorflow
ifeq ($(BACKEND),tensorflow)
KERNEL := rnn-topologies
else ifeq ($(BACKEND),jax)
KERNEL := rnn-topologies-jax
else
$(error BACKEND must be tensorflow or jax, not '$(BACKEND)')
endif
# Notebooks (and tests) run one per core; make run starts the longest notebooks first (by the
# README's table of seconds), so that short ones fill the end.
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
STAMP  := $(VENV)/.installed
# reveal.js, MathJax, require.js and jQuery for the site, pinned in site/package-lock.json.
NPM_STAMP := site/node_modules/.installed
CHROMIUM  := /usr/bin/chromium

.PHONY: run test install execute students bench bench-commands robustness colab-kernel lint clean site browser figures

# Headless runs draw each training plot once instead of redrawing it live.
export HELPERS_LIVE_PLOTS := 0

run: $(STAMP)
	$(BIN)/python tools/run_notebooks.py --kernel $(KERNEL) --out build/notebooks-$(BACKEND)

# The site's tests build the site themselves (into a temporary folder), so that they check what
# the current code renders and not a stale build/site; they need its npm packages and Chromium.
# pytest-xdist runs one unit of work per core at a time (--dist loadfile, units set in
# tests/conftest.py): a notebook's cells (they need the cells before them), a test file (the
# site's tests share one built site), or one other-seed run of a notebook on JAX.
test: $(STAMP) $(NPM_STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest --nbval --nbval-kernel-name rnn-topologies \
		--nbval-sanitize-with notebooks/sanitize.cfg -n $(JOBS) --dist loadfile

# For authors: re-execute notebooks and store their outputs (all, or NB=notebooks/NAME.ipynb).
# The stored outputs are TensorFlow's, whatever BACKEND says.
execute: $(STAMP)
	$(BIN)/python tools/run_notebooks.py --kernel rnn-topologies --in-place $(NB)
	$(BIN)/python tools/student_copies.py $(NB)

install: $(STAMP)

# Re-install whenever a pin or the package metadata changes.
$(STAMP): requirements.txt constraints.txt pyproject.toml tools/install_kernel.py
	@echo "==> creating $(VENV) with $$($(PYTHON) --version)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "==> installing the pinned packages (about 2 minutes on a first install)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@echo "==> installing the Jupyter kernels 'rnn-topologies' (TensorFlow) and 'rnn-topologies-jax' into $(VENV)"
	$(BIN)/python tools/install_kernel.py --name rnn-topologies --backend tensorflow
	$(BIN)/python tools/install_kernel.py --name rnn-topologies-jax --backend jax
	touch $(STAMP)

# The course site: every notebook as a page and as a reveal.js deck, offline (see README).
site: $(STAMP) $(NPM_STAMP)
	$(BIN)/python tools/build_site.py --out build/site

$(NPM_STAMP): site/package.json site/package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed for the site's assets"; exit 1; }
	cd site && npm ci --no-audit --no-fund
	touch $(NPM_STAMP)

# Debian's Chromium for the site's browser tests: installed with apt-get when it is missing and
# we are root (as in CI); otherwise those tests are skipped, and say why.
browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "==> installing Chromium with apt-get for the site's browser tests"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "==> no $(CHROMIUM), and apt-get needs root: the site's browser tests will skip"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf build

# Student versions of the notebooks in students/ (committed, for Colab links): outputs cleared,
# solutions replaced by TODO stubs, no speaker notes. `make execute` refreshes them too.
students: $(STAMP)
	$(BIN)/python tools/student_copies.py

# Not part of the tests: time every notebook, the two commands and the old courses' recipes
# (see bench/README.md; about 30 minutes).
REPEAT ?= 3
bench: $(STAMP)
	$(BIN)/python bench/run_bench.py --repeat $(REPEAT) --commands

# Only the README's commands (make run on both backends, make test), REPEAT times each.
bench-commands: $(STAMP)
	$(BIN)/python bench/run_bench.py --repeat $(REPEAT) --commands-only

# Not part of the tests: every notebook under seeds 0-9 (SEEDS=...), asserts included; writes
# bench/robustness.md and the README's summary (about 14 minutes on 2 cores).
# BACKEND=jax runs them on JAX and writes bench/robustness-jax.md; KERNEL=rnn-topologies-colab
# runs them on Colab's TensorFlow and Keras (make colab-kernel first), into bench/robustness-colab.md.
SEEDS ?= 0-9
robustness: $(STAMP)
	$(BIN)/python tools/robustness.py --seeds $(SEEDS) --kernel $(KERNEL)

# A second environment with the TensorFlow and Keras that Colab ships (colab-versions.txt), and
# its kernel, rnn-topologies-colab, with oneDNN on as in Colab.
COLAB_VENV := .venv-colab
colab-kernel: $(STAMP)
	test -x $(COLAB_VENV)/bin/python || $(PYTHON) -m venv $(COLAB_VENV)
	$(COLAB_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r colab-versions.txt
	$(COLAB_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python tools/install_kernel.py --name rnn-topologies-colab --python $(COLAB_VENV)/bin/python --onednn

# The picture at the top of the README, drawn by helpers.diagrams.
figures: $(STAMP)
	$(BIN)/python tools/readme_figure.py --out docs/topologies.png
