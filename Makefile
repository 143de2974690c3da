# Two commands do all the set-up on a fresh machine (Python 3.11+ with venv):
#   make demo   installs into .venv, builds the bundled demo corpus and writes its report
#   make test   installs into .venv (with test extras) and runs the whole test suite,
#               the type check (tests/test_types.py) included
#   make typecheck  mypy on the package alone, with the settings in pyproject.toml
#   make fuzz   the long fuzz run over every input format (tests/test_fuzz.py)
# uv is bootstrapped into .tools/ and installs exactly the versions pinned in uv.lock.

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
STAMP := $(VENV)/.installed-$(shell cat uv.lock pyproject.toml | cksum | cut -d' ' -f1)
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never

.PHONY: install demo test test-fast typecheck fuzz eval bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-extras --quiet
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(VENV)/bin/claimledger demo

test: install
	$(VENV)/bin/pytest

test-fast: install
	$(VENV)/bin/pytest -m "not slow and not browser and not postgres"

typecheck: install
	$(VENV)/bin/mypy

# Fuzzed inputs, 2,000 per format read and cleaned (50 per format built whole), 2 at a time:
# fails on a crash, an example over 10 s or a process over 1 GB; a failing input is saved here.
fuzz: install
	$(VENV)/bin/python tests/test_fuzz.py --examples 2000 --build-examples 50 --jobs 2

clean:
	rm -rf $(TOOLS) $(VENV) .pytest_cache

eval: install
	$(VENV)/bin/python benchmarks/eval.py

bench: install
	$(VENV)/bin/python benchmarks/bench_build.py
	$(VENV)/bin/python benchmarks/bench_reuse.py
	$(VENV)/bin/python benchmarks/bench_web.py --build
	$(VENV)/bin/python benchmarks/bench_load.py --baseline
	$(VENV)/bin/python benchmarks/crash_trials.py
