#!/usr/bin/env python3
"""Compare SynthLoom's Fourier-head toy run with the original PyTorch implementation, step by step.

The original's code is not part of SynthLoom: point --original at a checkout of
nate-gillman/fourier-head. This script imports its `fourier_head.Fourier_Head` (and
`toy-example-synthetic/scripts/gmm_head.GMM_Head`), builds the model exactly as
`toy_synthetic.py`'s MLP does (Linear(2,64), ReLU, Linear(64,32), ReLU, head), and then:

  replay   loads the initial weights of a run traced by `loom train fourier-toy --trace DIR`,
           trains on the same batches in the same order with torch.optim.Adam(lr=1e-3), and
           compares, after steps 1, 10, 1000 and the last: the loss, every parameter, its gradient,
           Adam's moments and the logits of the first test rows; then the final test KL.
  export   writes the original's own dataset for a seed (its generate_datasets.py, split and
           quantisation) as a folder that `loom train fourier-toy --data` reads, and checks its true
           PMFs against the authors' saved true_<seed>.npy.
  original trains the original as its script does (torch's own initialisation and DataLoader
           shuffling, seeded with torch.manual_seed(SEED)) on a dataset folder of ours, or with
           --own-data on the original's own data (its generate_datasets.py with numpy seed SEED and
           sklearn's train_test_split(test_size=0.2, random_state=42), done here with numpy), and
           prints the final test KL as the original computes it.

Needs torch (Debian: python3-torch; `make fourier-compare-deps`) and numpy; --own-data needs scipy.
Examples (docs/fourier-head.md has the results):

  loom generate mixtures --dataset gaussian --seed 2 --out out --name fourier-toy-data/gaussian-seed2
  loom train fourier-toy --out out --datasets gaussian --heads fourier --frequencies 12 --gammas 0 \\
      --seeds 2 --epochs 500 --trace out/trace-gaussian-2
  python3 docs/fourier-head/compare_original.py replay --original ../fourier-head \\
      --data out/fourier-toy-data/gaussian-seed2 --trace out/trace-gaussian-2
  python3 docs/fourier-head/compare_original.py original --original ../fourier-head \\
      --dataset gaussian --head fourier --frequencies 12 --seed 2 --own-data
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

BINS = 50


def import_original(path):
    sys.path.insert(0, path)
    sys.path.insert(0, os.path.join(path, "toy-example-synthetic", "scripts"))
    from fourier_head import Fourier_Head
    from gmm_head import GMM_Head
    return Fourier_Head, GMM_Head


def build_model(original, head, frequencies, gamma, dataset, dtype=torch.float32):
    """toy_synthetic.py's MLP: the head is constructed first, then the body, as there."""
    Fourier_Head, GMM_Head = original
    if head == "linear":
        mlp_head = nn.Linear(32, BINS)
    elif head == "fourier":
        mlp_head = Fourier_Head(32, BINS, frequencies, gamma, dtype=dtype, device="cpu")
    else:
        mlp_head = GMM_Head(32, BINS, 1 if dataset == "gaussian" else 2)
    layers = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), mlp_head)
    return layers.to(dtype), mlp_head


def loss_of(model, head_module, head, inputs, labels):
    outputs = model(inputs)
    loss = nn.CrossEntropyLoss()(outputs, labels)
    if head == "fourier":
        loss = loss + head_module.loss_regularization
    return loss


def kl_of(model, test_inputs, truth):
    """The original's metric: KLDivLoss(batchmean) of log(softmax + 1e-10) against the true PMFs."""
    with torch.no_grad():
        pmfs = torch.softmax(model(test_inputs), 1)
        return nn.KLDivLoss(reduction="batchmean")((pmfs + 1e-10).log(), truth).item(), pmfs.numpy()


def our_data(folder):
    load = lambda name: np.load(os.path.join(folder, name))
    return (torch.tensor(load("train_inputs.npy"), dtype=torch.float32), torch.tensor(load("train_labels.npy")),
            torch.tensor(load("test_inputs.npy"), dtype=torch.float32), torch.tensor(load("true_pmfs.npy")))


