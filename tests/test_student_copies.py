"""Student copies: solutions become stubs that fail their checks; nothing else changes.

That the solutions pass their checks is what nbval proves on the stored notebooks; that each
student copy fails exactly its checks is tested in ``test_other_seed.py``, under another seed.
"""

import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from run_notebooks import notebook_paths  # noqa: E402
from student_copies import STUDENTS, bound_names, stub_for, student_version  # noqa: E402

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


def test_a_student_copy_drops_speaker_notes_and_opens_itself_in_colab():
    badge = "# T\n\n[![Open](b.svg)](https://colab.research.google.com/github/o/r/blob/main/notebooks/a.ipynb)"
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(badge, metadata={"speaker_notes": "Ask the class."}),
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["solution"]}),
    ])
    student = student_version(notebook)
    assert "blob/main/students/a.ipynb" in student.cells[0].source
    assert "speaker_notes" not in student.cells[0].metadata
    assert student.cells[1].source.endswith("x = None\n")
    assert "speaker_notes" in notebook.cells[0].metadata, "the notebook itself is unchanged"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_the_stored_student_copy_matches_its_notebook(path):
    stored = STUDENTS / path.name
    assert stored.is_file(), f"no {stored.relative_to(STUDENTS.parent)}: run `make students`"
    expected = student_version(nbformat.read(path, as_version=4))
    assert nbformat.read(stored, as_version=4) == expected, (
        f"{stored.name} is stale: run `make students` (or `make execute`)"
    )


def test_every_student_copy_has_its_notebook():
    assert {p.name for p in STUDENTS.glob("*.ipynb")} == {p.name for p in NOTEBOOKS}
