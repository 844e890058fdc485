"""Write a student version of each notebook: outputs cleared, each exercise's solution replaced
by a TODO stub, the check cells kept so that a student sees when an answer is right.

A solution cell (tagged ``solution``) becomes a stub that binds the same top-level names to
``None``: the check cell below it then fails until the student writes an answer. The teacher's
speaker notes are left out, and the Colab badge opens the student copy.

The copies are kept in ``students/`` in the repository (like the notebooks' stored outputs,
they are generated and committed) because Colab opens notebooks from GitHub: the course site
links each one, and a teacher can hand out its link. ``tests/test_student_copies.py`` checks
that they match the notebooks.

Usage: python tools/student_copies.py [--out students] [notebooks ...]
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

import nbformat
from run_notebooks import ROOT, notebook_paths

STUB_HEADER = "# TODO: your answer here. The cell below checks it."
STUDENTS = ROOT / "students"
SPEAKER_NOTES = "speaker_notes"  # cell metadata: Markdown for the presenter view


def bound_names(source: str) -> list[str]:
    """Return the names a cell binds at top level (assignments, defs, imports), in order."""
    names: list[str] = []
    for node in ast.parse(source).body:
        targets: list[ast.AST] = []
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        for target in targets:
            for leaf in ast.walk(target):
                if isinstance(leaf, ast.Name) and isinstance(leaf.ctx, ast.Store):
                    names.append(leaf.id)
    return list(dict.fromkeys(names))


def stub_for(source: str) -> str:
    """Return the TODO stub that replaces a solution cell's source."""
    names = bound_names(source)
    if not names:
        return STUB_HEADER + "\n"
    return STUB_HEADER + "\n" + "\n".join(f"{name} = None" for name in names) + "\n"


def student_version(notebook):
    """Return a copy of ``notebook`` with outputs cleared, solutions stubbed, no speaker notes,
    and a Colab badge that opens ``students/NAME.ipynb``."""
    copy = nbformat.from_dict(notebook)
    title = copy.cells[0]
    title.source = title.source.replace("/blob/main/notebooks/", "/blob/main/students/")
    for cell in copy.cells:
        cell.metadata.pop(SPEAKER_NOTES, None)
        if cell.cell_type != "code":
            continue
        cell.outputs = []
        cell.execution_count = None
        if "solution" in cell.metadata.get("tags", []):
            cell.source = stub_for(cell.source)
            cell.metadata["tags"] = ["exercise"]
    return copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: all)")
    parser.add_argument("--out", default=str(STUDENTS), help="folder for the student copies")
    args = parser.parse_args(argv)
    paths = notebook_paths(args.notebooks)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        notebook = student_version(nbformat.read(path, as_version=4))
        stubs = sum("exercise" in c.metadata.get("tags", []) for c in notebook.cells)
        nbformat.write(notebook, out / path.name)
        print(f"{out / path.name}: {stubs} exercises to do")
    return 0


if __name__ == "__main__":
    sys.exit(main())
