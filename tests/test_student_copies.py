"""Student copies: solutions become stubs that fail their checks; nothing else changes.

That the solutions pass their checks is what nbval proves on the stored notebooks.
"""

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from run_notebooks import notebook_paths  # noqa: E402
from student_copies import bound_names, stub_for, student_version  # noqa: E402

NOTEBOOKS = notebook_paths([])


def test_bound_names_cover_assignments_defs_and_tuples():
    source = "a = 1\nb, (c, d) = 2, (3, 4)\ndef f():\n    inner = 1\nx.attr = 5\nn: int = 3\n"
    assert bound_names(source) == ["a", "b", "c", "d", "f", "n"]


def test_stub_binds_the_same_names_to_none():
    stub = stub_for("answer = 4 * (3 + 4 + 1)\n")
    assert stub.splitlines()[0].startswith("# TODO")
    namespace = {}
    exec(stub, namespace)
    assert namespace["answer"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_student_copy_fails_exactly_its_checks(path, tmp_path):
    student = student_version(nbformat.read(path, as_version=4))
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code")
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells)
    client = NotebookClient(
        student,
        kernel_name="rnn-topologies",
        timeout=300,
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    failed = {
        i
        for i, cell in enumerate(student.cells)
        if cell.cell_type == "code" and any(o.output_type == "error" for o in cell.outputs)
    }
    checks = {i for i, c in enumerate(student.cells) if "check" in c.metadata.get("tags", [])}
    assert failed == checks, "every check fails on the stubs, and no other cell fails"
