# SynthLoom: `make run` regenerates every dataset and runs every stage at quick scale;
# `make test` runs the test suite. Both install the Debian packages they need first.
SHELL := /bin/bash
APT_PACKAGES := libbullet-dev libsndfile1-dev libfluidsynth-dev libavcodec-dev libavformat-dev \
	libavutil-dev libswscale-dev libopenblas-dev libssl-dev libfftw3-dev timgm6mb-soundfont pkg-config \
	ffmpeg fluidsynth assimp-testmodels slurmctld slurmd slurm-client munge
# Python for the tests and the `synthloom` package, from Debian (PEP 668: never pip into the
# system Python): numpy/scipy/pandas for the interop tests, torch for the PyTorch Datasets, OpenCV
# and tqdm for the Force Prompting CSV builder check.
PYTHON_APT_PACKAGES := python3 python3-venv python3-pip python3-numpy python3-scipy python3-pandas \
	python3-soundfile python3-torch python3-opencv python3-tqdm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PIPELINE ?= pipelines/default.yaml
OUT ?= out
PREFIX ?= /usr/local
# One build for `make build`, `make run`, `make test` and `make install`: the same flags, and the
# tests run with `swift test --skip-build` on what `swift build --build-tests` made (a plain
# `swift test` builds everything again in its own way), so switching between them never rebuilds.
# -enable-testing lets the tests `@testable import`.
SWIFT_FLAGS := -c release -Xswiftc -enable-testing
# `make test FILTER=MixturesTests` runs only the Swift tests matching FILTER (and no Python tests).
FILTER ?=
BIN := .build/release
# The project venv: Debian's Python with its packages visible, plus what only PyPI has.
VENV := .venv
PY := $(VENV)/bin/python
# datasets 3.x and pyarrow < 18 work with Debian 12's numpy 1.24 (newer ones need numpy 2).
# kubernetes-validate (with Kubernetes' JSON schemas) checks the Kubernetes template in the tests.
PYPI_PACKAGES := "datasets>=3.4,<4" "pyarrow<18" "kubernetes-validate>=1.31"
PYTHON_SOURCES := $(shell find python -name '*.py' -o -name 'pyproject.toml' 2>/dev/null)
# The mocap sources from PyPI: the pybullet wheel's DeepMimic humanoid and clips, unpacked here.
MOTION_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/synthloom
PYBULLET := pybullet==3.2.7

.PHONY: deps apt motion-data fourier-compare-deps build run test test-python install uninstall docker clean

deps: apt $(VENV)/.synthloom-installed motion-data

apt:
	@missing=$$(for p in $(APT_PACKAGES) $(PYTHON_APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(VENV)/bin/python: | apt
	/usr/bin/python3 -m venv --system-site-packages $(VENV)

$(VENV)/.synthloom-installed: $(VENV)/bin/python $(PYTHON_SOURCES)
	$(PY) -c 'import datasets, kubernetes_validate' 2>/dev/null || $(PY) -m pip install -q $(PYPI_PACKAGES)
	$(PY) -m pip install -q --no-deps --no-build-isolation ./python
	@touch $@

# The wheel is only downloaded and unpacked (the humanoid URDF and the motion files), never installed.
motion-data: $(VENV)/bin/python
	@test -f $(MOTION_CACHE)/pybullet_data/humanoid/humanoid.urdf || { \
		echo "fetching $(PYBULLET) (DeepMimic humanoid and clips) into $(MOTION_CACHE)"; \
		mkdir -p $(MOTION_CACHE)/wheel && \
		$(PY) -m pip download -q --no-deps -d $(MOTION_CACHE)/wheel $(PYBULLET) && \
		$(PY) -c 'import sys, zipfile, glob; z = zipfile.ZipFile(glob.glob(sys.argv[1] + "/wheel/pybullet-*.whl")[0]); \
			[z.extract(n, sys.argv[1]) for n in z.namelist() if n == "pybullet_data/humanoid/humanoid.urdf" \
			or (n.startswith("pybullet_data/data/motions/") and ("humanoid3d_" in n or "/walker/" in n) and n.endswith(".txt"))]' $(MOTION_CACHE) && \
		rm -rf $(MOTION_CACHE)/wheel; }

# Only for docs/fourier-head/compare_original.py (the step-by-step comparison with the original
# PyTorch code): Debian's CPU build of PyTorch (python3-torch, already among PYTHON_APT_PACKAGES).
fourier-compare-deps: apt

build: deps
	swift build $(SWIFT_FLAGS)

run: build
	$(BIN)/loom run $(PIPELINE) --out $(OUT)
	@if command -v loom >/dev/null; then echo "loom on your PATH is $$(command -v loom) ('make install' updates it to this build)"; \
	else echo "done; call loom as $(BIN)/loom, or run 'make install' to put it on PATH as $(PREFIX)/bin/loom"; fi

# The Swift tests run with the venv's python3 first on PATH (Debian's Python and its packages);
# then the Python package's tests, against the loom just built.
test: deps
	swift build $(SWIFT_FLAGS) --build-tests
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" swift test $(SWIFT_FLAGS) --skip-build $(if $(FILTER),--filter '$(FILTER)')
	$(if $(FILTER),,@$(MAKE) --no-print-directory test-python)

test-python: build
	LOOM="$(CURDIR)/$(BIN)/loom" $(PY) -m unittest discover -s python/tests -t python -v

# loom and its assets live in $(PREFIX)/lib/synthloom (loom finds assets/ beside itself);
# $(PREFIX)/bin/loom links to it.
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/synthloom
	install -m 755 $(BIN)/loom $(DESTDIR)$(PREFIX)/lib/synthloom/loom
	rm -rf $(DESTDIR)$(PREFIX)/lib/synthloom/assets
	cp -R assets $(DESTDIR)$(PREFIX)/lib/synthloom/assets
	ln -sf ../lib/synthloom/loom $(DESTDIR)$(PREFIX)/bin/loom
	@echo "installed $(PREFIX)/bin/loom"

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/loom $(DESTDIR)$(PREFIX)/lib/synthloom

docker:
	docker build $(if $(BASE),--build-arg BASE=$(BASE)) -t synthloom:latest .

clean:
	rm -rf .build $(OUT) $(VENV)
