# SynthLoom on Debian 12 (bookworm) with Swift 6: `loom` on PATH, its assets beside it, the Python
# package in /opt/synthloom/.venv. The Slurm and Kubernetes templates in pipelines/ run this image.
#   docker build -t synthloom:latest .        (or: make docker)
#   docker run --rm -v "$PWD/out:/out" synthloom:latest loom run pipelines/default.yaml --out /out
# BASE is any Debian 12 image with Swift 6 at /usr (a site's mirror of swift:6.1-bookworm, say):
#   docker build --build-arg BASE=registry.example.org/swift:6.1-bookworm -t synthloom:latest .
ARG BASE=swift:6.1-bookworm
FROM ${BASE}

ENV DEBIAN_FRONTEND=noninteractive
WORKDIR /opt/synthloom
COPY . .
# make deps installs the Debian packages (apt) and the venv; make install builds and installs loom.
RUN apt-get update -qq && apt-get install -y -qq make git \
    && make deps install PREFIX=/usr/local \
    && rm -rf /var/lib/apt/lists/*
ENV PATH=/opt/synthloom/.venv/bin:$PATH
CMD ["loom", "--help"]
