"""Force Prompting point-force clips (`loom generate force-balls`): the trainer's CSV, the control
signal built exactly as the original trainer builds it, and the clips' frames."""

import math
import os
import subprocess

import numpy as np
import pandas as pd

from .dataset import Dataset, DatasetError

TRAINER_CSV = "force_balls.csv"
COMPANION_CSV = "force_balls_labels.csv"
# The trainer's frame window for ball clips: mp4 frames 10, 11, ..., 58 (Blender frames 21-69).
TRAINING_FRAMES = list(range(10, 10 + 49))


def load(folder):
    """The trainer's CSV (`video, angle, force, coordx, coordy, frame, fps, seconds, width, height,
    caption`) joined on `video` with the companion table (push in N, ball, ground, frames in view,
    ...), plus `video_path`: each clip's absolute path. Rows in the trainer CSV's order."""
    ds = Dataset(folder).expect("force-balls")
    trainer = pd.read_csv(ds.file(TRAINER_CSV))
    if os.path.isfile(ds.file(COMPANION_CSV)):
        trainer = trainer.merge(pd.read_csv(ds.file(COMPANION_CSV)), on="video", how="left")
    trainer["video_path"] = [ds.file(os.path.join("videos", v)) for v in trainer["video"]]
    return trainer


def point_control(force, angle, x_pos, y_pos, min_force=0.0, max_force=1.0,
                  num_frames=49, num_channels=3, height=480, width=720):
    """The point-force control video, (frames, channels, height, width) float32, as the original
    trainer's `load_controlnet_signal`: a Gaussian blob (sigma 20 px, peak 1, on 0, the same in
    every channel) moving at constant speed from (x_pos*W, (1-y_pos)*H) over W/8 + 3W/8 * f pixels
    in direction `angle` (degrees, counter-clockwise from image right), f = (force - min_force) /
    (max_force - min_force). The trainer takes min/max over its CSV's `force` column."""
    x0 = x_pos * width
    y0 = (1 - y_pos) * height
    f = (force - min_force) / (max_force - min_force)
    travel = width / 8 + (width / 2 - width / 8) * f
    x1 = x0 + travel * math.cos(angle * math.pi / 180.0)
    y1 = y0 - travel * math.sin(angle * math.pi / 180.0)
    rows = np.arange(height, dtype=np.float32)[:, None]
    cols = np.arange(width, dtype=np.float32)[None, :]
    out = np.empty((num_frames, num_channels, height, width), dtype=np.float32)
    for k in range(num_frames):
        t = k / (num_frames - 1)
        cx = x0 * (1 - t) + x1 * t
        cy = y0 * (1 - t) + y1 * t
        blob = np.exp(-((cols - np.float32(cx)) ** 2 + (rows - np.float32(cy)) ** 2) / (2.0 * 20 ** 2))
        out[k] = blob[None]
    return out


def read_frames(path, indices=TRAINING_FRAMES):
    """Frames `indices` of a clip as uint8 (len(indices), height, width, 3) RGB, decoded by ffmpeg."""
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                            "stream=width,height", "-of", "csv=p=0", path], capture_output=True, text=True)
    if probe.returncode != 0:
        raise DatasetError(f"{path}: ffprobe cannot read it: {probe.stderr.strip()}")
    width, height = (int(v) for v in probe.stdout.strip().split(","))
    wanted = sorted(set(indices))
    select = "+".join(f"eq(n\\,{i})" for i in wanted)
    run = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-vf", f"select={select}", "-vsync", "0",
                          "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True)
    if run.returncode != 0:
        raise DatasetError(f"{path}: ffmpeg cannot decode it: {run.stderr.decode(errors='replace').strip()}")
    frames = np.frombuffer(run.stdout, dtype=np.uint8).reshape(-1, height, width, 3)
    if len(frames) != len(wanted):
        raise DatasetError(f"{path}: has {len(frames)} of the frames {wanted[0]}..{wanted[-1]}")
    position = {i: k for k, i in enumerate(wanted)}
    return frames[[position[i] for i in indices]]
