"""Loaders for SynthLoom datasets: numpy/pandas loaders (no torch needed), PyTorch Datasets in
`synthloom.torch`, and Hugging Face metadata written by `loom` itself."""

from .dataset import Dataset, DatasetError, load
from . import force_prompting, mixtures, mocap, syntheory

__all__ = ["Dataset", "DatasetError", "load", "force_prompting", "mixtures", "mocap", "syntheory"]
__version__ = "0.1.0"
