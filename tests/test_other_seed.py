"""Every notebook runs once more under a seed other than the stored one, asserts included.

The stored outputs (seed 42) are what nbval compares; this run proves that the notebooks'
claims are not properties of seed 42 alone. It executes each notebook with the environment
variable ``RNN_TOPOLOGIES_SEED`` set (``helpers.reproducibility.seed_everything`` takes the seed
from it), keeps nothing, and fails with the failing assert's line. ``make robustness`` runs the
same check over many seeds.
"""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from run_notebooks import error_of, notebook_paths, run_one, stream_text  # noqa: E402

from helpers.reproducibility import DEFAULT_SEED, SEED_VARIABLE  # noqa: E402

NOTEBOOKS = notebook_paths([])
# Outside make robustness' seeds 0-9, so that the test adds a draw; RNN_TOPOLOGIES_TEST_SEED
# picks another.
OTHER_SEED = int(os.environ.get("RNN_TOPOLOGIES_TEST_SEED", "123"))


def test_the_other_seed_is_another_seed():
    assert OTHER_SEED != DEFAULT_SEED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_holds_under_another_seed(path):
    notebook, status, _, _ = run_one(
        path, "rnn-topologies", timeout=300, env={SEED_VARIABLE: str(OTHER_SEED)}
    )
    assert status == "ok", f"{path.name} under seed {OTHER_SEED}: {error_of(notebook)}"
    assert f"seed {OTHER_SEED}" in stream_text(notebook), "the setup line prints the seed used"
