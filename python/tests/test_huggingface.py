"""Hugging Face `datasets` folder loaders see the labels of loom's metadata.jsonl."""

import unittest

from tests.support import LOOM, datasets, have

import synthloom


@unittest.skipUnless(LOOM and have("datasets"), "needs loom and the datasets package (make deps puts it in .venv)")
class HuggingFaceTests(unittest.TestCase):
    def test_audiofolder_reads_syntheory_with_labels(self):
        from datasets import Audio, load_dataset
        folder = datasets()["notes"]
        hf = load_dataset("audiofolder", data_dir=folder, split="train")
        manifest = synthloom.load(folder).labels
        self.assertEqual(len(hf), len(manifest))
        self.assertEqual(hf["root_note_name"], list(manifest["root_note_name"]))
        self.assertIsInstance(hf.features["audio"], Audio)

    def test_videofolder_reads_force_balls_with_labels(self):
        from datasets import load_dataset
        folder = datasets()["force-balls"]
        hf = load_dataset("videofolder", data_dir=folder, split="train")
        manifest = synthloom.load(folder).labels
        self.assertEqual(hf["angle"], list(manifest["angle"]))
        self.assertEqual(hf["caption"], list(manifest["caption"]))


if __name__ == "__main__":
    unittest.main()
