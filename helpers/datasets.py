"""The small public time series shipped in ``data/``, each with its source note beside it.

In a clone of the repository the files are read from ``data/``. Where ``helpers`` was installed
on its own (in Colab, say), the file and its ``.names`` note are fetched once from the
repository named in the package metadata into ``~/.cache/rnn-topologies``. The environment
variable ``RNN_TOPOLOGIES_DATA_URL`` points elsewhere (a mirror, or ``file://`` for tests).
"""

from __future__ import annotations

import csv
import os
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CACHE_DIR = Path.home() / ".cache" / "rnn-topologies"
DATA_URL_ENV = "RNN_TOPOLOGIES_DATA_URL"


def repository_url() -> str:
    """Return the repository's URL from the installed package's metadata (pyproject.toml)."""
    for entry in metadata.metadata("rnn-topologies").get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "repository":
            return url.strip().rstrip("/")
    raise ValueError("the rnn-topologies package metadata names no Repository URL")


def data_url() -> str:
    """Return the base URL that the data files are fetched from when they are not local."""
    if os.environ.get(DATA_URL_ENV):
        return os.environ[DATA_URL_ENV].rstrip("/")
    owner_and_name = repository_url().split("github.com/", 1)[-1]
    return f"https://raw.githubusercontent.com/{owner_and_name}/main/data"


def data_path(name: str) -> Path:
    """Return the path of ``data/NAME``: in the repository, or fetched into the cache."""
    if not isinstance(name, str) or not name or "/" in name:
        raise ValueError(f"name must be a file name such as 'airline-passengers.csv', got {name!r}")
    if DATA_DIR.is_dir():
        path = DATA_DIR / name
        if not path.is_file():
            available = sorted(p.name for p in DATA_DIR.glob("*.csv"))
            raise ValueError(f"name must be a file in {DATA_DIR}, got {name!r}; "
                             f"available: {available}")
        return path
    return _fetch(name)


def _fetch(name: str) -> Path:
    """Download ``name`` and its ``.names`` source note into the cache, once."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for file_name in (name, Path(name).with_suffix(".names").name):
        target = CACHE_DIR / file_name
        if target.is_file():
            continue
        url = f"{data_url()}/{file_name}"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                target.write_bytes(response.read())
        except (urllib.error.URLError, OSError) as error:
            message = f"name {file_name!r} could not be fetched from {url}: {error}"
            raise ValueError(message) from error
    return CACHE_DIR / name


def load_series(path, column: int = 1) -> tuple[list[str], np.ndarray]:
    """Return ``(labels, values)`` from a two-column CSV with a header: labels as strings and
    values of shape (rows,), e.g. months and passenger counts."""
    with open(path, newline="") as handle:
        rows = [row for row in csv.reader(handle) if row]
    if len(rows) < 2:
        raise ValueError(f"{path} must hold a header and at least one row of data")
    header, body = rows[0], rows[1:]
    if not 0 <= column < len(header):
        raise ValueError(f"column must be in 0..{len(header) - 1} for {header}, got {column}")
    labels = [row[0] for row in body]
    values = np.array([float(row[column]) for row in body], dtype="float32")
    return labels, values
