"""The PyTorch Datasets, for real, where torch is installed (Debian: python3-torch)."""

import unittest

import numpy as np

from tests.support import LOOM, datasets, have


@unittest.skipUnless(LOOM and have("torch"), "needs loom and torch")
class TorchDatasetTests(unittest.TestCase):
    def test_force_balls_items_are_what_the_trainer_builds(self):
        import torch
        from torch.utils.data import DataLoader
        from synthloom.torch import ForceBallsDataset
        ds = ForceBallsDataset(datasets()["force-balls"])
        self.assertEqual(len(ds), 2)
        item = ds[0]
        self.assertEqual(tuple(item["video"].shape), (49, 3, 96, 160))
        self.assertGreaterEqual(float(item["video"].min()), -1.0)
        self.assertLessEqual(float(item["video"].max()), 1.0)
        control = item["controlnet_video"]
        self.assertEqual(tuple(control.shape), (49, 3, 480, 720))
        # Frame 0: the blob's peak at the poke pixel scaled to 720x480, rows from the top.
        row, col = np.unravel_index(int(control[0, 0].argmax()), (480, 720))
        self.assertLessEqual(abs(col - item["x_pos"] * 720), 1)
        self.assertLessEqual(abs(row - (1 - item["y_pos"]) * 480), 1)
        self.assertIn("ball", item["caption"])
        batch = next(iter(DataLoader(ds, batch_size=2, collate_fn=lambda items: items)))
        self.assertEqual(len(batch), 2)
        self.assertTrue(torch.is_tensor(batch[1]["video"]))

    def test_syntheory_items_carry_audio_and_a_class(self):
        from synthloom.torch import SynTheoryDataset
        ds = SynTheoryDataset(datasets()["notes"], label="root_note_name")
        item = ds[1]
        self.assertEqual(item["sample_rate"], 44100)
        self.assertEqual(tuple(item["audio"].shape), (2, 176400))
        self.assertEqual(ds.classes[item["target"]], item["labels"]["root_note_name"])

    def test_mixtures_batches(self):
        import torch
        from torch.utils.data import DataLoader
        from synthloom.torch import MixturesDataset
        train = MixturesDataset(datasets()["gaussian"], split="train")
        test = MixturesDataset(datasets()["gaussian"], split="test")
        self.assertEqual(len(train) + len(test), 200)
        inputs, labels = next(iter(DataLoader(train, batch_size=16)))
        self.assertEqual(tuple(inputs.shape), (16, 2))
        self.assertEqual(inputs.dtype, torch.int64)
        self.assertTrue(bool(((labels >= 0) & (labels < 50)).all()))


if __name__ == "__main__":
    unittest.main()
