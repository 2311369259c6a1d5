# SynthLoom: `make run` regenerates every dataset and runs every stage at quick scale;
# `make test` runs the test suite. Both install the Debian packages they need first.
SHELL := /bin/bash
APT_PACKAGES := libbullet-dev libsndfile1-dev libfluidsynth-dev libavcodec-dev libavformat-dev \
	libavutil-dev libswscale-dev libopenblas-dev libssl-dev libfftw3-dev timgm6mb-soundfont pkg-config \
	ffmpeg fluidsynth assimp-testmodels
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PIPELINE ?= pipelines/default.yaml
OUT ?= out
# The mocap sources from PyPI: the pybullet wheel's DeepMimic humanoid and clips, unpacked here.
MOTION_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/synthloom
PYBULLET := pybullet==3.2.7

.PHONY: deps fourier-compare-deps build run test bench clean

deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c 'import numpy, scipy' 2>/dev/null || python3 -m pip install -q numpy scipy
	@test -f $(MOTION_CACHE)/pybullet_data/humanoid/humanoid.urdf || { \
		echo "fetching $(PYBULLET) (DeepMimic humanoid and clips) into $(MOTION_CACHE)"; \
		mkdir -p $(MOTION_CACHE)/wheel && \
		python3 -m pip download -q --no-deps -d $(MOTION_CACHE)/wheel $(PYBULLET) && \
		python3 -c 'import sys, zipfile, glob; z = zipfile.ZipFile(glob.glob(sys.argv[1] + "/wheel/pybullet-*.whl")[0]); \
			[z.extract(n, sys.argv[1]) for n in z.namelist() if n == "pybullet_data/humanoid/humanoid.urdf" \
			or (n.startswith("pybullet_data/data/motions/") and ("humanoid3d_" in n or "/walker/" in n) and n.endswith(".txt"))]' $(MOTION_CACHE) && \
		rm -rf $(MOTION_CACHE)/wheel; }

# Only for docs/fourier-head/compare_original.py (the step-by-step comparison with the original
# PyTorch code): Debian's CPU build of PyTorch, for Debian's /usr/bin/python3.
fourier-compare-deps:
	@/usr/bin/python3 -c 'import torch' 2>/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-torch; }

build: deps
	swift build -c release

run: build
	.build/release/loom run $(PIPELINE) --out $(OUT)

test: deps
	swift test -c release -Xswiftc -enable-testing

clean:
	rm -rf .build $(OUT)
