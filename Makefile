# SynthLoom: `make run` regenerates every dataset and runs every stage at quick scale;
# `make test` runs the test suite. Both install the Debian packages they need first.
SHELL := /bin/bash
APT_PACKAGES := libbullet-dev libsndfile1-dev libfluidsynth-dev libavcodec-dev libavformat-dev \
	libavutil-dev libswscale-dev libopenblas-dev libssl-dev libfftw3-dev timgm6mb-soundfont pkg-config \
	ffmpeg fluidsynth
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PIPELINE ?= pipelines/default.yaml
OUT ?= out

.PHONY: deps build run test bench clean

deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c 'import numpy, scipy' 2>/dev/null || python3 -m pip install -q numpy scipy

build: deps
	swift build -c release

run: build
	.build/release/loom run $(PIPELINE) --out $(OUT)

test: deps
	swift test -c release -Xswiftc -enable-testing

clean:
	rm -rf .build $(OUT)
