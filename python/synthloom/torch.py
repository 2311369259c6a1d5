"""PyTorch Datasets over SynthLoom folders. Importing this module needs torch; the rest of the
package does not."""

import numpy as np

try:
    import torch as _torch
    from torch.utils.data import Dataset as _TorchDataset
except ImportError as error:  # pragma: no cover - depends on the machine
    raise ImportError("synthloom.torch needs PyTorch (Debian: python3-torch; or pip install torch)") from error

from . import force_prompting, mixtures, mocap, syntheory
from .dataset import Dataset


class ForceBallsDataset(_TorchDataset):
    """Force-balls clips as the Force Prompting trainer sees them: `video` (49, 3, H, W) float32 in
    [-1, 1] (mp4 frames 10-58, `x / 127.5 - 1`), `controlnet_video` (49, 3, 480, 720) built from the
    row exactly as the trainer does (force re-normalised over the CSV's min and max), `caption`,
    `force`, `angle`, `x_pos`, `y_pos`, `file_id`, and the companion labels under `labels`."""

    def __init__(self, folder, with_control=True):
        self.table = force_prompting.load(folder)
        self.with_control = with_control
        self.min_force = float(self.table["force"].min())
        self.max_force = float(self.table["force"].max())
        if self.max_force == self.min_force:  # one clip (or equal forces): the trainer would divide by zero
            self.max_force = self.min_force + 1.0

    def __len__(self):
        return len(self.table)

    def __getitem__(self, i):
        row = self.table.iloc[i]
        frames = force_prompting.read_frames(row["video_path"])
        video = _torch.from_numpy(np.ascontiguousarray(frames)).permute(0, 3, 1, 2).float() / 127.5 - 1
        x_pos = row["coordx"] / row["width"]
        y_pos = row["coordy"] / row["height"]
        item = {
            "file_id": row["video"].split(".mp4")[0],
            "video": video,
            "caption": row["caption"],
            "force": float(row["force"]),
            "angle": float(row["angle"]),
            "x_pos": float(x_pos),
            "y_pos": float(y_pos),
            "labels": {k: row[k] for k in self.table.columns if k not in ("caption", "video_path")},
        }
        if self.with_control:
            item["controlnet_video"] = _torch.from_numpy(force_prompting.point_control(
                row["force"], row["angle"], x_pos, y_pos, self.min_force, self.max_force))
        return item


class SynTheoryDataset(_TorchDataset):
    """A SynTheory concept: `audio` (channels, frames) float32, `sample_rate` in Hz, and the row of
    `info.csv` under `labels` (`label` picks one column as `target`, as a class index over its
    sorted distinct values; `classes` lists them)."""

    def __init__(self, folder, label=None):
        self.info = syntheory.load(folder)
        self.label = label
        self.classes = sorted(self.info[label].unique().tolist()) if label else None

    def __len__(self):
        return len(self.info)

    def __getitem__(self, i):
        row = self.info.iloc[i]
        data, rate = syntheory.read_audio(row["audio_path"])
        item = {"audio": _torch.from_numpy(np.ascontiguousarray(data.T)), "sample_rate": rate,
                "labels": {k: row[k] for k in self.info.columns if k != "audio_path"}}
        if self.label:
            item["target"] = self.classes.index(row[self.label])
        return item


class MixturesDataset(_TorchDataset):
    """A Fourier-head toy split as the toy experiment trains on it: `(inputs, label)` pairs of
    binned features (int64, 2) and the binned target; `split` is "train" or "test". Custom mixtures
    (no split) give `(sample, component)`."""

    def __init__(self, folder, split="train"):
        arrays = mixtures.load(folder)
        if "train_inputs" in arrays:
            self.inputs = _torch.from_numpy(arrays[f"{split}_inputs"])
            self.targets = _torch.from_numpy(arrays[f"{split}_labels"])
        else:
            self.inputs = _torch.from_numpy(arrays["samples"])
            self.targets = _torch.from_numpy(arrays["components"])

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, i):
        return self.inputs[i], self.targets[i]


class MocapWindowsDataset(_TorchDataset):
    """Motion windows: `window` (frames, features) float32 tensor and the sample's manifest labels."""

    def __init__(self, folder, name=None):
        self.ds = Dataset(folder)
        self.name = name
        self.labels = self.ds.labels

    def __len__(self):
        return len(self.ds)

    def __getitem__(self, i):
        window = np.load(mocap.window_file(self.ds, i, self.name))
        return {"window": _torch.from_numpy(window.astype(np.float32, copy=False)),
                "labels": self.labels.iloc[i].to_dict()}
