"""Motion-capture window datasets: each sample is one or more `.npy` windows (frames x features)
with its labels in the manifest. Written against the manifest alone, so any generator whose
samples are `.npy` windows loads through it."""

import numpy as np

from .dataset import Dataset, DatasetError


def window_file(ds, i, name=None):
    """Sample `i`'s window file: the one whose path contains `name`, else its only `.npy`."""
    npys = [p for p in ds.files(i) if p.endswith(".npy")]
    if name is not None:
        npys = [p for p in npys if name in p]
    if len(npys) != 1:
        raise DatasetError(f"sample {i} of {ds.folder} has {len(npys)} .npy windows{' named ' + name if name else ''}; give `name`")
    return npys[0]


def load(folder, name=None, stack=True):
    """Every window and the labels: `(windows, labels)`, windows stacked into one array
    (samples, frames, features) when their shapes agree and `stack`, else a list; labels a
    DataFrame in manifest order."""
    ds = Dataset(folder)
    windows = [np.load(window_file(ds, i, name)) for i in range(len(ds))]
    if stack and windows and all(w.shape == windows[0].shape for w in windows):
        windows = np.stack(windows)
    return windows, ds.labels
