"""Keep every notebook ready for Colab: its badge and its install cell name the repository
given once, in pyproject.toml ([project.urls] Repository).

The install cell is the first code cell of each notebook's Setup section (tagged
``colab-setup``). Opened alone in Colab, it installs the ``helpers`` package from the repository,
at the tag ``v<version>`` of pyproject.toml's version: a notebook saved last term keeps the
helpers it was written with, as d2l's notebooks pin their library. Where ``helpers`` is already
importable (the repository's .venv) it does nothing. pip keeps the TensorFlow and Keras that
Colab already has, since they satisfy the package's requirements. Its last lines say how to
switch Keras to the JAX backend. Each release is tagged
``v<version>`` when pyproject.toml's version changes.

Usage:
    python tools/colab.py            rewrite badges and install cells where they differ
    python tools/colab.py --check    exit 1 if any notebook is out of date (used by the tests)
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

import nbformat
from run_notebooks import notebook_paths

ROOT = Path(__file__).resolve().parent.parent
TAG = "colab-setup"
PACKAGE_ENV = "RNN_TOPOLOGIES_PACKAGE"
INSTALL_CELL = '''\
# Colab, or any Python without this repository: install the course's `helpers` package, the
# version this notebook was written with. Where it is installed already (the repository's .venv)
# this cell does nothing.
import importlib.util
import os
import subprocess
import sys

if importlib.util.find_spec("helpers") is None:
    package = os.environ.get("{env}", "git+{repository}@v{version}")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], check=True)

# Keras runs on TensorFlow unless told otherwise. To run this notebook on JAX (Colab has it; the
# repository's kernel rnn-topologies-jax does the same), uncomment the next line, restart the
# kernel (Colab: Runtime > Restart session) and run from the top: the backend is chosen once,
# when Keras is first imported.
# os.environ["KERAS_BACKEND"] = "jax"'''
BADGE = re.compile(r"https://colab\.research\.google\.com/github/[^)\s]+")


def project_table() -> dict:
    """Return the [project] table of pyproject.toml."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def repository_url() -> str:
    """Return the repository URL from pyproject.toml."""
    return project_table()["urls"]["Repository"].rstrip("/")


def badge_url(repository: str, path: Path, folder: str = "notebooks") -> str:
    """Return the Colab URL that opens ``FOLDER/NAME.ipynb`` from the repository's main."""
    owner_and_name = repository.split("github.com/", 1)[1]
    return f"https://colab.research.google.com/github/{owner_and_name}/blob/main/{folder}/{path.name}"


def install_cell_source(repository: str) -> str:
    """Return the install cell, pinned to the tag of pyproject.toml's version."""
    version = project_table()["version"]
    return INSTALL_CELL.format(env=PACKAGE_ENV, repository=repository, version=version)


def synced(notebook, path: Path, repository: str) -> bool:
    """Bring one notebook's badge and install cell up to date; return True if it changed."""
    changed = False
    title = notebook.cells[0]
    new_title = BADGE.sub(badge_url(repository, path), title.source)
    if new_title != title.source:
        title.source, changed = new_title, True
    source = install_cell_source(repository)
    tagged = [c for c in notebook.cells if TAG in c.metadata.get("tags", [])]
    if tagged:
        if tagged[0].source != source:
            tagged[0].source, changed = source, True
        return changed
    setup = next(
        i for i, c in enumerate(notebook.cells)
        if c.cell_type == "markdown" and c.source.startswith("## Setup")
    )
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [TAG]})
    notebook.cells.insert(setup + 1, cell)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report notebooks to update")
    args = parser.parse_args(argv)
    repository = repository_url()
    stale = []
    for path in notebook_paths([]):
        notebook = nbformat.read(path, as_version=4)
        if synced(notebook, path, repository):
            stale.append(path.name)
            if not args.check:
                nbformat.write(notebook, path)
    verb = "out of date" if args.check else "updated"
    for name in stale:
        print(f"{name}: {verb}")
    if args.check and stale:
        print("run `python tools/colab.py`, then re-execute the notebooks", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