def original_data(path, dataset, seed):
    """The original's data pipeline: generate_datasets.py, train_test_split(test_size=0.2, random_state=42)
    (ShuffleSplit: the first 1000 of RandomState(42).permutation(5000) are the test rows), quantize_dataset."""
    sys.path.insert(0, os.path.join(path, "toy-example-synthetic", "scripts"))
    import generate_datasets as g
    make = {"gaussian": g.generate_gaussian_dataset, "gmm2": g.generate_gmm_dataset2, "beta": g.generate_beta_dataset}
    pdf = {"gaussian": g.gaussian_pdf, "gmm2": g.gmm2_pdf, "beta": g.beta_pdf}
    data = make[dataset](5000, 0.01, seed=seed)
    x, y = data[:, :2], data[:, 2]
    order = np.random.RandomState(42).permutation(len(data))
    test, train = order[:1000], order[1000:]
    edges = np.linspace(-1, 1, BINS + 1)
    centres = (edges[:-1] + edges[1:]) / 2
    truth = np.array([pdf[dataset](centres, row, 0.01) for row in x[test]])
    return (torch.tensor(g.quantize_dataset(x[train], BINS), dtype=torch.float32),
            torch.tensor(g.quantize_dataset(y[train], BINS), dtype=torch.long),
            torch.tensor(g.quantize_dataset(x[test], BINS), dtype=torch.float32), torch.tensor(truth),
            g.quantize_dataset(y[test], BINS))


def parameter_map(model, head):
    """Our parameter names -> the torch tensors they correspond to."""
    names = {"layers.0.weight": model[0].weight, "layers.0.bias": model[0].bias,
             "layers.2.weight": model[2].weight, "layers.2.bias": model[2].bias}
    if head == "fourier":
        fc = model[4].fc_extract_autocorrelation_params
        names["head.fc_extract_autocorrelation_params.weight"] = fc.weight
        names["head.fc_extract_autocorrelation_params.bias"] = fc.bias
    elif head == "linear":
        names["head.weight"], names["head.bias"] = model[4].weight, model[4].bias
    else:
        names["head.mean_layer.weight"], names["head.mean_layer.bias"] = model[4].mean_layer.weight, model[4].mean_layer.bias
        names["head.log_stds"] = model[4].log_stds
    return names


def difference(ours, theirs):
    """Largest absolute difference, relative to the largest magnitude of the original's values."""
    ours = np.asarray(ours, dtype=np.float64).reshape(-1)
    theirs = np.asarray(theirs, dtype=np.float64).reshape(-1)
    return float(np.max(np.abs(ours - theirs)) / max(np.max(np.abs(theirs)), 1e-30))


def replay(args):
    trace = json.load(open(os.path.join(args.trace, "trace.json")))
    dataset, head, gamma, frequencies = trace["run"].split(" ")[0].split("/")
    frequencies, gamma = int(frequencies), float(gamma)
    dtype = torch.float64 if args.float64 else torch.float32
    model, head_module = build_model(import_original(args.original), head, frequencies, gamma, dataset, dtype)
    params = parameter_map(model, head)
    with torch.no_grad():
        for name, tensor in params.items():
            tensor.copy_(torch.tensor(np.load(os.path.join(args.trace, "init", name + ".npy"))).reshape(tensor.shape))
    train_x, train_y, test_x, truth = our_data(args.data)
    train_x, test_x = train_x.to(dtype), test_x.to(dtype)
    probe = test_x[:trace["probe_rows"]]
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    state_of = lambda t: optimizer.state[t]
    batches = np.load(os.path.join(args.trace, "batches.npy")).reshape(-1)
    our_losses = np.load(os.path.join(args.trace, "losses.npy"))
    steps = trace["steps"]
    assert len(batches) % steps == 0, "replay needs equal batches (the batch size dividing the training rows)"
    batch = len(batches) // steps
    losses = np.zeros(steps)
    rows = []
    start = time.time()
    for step in range(1, steps + 1):
        index = torch.tensor(batches[(step - 1) * batch: step * batch])
        optimizer.zero_grad()
        loss = loss_of(model, head_module, head, train_x[index], train_y[index])
        loss.backward()
        optimizer.step()
        losses[step - 1] = loss.item()
        if step in trace["checkpoints"]:
            folder = os.path.join(args.trace, f"step{step}")
            row = {"step": step, "loss": abs(losses[step - 1] - our_losses[step - 1]) / abs(losses[step - 1])}
            for kind, suffix, value in [("param", "", lambda t: t.detach()), ("grad", ".grad", lambda t: t.grad),
                                        ("adam_m", ".adam_m", lambda t: state_of(t)["exp_avg"]),
                                        ("adam_v", ".adam_v", lambda t: state_of(t)["exp_avg_sq"])]:
                row[kind] = max(difference(np.load(os.path.join(folder, name + suffix + ".npy")), value(t).numpy())
                                for name, t in params.items())
            with torch.no_grad():
                row["logits"] = difference(np.load(os.path.join(folder, "probe_logits.npy")), model(probe).numpy())
            rows.append(row)
            print(f"step {step}: relative differences " + ", ".join(f"{k} {v:.2e}" for k, v in row.items() if k != "step"),
                  flush=True)
    kl, pmfs = kl_of(model, test_x, truth)
    ours_pmfs = np.load(os.path.join(args.trace, "pmfs.npy"))
    result = {"run": trace["run"], "original_dtype": str(dtype), "seconds": time.time() - start, "checkpoints": rows,
              "loss_curve_max_relative_difference": float(np.max(np.abs(losses - our_losses) / np.abs(losses))),
              "final_kl_ours": trace["KL divergence"], "final_kl_original_replayed": kl,
              "final_pmfs_max_abs_difference": float(np.max(np.abs(pmfs - ours_pmfs)))}
    print(json.dumps(result, indent=2))


