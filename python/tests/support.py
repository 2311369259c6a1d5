"""Shared by the tests: the `loom` under test and small datasets it makes once per test run."""

import atexit
import functools
import os
import shutil
import subprocess
import tempfile

LOOM = os.environ.get("LOOM") or shutil.which("loom")


def loom(*args):
    """Runs loom; raises with its stderr when it fails."""
    if not LOOM:
        raise RuntimeError("set LOOM to the loom executable (make test-python does)")
    run = subprocess.run([LOOM, *args], capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"loom {' '.join(args)} failed ({run.returncode}): {run.stderr.strip()}")
    return run


def scratch(prefix="synthloom-test-"):
    """A fresh temporary folder, removed when the tests end."""
    root = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, root, True)
    return root


@functools.lru_cache(maxsize=None)
def datasets():
    """One small dataset of every generator of the default pipeline, made once: folder paths by name."""
    root = scratch("synthloom-py-")
    out = ["--out", root, "--quiet"]
    loom("generate", "mixtures", "--dataset", "gaussian", "--rows", "200", *out)
    loom("generate", "mixtures", "--dataset", "normal2d", "--rows", "50", *out)
    loom("generate", "syntheory", "--concept", "notes", "--limit", "4", *out)
    loom("generate", "force-balls", "--count", "2", "--width", "160", "--height", "96", "--samples", "1",
         "--preset", "ultrafast", *out)
    return {"root": root, "gaussian": os.path.join(root, "mixtures-gaussian"),
            "normal2d": os.path.join(root, "mixtures-normal2d"), "notes": os.path.join(root, "notes"),
            "force-balls": os.path.join(root, "force-balls")}


def have(module):
    """Whether a Python module can be imported here."""
    try:
        __import__(module)
        return True
    except ImportError:
        return False
