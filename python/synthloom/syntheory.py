"""SynTheory concept datasets (`loom generate syntheory`): `info.csv` and the audio clips."""

import os

import numpy as np
import pandas as pd

from .dataset import Dataset, DatasetError

AUDIO_EXTENSIONS = (".wav", ".flac")


def load(folder):
    """The concept's `info.csv` (the original's columns) as a DataFrame, plus `audio_path`: the
    absolute path of each row's clip: `offset_file_path` where the concept has it (tempos and time
    signatures: the 4-s crop, not the long render it was cut from), else `synth_file_path`; None
    for MIDI-only datasets."""
    ds = Dataset(folder).expect("syntheory")
    info = pd.read_csv(ds.file("info.csv"), keep_default_na=False)
    if len(info) != len(ds):
        raise DatasetError(f"{ds.folder}: info.csv has {len(info)} rows, manifest.jsonl {len(ds)}")
    column = next((c for c in ("offset_file_path", "synth_file_path") if c in info.columns), None)
    if column:
        info["audio_path"] = [ds.file(p) if p and os.path.isfile(ds.file(p)) else None for p in info[column]]
    else:
        info["audio_path"] = [audio_file(ds, i) for i in range(len(ds))]
    return info


def audio_file(ds, i):
    """Sample `i`'s audio clip (absolute path), or None when it has none."""
    for p in ds.files(i):
        if p.lower().endswith(AUDIO_EXTENSIONS):
            return p
    return None


def read_audio(path):
    """A clip as float32 (frames, channels) and its sample rate in Hz: WAV and FLAC through
    soundfile when it is installed, WAV through scipy otherwise."""
    try:
        import soundfile
    except ImportError:
        soundfile = None
    if soundfile is not None:
        data, rate = soundfile.read(path, dtype="float32", always_2d=True)
        return data, rate
    if not path.lower().endswith(".wav"):
        raise DatasetError(f"{path}: reading FLAC needs the soundfile package (Debian: python3-soundfile)")
    from scipy.io import wavfile
    rate, data = wavfile.read(path)
    if data.dtype == np.int16:
        data = data.astype(np.float32) / 32768.0
    data = data.astype(np.float32, copy=False)
    return (data if data.ndim == 2 else data[:, None]), rate


def label_columns(info):
    """The label columns of a concept's table (what a probe predicts), without paths and ids."""
    skip = {"row_id", "audio_path", "synth_file_path", "midi_file_path", "offset_time", "peak_amplitude"}
    return [c for c in info.columns if c not in skip and not c.endswith("_path")]