def original(args):
    torch.manual_seed(args.seed)
    orig = import_original(args.original)
    if args.own_data:
        train_x, train_y, test_x, truth, _ = original_data(args.original, args.dataset, args.seed)
    else:
        train_x, train_y, test_x, truth = our_data(args.data)
    model, head_module = build_model(orig, args.head, args.frequencies, args.gamma, args.dataset)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(train_x, train_y), batch_size=32, shuffle=True)
    start = time.time()
    for _ in range(args.epochs):
        for inputs, labels in loader:
            optimizer.zero_grad()
            loss_of(model, head_module, args.head, inputs, labels).backward()
            optimizer.step()
    kl, _ = kl_of(model, test_x, truth)
    print(json.dumps({"dataset": args.dataset, "head": args.head, "frequencies": args.frequencies, "gamma": args.gamma,
                      "seed": args.seed, "data": "original" if args.own_data else args.data, "epochs": args.epochs,
                      "KL divergence": kl, "seconds": time.time() - start}))


def export(args):
    """Writes the original's own dataset for --seed as a folder `loom train fourier-toy --data` reads."""
    train_x, train_y, test_x, truth, test_y = original_data(args.original, args.dataset, args.seed)
    os.makedirs(args.out, exist_ok=True)
    for name, value in [("train_inputs", train_x.numpy()), ("train_labels", train_y.numpy()), ("test_inputs", test_x.numpy()),
                        ("test_labels", test_y), ("true_pmfs", truth.numpy())]:
        np.save(os.path.join(args.out, name + ".npy"), value if value.dtype == np.float64 else value.astype(np.int64))
    json.dump({"generator": "mixtures", "seed": args.seed, "config": {"dataset": args.dataset},
               "made_by": "docs/fourier-head/compare_original.py export: the original's generate_datasets.py"},
              open(os.path.join(args.out, "dataset.json"), "w"))
    saved = os.path.join(args.original, "toy-example-synthetic", "eval", "graphing", "saved_pmfs", args.dataset, f"true_{args.seed}.npy")
    if os.path.exists(saved):
        print(f"{args.dataset} seed {args.seed}: largest difference from the authors' saved true_{args.seed}.npy:",
              float(np.max(np.abs(np.load(saved) - truth.numpy()))))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    a = sub.add_parser("replay", help="replay a traced run of ours in the original's code")
    a.add_argument("--original", required=True, help="checkout of nate-gillman/fourier-head")
    a.add_argument("--data", required=True, help="the run's dataset folder (loom generate mixtures)")
    a.add_argument("--trace", required=True, help="folder written by loom train fourier-toy --trace")
    a.add_argument("--float64", action="store_true",
                   help="run the original in float64 (a control: how far float32 rounding alone moves the run)")
    b = sub.add_parser("original", help="train the original as its script does")
    b.add_argument("--original", required=True)
    b.add_argument("--dataset", required=True, choices=["gaussian", "gmm2", "beta"])
    b.add_argument("--head", default="fourier", choices=["linear", "gmm", "fourier"])
    b.add_argument("--frequencies", type=int, default=12)
    b.add_argument("--gamma", type=float, default=0.0)
    b.add_argument("--seed", type=int, required=True)
    b.add_argument("--epochs", type=int, default=500)
    group = b.add_mutually_exclusive_group(required=True)
    group.add_argument("--data", help="a dataset folder of ours")
    group.add_argument("--own-data", action="store_true", help="the original's own data for --seed")
    c = sub.add_parser("export", help="write the original's own dataset as a folder loom train fourier-toy reads")
    c.add_argument("--original", required=True)
    c.add_argument("--dataset", required=True, choices=["gaussian", "gmm2", "beta"])
    c.add_argument("--seed", type=int, required=True)
    c.add_argument("--out", required=True)
    args = parser.parse_args()
    torch.set_num_threads(1)
    {"replay": replay, "original": original, "export": export}[args.mode](args)


if __name__ == "__main__":
    main()
