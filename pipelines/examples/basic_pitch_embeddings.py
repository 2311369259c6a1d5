#!/usr/bin/env python3
"""Embeddings of SynTheory clips from a real pretrained model, for `loom probe syntheory`.

Spotify's basic-pitch (PyPI `basic-pitch`, Apache-2.0) ships its ONNX model inside the package;
this runs it with onnxruntime, offline, with every ReLU layer exposed as an extra output, and
writes one matrix per layer (rows x channels*bins, mean-pooled over time) and an index CSV:

    <out>/<concept>/layer<k>.npy   float32, one row per dataset row, in manifest order
    <out>/<concept>/index.csv      row_id, one line per matrix row

Or let loom run it on the clips itself (protocol loom-extractor/1, docs/syntheory.md): started with
--serve it reads request paths on stdin and answers `ok` per batch, one matrix per requested layer
(`layer0`, `layer1`, ...), on the audio loom hands it (mono float32 at 22,050 Hz):
    embeddings:
      - {name: basic-pitch, command: [.venv/bin/python, pipelines/examples/basic_pitch_embeddings.py, --serve],
         persistent: true, layers: [layer0, layer1, layer2], timeout: 600}

Set up (a venv, never the system Python):
    python3 -m venv .venv && .venv/bin/pip install librosa onnxruntime onnx && .venv/bin/pip install --no-deps basic-pitch
Run on datasets made by `loom generate syntheory`:
    .venv/bin/python pipelines/examples/basic_pitch_embeddings.py out/notes out/chords --out out/basic-pitch
Then probe them (see pipelines/syntheory-basic-pitch.yaml), one representation per layer.
"""
import argparse
import csv
import json
import os
import sys
import time

import numpy as np


def model_path():
    import basic_pitch
    return os.path.join(os.path.dirname(basic_pitch.__file__), "saved_models", "icassp_2022", "nmp.onnx")


def session():
    import onnx
    import onnxruntime as ort
    model = onnx.load(model_path())
    relus = [n.output[0] for n in model.graph.node if n.op_type == "Relu"]
    for name in relus:
        model.graph.output.append(onnx.helper.make_empty_tensor_value_info(name))
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    sess = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return sess, relus


SAMPLE_RATE = 22050
WINDOW = 43844  # basic-pitch's AUDIO_N_SAMPLES: 2 s at 22,050 Hz minus one hop of 256


def embed(sess, relus, audio):
    """Per-layer vectors: each ReLU output (1, channels, frames, bins) averaged over windows and frames."""
    windows = [audio[i:i + WINDOW] for i in range(0, max(len(audio), 1), WINDOW)]
    sums = None
    for w in windows:
        x = np.zeros((1, WINDOW, 1), dtype=np.float32)
        x[0, :len(w), 0] = w
        outs = dict(zip([o.name for o in sess.get_outputs()], sess.run(None, {sess.get_inputs()[0].name: x})))
        pooled = [outs[name].mean(axis=2).reshape(-1) for name in relus]
        sums = pooled if sums is None else [a + b for a, b in zip(sums, pooled)]
    return [s / len(windows) for s in sums]


def answer(sess, relus, request_path):
    """One loom-extractor/1 request: every requested layer of every clip of the batch."""
    with open(request_path) as f:
        req = json.load(f)
    if req.get("protocol") != "loom-extractor/1" or req["sample_rate"] != SAMPLE_RATE:
        raise ValueError(f"expected protocol loom-extractor/1 at {SAMPLE_RATE} Hz, got {req.get('protocol')!r} at {req.get('sample_rate')}")
    names = [f"layer{k}" for k in range(len(relus))]
    unknown = [name for name in req["layers"] if name not in names]
    if unknown:
        raise ValueError(f"unknown layers {unknown}; this model has {', '.join(names)}")
    audio = np.load(req["input"])
    vectors = [embed(sess, relus, audio[i, :n]) for i, n in enumerate(req["lengths"])]
    for name in req["layers"]:
        k = names.index(name)
        np.save(req["outputs"][name], np.stack([v[k] for v in vectors]).astype(np.float32))


def serve():
    sess, relus = session()
    for line in sys.stdin:
        try:
            answer(sess, relus, line.strip())
            print("ok", flush=True)
        except Exception as error:  # loom stops the run with this message
            print(f"error {error}", flush=True)


def main():
    if sys.argv[1:] == ["--serve"]:
        return serve()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("datasets", nargs="+", help="SynTheory dataset folders (with dataset.json and manifest.jsonl)")
    parser.add_argument("--out", required=True, help="output folder; one subfolder per concept")
    args = parser.parse_args()
    import librosa
    sess, relus = session()
    for folder in args.datasets:
        with open(os.path.join(folder, "dataset.json")) as f:
            concept = json.load(f)["config"]["concept"]
        with open(os.path.join(folder, "manifest.jsonl")) as f:
            records = [json.loads(line) for line in f if line.strip()]
        layers, ids = [[] for _ in relus], []
        start = time.perf_counter()
        for record in records:
            labels = record["labels"]
            clip = labels.get("offset_file_path") or labels["synth_file_path"]
            audio, _ = librosa.load(os.path.join(folder, clip), sr=SAMPLE_RATE, mono=True)
            for layer, vector in zip(layers, embed(sess, relus, audio)):
                layer.append(vector)
            ids.append(labels["row_id"])
        seconds = time.perf_counter() - start
        target = os.path.join(args.out, concept)
        os.makedirs(target, exist_ok=True)
        for k, rows in enumerate(layers):
            matrix = np.stack(rows).astype(np.float32)
            if not np.isfinite(matrix).all():
                sys.exit(f"{folder}: layer {k} has non-finite values")
            np.save(os.path.join(target, f"layer{k}.npy"), matrix)
            print(f"{concept}: layer{k} ({relus[k]}) {matrix.shape}")
        with open(os.path.join(target, "index.csv"), "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["row_id"])
            writer.writerows([[i] for i in ids])
        print(f"{concept}: {len(ids)} clips in {seconds:.1f} s ({1000 * seconds / max(len(ids), 1):.0f} ms per clip, 1 thread)")


if __name__ == "__main__":
    main()
