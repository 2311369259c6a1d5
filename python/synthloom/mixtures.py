"""The Fourier-head toy datasets and Gaussian mixtures (`loom generate mixtures`) as numpy."""

import os

import pandas as pd

from .dataset import Dataset

TOY_ARRAYS = ["features", "targets", "features_binned", "targets_binned", "train_index", "test_index",
              "train_inputs", "train_labels", "test_inputs", "test_labels", "test_features", "true_pmfs"]
MIXTURE_ARRAYS = ["samples", "components"]


def load(folder):
    """A mixtures folder: `{"data": DataFrame of data.csv, <array name>: ndarray, ...}`, with every
    `.npy` the folder has (toys: features, targets, the split, binned inputs, true PMFs; custom
    mixtures: samples, components)."""
    ds = Dataset(folder).expect("mixtures")
    out = {"data": pd.read_csv(ds.file("data.csv")), "dataset": ds}
    for name in TOY_ARRAYS + MIXTURE_ARRAYS:
        if os.path.isfile(ds.file(name + ".npy")):
            out[name] = ds.npy(name + ".npy")
    return out
