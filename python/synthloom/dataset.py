"""A dataset folder as `loom` writes it: `dataset.json`, `manifest.jsonl`, the generator's files."""

import json
import os

import numpy as np
import pandas as pd


class DatasetError(Exception):
    """A folder that is not a finished SynthLoom dataset, or one of another generator."""


class Dataset:
    """A finished dataset folder: its provenance (`info`), its samples' labels and files."""

    def __init__(self, folder):
        self.folder = os.path.abspath(os.fspath(folder))
        info_path = os.path.join(self.folder, "dataset.json")
        manifest_path = os.path.join(self.folder, "manifest.jsonl")
        if not os.path.isfile(info_path):
            raise DatasetError(f"{folder}: no dataset.json; give a folder that `loom generate` wrote")
        if not os.path.isfile(manifest_path):
            raise DatasetError(f"{folder}: no manifest.jsonl; the run did not finish (or its shards are not merged: run `loom merge`)")
        with open(info_path, encoding="utf-8") as f:
            self.info = json.load(f)
        with open(manifest_path, encoding="utf-8") as f:
            self.records = [json.loads(line) for line in f if line.strip()]

    @property
    def generator(self):
        """The generator's name (`mixtures`, `syntheory`, `force-balls`, ...)."""
        return self.info.get("generator")

    @property
    def config(self):
        """The resolved config the dataset was made with."""
        return self.info.get("config", {})

    def __len__(self):
        return len(self.records)

    @property
    def labels(self):
        """Every sample's labels as a DataFrame: `index` then the labels, in manifest order."""
        return pd.DataFrame([{"index": r["index"], **r["labels"]} for r in self.records])

    def files(self, i):
        """The paths (absolute) of sample `i`'s files, in the order the generator wrote them."""
        return [os.path.join(self.folder, f["path"]) for f in self.records[i]["files"]]

    def path(self, i, suffix=""):
        """The first file of sample `i` whose name ends with `suffix`."""
        for p in self.files(i):
            if p.endswith(suffix):
                return p
        raise DatasetError(f"sample {i} of {self.folder} has no file ending in {suffix!r}")

    def file(self, relative):
        """The absolute path of a file of the dataset folder."""
        return os.path.join(self.folder, relative)

    def npy(self, relative):
        """A `.npy` array of the dataset folder."""
        return np.load(self.file(relative))

    def expect(self, *generators):
        """Raises DatasetError unless the folder was made by one of `generators`."""
        if self.generator not in generators:
            raise DatasetError(f"{self.folder} was made by {self.generator!r}, not {' or '.join(generators)}")
        return self


def load(folder):
    """Opens any SynthLoom dataset folder."""
    return Dataset(folder)
