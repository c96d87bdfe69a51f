# make setup  - create or refresh .venv (quick when nothing changed)
# make run    - setup, then start the app
# make test   - setup, then lint, type check, import contract and every test
# make translations - compile each language's .po files (resources/locale) into its catalog
# make bundle - a standalone one-folder build of the app in dist/kapcompanion (PyInstaller)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Debian packages: what the app needs to run, and what the tests need on top.
RUN_DEBS := python3-venv libportaudio2 libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 \
	libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 \
	libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core
TEST_DEBS := xvfb xauth x11-utils pulseaudio pulseaudio-utils libasound2-plugins poppler-utils \
	desktop-file-utils appstream shared-mime-info xdg-utils openbox

.PHONY: translations setup run test lint typecheck contracts pytest screenshots benchmarks bundle clean sysdeps-run sysdeps-test

setup: sysdeps-run $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

sysdeps-run:
	@./.ci/sysdeps $(RUN_DEBS)

sysdeps-test:
	@./.ci/sysdeps $(RUN_DEBS) $(TEST_DEBS)

run: setup
	$(PY) -m kapcompanion $(ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup
	$(VENV)/bin/mypy

contracts: setup
	$(VENV)/bin/lint-imports

pytest: setup sysdeps-test
	$(PY) -m pytest $(PYTEST_ARGS)

test: sysdeps-test setup lint typecheck contracts pytest

translations: setup
	$(PY) packaging/translations.py

# Each measuring script prints one JSON object as its last line.
BENCHMARKS := pacer startup av_sync log_scale history_open hostile
SCREENSHOTS := screenshots everyday_screenshots history_screenshots

screenshots: setup sysdeps-test
	@./.ci/sysdeps poppler-utils
	for s in $(SCREENSHOTS); do echo "== $$s"; $(PY) benchmarks/$$s.py || exit 1; done

benchmarks: setup sysdeps-test
	for b in $(BENCHMARKS); do echo "== $$b"; $(PY) benchmarks/$$b.py || exit 1; done

# The spec finds resources the way the app does and builds into dist/kapcompanion.
bundle: setup
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/kapcompanion.spec
	@du -sh dist/kapcompanion

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
