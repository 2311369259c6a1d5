"""The numpy/pandas loaders on datasets made by the loom under test (no torch needed)."""

import json
import os
import subprocess
import unittest

import numpy as np
import pandas as pd

import synthloom
from synthloom import force_prompting, mixtures, mocap, syntheory
from tests.support import LOOM, datasets, loom, scratch


@unittest.skipUnless(LOOM, "needs the loom executable (LOOM=...)")
class LoaderTests(unittest.TestCase):
    def test_every_folder_has_its_card_and_manifest(self):
        for name in ["gaussian", "normal2d", "notes", "force-balls"]:
            ds = synthloom.load(datasets()[name])
            self.assertGreater(len(ds), 0)
            with open(ds.file("README.md"), encoding="utf-8") as f:
                card = f.read()
            self.assertTrue(card.startswith("---\npretty_name:"), name)
            self.assertIn(f"loom generate {ds.generator}", card)
            for label in ds.labels.columns.drop("index"):
                self.assertIn(f"| `{label}` |", card, f"{name}: {label} missing from the data dictionary")

    def test_mixtures_arrays_agree_with_the_manifest(self):
        m = mixtures.load(datasets()["gaussian"])
        labels = m["dataset"].labels
        self.assertEqual(m["features"].shape, (200, 2))
        np.testing.assert_array_equal(m["features"][:, 0], labels["x"].to_numpy())
        np.testing.assert_array_equal(m["data"]["index"].to_numpy(), labels["index"].to_numpy())
        self.assertEqual(len(m["train_index"]) + len(m["test_index"]), 200)
        self.assertEqual(m["true_pmfs"].shape, (len(m["test_index"]), 50))
        np.testing.assert_allclose(m["true_pmfs"].sum(axis=1), 1.0, rtol=1e-9)
        # The binned inputs are numpy's digitize of the features (the original's quantisation).
        bins = np.clip(np.digitize(m["features"], np.linspace(-1, 1, 51)) - 1, 0, 49)
        np.testing.assert_array_equal(bins, m["features_binned"])
        n2 = mixtures.load(datasets()["normal2d"])
        self.assertEqual(n2["samples"].shape, (50, 2))

    def test_syntheory_rows_have_their_audio(self):
        info = syntheory.load(datasets()["notes"])
        self.assertEqual(len(info), 4)
        self.assertEqual(info.columns[0], "row_id")
        for path in info["audio_path"]:
            data, rate = syntheory.read_audio(path)
            self.assertEqual(rate, 44100)
            self.assertEqual(data.shape[1], 2)
            self.assertAlmostEqual(data.shape[0] / rate, 4.0, places=2)
            self.assertGreater(float(np.abs(data).max()), 0.001, f"{path} is silent")
        self.assertIn("root_note_name", syntheory.label_columns(info))

    def test_force_balls_table_joins_the_companion_labels(self):
        table = force_prompting.load(datasets()["force-balls"])
        self.assertEqual(len(table), 2)
        self.assertEqual(list(table.columns[:11]), ["video", "angle", "force", "coordx", "coordy", "frame", "fps",
                                                    "seconds", "width", "height", "caption"])
        self.assertTrue(table["strength_n"].between(8, 64).all())
        np.testing.assert_allclose(table["force"], (table["strength_n"] - 8) / 56, atol=6e-5)
        self.assertTrue(table["frames_in_view_training_window"].between(0, 49).all())
        frames = force_prompting.read_frames(table["video_path"][0])
        self.assertEqual(frames.shape, (49, 96, 160, 3))
        self.assertEqual(frames.dtype, np.uint8)

    def test_point_control_equals_loom_control(self):
        # The numpy control against `loom control point` (the Swift implementation of the same formula).
        out = os.path.join(scratch("synthloom-control-"), "c.npy")
        loom("control", "point", "--angle", "30", "--force", "0.25", "--coordx", "200", "--coordy", "100", "--out", out)
        expected = np.load(out)
        ours = force_prompting.point_control(0.25, 30.0, 200 / 720, 100 / 480)
        self.assertEqual(ours.shape, (49, 3, 480, 720))
        np.testing.assert_allclose(ours, expected, atol=2e-6)
        # The blob starts at the poke pixel (rows from the top) with peak 1.
        self.assertEqual(np.unravel_index(ours[0, 0].argmax(), (480, 720)), (380, 200))

    def test_hugging_face_metadata_lists_every_sample(self):
        for name, column in [("notes", "root_note_name"), ("force-balls", "angle")]:
            ds = synthloom.load(datasets()[name])
            meta = pd.read_json(ds.file("metadata.jsonl"), lines=True)
            self.assertEqual(list(meta["index"]), list(ds.labels["index"]))
            self.assertTrue(all(os.path.isfile(ds.file(p)) for p in meta["file_name"]))
            self.assertEqual(list(meta[column]), list(ds.labels[column]))

    def test_a_folder_that_is_not_a_dataset_is_a_clear_error(self):
        with self.assertRaisesRegex(synthloom.DatasetError, "no dataset.json"):
            synthloom.load(scratch())
        with self.assertRaisesRegex(synthloom.DatasetError, "made by 'mixtures', not syntheory"):
            syntheory.load(datasets()["gaussian"])


class MocapLoaderTests(unittest.TestCase):
    """The mocap loader against the manifest schema alone: windows as `.npy` files plus labels."""

    def make(self, shapes):
        folder = scratch("synthloom-mocap-")
        os.makedirs(os.path.join(folder, "windows"))
        with open(os.path.join(folder, "dataset.json"), "w") as f:
            json.dump({"generator": "mocap", "config": {}, "count": len(shapes)}, f)
        with open(os.path.join(folder, "manifest.jsonl"), "w") as f:
            for i, shape in enumerate(shapes):
                path = f"windows/{i:05d}.npy"
                np.save(os.path.join(folder, path), np.full(shape, i, dtype=np.float32))
                f.write(json.dumps({"index": i, "files": [{"path": path, "bytes": 0, "sha256": ""}],
                                    "labels": {"clip": f"walk_{i}", "fps": 30}}) + "\n")
        return folder

    def test_equal_windows_stack(self):
        windows, labels = mocap.load(self.make([(60, 69)] * 3))
        self.assertEqual(windows.shape, (3, 60, 69))
        self.assertEqual(list(labels["clip"]), ["walk_0", "walk_1", "walk_2"])
        self.assertEqual(float(windows[2, 0, 0]), 2.0)

    def test_ragged_windows_stay_a_list(self):
        windows, _ = mocap.load(self.make([(60, 69), (30, 69)]))
        self.assertEqual([w.shape for w in windows], [(60, 69), (30, 69)])


if __name__ == "__main__":
    unittest.main()
