#!/usr/bin/env python3
"""An external corrector for `loom loop`: whitening toward N(0, I).

loom calls it once per synthetic batch as

    python3 whitening_corrector.py /tmp/loom-corrector-.../request.json

request.json (protocol loom-corrector/1) holds:
    generation, gamma, strength (s = gamma / (1 + gamma)), arm, seed,
    random_seed (seed your own RNG with it, so loom's runs stay reproducible),
    shape, dtype ("float64"), input (batch.npy), output (where to write corrected.npy).

The program must write `output` with the same shape (float64 or float32, all finite) and exit 0.
Anything it prints goes to a log; on failure loom shows the last line.

Persistent mode (`persistent: true` in the pipeline, `--persistent` on the command line): loom
starts it once, without a request argument, and writes one request.json path a line on its stdin;
after each it answers `ok` (or `error <message>`) on a line of stdout. Start-up and imports are
paid once per run. End of stdin means exit.

This corrector moves each sample a fraction s of the way to its whitened version: the batch
shifted and rotated so that its mean is 0 and its covariance I. At s = 1 the batch has exactly
the moments of N(0, I); at s = 0 it is unchanged.
"""
import json
import sys

import numpy as np


def whiten(x):
    """x (count × d) mapped to mean 0 and covariance I by the symmetric inverse square root."""
    mean = x.mean(axis=0)
    cov = np.atleast_2d(np.cov(x, rowvar=False, bias=True))
    values, vectors = np.linalg.eigh(cov)
    inverse_root = vectors @ np.diag(1.0 / np.sqrt(np.maximum(values, 1e-12))) @ vectors.T
    return (x - mean) @ inverse_root


def correct(request_path):
    """Corrects the batch one request.json names."""
    request = json.load(open(request_path))
    batch = np.load(request["input"])
    flat = batch.reshape(batch.shape[0], -1)  # samples of any shape become rows
    s = request["strength"]
    corrected = (1.0 - s) * flat + s * whiten(flat)
    np.save(request["output"], corrected.reshape(batch.shape))


def main():
    if len(sys.argv) > 1:
        correct(sys.argv[-1])
        return
    for line in sys.stdin:  # persistent mode
        try:
            correct(line.strip())
            print("ok", flush=True)
        except Exception as error:  # report and keep serving; loom stops the run
            print(f"error {type(error).__name__}: {error}", flush=True)


if __name__ == "__main__":
    main()
