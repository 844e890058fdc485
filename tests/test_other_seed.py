"""Every notebook runs once more: as its student copy, under another seed, on the other backend.

The stored outputs (seed 42, TensorFlow) are what nbval compares, and nbval also proves that
the solutions pass their checks. This run proves three more things with one execution per
notebook:

- the notebook runs on Keras' JAX backend too (the kernel ``rnn-topologies-jax``), with no
  line of TensorFlow in it;
- its claims are not properties of seed 42 alone: it runs with the environment variable
  ``RNN_TOPOLOGIES_SEED`` set (``helpers.reproducibility.seed_everything`` takes the seed from
  it), and every cell other than an exercise check must succeed, asserts included;
- the student copy (``tools/student_copies.py``) works: its solutions are stubs, so exactly its
  check cells fail, and nothing else.

``make robustness`` runs the full notebooks over many seeds.
"""

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from install_kernel import KERNEL_OF  # noqa: E402
from run_notebooks import kernel_environment, notebook_paths, stream_text  # noqa: E402
from student_copies import student_version  # noqa: E402

from helpers.reproducibility import DEFAULT_SEED, SEED_VARIABLE  # noqa: E402

NOTEBOOKS = notebook_paths([])
# Outside make robustness' seeds 0-9, so that the test adds a draw; RNN_TOPOLOGIES_TEST_SEED
# picks another.
OTHER_SEED = int(os.environ.get("RNN_TOPOLOGIES_TEST_SEED", "123"))
# The backend that nbval's run (the stored outputs) does not cover.
OTHER_BACKEND = "jax"
OTHER_KERNEL = KERNEL_OF[OTHER_BACKEND]


def test_the_other_seed_is_another_seed():
    assert OTHER_SEED != DEFAULT_SEED


def first_error(cell) -> str:
    for output in cell.outputs:
        if output.output_type == "error":
            return f"{output.ename}: {output.evalue}"
    return ""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_student_copy_under_another_seed_on_jax_fails_exactly_its_checks(path):
    student = student_version(nbformat.read(path, as_version=4))
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code")
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells)
    client = NotebookClient(
        student,
        kernel_name=OTHER_KERNEL,
        timeout=300,
        allow_errors=True,
        record_timing=False,
        shutdown_kernel="immediate",  # as make run does (tools/run_notebooks.py)
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(env=kernel_environment({SEED_VARIABLE: str(OTHER_SEED)}))
    checks = {i for i, c in enumerate(student.cells) if "check" in c.metadata.get("tags", [])}
    failed = {
        i: first_error(cell)
        for i, cell in enumerate(student.cells)
        if cell.cell_type == "code" and first_error(cell)
    }
    unexpected = {i: error for i, error in failed.items() if i not in checks}
    assert not unexpected, (
        f"{path.name} under seed {OTHER_SEED} on {OTHER_BACKEND}, cells that failed: {unexpected}"
    )
    assert set(failed) == checks, "every check fails on the stubs"
    setup_line = f"on the {OTHER_BACKEND} backend, seed {OTHER_SEED}"
    assert setup_line in stream_text(student), "the setup line prints the backend and seed used"
