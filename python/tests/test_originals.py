"""The original projects' scripts on our folders, where a checkout of them is given.

FORCE_PROMPTING_REPO: a checkout of github.com/brown-palm/force-prompting; its CSV builder
`generate_csv_for_plants_and_balls_from_dir.py` (needs cv2 and tqdm: Debian python3-opencv,
python3-tqdm) runs unchanged on our force-balls folder and must give our trainer CSV's rows."""

import os
import subprocess
import sys
import unittest

import pandas as pd

from tests.support import LOOM, datasets, have, scratch

BUILDER = "scripts/build_synthetic_datasets/poke_model_rolling_balls/generate_csv_for_plants_and_balls_from_dir.py"
REPO = os.environ.get("FORCE_PROMPTING_REPO", "")


@unittest.skipUnless(LOOM and REPO and have("cv2") and have("tqdm"),
                     "needs FORCE_PROMPTING_REPO (a force-prompting checkout), cv2 and tqdm")
class ForcePromptingBuilderTests(unittest.TestCase):
    def test_the_original_csv_builder_reproduces_our_csv(self):
        folder = datasets()["force-balls"]
        out = os.path.join(scratch("synthloom-fp-"), "built.csv")
        run = subprocess.run([sys.executable, os.path.join(REPO, BUILDER), "--file_type", "video",
                              "--file_dir", os.path.join(folder, "videos"), "--output_path", out,
                              "--backgrounds_json_path_soccer", os.path.join(folder, "backgrounds_soccer.json"),
                              "--backgrounds_json_path_bowling", os.path.join(folder, "backgrounds_bowling.json")],
                             capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr)
        built = pd.read_csv(out, dtype=str, keep_default_na=False)
        ours = pd.read_csv(os.path.join(folder, "force_balls.csv"), dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(built, ours)


if __name__ == "__main__":
    unittest.main()
