"""Makes the librosa parity vectors the Signal tests compare against.

Run once, from the repository root, in a venv that has librosa (git-ignored):
    python3 -m venv .venv && .venv/bin/pip install librosa
    .venv/bin/python Tests/SignalTests/Parity/make_parity.py
It writes <signal>_{mel,mfcc,chroma}.npy here: float32, frames x features (librosa's arrays
transposed). The test signals are defined by formulas that SignalTests/ParitySignals.swift repeats.
Chroma uses tuning=0.0 (our CQT does not estimate tuning; see docs/syntheory.md).
"""
import os
import numpy as np
import librosa

SR = 22050
N = 2 * SR
HERE = os.path.dirname(os.path.abspath(__file__))


def signals():
    t = np.arange(N, dtype=np.float64) / SR
    i = np.arange(N, dtype=np.uint64)
    noise = ((i * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)).astype(np.float64) / 2.0**32 - 0.5
    return {
        "tones": (0.5 * np.sin(2 * np.pi * 440 * t) + 0.25 * np.sin(2 * np.pi * 660 * t)
                  + 0.1 * np.sin(2 * np.pi * 1234.5 * t)) * np.exp(-t),
        "chirp": 0.8 * np.sin(2 * np.pi * (100 * t + 0.25 * (4000 - 100) * t * t)),
        "note": sum(np.sin(2 * np.pi * h * 130.8128 * t) / h for h in range(1, 7)) * np.exp(-2 * t) * 0.3,
        "noise": 0.5 * noise,
    }


def main():
    for name, y in signals().items():
        y = y.astype(np.float32)
        mel = librosa.feature.melspectrogram(y=y, sr=SR)
        mfcc = librosa.feature.mfcc(y=y, sr=SR)
        chroma = librosa.feature.chroma_cqt(y=y, sr=SR, tuning=0.0)
        for kind, value in (("mel", mel), ("mfcc", mfcc), ("chroma", chroma)):
            np.save(os.path.join(HERE, f"{name}_{kind}.npy"), np.ascontiguousarray(value.T.astype(np.float32)))
        print(name, mel.shape, mfcc.shape, chroma.shape)


if __name__ == "__main__":
    main()
