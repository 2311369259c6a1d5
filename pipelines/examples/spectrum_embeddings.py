#!/usr/bin/env python3
"""A numpy-only embedding extractor that `loom probe syntheory` runs itself (protocol loom-extractor/1).

Two "layers", for a per-layer probe without any model download:
    layer0  log semitone energies: 72 bands (C2-B7, one semitone each) of an 8192-point Hann STFT
            (hop 2048), mean and std over the clip's frames (144 values)
    layer1  layer0's semitone means folded onto the 12 pitch classes (mean over the 6 octaves),
            minus their mean (12 values): a "deeper" layer that keeps pitch class only

One batch per call:   python3 spectrum_embeddings.py <request.json>
Persistent:           python3 spectrum_embeddings.py --serve   (request paths on stdin, `ok` / `error ...` on stdout)

Use it in the probe options (docs/syntheory.md):
    embeddings:
      - {name: spectrum, command: [python3, pipelines/examples/spectrum_embeddings.py, --serve],
         persistent: true, layers: [layer0, layer1], timeout: 60}
"""
import json
import sys

import numpy as np

N_FFT, HOP, LOWEST, BANDS = 8192, 2048, 36, 72  # MIDI 36 = C2


def band_ranges(sample_rate):
    """Per semitone band, the FFT bins [lo, hi) within a quarter-tone of its note (at least the nearest one)."""
    freqs = np.fft.rfftfreq(N_FFT, 1.0 / sample_rate)
    notes = LOWEST + np.arange(BANDS)
    lo = np.searchsorted(freqs, 440.0 * 2.0 ** ((notes - 0.5 - 69) / 12))
    hi = np.searchsorted(freqs, 440.0 * 2.0 ** ((notes + 0.5 - 69) / 12))
    nearest = np.round(440.0 * 2.0 ** ((notes - 69) / 12) / (sample_rate / N_FFT)).astype(int)
    narrow = hi <= lo
    lo[narrow], hi[narrow] = nearest[narrow], nearest[narrow] + 1
    return lo, hi


def layer0(clip, bands):
    if clip.size < N_FFT:
        clip = np.pad(clip, (0, N_FFT - clip.size))
    frames = np.lib.stride_tricks.sliding_window_view(clip, N_FFT)[::HOP] * np.hanning(N_FFT)
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    total = np.concatenate([np.zeros((len(power), 1)), np.cumsum(power, axis=1)], axis=1)
    lo, hi = bands
    logs = np.log10(1e-10 + (total[:, hi] - total[:, lo]) / (hi - lo))
    return np.concatenate([logs.mean(axis=0), logs.std(axis=0)])


def extract(request_path):
    """Answers one request: writes every requested layer."""
    with open(request_path) as f:
        req = json.load(f)
    if req.get("protocol") != "loom-extractor/1":
        raise ValueError(f"unknown protocol {req.get('protocol')!r}")
    unknown = [name for name in req["layers"] if name not in ("layer0", "layer1")]
    if unknown:
        raise ValueError(f"unknown layers {unknown}; this extractor has layer0 and layer1")
    audio = np.load(req["input"])
    if list(audio.shape) != req["shape"] or audio.dtype != np.float32:
        raise ValueError(f"audio.npy is {audio.dtype} {audio.shape}, the request says {req['shape']}")
    bands = band_ranges(req["sample_rate"])
    first = np.stack([layer0(audio[i, :n].astype(np.float64), bands) for i, n in enumerate(req["lengths"])])
    folded = first[:, :BANDS].reshape(len(first), BANDS // 12, 12).mean(axis=1)
    layers = {"layer0": first, "layer1": folded - folded.mean(axis=1, keepdims=True)}
    for name in req["layers"]:
        np.save(req["outputs"][name], layers[name].astype(np.float32))
    print(f"{req['extractor']} {req['concept']} batch {req['batch'] + 1}/{req['batches']}: {audio.shape[0]} clips", file=sys.stderr)


def main():
    if sys.argv[1:] == ["--serve"]:
        for line in sys.stdin:
            try:
                extract(line.strip())
                print("ok", flush=True)
            except Exception as error:  # the batch fails, loom stops the run with this message
                print(f"error {error}", flush=True)
    elif len(sys.argv) == 2:
        try:
            extract(sys.argv[1])
        except Exception as error:
            sys.exit(f"spectrum_embeddings: {error}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
